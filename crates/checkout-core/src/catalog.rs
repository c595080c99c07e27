//! The catalog's vocabulary: access technologies and markets.
//!
//! Seed `tmf622-product-order-pr-jm-pa.txt` ("Packages FTTH COAX" table) makes the access
//! technology decide which packages exist, so eligibility must say which one an address has.

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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
