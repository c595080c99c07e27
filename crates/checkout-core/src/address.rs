//! A service address as the customer typed it, parsed once.
//!
//! The same type guards three places: the form (instant message), the wire type (serde rejects
//! bad input) and the proxy (rejects before any upstream call).

use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest address we accept, in characters. Long enough for any street address in PR, JM
/// or PA with unit and town; short enough that nobody pastes a document into the field.
pub const MAX_ADDRESS_CHARS: usize = 120;

/// Why a typed value was refused. Messages are customer-facing (English; the app translates
/// by variant).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("Enter your {0}.")]
    Empty(&'static str),
    #[error("Your {field} is too long: use at most {max} characters.")]
    TooLong { field: &'static str, max: usize },
    #[error(
        "There is a character we cannot use in your {field}: \u{201c}{}\u{201d}.",
        shown(*.found)
    )]
    InvalidCharacter { field: &'static str, found: char },
    #[error("Your {field} must be {len} characters long.")]
    WrongLength { field: &'static str, len: usize },
    #[error("We do not recognise this {0}.")]
    Unknown(&'static str),
    #[error("Your {0} needs at least one letter.")]
    NoLetter(&'static str),
}

/// A refused character as the customer can see it: an invisible one (a control or a
/// formatting character such as a bidi override) by its code point, since quoting it shows
/// nothing.
pub fn shown(c: char) -> String {
    if c.is_control() || is_format(c) || (c.is_whitespace() && c != ' ') {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// Unicode format characters that can reorder or hide text: the bidi embeddings, overrides
/// and isolates (U+202A–U+202E, U+2066–U+2069), the marks (U+200E, U+200F, U+061C), and the
/// zero-width ones. A name or an e-mail with one can display as something it is not.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
    )
}

impl InputError {
    /// The message in the customer's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Es => match self {
                Self::Empty(f) => format!("Escriba su {}.", field_es(f)),
                Self::TooLong { field, max } => {
                    format!(
                        "Su {} es demasiado larga: use como máximo {max} caracteres.",
                        field_es(field)
                    )
                }
                Self::InvalidCharacter { field, found } => format!(
                    "Hay un carácter que no podemos usar en su {}: \u{201c}{}\u{201d}.",
                    field_es(field),
                    shown(*found)
                ),
                Self::WrongLength { field, len } => {
                    format!("Su {} debe tener {len} caracteres.", field_es(field))
                }
                Self::Unknown(f) => format!("No reconocemos este dato: {}.", field_es(f)),
                Self::NoLetter(f) => format!("Su {} necesita al menos una letra.", field_es(f)),
            },
        }
    }
}

/// Field names as the Spanish messages need them.
fn field_es(field: &str) -> &str {
    match field {
        "address" => "dirección",
        "telephone number" => "número de teléfono",
        "job type" => "tipo de trabajo",
        "product code" => "código de producto",
        "name" => "nombre",
        "email" => "correo electrónico",
        "phone" => "teléfono",
        "code" => "código",
        "last 4 digits" => "últimos 4 dígitos",
        "date of birth" => "fecha de nacimiento",
        other => other,
    }
}

/// A trimmed, length-checked street address made of letters (any script), digits, spaces and
/// the punctuation addresses really use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StreetAddress(String);

impl StreetAddress {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn allowed(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            ' ' | '.' | ',' | '#' | '\'' | '-' | '/' | '&' | '(' | ')' | 'º' | '°'
        )
}

/// What the checks of an address need to know of it, found in one pass over its characters
/// (the proxy parses an address on every eligibility call, and three passes showed in its
/// instruction count).
#[derive(Debug, PartialEq, Eq)]
struct Scan {
    /// Already in the collapsed form: no white space at either end, and only single spaces
    /// between words.
    collapsed: bool,
    chars: usize,
    /// The first character an address may not hold.
    first_refused: Option<char>,
}

fn scan(s: &str) -> Scan {
    let mut after_space = true;
    let mut collapsed = true;
    let mut chars = 0;
    let mut first_refused = None;
    for c in s.chars() {
        chars += 1;
        if c.is_whitespace() {
            collapsed &= c == ' ' && !after_space;
            after_space = true;
        } else {
            after_space = false;
        }
        if first_refused.is_none() && !allowed(c) {
            first_refused = Some(c);
        }
    }
    Scan {
        collapsed: collapsed && (!after_space || s.is_empty()),
        chars,
        first_refused,
    }
}

