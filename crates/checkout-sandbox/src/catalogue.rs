//! The BSS's whole catalogue, as `GET /v1/offers` serves it, and the prices the quote uses.
//!
//! Codes come from seed 004's example requests where it shows them (package `F7B3I` with
//! `RV3BC`/`FJ43X`/`FW4US`/`FFIPT`/`FFONT`/`ZY101`, package `R6430`, `RZ020`, `FRRUS`, `RRRUS`,
//! `ZMPBI`, `0MSIN`, `0MINS`); the rest are plausible inventions, listed in `docs/sandbox.md`.
//! The catalogue is never filtered by technology: seed 004 says "Hybris must follow the
//! business rule in selecting the package … There is no validation of the business rule in
//! mulesoft", so the client applies `checkout-core`'s package matrix. Every entry is built
//! through `checkout-core`'s constructors, so an entry that broke a core invariant could not
//! be served (a unit test builds them all).

use crate::contract::{OfferedAddOn, OfferedPackage, Offers};
use crate::money;
use checkout_core::catalog::{
    Component, InstallCharge, Line, LineKind, Package, ProductCode, ProductKind, ServiceType,
    Technology, TvBox, TvSpec, TvTier,
};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Every price is in US dollars (the PR market's currency).
pub const CURRENCY: &str = "USD";

use ServiceType::{HighSpeedData as HS, NonUsage as NU, Telephone as TD, Video as CV};

struct PackageSpec {
    code: &'static str,
    name: &'static str,
    monthly_cents: i64,
    components: &'static [(&'static str, ServiceType)],
    tv: Option<(TvTier, TvBox)>,
    /// The technology the components are built for, when only one (the `F…` fibre
    /// components); the channel must not offer such a package elsewhere.
    built_on: Option<Technology>,
}

const fn tv(tier: TvTier, tv_box: TvBox) -> Option<(TvTier, TvBox)> {
    Some((tier, tv_box))
}

const PACKAGES: &[PackageSpec] = &[
    PackageSpec {
        code: "R1TEL",
        name: "Home Phone Unlimited",
        monthly_cents: 1999,
        components: &[("RW4US", TD), ("ZD107", TD)],
        tv: None,
        built_on: None,
    },
    PackageSpec {
        code: "R1TVP",
        name: "TV Premium",
        monthly_cents: 3999,
        components: &[("RV3BC", CV)],
        tv: tv(TvTier::Premium, TvBox::Standard),
        built_on: None,
    },
    PackageSpec {
        code: "R1TVU",
        name: "TV U-pick",
        monthly_cents: 4999,
        components: &[("RV3BU", CV)],
        tv: tv(TvTier::UPick, TvBox::Standard),
        built_on: None,
    },
    PackageSpec {
        code: "R1TVX",
        name: "TV Ultimate",
        monthly_cents: 6999,
        components: &[("RV3BX", CV)],
        tv: tv(TvTier::Ultimate, TvBox::Standard),
        built_on: None,
    },
    PackageSpec {
        code: "R1INT",
        name: "Internet 500",
        monthly_cents: 3999,
        components: &[("RJ43X", HS), ("RF6CB", HS)],
        tv: None,
        built_on: None,
    },
    PackageSpec {
        code: "F1INT",
        name: "Fiber Internet 1 Gig",
        monthly_cents: 5999,
        components: &[("FJ43X", HS), ("FFONT", HS)],
        tv: None,
        built_on: Some(Technology::Ftth),
    },
    PackageSpec {
        code: "R2TVI",
        name: "TV U-pick + Internet 500",
        monthly_cents: 7999,
        components: &[("RV3BU", CV), ("RJ43X", HS), ("RF6CB", HS)],
        tv: tv(TvTier::UPick, TvBox::Standard),
        built_on: None,
    },
    PackageSpec {
        code: "R2TVT",
        name: "TV Premium + Home Phone",
        monthly_cents: 5499,
        components: &[("RV3BC", CV), ("RW4US", TD), ("ZD107", TD)],
        tv: tv(TvTier::Premium, TvBox::Standard),
        built_on: None,
    },
    // Seed 004, TechnicianVisit example request.
    PackageSpec {
        code: "R6430",
        name: "Internet 500 + Home Phone",
        monthly_cents: 5999,
        components: &[
            ("RJ43X", HS),
            ("RW4US", TD),
            ("RF6CB", HS),
            ("ZD107", TD),
            ("ZD10N", TD),
            ("ZY102", HS),
        ],
        tv: None,
        built_on: None,
    },
    PackageSpec {
        code: "R3PRM",
        name: "Triple Play Premium",
        monthly_cents: 9999,
        components: &[("RV3BC", CV), ("RJ43X", HS), ("RW4US", TD)],
        tv: tv(TvTier::Premium, TvBox::Standard),
        built_on: None,
    },
    // Seed 004, SelfInstall example request; Hub TV, so nDVR applies (Key Considerations 14).
    PackageSpec {
        code: "F7B3I",
        name: "Fiber Triple Play Ultimate with Hub TV",
        monthly_cents: 12999,
        components: &[
            ("RV3BC", CV),
            ("FJ43X", HS),
            ("FW4US", TD),
            ("FFIPT", CV),
            ("FFONT", HS),
            ("ZY101", HS),
        ],
        tv: tv(TvTier::Ultimate, TvBox::HubTv),
        built_on: Some(Technology::Ftth),
    },
];

