//! The catalog's vocabulary: access technologies, markets, products, packages and add-ons.
//!
//! Seed `tmf622-product-order-pr-jm-pa.txt` (seed 004, "Packages FTTH COAX" table) makes the
//! access technology decide which packages exist, so eligibility must say which one an address
//! has. The concrete plans and codes come from the offers call at run time; this module holds
//! only the *kinds* the rules reason about and the few codes the seed fixes (`ZMPBI`, `0MSIN`,
//! `0MINS`). It must never hard-code a price or a plan.

use crate::address::InputError;
use crate::rules::RuleViolation;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the home is connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Technology {
    /// Fibre to the home.
    #[serde(rename = "FTTH")]
    Ftth,
    /// Hybrid fibre-coax (cable).
    #[serde(rename = "COAX")]
    Coax,
}

impl fmt::Display for Technology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ftth => "FTTH",
            Self::Coax => "COAX",
        })
    }
}

/// The operator's markets in the seeds. Jamaica runs two BSS stacks (Liberate, Cerillion);
/// which one serves an order is a property of the order body, not of the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Market {
    #[serde(rename = "PR")]
    PuertoRico,
    #[serde(rename = "JM")]
    Jamaica,
    #[serde(rename = "PA")]
    Panama,
}

impl Market {
    /// The `businessId` path parameter of the productOrder call (seed 004: "For LCPR it is 'PR'").
    pub fn business_id(self) -> &'static str {
        match self {
            Self::PuertoRico => "PR",
            Self::Jamaica => "JM",
            Self::Panama => "PA",
        }
    }

    /// Whether customers here can order through this web channel. Seed 004's JM and PA
    /// productOrder bodies ("Request Body for JM Liberate / JM Cerillion", "Response for PA")
    /// carry staff, site and exchange characteristics (`cisEmpId`, `siteCode`, `exchangeId`…)
    /// that an agent in a store or call centre has and a web customer does not; so online
    /// orders are Puerto Rico's, and the app says so at the address, before any step.
    pub fn orders_online(self) -> bool {
        matches!(self, Self::PuertoRico)
    }

    /// The market's civil time as an offset from UTC, in minutes. Puerto Rico keeps Atlantic
    /// Standard Time (UTC−4), Jamaica and Panama Eastern Standard Time (UTC−5), all year: none
    /// of the three observes daylight saving, so a fixed offset is exact and the browser's own
    /// time zone (a kiosk set up elsewhere, a traveller's phone) never decides what is shown.
    pub const fn utc_offset_minutes(self) -> i64 {
        match self {
            Self::PuertoRico => -4 * 60,
            Self::Jamaica | Self::Panama => -5 * 60,
        }
    }

    /// The offset as people read it: "UTC−4", "UTC−5" (with a real minus sign).
    pub const fn utc_offset_label(self) -> &'static str {
        match self {
            Self::PuertoRico => "UTC\u{2212}4",
            Self::Jamaica | Self::Panama => "UTC\u{2212}5",
        }
    }

    /// The market's main city, which names its time in a confirmation ("Kingston time").
    pub const fn time_city(self) -> &'static str {
        match self {
            Self::PuertoRico => "San Juan",
            Self::Jamaica => "Kingston",
            Self::Panama => "Panama City",
        }
    }
}

/// A product, package or add-on code as Hybris and the BSS spell it (`F7B3I`, `0MSIN`,
/// `609002_RES`, `2P600LF`): 1 to 20 ASCII letters, digits, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProductCode(String);

/// Longest code we accept; the seed's longest is 10 (`609002_RES`).
pub const MAX_CODE_CHARS: usize = 20;

impl ProductCode {
    pub fn new(raw: &str) -> Result<Self, InputError> {
        const FIELD: &str = "product code";
        if raw.is_empty() {
            return Err(InputError::Empty(FIELD));
        }
        if raw.len() > MAX_CODE_CHARS {
            return Err(InputError::TooLong {
                field: FIELD,
                max: MAX_CODE_CHARS,
            });
        }
        if let Some(found) = raw
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            return Err(InputError::InvalidCharacter {
                field: FIELD,
                found,
            });
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProductCode {
    type Error = InputError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::new(&raw)
    }
}

impl From<ProductCode> for String {
    fn from(c: ProductCode) -> Self {
        c.0
    }
}

impl fmt::Display for ProductCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The BSS `ServiceType` characteristic on every PR order line (seed 004 examples).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceType {
    /// `CV`: cable video (TV).
    #[serde(rename = "CV")]
    Video,
    /// `HS`: high-speed data (Internet).
    #[serde(rename = "HS")]
    HighSpeedData,
    /// `TD`: telephone (digital voice).
    #[serde(rename = "TD")]
    Telephone,
    /// `NU`: non-usage items (install charge, paper bill).
    #[serde(rename = "NU")]
    NonUsage,
}

impl ServiceType {
    pub fn code(self) -> &'static str {
        match self {
            Self::Video => "CV",
            Self::HighSpeedData => "HS",
            Self::Telephone => "TD",
            Self::NonUsage => "NU",
        }
    }

