//! The address as the Jamaican or Panamanian BSS knows it: the five lines and the exchange data
//! seed 004's JM and PA `productOrder` bodies carry, which serviceability answers as
//! `marketAddress` so the proxy can compose a kiosk's order without asking again.
//!
//! The lines are the typed address split on commas, so typing the seed's own addresses gives
//! the seed's own lines (`docs/sandbox.md`, "Kiosk mode"). The exchanges are the seed's values
//! for every address, except the one documented Montego Bay exchange: a sandbox has no
//! network map to look them up in.

use checkout_core::Market;
use checkout_core::jm_pa_order::{AddressLines, Exchange, PaExchanges};
use checkout_core::kiosk::MarketAddress;

/// Seed 004's JM `addrType`.
pub const JM_ADDR_TYPE: &str = "A";
/// Seed 004's PA `addrType`.
pub const PA_ADDR_TYPE: &str = "Q";
/// Line 5 of a Jamaican address whose last part is not the country.
pub const JM_COUNTRY: &str = "Jamaica";
/// Line 5 of a Panamanian address whose last part is not the country (the seed's spelling).
pub const PA_COUNTRY: &str = "PANAMA";
/// Seed 004's `addrPostCode` (Jamaica has no postal codes in use).
pub const JM_POST_CODE: &str = "00000";
/// An address containing this (case-insensitive) is served by the Montego Bay exchange.
pub const MONTEGO_WORD: &str = "montego";

fn exchange(id: &str, area: &str) -> Exchange {
    Exchange {
        exchange_id: id.to_owned(),
        number_area_code: area.to_owned(),
    }
}

/// The five lines of `typed`: its comma-separated parts, trimmed, empties dropped, case kept.
/// Line 5 is the country: the last part when it names the country (`countries`, lower case),
/// else `country`. The other parts fill lines 1–4: fewer are padded with `""` before line 5,
/// more are joined into line 1 with `", "`.
fn lines(typed: &str, countries: &[&str], country: &str) -> [String; 5] {
    let mut parts: Vec<&str> = typed
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let last = match parts.last() {
        Some(p) if countries.contains(&p.to_lowercase().as_str()) => {
            let p = (*p).to_owned();
            parts.pop();
            p
        }
        _ => country.to_owned(),
    };
    let surplus = parts.len().saturating_sub(3).max(1).min(parts.len());
    let first = parts[..surplus].join(", ");
    let mut rest = parts[surplus..].iter().map(|p| (*p).to_owned());
    [
        first,
        rest.next().unwrap_or_default(),
        rest.next().unwrap_or_default(),
        rest.next().unwrap_or_default(),
        last,
    ]
}