struct AddOnSpec {
    code: &'static str,
    name: &'static str,
    kind: LineKind,
    service_type: Option<ServiceType>,
    monthly_cents: i64,
    /// Charged once, on the quote (install charges).
    one_time_cents: i64,
}

const fn add_on(
    code: &'static str,
    name: &'static str,
    kind: LineKind,
    service_type: Option<ServiceType>,
    monthly_cents: i64,
) -> AddOnSpec {
    AddOnSpec {
        code,
        name,
        kind,
        service_type,
        monthly_cents,
        one_time_cents: 0,
    }
}

const ADD_ONS: &[AddOnSpec] = &[
    add_on(
        "TVPRM",
        "Premium movie channels",
        LineKind::TvPremium,
        Some(CV),
        1499,
    ),
    add_on(
        "TVUPK",
        "U-pick channel pack",
        LineKind::TvUPick,
        Some(CV),
        999,
    ),
    add_on(
        "TVULT",
        "Ultimate sports pack",
        LineKind::TvUltimate,
        Some(CV),
        1299,
    ),
    add_on(
        "RSPSB",
        "Smart Protect Basic",
        LineKind::SmartProtect,
        Some(HS),
        499,
    ),
    add_on(
        "RSPSP",
        "Smart Protect Plus",
        LineKind::SmartProtect,
        Some(HS),
        799,
    ),
    // Seed 004 sends RZ020 as a bare `{id, isBundle}` add-on.
    add_on(
        "RZ020",
        "Wi-Fi extender",
        LineKind::Other(ProductKind::Internet),
        None,
        500,
    ),
    add_on(
        "STBX1",
        "Additional set-top box",
        LineKind::ExtraStb,
        Some(CV),
        799,
    ),
    AddOnSpec {
        code: "0MSTB",
        name: "Additional set-top box installation",
        kind: LineKind::StbInstallCharge,
        service_type: Some(NU),
        monthly_cents: 0,
        one_time_cents: 1500,
    },
    add_on(
        "STBAP",
        "Set-top box activation (Premium)",
        LineKind::StbActivation(TvTier::Premium),
        Some(CV),
        0,
    ),
    add_on(
        "STBAU",
        "Set-top box activation (U-pick)",
        LineKind::StbActivation(TvTier::UPick),
        Some(CV),
        0,
    ),
    add_on(
        "STBAX",
        "Set-top box activation (Ultimate)",
        LineKind::StbActivation(TvTier::Ultimate),
        Some(CV),
        0,
    ),
    add_on("NDVR1", "Cloud DVR (nDVR)", LineKind::Ndvr, Some(CV), 599),
    // Seed 004: FRRUS carries ServiceType TD, RRRUS none.
    add_on(
        "FRRUS",
        "Calling plan: unlimited US (fiber)",
        LineKind::CallType,
        Some(TD),
        0,
    ),
    add_on(
        "RRRUS",
        "Calling plan: unlimited US",
        LineKind::CallType,
        None,
        0,
    ),
    add_on("ZMPBI", "Paper bill", LineKind::PaperBill, Some(NU), 0),
    AddOnSpec {
        code: "0MSIN",
        name: "Self installation",
        kind: LineKind::InstallCharge(InstallCharge::SelfInstall),
        service_type: Some(NU),
        monthly_cents: 0,
        one_time_cents: 0,
    },
    AddOnSpec {
        code: "0MINS",
        name: "Technician installation",
        kind: LineKind::InstallCharge(InstallCharge::TechnicianVisit),
        service_type: Some(NU),
        monthly_cents: 0,
        one_time_cents: 4999,
    },
];

/// What the quote needs to know about one code.
#[derive(Debug, Clone)]
pub struct Priced {
    pub name: String,
    pub monthly_cents: i64,
    pub one_time_cents: i64,
}

/// The offers as served, plus lookups by code.
#[derive(Debug)]
pub struct Catalogue {
    pub offers: Offers,
    prices: HashMap<String, Priced>,
    packages: HashMap<String, Package>,
}

