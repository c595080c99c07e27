//! The checkout state machine of DESIGN §3: guarded transitions and skipped steps.

use checkout_core::cart::CartOp;
use checkout_core::catalog::{
    Component, Line, LineKind, Package, ProductCode, ServiceType, Technology,
};
use checkout_core::deadlines::{Hold, HoldKind};
use checkout_core::flow::{Blocker, Checkout, Step};
use checkout_core::installation::{CreditResult, InstallationKind, TelephoneNumber};
use checkout_core::instant::{Millis, UtcMillis};
use checkout_core::tmf622::OrderOutcome;

const T0: UtcMillis = UtcMillis(1_700_000_000_000);

fn code(s: &str) -> ProductCode {
    ProductCode::new(s).unwrap()
}

fn checkout(with_phone: bool, installation: InstallationKind) -> Checkout {
    let mut c = Checkout::new();
    assert_eq!(c.advance(T0), Err(Blocker::NotEligible));
    c.eligible(Technology::Ftth);
    let mut components = vec![Component::new(code("HS1"), ServiceType::HighSpeedData).unwrap()];
    if with_phone {
        components.push(Component::new(code("TD1"), ServiceType::Telephone).unwrap());
    }
    let package = Package::new(code("PKG"), components, None).unwrap();
    c.apply(CartOp::ChoosePackage { package }).unwrap();
    if with_phone {
        c.apply(CartOp::AddLine {
            line: Line::new(code("FRRUS"), LineKind::CallType, None).unwrap(),
        })
        .unwrap();
    }
    c.apply(CartOp::AddLine {
        line: Line::paper_bill(),
    })
    .unwrap();
    c.hold(Hold::cart(T0.plus(Millis::from_mins(30))));
    for want in [Step::Identity, Step::Offers, Step::Cart, Step::Credit] {
        assert_eq!(c.advance(T0), Ok(want));
    }
    assert_eq!(c.advance(T0), Err(Blocker::NoCredit));
    c.credit_done(CreditResult::Approved);
    assert_eq!(c.advance(T0), Ok(Step::Installation));
    assert_eq!(c.advance(T0), Err(Blocker::NoInstallation));
    c.apply(CartOp::ChooseInstallation {
        installation,
        credit: CreditResult::Approved,
    })
    .unwrap();
    c
}

/// DESIGN §3 step 7: "only when the package has phone".
#[test]
fn no_number_step_without_phone() {
    let mut c = checkout(false, InstallationKind::SelfInstall);
    assert_eq!(c.advance(T0), Ok(Step::Terms));
    assert_eq!(c.back(), Ok(Step::Installation));
}

#[test]
fn phone_orders_reserve_a_number_first() {
    let mut c = checkout(true, InstallationKind::SelfInstall);
    assert_eq!(c.advance(T0), Ok(Step::Number));
    assert_eq!(c.advance(T0), Err(Blocker::NoNumber));
    c.number_reserved(
        TelephoneNumber::new("9395455945").unwrap(),
        T0.plus(Millis::from_mins(10)),
    );
    assert_eq!(c.advance(T0), Ok(Step::Terms));
}

/// Seed 004: "In case of selfinstall, Order is always created with unscheduled job" — there is
/// no slot to pick.
#[test]
fn no_slot_step_for_self_install() {
    let mut c = checkout(false, InstallationKind::SelfInstall);
    c.advance(T0).unwrap();
    assert_eq!(c.advance(T0), Err(Blocker::TermsNotAccepted));
    c.accept_terms();
    assert_eq!(c.advance(T0), Ok(Step::Quote));
}

/// Seed 004: "Order should be placed within 3 minutes from the searchTimeSlot call".
#[test]
fn no_submit_with_a_lapsed_slot_hold() {
    let mut c = checkout(false, InstallationKind::TechnicianVisit);
    c.advance(T0).unwrap();
    c.accept_terms();
    assert_eq!(c.advance(T0), Ok(Step::Slot));
    c.slot_chosen(T0.plus(Millis::from_mins(60 * 24)), T0);
    c.quoted(T0);
    assert_eq!(c.advance(T0), Ok(Step::Quote));
    assert_eq!(c.advance(T0), Ok(Step::Review));
    let late = T0.plus(Millis::from_mins(3));
    assert_eq!(c.next(late), Err(Blocker::HoldLapsed(HoldKind::Slot)));
    // Recovery: back to the slot step, appointment forgotten.
    assert_eq!(c.recover(late), vec![HoldKind::Slot]);
    assert_eq!(c.step(), Step::Slot);
    assert_eq!(c.advance(late), Err(Blocker::NoAppointment));
}

/// Seed 004: "Order should be placed within 14 minutes from tax and fees API call".
#[test]
fn no_submit_with_a_lapsed_quote() {
    let mut c = checkout(false, InstallationKind::SelfInstall);
    c.advance(T0).unwrap();
    c.accept_terms();
    c.advance(T0).unwrap();
    c.quoted(T0);
    assert_eq!(c.advance(T0), Ok(Step::Review));
    assert_eq!(c.next(T0.plus(Millis(60_000))), Ok(Step::Placing));
    let late = T0.plus(Millis::from_mins(14));
    assert_eq!(c.next(late), Err(Blocker::HoldLapsed(HoldKind::Quote)));
    c.recover(late);
    assert_eq!(c.step(), Step::Quote);
    assert_eq!(c.advance(late), Err(Blocker::NoQuote));
}

#[test]
fn unscheduled_technician_visit_goes_on_without_a_slot_hold() {
    let mut c = checkout(false, InstallationKind::TechnicianVisit);
    c.advance(T0).unwrap();
    c.accept_terms();
    c.advance(T0).unwrap();
    c.unscheduled();
    c.quoted(T0);
    assert_eq!(c.advance(T0), Ok(Step::Quote));
    assert_eq!(c.advance(T0), Ok(Step::Review));
    assert_eq!(c.advance(T0), Ok(Step::Placing));
    assert_eq!(c.back(), Err(Blocker::AwaitingOutcome));
    assert_eq!(c.advance(T0), Err(Blocker::AwaitingOutcome));
    c.confirmed(OrderOutcome {
        order_id: "1".to_owned(),
        state: None,
        billing_account_id: None,
        job_id: None,
        job_number: None,
        technician: None,
        credit_limit: None,
        requested_function: None,
        notices: vec![],
    });
    assert_eq!(c.advance(T0), Ok(Step::Confirmed));
    assert_eq!(c.advance(T0), Err(Blocker::Finished));
}

/// After a reload the app gets the held cart back from the proxy: restoring it lets the
/// customer continue through the same guards, straight to the cart step.
#[test]
fn a_restored_cart_continues_to_the_cart_step() {
    let held = checkout(false, InstallationKind::SelfInstall);
    let cart = held.cart().unwrap().clone();
    let mut c = Checkout::new();
    c.restore_cart(cart);
    c.hold(Hold::cart(T0.plus(Millis::from_mins(10))));
    while c.step() != Step::Cart {
        c.advance(T0).unwrap();
    }
    assert_eq!(c.step(), Step::Cart);
    // The same guard as ever: a lapsed hold does not let it go on.
    assert_eq!(
        c.next(T0.plus(Millis::from_mins(11))),
        Err(Blocker::HoldLapsed(HoldKind::Cart))
    );
}
