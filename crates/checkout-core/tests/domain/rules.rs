//! One test per business rule of seed 004 (DESIGN §4), each quoting the seed sentence it
//! enforces. Rules are exercised through the cart, the way the app and the proxy use them.

use checkout_core::Lang;
use checkout_core::cart::{Cart, CartOp};
use checkout_core::catalog::{
    Component, InstallCharge, Line, LineKind, Package, PackageKind, ProductCode, ProductKind,
    ServiceType, Technology, TvBox, TvSpec, TvTier,
};
use checkout_core::installation::{CreditResult, InstallationKind};
use checkout_core::rules::{RuleViolation, build_your_own, check_package_matrix, tier_allows};

fn code(s: &str) -> ProductCode {
    ProductCode::new(s).unwrap()
}

fn package(kind: PackageKind, tv: Option<(TvTier, TvBox)>) -> Package {
    let mut components = Vec::new();
    if kind.has(ProductKind::Tv) {
        components.push(Component::new(code("TV1"), ServiceType::Video).unwrap());
    }
    if kind.has(ProductKind::Internet) {
        components.push(Component::new(code("HS1"), ServiceType::HighSpeedData).unwrap());
    }
    if kind.has(ProductKind::Telephone) {
        components.push(Component::new(code("TD1"), ServiceType::Telephone).unwrap());
    }
    let tv = tv.map(|(tier, tv_box)| TvSpec { tier, tv_box });
    Package::new(code("PKG"), components, tv).unwrap()
}

fn cart_with(kind: PackageKind, tv: Option<(TvTier, TvBox)>) -> Cart {
    let mut c = Cart::new(Technology::Coax);
    c.apply(CartOp::ChoosePackage {
        package: package(kind, tv),
    })
    .unwrap();
    c
}

fn add(cart: &mut Cart, c: &str, kind: LineKind) -> Result<(), RuleViolation> {
    cart.apply(CartOp::AddLine {
        line: Line::new(code(c), kind, None).unwrap(),
    })
}

const PREMIUM_STD: Option<(TvTier, TvBox)> = Some((TvTier::Premium, TvBox::Standard));

/// Seed 004 package table: "1P Video/TV N Y" and "2P TV + Phone N Y" (FTTH, COAX).
#[test]
fn coax_only_packages_are_refused_on_ftth() {
    for kind in [PackageKind::Tv, PackageKind::TvTelephone] {
        assert_eq!(
            check_package_matrix(kind, Technology::Ftth),
            Err(RuleViolation::PackageNotOffered {
                package: kind,
                technology: Technology::Ftth
            })
        );
        assert!(check_package_matrix(kind, Technology::Coax).is_ok());
    }
    let mut cart = Cart::new(Technology::Ftth);
    let r = cart.apply(CartOp::ChoosePackage {
        package: package(PackageKind::Tv, PREMIUM_STD),
    });
    assert_eq!(r.unwrap_err().rule(), "package_matrix");
    assert!(
        cart.package().is_none(),
        "a refused operation changes nothing"
    );
}

/// Seed 004 package table: FTTH has "1P Telephone", "1P Internet", "2P TV + Internet",
/// "2P Internet +Phone" and "3P TV + Phone + Internet"; COAX has all seven.
#[test]
fn ftth_offers_five_packages_and_coax_all_seven() {
    let ftth = PackageKind::ALL
        .into_iter()
        .filter(|k| check_package_matrix(*k, Technology::Ftth).is_ok())
        .count();
    let coax = PackageKind::ALL
        .into_iter()
        .filter(|k| check_package_matrix(*k, Technology::Coax).is_ok())
        .count();
    assert_eq!((ftth, coax), (5, 7));
}

/// Seed 004: "If the customer selects an Internet and TV plan in build your own package,
/// telephony is automatically included, and it becomes a 3P Plan."
#[test]
fn internet_and_tv_built_by_hand_becomes_3p_with_phone_added() {
    let built =
        build_your_own(&[ProductKind::Internet, ProductKind::Tv], Technology::Ftth).unwrap();
    assert_eq!(built.kind, PackageKind::TriplePlay);
    assert!(built.telephone_added);
    let internet_only = build_your_own(&[ProductKind::Internet], Technology::Ftth).unwrap();
    assert_eq!(internet_only.kind, PackageKind::Internet);
    assert!(!internet_only.telephone_added);
}

