//! The cart from what the customer chose, composed against the catalogue.
//!
//! The browser sends only choices: a package code, the add-on codes the customer ticked, and
//! whether they want an extra set-top box. Every line's kind, ServiceType and price come from
//! the back office's catalogue for the address, never from the request, and the lines the
//! rules require are added here, once: the paper bill on every order (seed 004, "Key
//! Considerations" 10), the CallType with telephone (9), cloud DVR with a Hub TV triple play
//! (14), and a box's installation charge with the activation of the package's TV tier (12,
//! 13). The app composes with this for its live preview and the proxy for the cart it holds,
//! so the cart that goes upstream is exactly the one the customer was shown.

use crate::cart::{Cart, CartOp};
use crate::catalog::{Line, LineKind, PackageKind, ProductCode, ProductKind, TvBox};
use crate::rules::RuleViolation;
use crate::wire::{CartChoices, Offers};

/// The add-ons a customer ticks. The others (bill preference, CallType, install charges,
/// set-top box parts, cloud DVR) follow from the package and the order, and are added for them.
pub fn customer_choosable(kind: LineKind) -> bool {
    matches!(
        kind,
        LineKind::TvPremium
            | LineKind::TvUPick
            | LineKind::TvUltimate
            | LineKind::SmartProtect
            | LineKind::Other(_)
    )
}

/// The first add-on of this kind in the catalogue.
pub fn offered(offers: &Offers, kind: LineKind) -> Option<&Line> {
    offers
        .add_ons
        .iter()
        .map(|a| &a.line)
        .find(|l| l.kind() == kind)
}

/// Whether a package comes with cloud DVR (seed 004, "Key Considerations" 14: a 3P package
/// with a Hub TV box).
pub fn comes_with_ndvr(kind: PackageKind, tv_box: Option<TvBox>) -> bool {
    kind == PackageKind::TriplePlay && tv_box == Some(TvBox::HubTv)
}

/// The cart operations that turn the choices into a cart, in order: the package, the lines it
/// brings, the chosen add-ons, the extra box. Each line is the catalogue's own.
pub fn cart_ops(offers: &Offers, choices: &CartChoices) -> Result<Vec<CartOp>, RuleViolation> {
    let package = offers
        .packages
        .iter()
        .find(|p| p.package.code() == &choices.package)
        .map(|p| p.package.clone())
        .ok_or_else(|| RuleViolation::NotInCatalogue {
            code: choices.package.clone(),
        })?;
    let required = |kind: LineKind, missing: RuleViolation| {
        offered(offers, kind)
            .cloned()
            .map(|line| CartOp::AddLine { line })
            .ok_or(missing)
    };
    let mut ops = vec![
        CartOp::ChoosePackage {
            package: package.clone(),
        },
        CartOp::AddLine {
            line: Line::paper_bill(),
        },
    ];
    if package.has(ProductKind::Telephone) {
        ops.push(required(
            LineKind::CallType,
            RuleViolation::CallTypeMissing,
        )?);
    }
    if comes_with_ndvr(package.kind(), package.tv().map(|t| t.tv_box)) {
        ops.push(required(LineKind::Ndvr, RuleViolation::NdvrMissing)?);
    }
    for (i, code) in choices.add_ons.iter().enumerate() {
        if choices.add_ons[..i].contains(code) {
            return Err(RuleViolation::ChosenTwice { code: code.clone() });
        }
        let line = offers
            .add_ons
            .iter()
            .map(|a| &a.line)
            .find(|l| l.code() == code)
            .ok_or_else(|| RuleViolation::NotInCatalogue { code: code.clone() })?;
        if !customer_choosable(line.kind()) {
            return Err(RuleViolation::NotChoosable { code: code.clone() });
        }
        ops.push(CartOp::AddLine { line: line.clone() });
    }
    if choices.extra_stb {
        let stb = offered(offers, LineKind::ExtraStb)
            .cloned()
            .ok_or(RuleViolation::ExtraStbIncomplete)?;
        let tier = package
            .tier()
            .ok_or_else(|| RuleViolation::AddOnWithoutItsProduct {
                code: stb.code().clone(),
                product: ProductKind::Tv,
            })?;
        let companion = |kind| {
            offered(offers, kind)
                .cloned()
                .ok_or(RuleViolation::ExtraStbIncomplete)
        };
        ops.push(CartOp::AddExtraStb {
            install_charge: companion(LineKind::StbInstallCharge)?,
            activation: companion(LineKind::StbActivation(tier))?,
            stb,
        });
    }
    Ok(ops)
}

