//! Every business rule of seed 004 as a named check, and the one error type naming the rule
//! a cart or order breaks.
//!
//! Seed 004, "Key Considerations" 2: "There is no validation of the business rule in mulesoft
//! and will act as pass through". Nobody downstream checks, so these checks run twice with the
//! same code: in the browser before the customer can go on, and in the proxy before anything
//! leaves. A check here never fixes a cart silently; it names the rule and leaves the cart as
//! it was.

use crate::catalog::{
    InstallCharge, Line, LineKind, Package, PackageKind, ProductCode, ProductKind, Technology,
    TvBox, TvTier,
};
use crate::installation::{InstallationKind, JobType};
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// A broken business rule. The variant is the rule; `Display` is for logs, [`message`] for
/// customers.
///
/// [`message`]: RuleViolation::message
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum RuleViolation {
    #[error("{technology} does not offer the {package} package")]
    PackageNotOffered {
        package: PackageKind,
        technology: Technology,
    },
    #[error("a package needs at least one of Internet, TV or Telephone")]
    PackageWithoutProducts,
    #[error("a TV package must say its tier and box")]
    TvPackageWithoutTier,
    #[error("only a TV package has a TV tier")]
    TierWithoutTv,
    #[error("non-usage item {code} cannot be a package component")]
    NonUsageInPackage { code: ProductCode },
    #[error("only one telephone product per order")]
    TelephoneTwice,
    #[error("{product} is already in the package")]
    ProductTwice { product: ProductKind },
    #[error("no add-ons for telephone services ({code})")]
    AddOnForTelephone { code: ProductCode },
    #[error("add-on {code} needs {product} in the package")]
    AddOnWithoutItsProduct {
        code: ProductCode,
        product: ProductKind,
    },
    #[error("{add_on} add-on {code} is not available with a {package} TV package")]
    AddOnTierNotInPackage {
        code: ProductCode,
        add_on: TvTier,
        package: TvTier,
    },
    #[error("only one Smart Protect add-on per order")]
    SmartProtectTwice,
    #[error("every extra set-top box needs its installation charge and activation")]
    ExtraStbIncomplete,
    #[error("set-top box activation {code} is for {found} but the package is {expected}")]
    StbActivationWrongTier {
        code: ProductCode,
        expected: TvTier,
        found: TvTier,
    },
    #[error("cloud DVR needs a 3P package with a Hub TV box")]
    NdvrNotApplicable,
    #[error("a 3P package with a Hub TV box must carry its cloud DVR add-on")]
    NdvrMissing,
    #[error("the paper-bill preference ZMPBI must be on every order")]
    PaperBillMissing,
    #[error("the paper-bill preference can be on the order only once")]
    PaperBillTwice,
    #[error("a CallType product needs a telephone service")]
    CallTypeWithoutTelephone,
    #[error("a telephone service needs its CallType product")]
    CallTypeMissing,
    #[error("only one CallType product per order")]
    CallTypeTwice,
    #[error("the installation has not been chosen")]
    InstallationMissing,
    #[error("the install charge is missing")]
    InstallChargeMissing,
    #[error("only one install charge per order")]
    InstallChargeTwice,
    #[error("install charge {found:?} does not match the choice (expected {expected:?})")]
    InstallChargeMismatch {
        expected: InstallCharge,
        found: InstallCharge,
    },
    #[error("install charge {charge:?} is not in scope")]
    InstallChargeNotInScope { charge: InstallCharge },
    #[error("{code} must be {expected}")]
    CodeDoesNotMatchKind {
        code: ProductCode,
        expected: &'static str,
    },
    #[error("no package chosen")]
    NoPackage,
    #[error("the order has a telephone service but no reserved number")]
    TelephoneNumberMissing,
    #[error("a telephone number was given for an order without telephone")]
    TelephoneNumberWithoutTelephone,
    #[error("mandatory field {field} is missing")]
    MandatoryFieldMissing { field: &'static str },
    #[error("the installation of the order ({order:?}) differs from the cart ({cart:?})")]
    InstallationDiffers {
        order: InstallationKind,
        cart: InstallationKind,
    },
    #[error("{code} is not in the cart")]
    LineNotInCart { code: ProductCode },
    #[error("{code} is not in the catalogue for this address")]
    NotInCatalogue { code: ProductCode },
    #[error("{code} is not chosen by the customer: it comes with the package or the order")]
    NotChoosable { code: ProductCode },
    #[error("{code} was chosen twice")]
    ChosenTwice { code: ProductCode },
    #[error("the customer is under 18")]
    UnderAge,
    #[error("job type {job_type} does not fit a {installation:?} on {technology}")]
    JobTypeUnexpected {
        job_type: JobType,
        installation: InstallationKind,
        technology: Technology,
    },
}

impl RuleViolation {
    /// A stable, short name of the rule (for logs, problem details and test names).
    pub fn rule(&self) -> &'static str {
        match self {
            Self::PackageNotOffered { .. } => "package_matrix",
            Self::PackageWithoutProducts
            | Self::TvPackageWithoutTier
            | Self::TierWithoutTv
            | Self::NonUsageInPackage { .. } => "package_shape",
            Self::TelephoneTwice => "one_telephone",
            Self::ProductTwice { .. } => "one_of_each_product",
            Self::AddOnForTelephone { .. } => "no_telephone_add_ons",
            Self::AddOnWithoutItsProduct { .. } => "add_on_needs_its_product",
            Self::AddOnTierNotInPackage { .. } => "tv_tier",
            Self::SmartProtectTwice => "one_smart_protect",
            Self::ExtraStbIncomplete => "extra_stb_with_charge",
            Self::StbActivationWrongTier { .. } => "stb_activation_by_tier",
            Self::NdvrNotApplicable | Self::NdvrMissing => "ndvr_with_hub_tv",
            Self::PaperBillMissing | Self::PaperBillTwice => "paper_bill_always",
            Self::CallTypeWithoutTelephone | Self::CallTypeMissing | Self::CallTypeTwice => {
                "call_type_with_telephone"
            }
            Self::InstallationMissing
            | Self::InstallChargeMissing
            | Self::InstallChargeTwice
            | Self::InstallChargeMismatch { .. }
            | Self::InstallChargeNotInScope { .. } => "install_charge",
            Self::CodeDoesNotMatchKind { .. } => "fixed_codes",
            Self::NoPackage => "package_chosen",
            Self::TelephoneNumberMissing | Self::TelephoneNumberWithoutTelephone => {
                "telephone_number_with_telephone"
            }
            Self::MandatoryFieldMissing { .. } => "pr_mandatory_fields",
            Self::InstallationDiffers { .. } => "install_charge",
            Self::LineNotInCart { .. } => "line_in_cart",
            Self::NotInCatalogue { .. } => "from_the_catalogue",
            Self::NotChoosable { .. } => "customer_choices_only",
            Self::ChosenTwice { .. } => "chosen_once",
            Self::JobTypeUnexpected { .. } => "job_type_fits",
            Self::UnderAge => "adult_customer",
        }
    }

    /// What the customer is told.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            Self::PackageNotOffered { .. } => lang.pick(
                "This package is not available with the connection at your address.",
                "Este paquete no está disponible con la conexión de su dirección.",
            ),
            Self::PackageWithoutProducts
            | Self::TvPackageWithoutTier
            | Self::TierWithoutTv
            | Self::NonUsageInPackage { .. }
            | Self::CodeDoesNotMatchKind { .. } => lang.pick(
                "This plan cannot be ordered online right now. Please call us.",
                "Este plan no se puede pedir en línea ahora. Por favor, llámenos.",
            ),
            Self::TelephoneTwice => lang.pick(
                "You can have one phone line per order.",
                "Puede tener una línea telefónica por pedido.",
            ),
            Self::ProductTwice { .. } => lang.pick(
                "This service is already in your package.",
                "Este servicio ya está en su paquete.",
            ),
            Self::AddOnForTelephone { .. } => lang.pick(
                "Phone service has no extras to add.",
                "El servicio telefónico no tiene extras.",
            ),
            // The product is named, so a customer whose new package dropped an extra reads
            // what it was missing.
            Self::AddOnWithoutItsProduct { product, .. } => match product {
                ProductKind::Tv => lang.pick(
                    "This extra needs TV, which your package does not include.",
                    "Este extra requiere TV, que su paquete no incluye.",
                ),
                ProductKind::Internet => lang.pick(
                    "This extra needs Internet, which your package does not include.",
                    "Este extra requiere Internet, que su paquete no incluye.",
                ),
                ProductKind::Telephone => lang.pick(
                    "This extra needs phone service, which your package does not include.",
                    "Este extra requiere servicio telefónico, que su paquete no incluye.",
                ),
            },
            Self::AddOnTierNotInPackage { .. } => lang.pick(
                "This channel pack is not available with your TV plan.",
                "Este paquete de canales no está disponible con su plan de TV.",
            ),
            Self::SmartProtectTwice => lang.pick(
                "Smart Protect can be added only once.",
                "Smart Protect se puede añadir solo una vez.",
            ),
            Self::ExtraStbIncomplete => lang.pick(
                "Each extra TV box comes with its installation and activation.",
                "Cada decodificador adicional incluye su instalación y activación.",
            ),
            Self::StbActivationWrongTier { .. } => lang.pick(
                "The extra TV box does not match your TV plan. Please add it again.",
                "El decodificador adicional no corresponde a su plan de TV. Añádalo de nuevo.",
            ),
            Self::NdvrNotApplicable => lang.pick(
                "Cloud DVR comes with Internet, TV and Phone packages with a Hub TV box.",
                "El DVR en la nube viene con paquetes de Internet, TV y Teléfono con Hub TV.",
            ),
            Self::NdvrMissing => lang.pick(
                "Your package includes Cloud DVR; we are adding it.",
                "Su paquete incluye DVR en la nube; lo estamos añadiendo.",
            ),
            Self::PaperBillMissing | Self::PaperBillTwice => lang.pick(
                "Please choose how you want to receive your bill.",
                "Por favor, elija cómo desea recibir su factura.",
            ),
            Self::CallTypeWithoutTelephone | Self::CallTypeMissing | Self::CallTypeTwice => lang
                .pick(
                    "Please choose your calling plan.",
                    "Por favor, elija su plan de llamadas.",
                ),
            Self::InstallationMissing
            | Self::InstallChargeMissing
            | Self::InstallChargeTwice
            | Self::InstallChargeMismatch { .. } => lang.pick(
                "Please choose how you want your service installed.",
                "Por favor, elija cómo desea instalar su servicio.",
            ),
            Self::InstallChargeNotInScope { .. } => lang.pick(
                "This installation option is not available online.",
                "Esta opción de instalación no está disponible en línea.",
            ),
            Self::NoPackage => {
                lang.pick("Please choose a package.", "Por favor, elija un paquete.")
            }
            Self::TelephoneNumberMissing => lang.pick(
                "Please choose your phone number.",
                "Por favor, elija su número de teléfono.",
            ),
            Self::TelephoneNumberWithoutTelephone => lang.pick(
                "Your package has no phone line, so no number is needed.",
                "Su paquete no tiene línea telefónica; no necesita número.",
            ),
            Self::MandatoryFieldMissing { .. } => lang.pick(
                "Some order details are missing. Please go back and complete them.",
                "Faltan algunos datos del pedido. Por favor, vuelva y complételos.",
            ),
            Self::InstallationDiffers { .. } => lang.pick(
                "Please choose how you want your service installed.",
                "Por favor, elija cómo desea instalar su servicio.",
            ),
            Self::LineNotInCart { .. } => lang.pick(
                "That item is no longer in your cart.",
                "Ese artículo ya no está en su carrito.",
            ),
            Self::NotInCatalogue { .. } => lang.pick(
                "This item is not offered at your address. Please choose again.",
                "Este artículo no se ofrece en su dirección. Por favor, elija de nuevo.",
            ),
            Self::NotChoosable { .. } => lang.pick(
                "This item comes with your package or order; it cannot be chosen on its own.",
                "Este artículo viene con su paquete o pedido; no se puede elegir por separado.",
            ),
            Self::ChosenTwice { .. } => lang.pick(
                "Each extra can be chosen once.",
                "Cada extra se puede elegir una sola vez.",
            ),
            Self::UnderAge => lang.pick(
                "You must be 18 or older to order. Please ask an adult to order for you.",
                "Debe tener 18 años o más para hacer un pedido. Pida a un adulto que lo haga por usted.",
            ),
            Self::JobTypeUnexpected { .. } => lang.pick(
                "We cannot complete this order online right now. Please call us.",
                "No podemos completar este pedido en línea ahora. Por favor, llámenos.",
            ),
        }
    }
}

