//! The bundles Jamaica and Panama sell, as `GET /v1/{businessId}/bundles` serves them and as
//! productOrder checks a JM or PA order's one line against them.
//!
//! Codes and the Cerillion discount group are seed 004's (`609002_RES`, `RSPBDESS` with
//! `B2BI2`, `2P600LF`); names and prices are the sandbox's inventions, listed in
//! `docs/sandbox.md`. Puerto Rico sells packages (`GET /v1/offers`), never these.

use checkout_core::Market;
use checkout_core::catalog::ProductCode;
use checkout_core::kiosk::{BundleStack, MarketBundle};

/// Which stack a bundle belongs to; the Cerillion variant's discount group.
#[derive(Debug, Clone, Copy)]
enum Stack {
    Liberate,
    Cerillion(&'static str),
    Panama,
}

#[derive(Debug)]
struct BundleSpec {
    code: &'static str,
    name: &'static str,
    monthly_price: &'static str,
    currency: &'static str,
    stack: Stack,
}

const BUNDLES: &[BundleSpec] = &[
    BundleSpec {
        code: "609002_RES",
        name: "Home Internet 100 Mbps + Phone",
        monthly_price: "6990.00",
        currency: "JMD",
        stack: Stack::Liberate,
    },
    BundleSpec {
        code: "RSPBDESS",
        name: "Internet 300 Mbps + TV + Phone",
        monthly_price: "11990.00",
        currency: "JMD",
        stack: Stack::Cerillion("B2BI2"),
    },
    BundleSpec {
        code: "2P600LF",
        name: "Fibra 600 Mbps + Teléfono",
        // Panama prices in US dollars.
        monthly_price: "54.99",
        currency: "USD",
        stack: Stack::Panama,
    },
];

impl BundleSpec {
    fn stack(&self) -> BundleStack {
        match self.stack {
            Stack::Liberate => BundleStack::Liberate,
            Stack::Cerillion(group) => BundleStack::Cerillion {
                discount_group_code: group.to_owned(),
            },
            Stack::Panama => BundleStack::Panama,
        }
    }

    /// `None` only if a code above broke core's product-code rule (a unit test builds them all).
    fn bundle(&self) -> Option<MarketBundle> {
        Some(MarketBundle {
            code: ProductCode::new(self.code).ok()?,
            name: self.name.to_owned(),
            monthly_price: self.monthly_price.to_owned(),
            currency: self.currency.to_owned(),
            stack: self.stack(),
        })
    }
}

/// The bundles of `market`, in catalogue order (none for Puerto Rico).
pub fn of(market: Market) -> Vec<MarketBundle> {
    BUNDLES
        .iter()
        .filter(|b| b.stack().market() == market)
        .filter_map(BundleSpec::bundle)
        .collect()
}

/// The bundle of `market` with this code.
pub fn find(market: Market, code: &str) -> Option<MarketBundle> {
    of(market).into_iter().find(|b| b.code.as_str() == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundle_is_a_valid_core_bundle() {
        for spec in BUNDLES {
            assert!(spec.bundle().is_some(), "{}", spec.code);
        }
    }

    #[test]
    fn jamaica_sells_liberate_and_cerillion_panama_its_own() {
        let jm: Vec<_> = of(Market::Jamaica).into_iter().map(|b| b.code).collect();
        assert_eq!(
            jm.iter().map(ProductCode::as_str).collect::<Vec<_>>(),
            ["609002_RES", "RSPBDESS"]
        );
        let pa = of(Market::Panama);
        assert_eq!(pa.len(), 1);
        assert_eq!(pa[0].currency, "USD");
        assert!(of(Market::PuertoRico).is_empty());
        assert_eq!(
            find(Market::Jamaica, "RSPBDESS").map(|b| b.stack),
            Some(BundleStack::Cerillion {
                discount_group_code: "B2BI2".to_owned()
            })
        );
        assert_eq!(find(Market::Panama, "609002_RES"), None);
    }
}
