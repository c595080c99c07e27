//! The server owns the order: for any sequence of customer choices over the sandbox's
//! catalogue (a copy in `fixtures/sandbox_catalogue.json`, kept equal to what the sandbox
//! serves by a sandbox test), the cart core composes and the PR body it builds hold every rule
//! of seed 004, and every line is the catalogue's own.

use checkout_core::cart::CartOp;
use checkout_core::catalog::{
    InstallCharge, LineKind, PackageKind, ProductCode, ProductKind, Technology, TvBox,
};
use checkout_core::compose::{compose, customer_choosable};
use checkout_core::installation::{
    Appointment, CreditResult, Installation, InstallationKind, JOB_TYPES, JobType, TelephoneNumber,
    install_charge_for,
};
use checkout_core::pr_order::{Party, PrOrderDetails, build};
use checkout_core::rules::RuleViolation;
use checkout_core::wire::{CartChoices, OfferedAddOn, OfferedPackage, Offers};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Catalogue {
    packages: Vec<OfferedPackage>,
    add_ons: Vec<OfferedAddOn>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let path = format!(
            "{}/tests/fixtures/sandbox_catalogue.json",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    })
}

fn offers(technology: Technology) -> Offers {
    let c = catalogue();
    Offers::for_technology(technology, c.packages.clone(), c.add_ons.clone())
}

/// One thing a customer does on the packages step.
#[derive(Debug, Clone)]
enum Choice {
    /// Pick the n-th package of the whole catalogue (it may not be offered at this address).
    Package(usize),
    /// Tick or untick the n-th add-on of the whole catalogue (it may not be choosable).
    Toggle(usize),
    /// Tick or untick the extra box.
    Box,
    /// A code that is not in the catalogue at all.
    Invented,
}

fn arb_choice() -> impl Strategy<Value = Choice> {
    prop_oneof![
        2 => (0..64usize).prop_map(Choice::Package),
        4 => (0..64usize).prop_map(Choice::Toggle),
        1 => Just(Choice::Box),
        1 => Just(Choice::Invented),
    ]
}

/// The choices a sequence of customer actions leaves.
fn choices_after(actions: &[Choice]) -> Option<CartChoices> {
    let c = catalogue();
    let mut package = None;
    let mut add_ons: Vec<ProductCode> = Vec::new();
    let mut extra_stb = false;
    for action in actions {
        match action {
            Choice::Package(n) => {
                package = Some(c.packages[n % c.packages.len()].package.code().clone());
            }
            Choice::Toggle(n) => {
                let code = c.add_ons[n % c.add_ons.len()].line.code().clone();
                match add_ons.iter().position(|a| *a == code) {
                    Some(i) => {
                        add_ons.remove(i);
                    }
                    None => add_ons.push(code),
                }
            }
            Choice::Box => extra_stb = !extra_stb,
            Choice::Invented => add_ons.push(ProductCode::new("FREE0").unwrap()),
        }
    }
    Some(CartChoices {
        package: package?,
        add_ons,
        extra_stb,
    })
}

fn arb_installation() -> impl Strategy<Value = Installation> {
    prop_oneof![
        Just(Installation::SelfInstall),
        Just(Installation::TechnicianVisit(Appointment::Unscheduled)),
        (1_700_000_000_000_i64..1_900_000_000_000).prop_map(|t| Installation::TechnicianVisit(
            Appointment::Slot(checkout_core::UtcMillis(t))
        )),
    ]
}

fn details(installation: Installation, job_type: JobType, phone: bool) -> PrOrderDetails {
    PrOrderDetails {
        external_id: "0000000000002861".to_owned(),
        billing_account_id: "190150638551501".to_owned(),
        job_type,
        telephone_number: phone.then(|| TelephoneNumber::new("9395455945").unwrap()),
        installation,
        addr_no: "00918424400656".to_owned(),
        customer: Party {
            id: "1901506147568".to_owned(),
            name: "A B".to_owned(),
        },
        sales_rep: Party {
            id: "ECOM".to_owned(),
            name: String::new(),
        },
        credit_limit: None,
        partner: None,
    }
}

/// The catalogue's line for a code, if any.
fn catalogue_line(code: &str) -> Option<&'static checkout_core::catalog::Line> {
    catalogue()
        .add_ons
        .iter()
        .map(|a| &a.line)
        .find(|l| l.code().as_str() == code)
}