/// Seed 004 package table ("Packages FTTH COAX"): 1P Video/TV and 2P TV + Phone are COAX only.
pub fn package_offered(package: PackageKind, technology: Technology) -> bool {
    match technology {
        Technology::Coax => true,
        Technology::Ftth => !matches!(package, PackageKind::Tv | PackageKind::TvTelephone),
    }
}

/// [`package_offered`] as a check.
pub fn check_package_matrix(
    package: PackageKind,
    technology: Technology,
) -> Result<(), RuleViolation> {
    if package_offered(package, technology) {
        Ok(())
    } else {
        Err(RuleViolation::PackageNotOffered {
            package,
            technology,
        })
    }
}

/// Seed 004's package table, for a package of the catalogue: its kind must be offered on the
/// technology, and its components must be built for it (a package of fibre components, such
/// as `FJ43X` and `FFONT`, cannot be installed on cable, whatever its kind).
pub fn package_fits(package: &Package, technology: Technology) -> bool {
    package_offered(package.kind(), technology)
        && package.technology().is_none_or(|t| t == technology)
}

/// [`package_fits`] as a check.
pub fn check_package_fits(package: &Package, technology: Technology) -> Result<(), RuleViolation> {
    if package_fits(package, technology) {
        Ok(())
    } else {
        Err(RuleViolation::PackageNotOffered {
            package: package.kind(),
            technology,
        })
    }
}