/// Seed 004: "For Telephone only 1Telephone product is in scope."
#[test]
fn a_second_telephone_product_is_refused() {
    let r = build_your_own(
        &[
            ProductKind::Telephone,
            ProductKind::Internet,
            ProductKind::Telephone,
        ],
        Technology::Coax,
    );
    assert_eq!(r, Err(RuleViolation::TelephoneTwice));
}

/// Seed 004: "No Add-on for TN (telephone) Services."
#[test]
fn telephone_gets_no_add_ons() {
    let mut cart = cart_with(PackageKind::Telephone, None);
    let r = add(&mut cart, "TNX01", LineKind::Other(ProductKind::Telephone));
    assert_eq!(
        r,
        Err(RuleViolation::AddOnForTelephone {
            code: code("TNX01")
        })
    );
    assert!(cart.lines().is_empty());
}

/// Seed 004: "Add on item will be available for internet and Video(TV)."
#[test]
fn a_tv_add_on_needs_tv_in_the_package() {
    let mut cart = cart_with(PackageKind::Internet, None);
    let r = add(&mut cart, "PRM01", LineKind::TvPremium);
    assert_eq!(r.unwrap_err().rule(), "add_on_needs_its_product");
}

/// Seed 004: "Premium package can have premium addons, U-pick packages can have u-pick and
/// premium addon, ultimate package can have ultimate and premium addOn."
#[test]
fn tv_add_ons_follow_the_package_tier() {
    use TvTier::*;
    assert!(tier_allows(Premium, Premium));
    assert!(!tier_allows(Premium, UPick));
    assert!(!tier_allows(Premium, Ultimate));
    assert!(tier_allows(UPick, UPick) && tier_allows(UPick, Premium));
    assert!(!tier_allows(UPick, Ultimate));
    assert!(tier_allows(Ultimate, Ultimate) && tier_allows(Ultimate, Premium));
    assert!(!tier_allows(Ultimate, UPick));

    let mut cart = cart_with(PackageKind::Tv, Some((UPick, TvBox::Standard)));
    assert!(add(&mut cart, "UP001", LineKind::TvUPick).is_ok());
    assert!(add(&mut cart, "PR001", LineKind::TvPremium).is_ok());
    assert_eq!(
        add(&mut cart, "UL001", LineKind::TvUltimate),
        Err(RuleViolation::AddOnTierNotInPackage {
            code: code("UL001"),
            add_on: Ultimate,
            package: UPick
        })
    );
}

/// Seed 004: "Only one Smart Protect AddOn can be added to product Order."
#[test]
fn only_one_smart_protect_per_order() {
    let mut cart = cart_with(PackageKind::Internet, None);
    add(&mut cart, "SP001", LineKind::SmartProtect).unwrap();
    assert_eq!(
        add(&mut cart, "SP002", LineKind::SmartProtect),
        Err(RuleViolation::SmartProtectTwice)
    );
    assert_eq!(cart.lines().len(), 1);
}

/// Seed 004: "Any Extra STB must be sent along with its installation charge code as an AddOn."
#[test]
fn an_extra_stb_comes_with_its_install_charge() {
    let mut cart = cart_with(PackageKind::Tv, PREMIUM_STD);
    cart.apply(CartOp::AddExtraStb {
        stb: Line::new(code("STB01"), LineKind::ExtraStb, None).unwrap(),
        install_charge: Line::new(code("STBIC"), LineKind::StbInstallCharge, None).unwrap(),
        activation: Line::new(
            code("ACTPR"),
            LineKind::StbActivation(TvTier::Premium),
            None,
        )
        .unwrap(),
    })
    .unwrap();
    let kinds: Vec<_> = cart.lines().iter().map(Line::kind).collect();
    assert_eq!(
        kinds,
        vec![
            LineKind::ExtraStb,
            LineKind::StbInstallCharge,
            LineKind::StbActivation(TvTier::Premium)
        ]
    );
    // Removing the charge alone would leave the box without it.
    let r = cart.apply(CartOp::RemoveLine {
        code: code("STBIC"),
    });
    assert_eq!(r, Err(RuleViolation::ExtraStbIncomplete));
    // Removing the box takes its companions with it.
    cart.apply(CartOp::RemoveLine {
        code: code("STB01"),
    })
    .unwrap();
    assert!(cart.lines().is_empty());
    // A box added line by line, without its charge, is refused.
    assert_eq!(
        add(&mut cart, "STB02", LineKind::ExtraStb),
        Err(RuleViolation::ExtraStbIncomplete)
    );
}