/// A catalogue entry that `checkout-core` refuses (a bug in the tables above).
#[derive(Debug, Clone, thiserror::Error)]
pub enum CatalogueError {
    #[error("catalogue code: {0}")]
    Code(#[from] checkout_core::InputError),
    #[error("catalogue entry: {0}")]
    Rule(#[from] checkout_core::RuleViolation),
}

fn build() -> Result<Catalogue, CatalogueError> {
    let mut packages = Vec::with_capacity(PACKAGES.len());
    let mut prices = HashMap::new();
    let mut by_code = HashMap::new();
    for p in PACKAGES {
        let components = p
            .components
            .iter()
            .map(|(code, st)| Component::new(ProductCode::new(code)?, *st).map_err(Into::into))
            .collect::<Result<Vec<_>, CatalogueError>>()?;
        let tv = p.tv.map(|(tier, tv_box)| TvSpec { tier, tv_box });
        let mut package = Package::new(ProductCode::new(p.code)?, components, tv)?;
        if let Some(t) = p.built_on {
            package = package.built_on(t);
        }
        prices.insert(
            p.code.to_owned(),
            Priced {
                name: p.name.to_owned(),
                monthly_cents: p.monthly_cents,
                one_time_cents: 0,
            },
        );
        by_code.insert(p.code.to_owned(), package.clone());
        packages.push(OfferedPackage {
            package,
            name: p.name.to_owned(),
            monthly_price: money::text(p.monthly_cents),
            currency: CURRENCY.to_owned(),
        });
    }
    let mut add_ons = Vec::with_capacity(ADD_ONS.len());
    for a in ADD_ONS {
        let line = Line::new(ProductCode::new(a.code)?, a.kind, a.service_type)?;
        prices.insert(
            a.code.to_owned(),
            Priced {
                name: a.name.to_owned(),
                monthly_cents: a.monthly_cents,
                one_time_cents: a.one_time_cents,
            },
        );
        add_ons.push(OfferedAddOn {
            line,
            name: a.name.to_owned(),
            monthly_price: money::text(a.monthly_cents),
            currency: CURRENCY.to_owned(),
        });
    }
    Ok(Catalogue {
        offers: Offers { packages, add_ons },
        prices,
        packages: by_code,
    })
}

static CATALOGUE: LazyLock<Result<Catalogue, CatalogueError>> = LazyLock::new(build);

/// The catalogue (built once).
pub fn get() -> Result<&'static Catalogue, CatalogueError> {
    CATALOGUE.as_ref().map_err(Clone::clone)
}

impl Catalogue {
    pub fn price(&self, code: &str) -> Option<&Priced> {
        self.prices.get(code)
    }

    pub fn package(&self, code: &str) -> Option<&Package> {
        self.packages.get(code)
    }

    /// Whether any of these item codes is a package with `product`.
    pub fn any_has<'a>(
        &self,
        codes: impl IntoIterator<Item = &'a str>,
        product: ProductKind,
    ) -> bool {
        codes
            .into_iter()
            .filter_map(|c| self.package(c))
            .any(|p| p.has(product))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use checkout_core::catalog::PackageKind;

    #[test]
    fn every_entry_keeps_the_core_invariants() {
        let c = get().unwrap();
        assert_eq!(c.offers.packages.len(), PACKAGES.len());
        assert_eq!(c.offers.add_ons.len(), ADD_ONS.len());
    }

    /// checkout-core's composition property test runs over this catalogue, from a copy in its
    /// fixtures (core cannot depend on the sandbox); the copy must stay what is served.
    /// `UPDATE_FIXTURES=1` writes it anew.
    #[test]
    fn cores_copy_of_the_catalogue_is_the_one_served() {
        let served = serde_json::to_string_pretty(&get().unwrap().offers).unwrap() + "\n";
        let copy = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../checkout-core/tests/fixtures/sandbox_catalogue.json");
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&copy, &served).unwrap();
        }
        let kept = std::fs::read_to_string(&copy).unwrap_or_default();
        assert!(
            kept == served,
            "{} differs from the sandbox's catalogue: run this test with UPDATE_FIXTURES=1",
            copy.display()
        );
    }

    /// Seed 004 "Products combination in the Scope": all seven kinds exist in the catalogue.
    #[test]
    fn every_package_kind_and_tv_tier_is_offered() {
        let c = get().unwrap();
        for kind in PackageKind::ALL {
            assert!(
                c.offers.packages.iter().any(|p| p.package.kind() == kind),
                "{kind}"
            );
        }
        for tier in [TvTier::Premium, TvTier::UPick, TvTier::Ultimate] {
            assert!(
                c.offers
                    .packages
                    .iter()
                    .any(|p| p.package.tier() == Some(tier))
            );
        }
        assert!(c.offers.packages.iter().any(|p| {
            p.package.kind() == PackageKind::TriplePlay
                && p.package.tv().map(|t| t.tv_box) == Some(TvBox::HubTv)
        }));
    }
}