impl TryFrom<String> for StreetAddress {
    type Error = InputError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        const FIELD: &str = "address";
        // Collapse runs of white space so "1  Main St" and "1 Main St" are the same address.
        // Most input already is collapsed, and is then kept without a copy (the proxy parses
        // an address on every eligibility call).
        let first = scan(&raw);
        let (s, scanned) = if first.collapsed {
            (raw, first)
        } else {
            let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            let scanned = scan(&s);
            (s, scanned)
        };
        if s.is_empty() {
            return Err(InputError::Empty(FIELD));
        }
        if scanned.chars > MAX_ADDRESS_CHARS {
            return Err(InputError::TooLong {
                field: FIELD,
                max: MAX_ADDRESS_CHARS,
            });
        }
        if let Some(found) = scanned.first_refused {
            return Err(InputError::InvalidCharacter {
                field: FIELD,
                found,
            });
        }
        Ok(Self(s))
    }
}

impl TryFrom<&str> for StreetAddress {
    type Error = InputError;
    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        Self::try_from(raw.to_owned())
    }
}

impl From<StreetAddress> for String {
    fn from(a: StreetAddress) -> Self {
        a.0
    }
}

impl fmt::Display for StreetAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_white_space() {
        let a = StreetAddress::try_from("  12  Calle   Luna, San Juan ").unwrap();
        assert_eq!(a.as_str(), "12 Calle Luna, San Juan");
    }

    #[test]
    fn accepts_accents_and_address_punctuation() {
        for ok in [
            "Urb. Los Ángeles #4-B, Carolina",
            "Apt 3/2 O'Connor St & 5th",
            "Calle Ñandú 7, Ciudad de Panamá",
            "Carr. 2 Km 14.5 (Edif. 3º, 20°)",
        ] {
            assert!(StreetAddress::try_from(ok).is_ok(), "{ok}");
        }
    }

    proptest::proptest! {
        /// Input already collapsed is kept as it is: exactly when collapsing would not
        /// change it.
        #[test]
        fn only_collapsed_input_is_kept_as_it_is(raw in "[ \t\n\u{a0}\u{2003}ab.]{0,12}") {
            let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(scan(&raw).collapsed, raw == collapsed);
        }

        /// The one pass counts and finds what separate passes over the characters would.
        #[test]
        fn one_scan_finds_what_separate_passes_find(raw in "[ \t\n\u{a0}ab1.<Ñ°\u{0}]{0,16}") {
            let scanned = scan(&raw);
            proptest::prop_assert_eq!(scanned.chars, raw.chars().count());
            proptest::prop_assert_eq!(scanned.first_refused, raw.chars().find(|&c| !allowed(c)));
        }
    }

    #[test]
    fn empty_or_blank_is_refused() {
        assert_eq!(
            StreetAddress::try_from("   \t"),
            Err(InputError::Empty("address"))
        );
    }

    #[test]
    fn longer_than_the_limit_is_refused() {
        let at_limit = "a".repeat(MAX_ADDRESS_CHARS);
        assert!(StreetAddress::try_from(at_limit.as_str()).is_ok());
        let over = "a".repeat(MAX_ADDRESS_CHARS + 1);
        assert!(matches!(
            StreetAddress::try_from(over.as_str()),
            Err(InputError::TooLong {
                max: MAX_ADDRESS_CHARS,
                ..
            })
        ));
    }

    #[test]
    fn markup_and_control_characters_are_refused() {
        assert_eq!(
            StreetAddress::try_from("1 Main <script>"),
            Err(InputError::InvalidCharacter {
                field: "address",
                found: '<'
            })
        );
        assert!(StreetAddress::try_from("1 Main\u{0}St").is_err());
    }

    #[test]
    fn messages_speak_spanish_too() {
        let e = StreetAddress::try_from("").unwrap_err();
        assert_eq!(e.message(Lang::En), "Enter your address.");
        assert_eq!(e.message(Lang::Es), "Escriba su dirección.");
        let e = StreetAddress::try_from("1 <b>").unwrap_err();
        assert!(e.message(Lang::Es).contains("\u{201c}<\u{201d}"));
    }

    #[test]
    fn serde_refuses_what_parsing_refuses() {
        let bad: Result<StreetAddress, _> = serde_json::from_str("\"\"");
        assert!(bad.is_err());
        let good: StreetAddress = serde_json::from_str("\" 1 Main St \"").unwrap();
        assert_eq!(good.as_str(), "1 Main St");
    }
}