/// The BSS's view of a serviceable address in `market`; `None` for Puerto Rico, whose orders
/// carry no exchange data.
pub fn of(typed: &str, market: Market) -> Option<MarketAddress> {
    match market {
        Market::PuertoRico => None,
        Market::Jamaica => {
            let exchange = if typed.to_lowercase().contains(MONTEGO_WORD) {
                exchange("MBAY", "MBST")
            } else {
                exchange("FLTV", "BODG")
            };
            Some(MarketAddress::Jamaica {
                exchange,
                // Seed 004 sends `""` for an address new to the BSS, as every address here is.
                addr_no: String::new(),
                address: AddressLines {
                    addr_type: JM_ADDR_TYPE.to_owned(),
                    lines: lines(typed, &["jamaica"], JM_COUNTRY),
                },
                post_code: JM_POST_CODE.to_owned(),
            })
        }
        Market::Panama => Some(MarketAddress::Panama {
            exchanges: PaExchanges {
                tp: exchange("POGP", "POBS"),
                ds: exchange("POGP", "POBS"),
                ti: exchange("PFLO", "FPME"),
                mo: exchange("PSC", "CDEM"),
            },
            address: AddressLines {
                addr_type: PA_ADDR_TYPE.to_owned(),
                lines: lines(typed, &["panama", "panamá"], PA_COUNTRY),
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jm_lines(typed: &str) -> [String; 5] {
        match of(typed, Market::Jamaica) {
            Some(MarketAddress::Jamaica { address, .. }) => address.lines,
            other => panic!("{other:?}"),
        }
    }

    fn pa_lines(typed: &str) -> [String; 5] {
        match of(typed, Market::Panama) {
            Some(MarketAddress::Panama { address, .. }) => address.lines,
            other => panic!("{other:?}"),
        }
    }

    /// Seed 004 "Request Body for JM Liberate": the typed address gives its lines exactly, and
    /// the exchange, address number and post code are the seed's.
    #[test]
    fn the_seeds_kingston_address_gives_the_seeds_body() {
        let a = of(
            "Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica",
            Market::Jamaica,
        );
        let Some(MarketAddress::Jamaica {
            exchange,
            addr_no,
            address,
            post_code,
        }) = a
        else {
            panic!("{a:?}");
        };
        assert_eq!(exchange.exchange_id, "FLTV");
        assert_eq!(exchange.number_area_code, "BODG");
        assert_eq!(addr_no, "");
        assert_eq!(post_code, "00000");
        assert_eq!(address.addr_type, "A");
        assert_eq!(
            address.lines,
            ["Street no", "road", "TROPICAL PLAZA", "KINGSTON", "Jamaica"]
        );
    }

    /// Seed 004 "Response for PA": the lines and the four exchanges.
    #[test]
    fn the_seeds_panama_address_gives_the_seeds_body() {
        let a = of(
            "casa A159, Calle Santo Tom, CIUDA SAN LORENZO, LAS CUMBRES, PANAMA",
            Market::Panama,
        );
        let Some(MarketAddress::Panama { exchanges, address }) = a else {
            panic!("{a:?}");
        };
        assert_eq!(address.addr_type, "Q");
        assert_eq!(
            address.lines,
            [
                "casa A159",
                "Calle Santo Tom",
                "CIUDA SAN LORENZO",
                "LAS CUMBRES",
                "PANAMA"
            ]
        );
        assert_eq!(exchanges.tp, exchange("POGP", "POBS"));
        assert_eq!(exchanges.ds, exchange("POGP", "POBS"));
        assert_eq!(exchanges.ti, exchange("PFLO", "FPME"));
        assert_eq!(exchanges.mo, exchange("PSC", "CDEM"));
    }

    #[test]
    fn short_addresses_are_padded_before_the_country() {
        assert_eq!(
            jm_lines(" 12 Hope Road ,, Kingston, jamaica "),
            ["12 Hope Road", "Kingston", "", "", "jamaica"]
        );
        assert_eq!(jm_lines("Kingston"), ["Kingston", "", "", "", "Jamaica"]);
        assert_eq!(
            pa_lines("Calle 50, Panamá"),
            ["Calle 50", "", "", "", "Panamá"]
        );
    }

    #[test]
    fn without_the_country_last_line_five_is_the_country() {
        assert_eq!(
            jm_lines("1 Jamaica Avenue, Kingston"),
            ["1 Jamaica Avenue", "Kingston", "", "", "Jamaica"]
        );
        assert_eq!(
            pa_lines("Panama Pacifico, Calle 1, Arraijan, Panama Oeste"),
            [
                "Panama Pacifico",
                "Calle 1",
                "Arraijan",
                "Panama Oeste",
                "PANAMA"
            ]
        );
    }

    #[test]
    fn surplus_parts_are_joined_into_line_one() {
        assert_eq!(
            jm_lines("Shop 9, Building B, Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica"),
            [
                "Shop 9, Building B, Street no",
                "road",
                "TROPICAL PLAZA",
                "KINGSTON",
                "Jamaica"
            ]
        );
        assert_eq!(
            jm_lines("a, b, c, d, e, Kingston"),
            ["a, b, c", "d", "e", "Kingston", "Jamaica"]
        );
    }

    #[test]
    fn montego_bay_has_its_own_exchange() {
        let Some(MarketAddress::Jamaica { exchange: e, .. }) =
            of("5 Gloucester Avenue, Montego Bay, Jamaica", Market::Jamaica)
        else {
            panic!("Jamaica");
        };
        assert_eq!(e, exchange("MBAY", "MBST"));
    }

    #[test]
    fn puerto_rico_has_no_market_address() {
        assert_eq!(of("1 Calle Sol, San Juan", Market::PuertoRico), None);
    }
}