fn service_type(item: &Value) -> Option<&str> {
    item["product"]["productCharacteristic"]
        .as_array()?
        .iter()
        .find(|c| c["name"] == "ServiceType")?["value"]
        .as_str()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the customer picks, ticks and unticks, the cart is either refused with the
    /// rule it breaks, or composed from the catalogue and built into a body that keeps seed
    /// 004's rules.
    #[test]
    fn any_choices_make_a_catalogue_cart_or_a_named_refusal(
        technology in prop_oneof![Just(Technology::Ftth), Just(Technology::Coax)],
        actions in prop::collection::vec(arb_choice(), 1..12),
        installation in arb_installation(),
        credit in prop_oneof![Just(CreditResult::Approved), Just(CreditResult::DepositRequired)],
        job_type in prop::sample::select(JOB_TYPES.to_vec()),
    ) {
        let Some(choices) = choices_after(&actions) else { return Ok(()) };
        let offers = offers(technology);
        let cart = match compose(&offers, &choices) {
            Ok(cart) => cart,
            Err(RuleViolation::NotInCatalogue { code }) => {
                // Refused only for a code this address's catalogue does not hold.
                let known = offers.packages.iter().any(|p| *p.package.code() == code)
                    || offers.add_ons.iter().any(|a| *a.line.code() == code);
                prop_assert!(!known, "{code} is in the catalogue");
                return Ok(());
            }
            Err(RuleViolation::NotChoosable { code }) => {
                let line = catalogue_line(code.as_str()).unwrap();
                prop_assert!(!customer_choosable(line.kind()));
                return Ok(());
            }
            Err(_) => return Ok(()), // another rule, named; the cart was never made
        };
        check_order(&offers, &choices, cart, installation, credit, job_type)?;
    }

    /// The same over the choices a customer can actually make on the page (an offered
    /// package, ticks among the add-ons a customer picks, the box or not), with a job type the
    /// tables list: most compose (proptest gives up if too few do), and every order built
    /// from them keeps every rule. Job types are drawn from the table of the installation and
    /// technology, so each case reaches the body.
    #[test]
    fn every_order_a_customer_can_compose_keeps_the_seed_rules(
        technology in prop_oneof![Just(Technology::Ftth), Just(Technology::Coax)],
        package in 0..64usize,
        ticks in prop::collection::vec(0..64usize, 0..4),
        extra_stb in any::<bool>(),
        installation in arb_installation(),
        credit in prop_oneof![Just(CreditResult::Approved), Just(CreditResult::DepositRequired)],
        job in 0..16usize,
    ) {
        let offers = offers(technology);
        let choosable: Vec<_> = offers.add_ons.iter()
            .filter(|a| customer_choosable(a.line.kind()))
            .map(|a| a.line.code().clone())
            .collect();
        let mut add_ons: Vec<ProductCode> = Vec::new();
        for t in ticks {
            let code = &choosable[t % choosable.len()];
            if !add_ons.contains(code) {
                add_ons.push(code.clone());
            }
        }
        let choices = CartChoices {
            package: offers.packages[package % offers.packages.len()].package.code().clone(),
            add_ons,
            extra_stb,
        };
        let composed = compose(&offers, &choices);
        prop_assume!(composed.is_ok());
        let listed = installation.kind().expected_job_types(technology);
        let job_type = listed[job % listed.len()];
        check_order(&offers, &choices, composed.unwrap(), installation, credit, job_type)?;
    }
}