    /// Which product a package component of this service type belongs to.
    pub fn product(self) -> Option<ProductKind> {
        match self {
            Self::Video => Some(ProductKind::Tv),
            Self::HighSpeedData => Some(ProductKind::Internet),
            Self::Telephone => Some(ProductKind::Telephone),
            Self::NonUsage => None,
        }
    }
}

/// The three products in scope (seed 004, "Functionality Scope" 2: "Telephone (Fixed), Video
/// (TV) and Internet products are in scope").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    Internet,
    Tv,
    Telephone,
}

impl fmt::Display for ProductKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Internet => "Internet",
            Self::Tv => "TV",
            Self::Telephone => "Telephone",
        })
    }
}

/// The seven package combinations of seed 004's package table. Which products a package holds
/// is the variant itself, so "TV + Phone + Phone" cannot be written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    /// 1P Telephone
    Telephone,
    /// 1P Video/TV
    Tv,
    /// 1P Internet
    Internet,
    /// 2P TV + Internet
    TvInternet,
    /// 2P TV + Phone
    TvTelephone,
    /// 2P Internet + Phone
    InternetTelephone,
    /// 3P TV + Phone + Internet
    TriplePlay,
}

impl PackageKind {
    pub const ALL: [Self; 7] = [
        Self::Telephone,
        Self::Tv,
        Self::Internet,
        Self::TvInternet,
        Self::TvTelephone,
        Self::InternetTelephone,
        Self::TriplePlay,
    ];

    /// The package holding exactly these products, if any (none for the empty set).
    pub fn from_products(internet: bool, tv: bool, telephone: bool) -> Option<Self> {
        Some(match (internet, tv, telephone) {
            (false, false, false) => return None,
            (false, false, true) => Self::Telephone,
            (false, true, false) => Self::Tv,
            (true, false, false) => Self::Internet,
            (true, true, false) => Self::TvInternet,
            (false, true, true) => Self::TvTelephone,
            (true, false, true) => Self::InternetTelephone,
            (true, true, true) => Self::TriplePlay,
        })
    }

    pub fn has(self, product: ProductKind) -> bool {
        let (i, t, p) = match self {
            Self::Telephone => (false, false, true),
            Self::Tv => (false, true, false),
            Self::Internet => (true, false, false),
            Self::TvInternet => (true, true, false),
            Self::TvTelephone => (false, true, true),
            Self::InternetTelephone => (true, false, true),
            Self::TriplePlay => (true, true, true),
        };
        match product {
            ProductKind::Internet => i,
            ProductKind::Tv => t,
            ProductKind::Telephone => p,
        }
    }

    /// 1, 2 or 3 ("1P", "2P", "3P").
    pub fn plays(self) -> u8 {
        [
            ProductKind::Internet,
            ProductKind::Tv,
            ProductKind::Telephone,
        ]
        .into_iter()
        .filter(|p| self.has(*p))
        .count() as u8
    }
}

impl fmt::Display for PackageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Telephone => "1P Telephone",
            Self::Tv => "1P TV",
            Self::Internet => "1P Internet",
            Self::TvInternet => "2P TV + Internet",
            Self::TvTelephone => "2P TV + Phone",
            Self::InternetTelephone => "2P Internet + Phone",
            Self::TriplePlay => "3P TV + Phone + Internet",
        })
    }
}

/// TV package tier (seed 004, "Key Considerations" 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TvTier {
    Premium,
    UPick,
    Ultimate,
}

impl fmt::Display for TvTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Premium => "Premium",
            Self::UPick => "U-pick",
            Self::Ultimate => "Ultimate",
        })
    }
}

/// The TV box that comes with a TV package; Hub TV makes cloud DVR applicable (seed 004,
/// "Key Considerations" 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TvBox {
    Standard,
    HubTv,
}