/// What a build-your-own selection becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BuiltPackage {
    pub kind: PackageKind,
    /// Telephone was added because the customer picked Internet and TV (tell them so).
    pub telephone_added: bool,
}

/// Seed 004, "Functionality Scope" 5: "If the customer selects an Internet and TV plan in build
/// your own package, telephony is automatically included, and it becomes a 3P Plan."
///
/// `picked` is what the customer picked, in order; picking a product twice is refused.
pub fn build_your_own(
    picked: &[ProductKind],
    technology: Technology,
) -> Result<BuiltPackage, RuleViolation> {
    let (mut internet, mut tv, mut telephone) = (false, false, false);
    for p in picked {
        let slot = match p {
            ProductKind::Internet => &mut internet,
            ProductKind::Tv => &mut tv,
            ProductKind::Telephone => &mut telephone,
        };
        if *slot {
            return Err(match p {
                ProductKind::Telephone => RuleViolation::TelephoneTwice,
                other => RuleViolation::ProductTwice { product: *other },
            });
        }
        *slot = true;
    }
    let telephone_added = internet && tv && !telephone;
    let kind = PackageKind::from_products(internet, tv, telephone || telephone_added)
        .ok_or(RuleViolation::PackageWithoutProducts)?;
    check_package_matrix(kind, technology)?;
    Ok(BuiltPackage {
        kind,
        telephone_added,
    })
}

