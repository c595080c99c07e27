//! Property tests: the cart never leaves the rules, every complete cart builds a body that the
//! TMF622 checker accepts, and deadline arithmetic is monotonic and skew-safe.

use crate::tmf622_checker as tmf622_schema;

use checkout_core::cart::{Cart, CartOp};
use checkout_core::catalog::{
    Component, InstallCharge, Line, LineKind, Package, PackageKind, ProductCode, ProductKind,
    ServiceType, Technology, TvBox, TvSpec, TvTier,
};
use checkout_core::deadlines::{ClockSkew, Hold, HoldState};
use checkout_core::installation::{
    Appointment, CreditResult, Installation, InstallationKind, JobType, TelephoneNumber,
};
use checkout_core::instant::{Millis, UtcMillis};
use checkout_core::pr_order::{Party, PrOrderDetails, build};
use checkout_core::rules;
use proptest::prelude::*;
use std::sync::OnceLock;

fn code(s: &str) -> ProductCode {
    ProductCode::new(s).unwrap()
}

fn arb_technology() -> impl Strategy<Value = Technology> {
    prop_oneof![Just(Technology::Ftth), Just(Technology::Coax)]
}

fn arb_tier() -> impl Strategy<Value = TvTier> {
    prop_oneof![
        Just(TvTier::Premium),
        Just(TvTier::UPick),
        Just(TvTier::Ultimate)
    ]
}

fn arb_package() -> impl Strategy<Value = Package> {
    (
        prop::sample::select(PackageKind::ALL.to_vec()),
        arb_tier(),
        any::<bool>(),
    )
        .prop_map(|(kind, tier, hub)| {
            let mut components = Vec::new();
            for (p, st, c) in [
                (ProductKind::Tv, ServiceType::Video, "TV1"),
                (ProductKind::Internet, ServiceType::HighSpeedData, "HS1"),
                (ProductKind::Telephone, ServiceType::Telephone, "TD1"),
            ] {
                if kind.has(p) {
                    components.push(Component::new(code(c), st).unwrap());
                }
            }
            let tv = kind.has(ProductKind::Tv).then_some(TvSpec {
                tier,
                tv_box: if hub { TvBox::HubTv } else { TvBox::Standard },
            });
            Package::new(code("PKG"), components, tv).unwrap()
        })
}

fn arb_line() -> impl Strategy<Value = Line> {
    let kinds = vec![
        ("PRM01", LineKind::TvPremium),
        ("UPK01", LineKind::TvUPick),
        ("ULT01", LineKind::TvUltimate),
        ("SP001", LineKind::SmartProtect),
        ("STB01", LineKind::ExtraStb),
        ("NDVR1", LineKind::Ndvr),
        ("RZ020", LineKind::Other(ProductKind::Internet)),
        ("TVX01", LineKind::Other(ProductKind::Tv)),
        ("TNX01", LineKind::Other(ProductKind::Telephone)),
        ("FRRUS", LineKind::CallType),
        ("ZMPBI", LineKind::PaperBill),
        ("0MSIN", LineKind::InstallCharge(InstallCharge::SelfInstall)),
        (
            "0MRIS",
            LineKind::InstallCharge(InstallCharge::SelfInstallSameDay),
        ),
    ];
    prop::sample::select(kinds).prop_map(|(c, k)| Line::new(code(c), k, None).unwrap())
}

fn arb_installation() -> impl Strategy<Value = InstallationKind> {
    prop_oneof![
        Just(InstallationKind::SelfInstall),
        Just(InstallationKind::TechnicianVisit)
    ]
}

fn arb_op() -> impl Strategy<Value = CartOp> {
    prop_oneof![
        1 => arb_package().prop_map(|package| CartOp::ChoosePackage { package }),
        3 => arb_line().prop_map(|line| CartOp::AddLine { line }),
        1 => arb_tier().prop_map(|tier| CartOp::AddExtraStb {
            stb: Line::new(code("STB01"), LineKind::ExtraStb, None).unwrap(),
            install_charge: Line::new(code("STBIC"), LineKind::StbInstallCharge, None).unwrap(),
            activation: Line::new(code("ACT01"), LineKind::StbActivation(tier), None).unwrap(),
        }),
        1 => prop::sample::select(vec!["STB01", "STBIC", "SP001", "ZMPBI", "FRRUS", "0MSIN", "NOPE1"])
            .prop_map(|c| CartOp::RemoveLine { code: code(c) }),
        1 => (arb_installation(), prop_oneof![Just(CreditResult::Approved), Just(CreditResult::DepositRequired)])
            .prop_map(|(installation, credit)| CartOp::ChooseInstallation { installation, credit }),
    ]
}

fn selection_ok(c: &Cart) -> bool {
    rules::check_selection(c.technology(), c.package(), c.lines(), c.installation()).is_ok()
}

/// Try to finish a cart the way the app would: add what is mandatory, ignoring refusals.
fn complete(cart: &mut Cart, installation: InstallationKind) {
    let ops = [
        CartOp::AddLine {
            line: Line::paper_bill(),
        },
        CartOp::AddLine {
            line: Line::new(
                code("FRRUS"),
                LineKind::CallType,
                Some(ServiceType::Telephone),
            )
            .unwrap(),
        },
        CartOp::AddLine {
            line: Line::new(code("NDVR1"), LineKind::Ndvr, None).unwrap(),
        },
        CartOp::ChooseInstallation {
            installation,
            credit: CreditResult::Approved,
        },
    ];
    for op in ops {
        let _ = cart.apply(op);
    }
}

