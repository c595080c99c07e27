//! The error catalog: every upstream code in the seeds, every order-hold failure and every
//! transport failure maps to a stable code with an en/es message and a recovery action.

use checkout_core::Lang;
use checkout_core::errors::{
    BssError, BssErrorBody, Failure, HoldFailure, TransportFailure, UpstreamCode,
};
use checkout_core::problem::{ErrorCode, Problem, Recovery};

fn bss(description: &str) -> BssErrorBody {
    BssErrorBody {
        errors: vec![BssError {
            code: "400".to_owned(),
            message: "Error Occurred during order provisioning UPDATEORDERDETAIL:ERROROCCURED"
                .to_owned(),
            description: description.to_owned(),
        }],
    }
}

/// Seed OCBO: "400 Bad Request CHTR-4504 TECHMSG-0001" and "403 Forbidden CHTR-1018
/// TECHMSG-0006".
#[test]
fn ocbo_codes_map_to_partial_content_and_forbidden() {
    let f = |c: &str, t: &str| {
        Failure::Ocbo {
            client_code: c.to_owned(),
            tech_code: t.to_owned(),
        }
        .error_code()
    };
    assert_eq!(f("CHTR-4504", "TECHMSG-0001"), ErrorCode::PartialContent);
    assert_eq!(f("CHTR-1018", "TECHMSG-0006"), ErrorCode::ClientForbidden);
    assert_eq!(
        UpstreamCode::Chtr1018.error_code(),
        ErrorCode::ClientForbidden
    );
}

/// Seed 004: "2099 – DRO30E – REF CDA NOT FOUND error message is for conversation id expiry"
/// and "all the steps from tax and fees call should be reprocessed".
#[test]
fn dro30e_redoes_from_the_quote() {
    let code = bss("2099 | DRO30E - REF CDA NOT FOUND| ").error_code();
    assert_eq!(code, ErrorCode::ConversationExpired);
    assert_eq!(code.recovery(), Recovery::RedoFromQuote);
}

/// Seed 004: "If all slots are booked, then customer will get error like \"2099 |
/// JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL\"".
#[test]
fn j4u22a_and_jbe10e_ask_for_another_slot() {
    for d in [
        "2099 | JOB_TYP_TIME_ALRT-J4U22A-ENTERED DT/TM UNAVAIL",
        "2099 | SCHED_TM-JBE10E-INVALID SCHEDULED TIME OF DAY| ",
    ] {
        let code = bss(d).error_code();
        assert_eq!(code, ErrorCode::SlotUnavailable, "{d}");
        assert_eq!(code.recovery(), Recovery::PickAnotherSlot);
    }
}

/// Seed 004: "NO DATES AVAILABLE FOR THIS JOB/JOB_UNSCHED_ALRT" → order unscheduled.
#[test]
fn no_dates_available_continues_unscheduled() {
    for d in ["ADP10E-NO DATES AVAILABLE FOR THIS JOB", "JOB_UNSCHED_ALRT"] {
        let code = bss(d).error_code();
        assert_eq!(code, ErrorCode::NoSlotsAvailable, "{d}");
        assert_eq!(code.recovery(), Recovery::ContinueUnscheduled);
    }
}

/// Seed 004: "SERV_CD-MAP15E - FIELD PROTECTED, CANNOT UPDATE" (order got SignOff).
#[test]
fn map15e_means_call_us() {
    let code = bss("2099 | SERV_CD-MAP15E - FIELD PROTECTED, CANNOT UPDATE| ").error_code();
    assert_eq!(code, ErrorCode::OrderSignedOff);
    assert_eq!(code.recovery(), Recovery::CallUs);
}

/// Seed 004: "CSR must ensure that there is no existing customer at the location …
/// Mulesoft will return error in case it gets warning from SLBOS webservices."
#[test]
fn orv59i_as_an_error_is_existing_customer() {
    assert_eq!(
        bss("ORV59I - EXISTING CUSTOMER AT LOCATION").error_code(),
        ErrorCode::ExistingCustomer
    );
    assert_eq!(
        bss("8211990010051704OTG REASN  - AA AUTO OUTAGE DECLARED").error_code(),
        ErrorCode::OutageDeclared
    );
}

/// Seed 004: "Any Error during execution of underlying BSS Webservice will be passes to
/// Client" — an unknown one is still a refusal, never shown raw.
#[test]
fn an_unknown_bss_error_is_a_rejection() {
    assert_eq!(
        bss("2099 | XYZ99E - SOMETHING").error_code(),
        ErrorCode::OrderRejected
    );
    let numeric: BssErrorBody =
        serde_json::from_str(r#"{"errors":[{"code":400,"message":"m","description":"d"}]}"#)
            .unwrap();
    assert_eq!(numeric.errors[0].code, "400");
}

/// Seed cart: EXPIRED, not ON_HOLD, extension rejected, confirmation REJECTED, cancellation
/// rejected, and all-or-nothing revert.
#[test]
fn every_hold_failure_has_a_stable_code() {
    let cases = [
        (
            HoldFailure::Expired,
            ErrorCode::HoldExpired,
            Recovery::StartAgain,
        ),
        (
            HoldFailure::NotOnHold,
            ErrorCode::HoldNotOnHold,
            Recovery::CallUs,
        ),
        (
            HoldFailure::ExtensionRefused,
            ErrorCode::HoldExtensionRefused,
            Recovery::Continue,
        ),
        (
            HoldFailure::ConfirmRejected,
            ErrorCode::HoldConfirmRejected,
            Recovery::StartAgain,
        ),
        (
            HoldFailure::CancelRefused,
            ErrorCode::HoldCancelRefused,
            Recovery::CallUs,
        ),
        (
            HoldFailure::Reverted,
            ErrorCode::OperationReverted,
            Recovery::Retry,
        ),
    ];
    for (failure, code, recovery) in cases {
        assert_eq!(Failure::Hold(failure).error_code(), code);
        assert_eq!(code.recovery(), recovery);
    }
}

/// DESIGN §3 step 12: "a timeout shows \"confirming your order\", never a second order".
#[test]
fn a_submit_timeout_is_never_retried_blindly() {
    let code = TransportFailure::SubmitTimeout.error_code();
    assert_eq!(code, ErrorCode::OrderOutcomeUnknown);
    assert_eq!(code.recovery(), Recovery::WaitForConfirmation);
    assert_eq!(
        TransportFailure::Timeout.error_code().recovery(),
        Recovery::Retry
    );
    assert_eq!(
        TransportFailure::Unreachable.error_code(),
        ErrorCode::UpstreamUnavailable
    );
    assert_eq!(
        TransportFailure::Status(403).error_code(),
        ErrorCode::ClientForbidden
    );
}

#[test]
fn every_seed_code_is_in_the_catalog_with_both_languages() {
    for u in UpstreamCode::ALL {
        let code = u.error_code();
        assert_eq!(UpstreamCode::find_in(u.token()), Some(u), "{u:?}");
        assert!(!code.message(Lang::En).is_empty());
        assert_ne!(code.message(Lang::En), code.message(Lang::Es));
    }
}

#[test]
fn problems_carry_the_stable_code_and_no_upstream_text() {
    let p = Problem::new(ErrorCode::ConversationExpired, None, "corr-1".to_owned());
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["code"], "conversation_expired");
    assert_eq!(json["type"], "/problems/conversation_expired");
    assert_eq!(json["recovery"], "redo_from_quote");
    assert_eq!(json["status"], 409);
    assert!(!json.to_string().contains("DRO30E"));
}