/// Choose the installation on a composed cart, build the body, and check it against the
/// catalogue and seed 004's rules.
fn check_order(
    offers: &Offers,
    choices: &CartChoices,
    mut cart: checkout_core::cart::Cart,
    installation: Installation,
    credit: CreditResult,
    job_type: &str,
) -> Result<(), TestCaseError> {
    let technology = offers.technology;
    let kind = installation.kind();
    cart.apply(CartOp::ChooseInstallation {
        installation: kind,
        credit,
    })
    .unwrap();
    let phone = cart.has(ProductKind::Telephone);
    let job_type = JobType::new(job_type).unwrap();
    let built = build(&cart, &details(installation, job_type, phone));
    if !job_type.is_expected_for(kind, technology) {
        let refused = matches!(built, Err(RuleViolation::JobTypeUnexpected { .. }));
        prop_assert!(refused);
        return Ok(());
    }
    let body = serde_json::to_value(built.unwrap()).unwrap();
    // An order through a partner's embed names the partner in TMF-622's `channel` and is
    // otherwise the same order; the store's own names no channel (docs/embedding.md).
    prop_assert!(body.get("channel").is_none());
    let mut through_partner = details(installation, job_type, phone);
    through_partner.partner = Some(Party {
        id: "PARTNER-DEMO".into(),
        name: "Demo partner".into(),
    });
    let mut framed = serde_json::to_value(build(&cart, &through_partner).unwrap()).unwrap();
    prop_assert_eq!(
        framed.as_object_mut().unwrap().remove("channel"),
        Some(serde_json::json!([{
            "id": "PARTNER-DEMO", "name": "Demo partner", "role": "Partner",
            "@referredType": "SalesChannel"
        }]))
    );
    prop_assert_eq!(&framed, &body);
    let items = body["productOrderItem"].as_array().unwrap();
    let package = cart.package().unwrap();
    let (package_items, line_items): (Vec<&Value>, Vec<&Value>) =
        items.iter().partition(|i| i["@type"] == "Package");

    // The package is the catalogue's, offered at this address, with its components.
    let offered = offers.packages.iter().find(|p| p.package == *package);
    prop_assert!(
        offered.is_some(),
        "package {} not the catalogue's",
        package.code()
    );
    prop_assert_eq!(package_items.len(), package.components().len());
    for (item, component) in package_items.iter().zip(package.components()) {
        prop_assert_eq!(item["id"].as_str(), Some(package.code().as_str()));
        prop_assert_eq!(
            item["product"]["id"].as_str(),
            Some(component.code().as_str())
        );
        prop_assert_eq!(service_type(item), Some(component.service_type().code()));
    }

    // Every other line is the catalogue's, with the kind and ServiceType it gives, and so
    // with the catalogue's price (the quote prices it by that code).
    let mut kinds = Vec::new();
    for item in &line_items {
        let code = item["id"].as_str().unwrap();
        let line = catalogue_line(code);
        prop_assert!(line.is_some(), "{} not in the catalogue", code);
        let line = line.unwrap();
        prop_assert_eq!(service_type(item), line.service_type().map(|s| s.code()));
        prop_assert_eq!(
            item["@type"] == "CallTypeProduct",
            line.kind() == LineKind::CallType
        );
        kinds.push(line.kind());
    }
    let count = |pred: &dyn Fn(LineKind) -> bool| kinds.iter().filter(|k| pred(**k)).count();
    prop_assert_eq!(count(&|k| k == LineKind::PaperBill), 1);
    prop_assert!(count(&|k| k == LineKind::SmartProtect) <= 1);
    let charges: Vec<_> = kinds
        .iter()
        .filter_map(|k| match k {
            LineKind::InstallCharge(c) => Some(*c),
            _ => None,
        })
        .collect();
    prop_assert_eq!(charges, vec![install_charge_for(kind, credit)]);
    let tier = package.tier();
    let boxes = count(&|k| k == LineKind::ExtraStb);
    prop_assert_eq!(boxes, usize::from(choices.extra_stb));
    prop_assert_eq!(count(&|k| k == LineKind::StbInstallCharge), boxes);
    prop_assert_eq!(count(&|k| matches!(k, LineKind::StbActivation(_))), boxes);
    let right_tier = kinds.iter().all(|k| match k {
        LineKind::StbActivation(t) => Some(*t) == tier,
        _ => true,
    });
    prop_assert!(right_tier);
    prop_assert_eq!(count(&|k| k == LineKind::CallType), usize::from(phone));
    let hub_3p = package.kind() == PackageKind::TriplePlay
        && package.tv().is_some_and(|t| t.tv_box == TvBox::HubTv);
    prop_assert_eq!(count(&|k| k == LineKind::Ndvr), usize::from(hub_3p));
    // Only what the customer ticked besides what the package and order bring.
    for code in &choices.add_ons {
        prop_assert!(line_items.iter().any(|i| i["id"] == code.as_str()));
    }
    prop_assert!(charges_in_scope(&kinds));

    // The job type fits the installation and the technology.
    let notes = body["note"].as_array().unwrap();
    let note = |t: &str| {
        notes
            .iter()
            .find(|n| n["@type"] == t)
            .and_then(|n| n["text"].as_str())
    };
    prop_assert_eq!(note("JobType"), Some(job_type.as_str()));
    prop_assert!(
        kind.expected_job_types(technology)
            .contains(&job_type.as_str())
    );
    prop_assert_eq!(note("InstallationType"), Some(kind.note_text()));
    prop_assert_eq!(
        installation.kind() == InstallationKind::SelfInstall,
        note("CampaignCode") == Some("SIN")
    );
    Ok(())
}

fn charges_in_scope(kinds: &[LineKind]) -> bool {
    kinds.iter().all(|k| match k {
        LineKind::InstallCharge(c) => c.in_scope() && *c != InstallCharge::SelfInstallSameDay,
        _ => true,
    })
}