/// Seed 004, "Key Considerations" 6: "Premium package can have premium addons, U-pick packages
/// can have u-pick and premium addon, ultimate package can have ultimate and premium addOn."
pub fn tier_allows(package: TvTier, add_on: TvTier) -> bool {
    add_on == TvTier::Premium || add_on == package
}

/// The rules a cart must keep after every single change (an add-on in the wrong tier, a second
/// Smart Protect…). Rules about what must *eventually* be there are in [`check_complete`].
pub fn check_selection(
    technology: Technology,
    package: Option<&Package>,
    lines: &[Line],
    installation: Option<InstallationKind>,
) -> Result<(), RuleViolation> {
    if let Some(p) = package {
        check_package_fits(p, technology)?;
    }
    let has = |product| package.is_some_and(|p| p.has(product));
    let count = |pred: &dyn Fn(LineKind) -> bool| lines.iter().filter(|l| pred(l.kind())).count();

    for line in lines {
        let code = line.code().clone();
        let kind = line.kind();
        if kind == LineKind::CallType {
            if !has(ProductKind::Telephone) {
                return Err(RuleViolation::CallTypeWithoutTelephone);
            }
            continue;
        }
        if let Some(product) = kind.serves() {
            if product == ProductKind::Telephone {
                return Err(RuleViolation::AddOnForTelephone { code });
            }
            if !has(product) {
                return Err(RuleViolation::AddOnWithoutItsProduct { code, product });
            }
        }
        let tier = package.and_then(Package::tier);
        if let (Some(add_on), Some(package_tier)) = (kind.tier(), tier)
            && !tier_allows(package_tier, add_on)
        {
            return Err(RuleViolation::AddOnTierNotInPackage {
                code,
                add_on,
                package: package_tier,
            });
        }
        match kind {
            LineKind::StbActivation(found) => {
                if let Some(expected) = tier
                    && expected != found
                {
                    return Err(RuleViolation::StbActivationWrongTier {
                        code,
                        expected,
                        found,
                    });
                }
            }
            LineKind::Ndvr => {
                let applicable = package.is_some_and(|p| {
                    p.kind() == PackageKind::TriplePlay
                        && p.tv().is_some_and(|t| t.tv_box == TvBox::HubTv)
                });
                if !applicable {
                    return Err(RuleViolation::NdvrNotApplicable);
                }
            }
            LineKind::InstallCharge(charge) => {
                if !charge.in_scope() {
                    return Err(RuleViolation::InstallChargeNotInScope { charge });
                }
                let Some(choice) = installation else {
                    return Err(RuleViolation::InstallationMissing);
                };
                let expected = match choice {
                    InstallationKind::SelfInstall => InstallCharge::SelfInstall,
                    InstallationKind::TechnicianVisit => InstallCharge::TechnicianVisit,
                };
                if charge != expected {
                    return Err(RuleViolation::InstallChargeMismatch {
                        expected,
                        found: charge,
                    });
                }
            }
            _ => {}
        }
    }

    if count(&|k| k == LineKind::SmartProtect) > 1 {
        return Err(RuleViolation::SmartProtectTwice);
    }
    if count(&|k| k == LineKind::PaperBill) > 1 {
        return Err(RuleViolation::PaperBillTwice);
    }
    if count(&|k| k == LineKind::CallType) > 1 {
        return Err(RuleViolation::CallTypeTwice);
    }
    let charges = count(&|k| matches!(k, LineKind::InstallCharge(_)));
    if charges > 1 {
        return Err(RuleViolation::InstallChargeTwice);
    }
    if installation.is_some() && charges == 0 {
        return Err(RuleViolation::InstallChargeMissing);
    }
    let stbs = count(&|k| k == LineKind::ExtraStb);
    let stb_charges = count(&|k| k == LineKind::StbInstallCharge);
    let activations = count(&|k| matches!(k, LineKind::StbActivation(_)));
    if stbs != stb_charges || stbs != activations {
        return Err(RuleViolation::ExtraStbIncomplete);
    }
    Ok(())
}

/// Everything [`check_selection`] checks, plus what an order must hold before it is placed:
/// a package, `ZMPBI`, a CallType with telephone, the install charge, nDVR where it applies.
pub fn check_complete(
    technology: Technology,
    package: Option<&Package>,
    lines: &[Line],
    installation: Option<InstallationKind>,
) -> Result<(), RuleViolation> {
    check_selection(technology, package, lines, installation)?;
    let package = package.ok_or(RuleViolation::NoPackage)?;
    let any = |k: LineKind| lines.iter().any(|l| l.kind() == k);
    if !any(LineKind::PaperBill) {
        return Err(RuleViolation::PaperBillMissing);
    }
    if package.has(ProductKind::Telephone) && !any(LineKind::CallType) {
        return Err(RuleViolation::CallTypeMissing);
    }
    if installation.is_none() {
        return Err(RuleViolation::InstallationMissing);
    }
    let hub_3p = package.kind() == PackageKind::TriplePlay
        && package.tv().is_some_and(|t| t.tv_box == TvBox::HubTv);
    if hub_3p && !any(LineKind::Ndvr) {
        return Err(RuleViolation::NdvrMissing);
    }
    Ok(())
}