/// Seed 004: "Activation Code for the additional STB will depend on TV tier customer have in
/// package." A box cannot be added with another tier's activation, nor with lines of other
/// kinds in the charge's or activation's place.
#[test]
fn an_extra_stb_takes_its_tiers_activation_only() {
    let mut cart = cart_with(PackageKind::Tv, Some((TvTier::UPick, TvBox::Standard)));
    let stb = Line::new(code("STB01"), LineKind::ExtraStb, None).unwrap();
    let charge = Line::new(code("STBIC"), LineKind::StbInstallCharge, None).unwrap();
    let ultimate = Line::new(
        code("STBAX"),
        LineKind::StbActivation(TvTier::Ultimate),
        None,
    )
    .unwrap();
    assert_eq!(
        cart.apply(CartOp::AddExtraStb {
            stb: stb.clone(),
            install_charge: charge.clone(),
            activation: ultimate,
        }),
        Err(RuleViolation::StbActivationWrongTier {
            code: code("STBAX"),
            expected: TvTier::UPick,
            found: TvTier::Ultimate
        })
    );
    let not_a_charge = Line::new(code("STBX1"), LineKind::TvPremium, None).unwrap();
    let upick = Line::new(code("STBAU"), LineKind::StbActivation(TvTier::UPick), None).unwrap();
    assert_eq!(
        cart.apply(CartOp::AddExtraStb {
            stb,
            install_charge: not_a_charge,
            activation: upick,
        }),
        Err(RuleViolation::ExtraStbIncomplete)
    );
    assert!(cart.lines().is_empty());
}

/// Seed 004: "Activation Code for the additional STB will depend on TV tier customer have in
/// package."
#[test]
fn stb_activation_must_match_the_tv_tier() {
    let mut cart = cart_with(PackageKind::Tv, Some((TvTier::Ultimate, TvBox::Standard)));
    cart.apply(CartOp::AddExtraStb {
        stb: Line::new(code("STB01"), LineKind::ExtraStb, None).unwrap(),
        install_charge: Line::new(code("STBIC"), LineKind::StbInstallCharge, None).unwrap(),
        activation: Line::new(
            code("ACTUL"),
            LineKind::StbActivation(TvTier::Ultimate),
            None,
        )
        .unwrap(),
    })
    .unwrap();
    assert!(
        cart.lines()
            .iter()
            .any(|l| l.kind() == LineKind::StbActivation(TvTier::Ultimate))
    );
    // Switching to a Premium package would leave an Ultimate activation behind: refused.
    let r = cart.apply(CartOp::ChoosePackage {
        package: package(PackageKind::Tv, PREMIUM_STD),
    });
    assert_eq!(
        r,
        Err(RuleViolation::StbActivationWrongTier {
            code: code("ACTUL"),
            expected: TvTier::Premium,
            found: TvTier::Ultimate
        })
    );
}