/// What a package's TV carries: its tier and box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TvSpec {
    pub tier: TvTier,
    pub tv_box: TvBox,
}

/// One product line of a package, sent as a `Package` order item in PR.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ComponentWire", into = "ComponentWire")]
pub struct Component {
    code: ProductCode,
    service_type: ServiceType,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComponentWire {
    code: ProductCode,
    service_type: ServiceType,
}

impl Component {
    /// A package component must be TV, Internet or Telephone: non-usage items are order lines.
    pub fn new(code: ProductCode, service_type: ServiceType) -> Result<Self, RuleViolation> {
        if service_type.product().is_none() {
            return Err(RuleViolation::NonUsageInPackage { code });
        }
        Ok(Self { code, service_type })
    }
    pub fn code(&self) -> &ProductCode {
        &self.code
    }
    pub fn service_type(&self) -> ServiceType {
        self.service_type
    }
}

impl TryFrom<ComponentWire> for Component {
    type Error = RuleViolation;
    fn try_from(w: ComponentWire) -> Result<Self, Self::Error> {
        Self::new(w.code, w.service_type)
    }
}

impl From<Component> for ComponentWire {
    fn from(c: Component) -> Self {
        Self {
            code: c.code,
            service_type: c.service_type,
        }
    }
}

/// A package as the offers call describes it: its code (the `id` of every PR `Package` order
/// item), its components in the catalogue's order, and its TV tier and box when it has TV.
///
/// Which products it holds is derived from its components, so it can never disagree with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PackageWire", into = "PackageWire")]
pub struct Package {
    code: ProductCode,
    components: Vec<Component>,
    tv: Option<TvSpec>,
    kind: PackageKind,
    /// The access technology the package's components are built for, when the catalogue says
    /// (fibre components such as `FJ43X` or `FFONT` work on FTTH only); `None`: either.
    built_on: Option<Technology>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageWire {
    code: ProductCode,
    components: Vec<Component>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tv: Option<TvSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    technology: Option<Technology>,
}

impl Package {
    pub fn new(
        code: ProductCode,
        components: Vec<Component>,
        tv: Option<TvSpec>,
    ) -> Result<Self, RuleViolation> {
        let has = |p| {
            components
                .iter()
                .any(|c| c.service_type.product() == Some(p))
        };
        let kind = PackageKind::from_products(
            has(ProductKind::Internet),
            has(ProductKind::Tv),
            has(ProductKind::Telephone),
        )
        .ok_or(RuleViolation::PackageWithoutProducts)?;
        match (kind.has(ProductKind::Tv), tv) {
            (true, None) => return Err(RuleViolation::TvPackageWithoutTier),
            (false, Some(_)) => return Err(RuleViolation::TierWithoutTv),
            _ => {}
        }
        Ok(Self {
            code,
            components,
            tv,
            kind,
            built_on: None,
        })
    }

    /// The same package, built for this access technology only.
    pub fn built_on(mut self, technology: Technology) -> Self {
        self.built_on = Some(technology);
        self
    }

    /// The access technology the package is built for, if only one.
    pub fn technology(&self) -> Option<Technology> {
        self.built_on
    }

    pub fn code(&self) -> &ProductCode {
        &self.code
    }
    pub fn components(&self) -> &[Component] {
        &self.components
    }
    pub fn kind(&self) -> PackageKind {
        self.kind
    }
    pub fn tv(&self) -> Option<TvSpec> {
        self.tv
    }
    pub fn tier(&self) -> Option<TvTier> {
        self.tv.map(|t| t.tier)
    }
    pub fn has(&self, product: ProductKind) -> bool {
        self.kind.has(product)
    }
}

impl TryFrom<PackageWire> for Package {
    type Error = RuleViolation;
    fn try_from(w: PackageWire) -> Result<Self, Self::Error> {
        let package = Self::new(w.code, w.components, w.tv)?;
        Ok(match w.technology {
            Some(t) => package.built_on(t),
            None => package,
        })
    }
}

impl From<Package> for PackageWire {
    fn from(p: Package) -> Self {
        Self {
            code: p.code,
            components: p.components,
            tv: p.tv,
            technology: p.built_on,
        }
    }
}

/// Seed 004 "Self Install" table: the install-charge add-on codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InstallCharge {
    /// `0MSIN`, self install, "Current Code", 0.00.
    #[serde(rename = "0MSIN")]
    SelfInstall,
    /// `0MRIS`, self install same day, 9.99: "(Not in scope)".
    #[serde(rename = "0MRIS")]
    SelfInstallSameDay,
    /// `0MRIN`, self install next day, 4.99: "(Not in scope)".
    #[serde(rename = "0MRIN")]
    SelfInstallNextDay,
    /// `0MINS`, the technician-visit charge of the seed's technician examples.
    #[serde(rename = "0MINS")]
    TechnicianVisit,
}

impl InstallCharge {
    pub fn code(self) -> &'static str {
        match self {
            Self::SelfInstall => "0MSIN",
            Self::SelfInstallSameDay => "0MRIS",
            Self::SelfInstallNextDay => "0MRIN",
            Self::TechnicianVisit => "0MINS",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::SelfInstall,
            Self::SelfInstallSameDay,
            Self::SelfInstallNextDay,
            Self::TechnicianVisit,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }

    /// Seed 004 marks same-day and next-day self install "(Not in scope)".
    pub fn in_scope(self) -> bool {
        matches!(self, Self::SelfInstall | Self::TechnicianVisit)
    }
}

/// Seed 004 "Key Considerations" 10: the paper-bill preference add-on, on every order.
pub const PAPER_BILL_CODE: &str = "ZMPBI";

/// What an order line (anything but the package) is, for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "of")]
pub enum LineKind {
    /// TV add-on of the premium tier (allowed with every TV tier).
    TvPremium,
    /// TV add-on of the u-pick tier.
    TvUPick,
    /// TV add-on of the ultimate tier.
    TvUltimate,
    /// Smart Protect (Internet security); at most one per order.
    SmartProtect,
    /// An additional set-top box.
    ExtraStb,
    /// The installation charge of an additional set-top box.
    StbInstallCharge,
    /// The activation of an additional set-top box; its code depends on the TV tier.
    StbActivation(TvTier),
    /// Cloud DVR (nDVR).
    Ndvr,
    /// Any other add-on, for the product it serves (the seed's `RZ020` is one).
    Other(ProductKind),
    /// The installation charge of the order (`0MSIN`, `0MINS`, …).
    InstallCharge(InstallCharge),
    /// Paper-bill preference `ZMPBI`.
    PaperBill,
    /// The CallType product of a telephone service (`FRRUS`, `RRRUS`).
    CallType,
}

impl LineKind {
    /// The TV tier an add-on belongs to, if it is a tier add-on.
    pub fn tier(self) -> Option<TvTier> {
        match self {
            Self::TvPremium => Some(TvTier::Premium),
            Self::TvUPick => Some(TvTier::UPick),
            Self::TvUltimate => Some(TvTier::Ultimate),
            _ => None,
        }
    }

    /// The product the line serves, if it is a product add-on.
    pub fn serves(self) -> Option<ProductKind> {
        match self {
            Self::TvPremium
            | Self::TvUPick
            | Self::TvUltimate
            | Self::ExtraStb
            | Self::StbInstallCharge
            | Self::StbActivation(_)
            | Self::Ndvr => Some(ProductKind::Tv),
            Self::SmartProtect => Some(ProductKind::Internet),
            Self::Other(p) => Some(p),
            Self::CallType => Some(ProductKind::Telephone),
            Self::InstallCharge(_) | Self::PaperBill => None,
        }
    }
}

/// One order line beside the package: an add-on, a charge, the bill preference or the CallType
/// product. Lines whose code the seed fixes (`ZMPBI`, install charges) cannot carry another.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "LineWire", into = "LineWire")]
pub struct Line {
    code: ProductCode,
    kind: LineKind,
    service_type: Option<ServiceType>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LineWire {
    code: ProductCode,
    kind: LineKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_type: Option<ServiceType>,
}

impl Line {
    pub fn new(
        code: ProductCode,
        kind: LineKind,
        service_type: Option<ServiceType>,
    ) -> Result<Self, RuleViolation> {
        let fixed = match kind {
            LineKind::PaperBill => Some(PAPER_BILL_CODE),
            LineKind::InstallCharge(c) => Some(c.code()),
            _ => None,
        };
        if let Some(expected) = fixed
            && code.as_str() != expected
        {
            return Err(RuleViolation::CodeDoesNotMatchKind { code, expected });
        }
        Ok(Self {
            code,
            kind,
            service_type,
        })
    }

    /// `ZMPBI` as the seed sends it (ServiceType `NU`).
    pub fn paper_bill() -> Self {
        Self {
            code: ProductCode(PAPER_BILL_CODE.to_owned()),
            kind: LineKind::PaperBill,
            service_type: Some(ServiceType::NonUsage),
        }
    }

