//! Warnings the BSS puts in a successful answer's `description`, as plain-language notices.
//!
//! Seed 004, "Key Considerations" 16: "Warnings will be captured in the description field."
//! The order *was* placed; the customer only needs to know what happens next (DESIGN §3,
//! step 13: outage → "we will email you"; unscheduled → "we will call you"). The raw text is
//! never shown: it holds account numbers and BSS jargon.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// `ORV59I - EXISTING CUSTOMER AT LOCATION`.
    ExistingCustomer,
    /// `…OTG REASN … AUTO OUTAGE DECLARED …`: order created, CSR processes it after the outage.
    Outage,
    /// `JOB_UNSCHED_ALRT` / `ADP10E-NO DATES AVAILABLE FOR THIS JOB`: no visit booked yet.
    Unscheduled,
}

impl Notice {
    /// Every notice the text mentions, once each, in a stable order.
    pub fn from_description(text: &str) -> Vec<Self> {
        let mut out = Vec::new();
        if mentions(text, "ORV59I") {
            out.push(Self::ExistingCustomer);
        }
        if mentions(text, "OTG") {
            out.push(Self::Outage);
        }
        if mentions(text, "JOB_UNSCHED_ALRT") || mentions(text, "ADP10E") {
            out.push(Self::Unscheduled);
        }
        out
    }

    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Self::ExistingCustomer => lang.pick(
                "We already have service at this address. We will contact you to confirm your order.",
                "Ya tenemos servicio en esta dirección. Le contactaremos para confirmar su pedido.",
            ),
            Self::Outage => lang.pick(
                "There is a service outage in your area. Your order is placed and we will email you when we can go ahead.",
                "Hay una interrupción del servicio en su zona. Su pedido está hecho y le enviaremos un correo cuando podamos continuar.",
            ),
            Self::Unscheduled => lang.pick(
                "No installation dates are free right now. Your order is placed and we will call you to arrange the visit.",
                "No hay fechas de instalación libres ahora. Su pedido está hecho y le llamaremos para acordar la visita.",
            ),
        }
    }
}

/// Whether `code` occurs in `text` as a code: not glued to a preceding capital letter (so
/// `PHOTOGRAPH` has no `OTG`) nor to a following letter or digit. A preceding digit is fine:
/// the seed writes `8211990010051704OTG REASN`.
pub(crate) fn mentions(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + code.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_uppercase() || c == '_')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 004: "Existing customer: \"description\": \"ORV59I - EXISTING CUSTOMER AT LOCATION\"".
    #[test]
    fn orv59i_in_description_is_an_existing_customer_notice() {
        assert_eq!(
            Notice::from_description("ORV59I - EXISTING CUSTOMER AT LOCATION"),
            vec![Notice::ExistingCustomer]
        );
    }

    /// Seed 004: "Outage: \"8211990010051704OTG REASN  - AA  AUTO OUTAGE DECLARED 13:24 01/02/23\"".
    #[test]
    fn otg_in_description_is_an_outage_notice() {
        let d = "8211990010051704OTG REASN  - AA                          AUTO OUTAGE DECLARED 13:24 01/02/23";
        assert_eq!(Notice::from_description(d), vec![Notice::Outage]);
    }

    /// Seed 004: "JOB_UNSCHED_ALRT,JBE74A-ENTER OVERRIDE TO UNSCHEDULE JOB,ADP10E-NO DATES
    /// AVAILABLE FOR THIS JOB".
    #[test]
    fn no_dates_available_is_one_unscheduled_notice() {
        let d = "JOB_UNSCHED_ALRT,JBE74A-ENTER OVERRIDE TO UNSCHEDULE JOB,ADP10E-NO DATES AVAILABLE FOR THIS JOB";
        assert_eq!(Notice::from_description(d), vec![Notice::Unscheduled]);
    }

    #[test]
    fn empty_or_unrelated_text_has_no_notice() {
        assert!(Notice::from_description("").is_empty());
        assert!(Notice::from_description("PHOTOGRAPH OTGX").is_empty());
    }

    #[test]
    fn every_notice_speaks_both_languages() {
        for n in [
            Notice::ExistingCustomer,
            Notice::Outage,
            Notice::Unscheduled,
        ] {
            assert_ne!(n.message(Lang::En), n.message(Lang::Es));
        }
    }
}