/// Seed 004: "in 3P package nDVR (Cloud DVR) service product code will be send as an
/// AddOnProduct if the TV Box type is Hub TV".
#[test]
fn ndvr_only_in_3p_with_hub_tv_and_required_there() {
    let mut two_p = cart_with(
        PackageKind::TvInternet,
        Some((TvTier::Premium, TvBox::HubTv)),
    );
    assert_eq!(
        add(&mut two_p, "NDVR1", LineKind::Ndvr),
        Err(RuleViolation::NdvrNotApplicable)
    );
    let mut std_box = cart_with(PackageKind::TriplePlay, PREMIUM_STD);
    assert_eq!(
        add(&mut std_box, "NDVR1", LineKind::Ndvr),
        Err(RuleViolation::NdvrNotApplicable)
    );
    let mut hub = cart_with(
        PackageKind::TriplePlay,
        Some((TvTier::Premium, TvBox::HubTv)),
    );
    add(&mut hub, "FRRUS", LineKind::CallType).unwrap();
    hub.apply(CartOp::AddLine {
        line: Line::paper_bill(),
    })
    .unwrap();
    hub.apply(CartOp::ChooseInstallation {
        installation: InstallationKind::SelfInstall,
        credit: CreditResult::Approved,
    })
    .unwrap();
    assert_eq!(hub.check_complete(), Err(RuleViolation::NdvrMissing));
    add(&mut hub, "NDVR1", LineKind::Ndvr).unwrap();
    assert_eq!(hub.check_complete(), Ok(()));
}

/// Seed 004: "Bill Preference code (paper bill) must be send with each request as an
/// AddOnProducts from Hybris as mandatory addOn."
#[test]
fn paper_bill_zmpbi_is_on_every_order() {
    let mut cart = cart_with(PackageKind::Internet, None);
    cart.apply(CartOp::ChooseInstallation {
        installation: InstallationKind::SelfInstall,
        credit: CreditResult::Approved,
    })
    .unwrap();
    assert_eq!(cart.check_complete(), Err(RuleViolation::PaperBillMissing));
    cart.apply(CartOp::AddLine {
        line: Line::paper_bill(),
    })
    .unwrap();
    assert_eq!(cart.check_complete(), Ok(()));
    assert_eq!(
        cart.apply(CartOp::AddLine {
            line: Line::paper_bill()
        }),
        Err(RuleViolation::PaperBillTwice)
    );
    assert_eq!(Line::paper_bill().code().as_str(), "ZMPBI");
}

/// Seed 004: "CallType Product code must be sent with any services with Telephone product."
#[test]
fn call_type_goes_with_telephone_and_only_with_it() {
    let mut no_phone = cart_with(PackageKind::Internet, None);
    assert_eq!(
        add(&mut no_phone, "FRRUS", LineKind::CallType),
        Err(RuleViolation::CallTypeWithoutTelephone)
    );
    let mut phone = cart_with(PackageKind::InternetTelephone, None);
    phone
        .apply(CartOp::AddLine {
            line: Line::paper_bill(),
        })
        .unwrap();
    phone
        .apply(CartOp::ChooseInstallation {
            installation: InstallationKind::TechnicianVisit,
            credit: CreditResult::Approved,
        })
        .unwrap();
    assert_eq!(phone.check_complete(), Err(RuleViolation::CallTypeMissing));
    add(&mut phone, "RRRUS", LineKind::CallType).unwrap();
    assert_eq!(phone.check_complete(), Ok(()));
}

/// Seed 004: "In case of TechnicianVisit and Self install, Installation charges code will be
/// decided by Hybris/CSR based on customer Credit check and user selection. This should be
/// sent with each request as an AddOnProduct."
#[test]
fn install_charge_follows_credit_and_choice() {
    let mut cart = cart_with(PackageKind::Internet, None);
    cart.apply(CartOp::AddLine {
        line: Line::paper_bill(),
    })
    .unwrap();
    assert_eq!(
        cart.check_complete(),
        Err(RuleViolation::InstallationMissing)
    );
    cart.apply(CartOp::ChooseInstallation {
        installation: InstallationKind::SelfInstall,
        credit: CreditResult::DepositRequired,
    })
    .unwrap();
    let charge = |c: &Cart| {
        c.lines()
            .iter()
            .find_map(|l| match l.kind() {
                LineKind::InstallCharge(ch) => Some(ch),
                _ => None,
            })
            .unwrap()
    };
    assert_eq!(charge(&cart), InstallCharge::SelfInstall);
    cart.apply(CartOp::ChooseInstallation {
        installation: InstallationKind::TechnicianVisit,
        credit: CreditResult::Approved,
    })
    .unwrap();
    assert_eq!(charge(&cart), InstallCharge::TechnicianVisit);
    assert_eq!(cart.lines().len(), 2, "the charge is replaced, not added");
    // A hand-added charge that contradicts the choice is refused.
    let r = cart.apply(CartOp::AddLine {
        line: Line::install_charge(InstallCharge::SelfInstall),
    });
    assert_eq!(
        r,
        Err(RuleViolation::InstallChargeMismatch {
            expected: InstallCharge::TechnicianVisit,
            found: InstallCharge::SelfInstall
        })
    );
}