fn schema() -> Option<&'static serde_json::Value> {
    static DEFS: OnceLock<Option<serde_json::Value>> = OnceLock::new();
    DEFS.get_or_init(tmf622_schema::definitions).as_ref()
}

proptest! {
    /// Any sequence of cart operations ends in a valid cart or a named rule error, and a
    /// refused operation changes nothing (seed cart: "all-or-nothing").
    #[test]
    fn cart_operations_keep_the_rules_or_name_the_one_broken(
        technology in arb_technology(),
        ops in prop::collection::vec(arb_op(), 0..25),
    ) {
        let mut cart = Cart::new(technology);
        for op in ops {
            let before = cart.clone();
            match cart.apply(op) {
                Ok(()) => prop_assert!(selection_ok(&cart)),
                Err(v) => {
                    prop_assert_eq!(&cart, &before);
                    prop_assert!(!v.rule().is_empty());
                }
            }
            // The wire form is re-checked on the way in and round-trips.
            let json = serde_json::to_value(&cart).unwrap();
            prop_assert_eq!(serde_json::from_value::<Cart>(json).unwrap(), cart.clone());
        }
    }

    /// Every cart the rules accept builds a PR body, and the body passes the TMF622 checker.
    #[test]
    fn every_complete_cart_builds_a_valid_body(
        technology in arb_technology(),
        ops in prop::collection::vec(arb_op(), 0..15),
        package in arb_package(),
        installation in arb_installation(),
        slot in prop::option::of(1_600_000_000_000_i64..1_900_000_000_000),
    ) {
        let mut cart = Cart::new(technology);
        let _ = cart.apply(CartOp::ChoosePackage { package });
        for op in ops {
            let _ = cart.apply(op);
        }
        complete(&mut cart, installation);
        prop_assume!(cart.check_complete().is_ok());
        let installation = match cart.installation().unwrap() {
            InstallationKind::SelfInstall => Installation::SelfInstall,
            InstallationKind::TechnicianVisit => Installation::TechnicianVisit(
                slot.map_or(Appointment::Unscheduled, |s| Appointment::Slot(UtcMillis(s))),
            ),
        };
        let phone = cart.has(ProductKind::Telephone);
        let details = PrOrderDetails {
            external_id: "0000000000002861".to_owned(),
            billing_account_id: "190150638551501".to_owned(),
            job_type: JobType::new(installation.kind().expected_job_types(technology)[0]).unwrap(),
            telephone_number: phone.then(|| TelephoneNumber::new("9395455945").unwrap()),
            installation,
            addr_no: "00918424400656".to_owned(),
            customer: Party { id: "1901506147568".to_owned(), name: "A B".to_owned() },
            sales_rep: Party { id: "54321".to_owned(), name: String::new() },
            credit_limit: None,
            partner: None,
        };
        let body = build(&cart, &details).unwrap();
        let json = serde_json::to_value(&body).unwrap();
        let items = json["productOrderItem"].as_array().unwrap();
        prop_assert!(items.iter().any(|i| i["id"] == "ZMPBI"));
        prop_assert_eq!(items.iter().any(|i| i["@type"] == "CallTypeProduct"), phone);
        if let Some(defs) = schema() {
            let errors = tmf622_schema::validate(defs, "ProductOrder_Create", &json);
            prop_assert!(errors.is_empty(), "{:?}", errors);
        }
    }

    /// As time passes a hold only moves forward: Live → Warning → Lapsed, never back.
    #[test]
    fn hold_state_is_monotonic_in_time(
        start in 1_600_000_000_000_i64..1_900_000_000_000,
        kind in 0_u8..4,
        a in 0_i64..2_000_000,
        b in 0_i64..2_000_000,
    ) {
        let t0 = UtcMillis(start);
        let hold = match kind {
            0 => Hold::cart(t0.plus(Millis::from_mins(10))),
            1 => Hold::number(t0.plus(Millis::from_mins(5))),
            2 => Hold::slot(t0),
            _ => Hold::quote(t0),
        };
        let rank = |s: HoldState| match s {
            HoldState::Live(_) => 0,
            HoldState::Warning(_) => 1,
            HoldState::Lapsed => 2,
        };
        let (early, late) = (t0.plus(Millis(a.min(b))), t0.plus(Millis(a.max(b))));
        prop_assert!(rank(hold.state(early)) <= rank(hold.state(late)));
        prop_assert!(hold.remaining(early) >= hold.remaining(late));
        prop_assert!(hold.act_by <= hold.upstream_expires_at);
    }

    /// A device clock that is off by any amount sees the same server time, so the same hold
    /// state, once skew is learnt from a response.
    #[test]
    fn deadlines_are_skew_safe(
        server in 1_600_000_000_000_i64..1_900_000_000_000,
        offset in -86_400_000_i64..86_400_000,
        rtt in 0_i64..10_000,
        later in 0_i64..1_000_000,
    ) {
        let true_sent = UtcMillis(server - rtt / 2);
        let true_recv = true_sent.plus(Millis(rtt));
        let honest = ClockSkew::observe(UtcMillis(server), true_sent, true_recv);
        let skewed = ClockSkew::observe(
            UtcMillis(server),
            true_sent.plus(Millis(offset)),
            true_recv.plus(Millis(offset)),
        );
        let now = true_recv.plus(Millis(later));
        let a = honest.server_now(now);
        let b = skewed.server_now(now.plus(Millis(offset)));
        prop_assert_eq!(a, b);
        let hold = Hold::quote(UtcMillis(server));
        prop_assert_eq!(hold.state(a), hold.state(b));
    }
}
