//! The customer's language. Every customer-facing message in core exists in English and
//! Spanish (PR and PA are Spanish-speaking markets), and is looked up by `message(lang)`
//! so a missing translation is a compile error, not a blank screen.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Pick the text for this language.
    pub const fn pick(self, en: &'static str, es: &'static str) -> &'static str {
        match self {
            Self::En => en,
            Self::Es => es,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_use_bcp47_primary_tags_on_the_wire() {
        assert_eq!(serde_json::to_string(&Lang::Es).unwrap(), "\"es\"");
        assert_eq!(Lang::Es.pick("yes", "sí"), "sí");
    }
}