/// Seed 004 self-install table: "0MRIS Same Day(Not in scope) 9.99", "0MRIN Next Day(Not in
/// scope) 4.99".
#[test]
fn same_and_next_day_self_install_are_out_of_scope() {
    let mut cart = cart_with(PackageKind::Internet, None);
    cart.apply(CartOp::ChooseInstallation {
        installation: InstallationKind::SelfInstall,
        credit: CreditResult::Approved,
    })
    .unwrap();
    cart.apply(CartOp::RemoveLine {
        code: code("0MSIN"),
    })
    .unwrap_err();
    let mut fresh = cart_with(PackageKind::Internet, None);
    let r = fresh.apply(CartOp::AddLine {
        line: Line::install_charge(InstallCharge::SelfInstallSameDay),
    });
    assert_eq!(
        r,
        Err(RuleViolation::InstallChargeNotInScope {
            charge: InstallCharge::SelfInstallSameDay
        })
    );
}

#[test]
fn every_violation_names_its_rule_and_speaks_both_languages() {
    let samples = [
        RuleViolation::TelephoneTwice,
        RuleViolation::SmartProtectTwice,
        RuleViolation::PaperBillMissing,
        RuleViolation::NdvrNotApplicable,
        RuleViolation::CallTypeMissing,
        RuleViolation::PackageNotOffered {
            package: PackageKind::Tv,
            technology: Technology::Ftth,
        },
    ];
    for v in samples {
        assert!(!v.rule().is_empty());
        assert_ne!(v.message(Lang::En), v.message(Lang::Es), "{v}");
    }
}

/// A cart that arrives over the wire is re-checked: the proxy can trust the type.
#[test]
fn a_cart_breaking_a_rule_does_not_deserialize() {
    let mut cart = cart_with(PackageKind::Internet, None);
    add(&mut cart, "SP001", LineKind::SmartProtect).unwrap();
    let mut json = serde_json::to_value(&cart).unwrap();
    let line = json["lines"][0].clone();
    json["lines"].as_array_mut().unwrap().push(line);
    let err = serde_json::from_value::<Cart>(json).unwrap_err();
    assert!(err.to_string().contains("Smart Protect"), "{err}");
    let back: Cart = serde_json::from_value(serde_json::to_value(&cart).unwrap()).unwrap();
    assert_eq!(back, cart);
}

/// Seed 004's package table makes the address's technology decide which packages exist; a
/// package whose components are built for fibre (`FJ43X`, `FFONT`) cannot be offered or held
/// at a cable address, whatever its kind (issue 24, 15: a COAX address was offered them).
#[test]
fn a_package_built_for_fibre_is_not_offered_on_cable() {
    use checkout_core::rules::package_fits;
    let fibre_internet = Package::new(
        code("F1INT"),
        vec![
            Component::new(code("FJ43X"), ServiceType::HighSpeedData).unwrap(),
            Component::new(code("FFONT"), ServiceType::HighSpeedData).unwrap(),
        ],
        None,
    )
    .unwrap()
    .built_on(Technology::Ftth);
    assert!(package_fits(&fibre_internet, Technology::Ftth));
    assert!(!package_fits(&fibre_internet, Technology::Coax));
    let mut cart = Cart::new(Technology::Coax);
    assert_eq!(
        cart.apply(CartOp::ChoosePackage {
            package: fibre_internet.clone()
        }),
        Err(RuleViolation::PackageNotOffered {
            package: PackageKind::Internet,
            technology: Technology::Coax
        })
    );
    // The technology travels with the package on the wire.
    let wire = serde_json::to_value(&fibre_internet).unwrap();
    assert_eq!(wire["technology"], "FTTH");
    assert_eq!(
        serde_json::from_value::<Package>(wire).unwrap(),
        fibre_internet
    );
}