    /// An install-charge line as the seed sends it (ServiceType `NU`).
    pub fn install_charge(charge: InstallCharge) -> Self {
        Self {
            code: ProductCode(charge.code().to_owned()),
            kind: LineKind::InstallCharge(charge),
            service_type: Some(ServiceType::NonUsage),
        }
    }

    pub fn code(&self) -> &ProductCode {
        &self.code
    }
    pub fn kind(&self) -> LineKind {
        self.kind
    }
    pub fn service_type(&self) -> Option<ServiceType> {
        self.service_type
    }
}

impl TryFrom<LineWire> for Line {
    type Error = RuleViolation;
    fn try_from(w: LineWire) -> Result<Self, Self::Error> {
        Self::new(w.code, w.kind, w.service_type)
    }
}

impl From<Line> for LineWire {
    fn from(l: Line) -> Self {
        Self {
            code: l.code,
            kind: l.kind,
            service_type: l.service_type,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 004: JM and PA order bodies need staff and exchange data a web customer cannot give.
    #[test]
    fn only_puerto_rico_orders_online() {
        assert!(Market::PuertoRico.orders_online());
        assert!(!Market::Jamaica.orders_online());
        assert!(!Market::Panama.orders_online());
    }

    #[test]
    fn technology_uses_the_seed_spelling_on_the_wire() {
        assert_eq!(
            serde_json::to_string(&Technology::Ftth).unwrap(),
            "\"FTTH\""
        );
        assert_eq!(
            serde_json::from_str::<Technology>("\"COAX\"").unwrap(),
            Technology::Coax
        );
    }

    #[test]
    fn pr_business_id_is_pr() {
        assert_eq!(Market::PuertoRico.business_id(), "PR");
    }

    #[test]
    fn product_codes_of_every_market_parse() {
        for ok in ["F7B3I", "0MSIN", "609002_RES", "RSPBDESS", "2P600LF"] {
            assert!(ProductCode::new(ok).is_ok(), "{ok}");
        }
        assert!(ProductCode::new("").is_err());
        assert!(ProductCode::new("A B").is_err());
        assert!(ProductCode::new(&"A".repeat(MAX_CODE_CHARS + 1)).is_err());
    }

    #[test]
    fn package_kind_follows_its_components() {
        let c = |code: &str, st| Component::new(ProductCode::new(code).unwrap(), st).unwrap();
        let p = Package::new(
            ProductCode::new("R6430").unwrap(),
            vec![
                c("RJ43X", ServiceType::HighSpeedData),
                c("RW4US", ServiceType::Telephone),
                c("ZD107", ServiceType::Telephone),
            ],
            None,
        )
        .unwrap();
        assert_eq!(p.kind(), PackageKind::InternetTelephone);
        assert_eq!(p.kind().plays(), 2);
    }

    #[test]
    fn a_tv_package_needs_its_tier_and_only_tv_has_one() {
        let code = ProductCode::new("P").unwrap();
        let tv = Component::new(ProductCode::new("TV1").unwrap(), ServiceType::Video).unwrap();
        let net =
            Component::new(ProductCode::new("HS1").unwrap(), ServiceType::HighSpeedData).unwrap();
        assert_eq!(
            Package::new(code.clone(), vec![tv], None),
            Err(RuleViolation::TvPackageWithoutTier)
        );
        let spec = TvSpec {
            tier: TvTier::Premium,
            tv_box: TvBox::Standard,
        };
        assert_eq!(
            Package::new(code.clone(), vec![net], Some(spec)),
            Err(RuleViolation::TierWithoutTv)
        );
        assert_eq!(
            Package::new(code, vec![], None),
            Err(RuleViolation::PackageWithoutProducts)
        );
    }

    #[test]
    fn fixed_code_lines_refuse_other_codes() {
        let r = Line::new(
            ProductCode::new("ZZZZZ").unwrap(),
            LineKind::PaperBill,
            None,
        );
        assert!(matches!(r, Err(RuleViolation::CodeDoesNotMatchKind { .. })));
        let wire =
            serde_json::json!({"code": "0MSIN", "kind": {"kind": "install_charge", "of": "0MSIN"}});
        let line: Line = serde_json::from_value(wire).unwrap();
        assert_eq!(
            line.kind(),
            LineKind::InstallCharge(InstallCharge::SelfInstall)
        );
    }
}