/// The choices that made a cart (to hold the same cart again, or to show what was chosen):
/// its package, the add-ons the customer picks, and whether it has an extra box.
pub fn choices_of(cart: &Cart) -> Option<CartChoices> {
    Some(CartChoices {
        package: cart.package()?.code().clone(),
        add_ons: cart
            .lines()
            .iter()
            .filter(|l| customer_choosable(l.kind()))
            .map(|l| l.code().clone())
            .collect(),
        extra_stb: cart.lines().iter().any(|l| l.kind() == LineKind::ExtraStb),
    })
}

/// The cart the choices make, every rule kept, or the first rule they break.
pub fn compose(offers: &Offers, choices: &CartChoices) -> Result<Cart, RuleViolation> {
    let mut cart = Cart::new(offers.technology);
    for op in cart_ops(offers, choices)? {
        cart.apply(op)?;
    }
    Ok(cart)
}

/// A chosen extra the package no longer takes, and the rule that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub code: ProductCode,
    pub why: RuleViolation,
}

/// The choices after a change of package: every ticked extra the new package still takes, in
/// the order it was ticked, and each one it refuses with its rule, so the customer is told
/// which extra went and why, and the others keep their place and their rules (seed 004, "Key
/// Considerations" 6, 7, 11 and 12: an extra needs its product and its TV tier, none for
/// phone, one Smart Protect, a box only with TV). When the package
/// alone is refused, nothing is dropped: the package is what needs changing.
pub fn keep_what_fits(offers: &Offers, choices: &CartChoices) -> (CartChoices, Vec<Dropped>) {
    let mut kept = CartChoices {
        package: choices.package.clone(),
        add_ons: Vec::new(),
        extra_stb: false,
    };
    if compose(offers, &kept).is_err() {
        return (choices.clone(), Vec::new());
    }
    let mut dropped = Vec::new();
    for code in &choices.add_ons {
        kept.add_ons.push(code.clone());
        if let Err(why) = compose(offers, &kept) {
            kept.add_ons.pop();
            dropped.push(Dropped {
                code: code.clone(),
                why,
            });
        }
    }
    if choices.extra_stb {
        kept.extra_stb = true;
        if let Err(why) = compose(offers, &kept) {
            kept.extra_stb = false;
            if let Some(stb) = offered(offers, LineKind::ExtraStb) {
                dropped.push(Dropped {
                    code: stb.code().clone(),
                    why,
                });
            }
        }
    }
    (kept, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Component, Package, ServiceType, Technology, TvSpec, TvTier};
    use crate::wire::{MonthlyPrice, OfferedAddOn, OfferedPackage};

    fn code(s: &str) -> ProductCode {
        ProductCode::new(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn price() -> MonthlyPrice {
        MonthlyPrice {
            monthly_price: "1.00".into(),
            currency: "USD".into(),
        }
    }

    fn add_on(c: &str, kind: LineKind) -> OfferedAddOn {
        OfferedAddOn {
            line: Line::new(code(c), kind, None).unwrap_or_else(|e| panic!("{c}: {e}")),
            name: c.into(),
            price: price(),
        }
    }

    fn offers() -> Offers {
        let tv = Package::new(
            code("TVP"),
            vec![Component::new(code("TV1"), ServiceType::Video).unwrap_or_else(|e| panic!("{e}"))],
            Some(TvSpec {
                tier: TvTier::Premium,
                tv_box: TvBox::Standard,
            }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        Offers {
            technology: Technology::Coax,
            packages: vec![OfferedPackage {
                package: tv,
                name: "TV".into(),
                price: price(),
            }],
            add_ons: vec![
                add_on("PRM01", LineKind::TvPremium),
                add_on("STB01", LineKind::ExtraStb),
                add_on("STBIC", LineKind::StbInstallCharge),
                add_on("ACTPR", LineKind::StbActivation(TvTier::Premium)),
                add_on("ACTUL", LineKind::StbActivation(TvTier::Ultimate)),
                add_on(
                    "0MINS",
                    LineKind::InstallCharge(crate::catalog::InstallCharge::TechnicianVisit),
                ),
            ],
        }
    }

    fn choices(add_ons: &[&str], extra_stb: bool) -> CartChoices {
        CartChoices {
            package: code("TVP"),
            add_ons: add_ons.iter().map(|c| code(c)).collect(),
            extra_stb,
        }
    }

    #[test]
    fn an_extra_box_brings_the_catalogues_charge_and_its_tiers_activation() {
        let cart = compose(&offers(), &choices(&["PRM01"], true)).unwrap_or_else(|e| panic!("{e}"));
        let codes: Vec<_> = cart.lines().iter().map(|l| l.code().as_str()).collect();
        assert_eq!(codes, ["ZMPBI", "PRM01", "STB01", "STBIC", "ACTPR"]);
    }

    #[test]
    fn a_cart_gives_back_the_choices_that_made_it() {
        let c = choices(&["PRM01"], true);
        let cart = compose(&offers(), &c).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(choices_of(&cart), Some(c));
        assert_eq!(choices_of(&Cart::new(Technology::Coax)), None);
    }

    #[test]
    fn only_the_catalogues_customer_choices_compose() {
        let o = offers();
        assert_eq!(
            compose(&o, &choices(&["FREE0"], false)),
            Err(RuleViolation::NotInCatalogue {
                code: code("FREE0")
            })
        );
        for not_mine in ["0MINS", "STBIC", "ACTUL", "STB01"] {
            assert_eq!(
                compose(&o, &choices(&[not_mine], false)),
                Err(RuleViolation::NotChoosable {
                    code: code(not_mine)
                }),
                "{not_mine}"
            );
        }
        assert_eq!(
            compose(&o, &choices(&["PRM01", "PRM01"], false)),
            Err(RuleViolation::ChosenTwice {
                code: code("PRM01")
            })
        );
        let unknown_package = CartChoices {
            package: code("R1INT"),
            add_ons: vec![],
            extra_stb: false,
        };
        assert_eq!(
            compose(&o, &unknown_package),
            Err(RuleViolation::NotInCatalogue {
                code: code("R1INT")
            })
        );
    }

    #[test]
    fn choices_carry_nothing_but_codes() {
        let wire = serde_json::json!({"package": "TVP", "addOns": ["PRM01"], "extraStb": true});
        let c: CartChoices = serde_json::from_value(wire).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c, choices(&["PRM01"], true));
        // A cart described line by line, as the browser once sent it, is refused outright.
        let described = serde_json::json!({
            "package": "TVP",
            "lines": [{"code": "PRM01", "kind": {"kind": "tv_premium"}}],
        });
        assert!(serde_json::from_value::<CartChoices>(described).is_err());
    }

    #[test]
    fn a_new_package_keeps_the_extras_it_takes_and_names_each_it_refuses() {
        // Seed 004, "Key Considerations" 6 and 12: a premium extra and a box need TV; a phone
        // package has none, so both go, each with its rule, and nothing else changes.
        let mut o = offers();
        let phone = Package::new(
            code("PH1"),
            vec![
                Component::new(code("TN1"), ServiceType::Telephone)
                    .unwrap_or_else(|e| panic!("{e}")),
            ],
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        o.packages.push(OfferedPackage {
            package: phone,
            name: "Phone".into(),
            price: price(),
        });
        o.add_ons.push(add_on("CTUNL", LineKind::CallType));
        let on_phone = CartChoices {
            package: code("PH1"),
            ..choices(&["PRM01"], true)
        };
        let (kept, dropped) = keep_what_fits(&o, &on_phone);
        assert_eq!(
            kept,
            CartChoices {
                package: code("PH1"),
                add_ons: vec![],
                extra_stb: false
            }
        );
        assert_eq!(
            dropped.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            ["PRM01", "STB01"]
        );
        assert_eq!(
            dropped[0].why,
            RuleViolation::AddOnWithoutItsProduct {
                code: code("PRM01"),
                product: ProductKind::Tv
            }
        );
        assert_eq!(
            dropped[0].why.message(crate::Lang::En),
            "This extra needs TV, which your package does not include."
        );
        assert!(compose(&o, &kept).is_ok());

        // On the TV package the same extras all fit: nothing is dropped.
        let (kept, dropped) = keep_what_fits(&o, &choices(&["PRM01"], true));
        assert_eq!(kept, choices(&["PRM01"], true));
        assert!(dropped.is_empty());
    }

    #[test]
    fn a_package_the_catalogue_lacks_drops_nothing() {
        let c = CartChoices {
            package: code("GONE1"),
            ..choices(&["PRM01"], false)
        };
        assert_eq!(keep_what_fits(&offers(), &c), (c, vec![]));
    }
}
