//! A partner's theme for the embedded checkout (docs/embedding.md): a small set of CSS custom
//! properties the partner sets on its `<telco-checkout>` element, which the loader reads and
//! posts into the frame. Only values that parse against a strict grammar are applied (colours as
//! `#rgb`/`#rrggbb`, lengths in whole pixels within a range, fonts from a fixed list), and no
//! colour that would fail WCAG AA contrast is applied: text 4.5:1 against what it sits on. A value
//! that does not pass is left out, and the reason is given so the frame can warn the partner.

/// The checkout's own colours a theme is checked against (style/main.css): white surfaces and
/// button text, its text and its muted text.
const SURFACE: Rgb = Rgb(0xff, 0xff, 0xff);
const BRAND_TEXT: Rgb = Rgb(0xff, 0xff, 0xff);
const TEXT: Rgb = Rgb(0x1a, 0x1f, 0x24);
const MUTED: Rgb = Rgb(0x4a, 0x55, 0x61);

/// WCAG 2.2 AA for normal text.
const AA_TEXT: f64 = 4.5;

/// The fonts a theme may name, each with the stack it becomes.
const FONTS: &[(&str, &str)] = &[
    (
        "system-ui",
        "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
    ),
    ("sans-serif", "sans-serif"),
    ("serif", "serif"),
    ("Arial", "Arial, Helvetica, sans-serif"),
    ("Helvetica", "Helvetica, Arial, sans-serif"),
    ("Verdana", "Verdana, Geneva, sans-serif"),
    ("Georgia", "Georgia, serif"),
];

/// sRGB channel values 0 to 255, linearised as WCAG says (`c/12.92` up to 0.04045, else
/// `((c+0.055)/1.055)^2.4`), scaled to 0 to 65535. A unit test checks every entry.
#[rustfmt::skip]
const LINEAR: [u16; 256] = [
    0, 20, 40, 60, 80, 99, 119, 139, 159, 179, 199, 219,
    241, 264, 288, 313, 340, 367, 396, 427, 458, 491, 526, 562,
    599, 637, 677, 718, 761, 805, 851, 898, 947, 997, 1048, 1101,
    1156, 1212, 1270, 1330, 1391, 1453, 1517, 1583, 1651, 1720, 1790, 1863,
    1937, 2013, 2090, 2170, 2250, 2333, 2418, 2504, 2592, 2681, 2773, 2866,
    2961, 3058, 3157, 3258, 3360, 3464, 3570, 3678, 3788, 3900, 4014, 4129,
    4247, 4366, 4488, 4611, 4736, 4864, 4993, 5124, 5257, 5392, 5530, 5669,
    5810, 5953, 6099, 6246, 6395, 6547, 6700, 6856, 7014, 7174, 7335, 7500,
    7666, 7834, 8004, 8177, 8352, 8528, 8708, 8889, 9072, 9258, 9445, 9635,
    9828, 10022, 10219, 10417, 10619, 10822, 11028, 11235, 11446, 11658, 11873, 12090,
    12309, 12530, 12754, 12980, 13209, 13440, 13673, 13909, 14146, 14387, 14629, 14874,
    15122, 15371, 15623, 15878, 16135, 16394, 16656, 16920, 17187, 17456, 17727, 18001,
    18277, 18556, 18837, 19121, 19407, 19696, 19987, 20281, 20577, 20876, 21177, 21481,
    21787, 22096, 22407, 22721, 23038, 23357, 23678, 24002, 24329, 24658, 24990, 25325,
    25662, 26001, 26344, 26688, 27036, 27386, 27739, 28094, 28452, 28813, 29176, 29542,
    29911, 30282, 30656, 31033, 31412, 31794, 32179, 32567, 32957, 33350, 33745, 34143,
    34544, 34948, 35355, 35764, 36176, 36591, 37008, 37429, 37852, 38278, 38706, 39138,
    39572, 40009, 40449, 40891, 41337, 41785, 42236, 42690, 43147, 43606, 44069, 44534,
    45002, 45473, 45947, 46423, 46903, 47385, 47871, 48359, 48850, 49344, 49841, 50341,
    50844, 51349, 51858, 52369, 52884, 53401, 53921, 54445, 54971, 55500, 56032, 56567,
    57105, 57646, 58190, 58737, 59287, 59840, 60396, 60955, 61517, 62082, 62650, 63221,
    63795, 64372, 64952, 65535,
];

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`, nothing else (no names, no functions, no alpha).
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        let b = hex.as_bytes();
        match b.len() {
            3 => Some(Self(
                digit(b[0])? * 17,
                digit(b[1])? * 17,
                digit(b[2])? * 17,
            )),
            6 => Some(Self(
                digit(b[0])? * 16 + digit(b[1])?,
                digit(b[2])? * 16 + digit(b[3])?,
                digit(b[4])? * 16 + digit(b[5])?,
            )),
            _ => None,
        }
    }

    fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance, from the table of linear channel values (no `powf`: the first
    /// WASM module applies themes, and every byte of it is on the critical path).
    fn luminance(self) -> f64 {
        let channel = |c: u8| f64::from(LINEAR[usize::from(c)]) / 65535.0;
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A theme value that was not applied, and why (for the frame's console warning).
#[derive(Debug, Clone, PartialEq)]
pub enum Ignored {
    /// Not a property of the theme.
    Unknown { name: String },
    /// Does not parse against the property's grammar.
    Unparsable { name: String, value: String },
    /// Parses, but would fail WCAG AA contrast.
    LowContrast { name: String, ratio: f64 },
}

impl Ignored {
    /// The warning the frame writes to the console.
    pub fn warning(&self) -> String {
        match self {
            Self::Unknown { name } => format!("theme: {name} is not a theme property; ignored"),
            Self::Unparsable { name, value } => {
                format!("theme: {name}: {value:?} does not parse; ignored")
            }
            Self::LowContrast { name, ratio } => {
                // Hundredths as integers: printing an f64 would pull float formatting into
                // the first WASM module.
                let r = (ratio * 100.0) as u32;
                format!(
                    "theme: {name} would give text a contrast of {}.{:02}:1, under WCAG AA's 4.5:1; ignored",
                    r / 100,
                    r % 100
                )
            }
        }
    }
}

/// The CSS custom properties of the checkout to set, and the values left out. `input` holds the
/// partner's properties by their names without the `--telco-` prefix (`color-primary`, …).
pub fn resolve(input: &[(String, String)]) -> (Vec<(&'static str, String)>, Vec<Ignored>) {
    let mut apply = Vec::new();
    let mut ignored = Vec::new();
    let get = |name: &str| {
        input
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let unparsable = |name: &str, value: &str| Ignored::Unparsable {
        name: name.to_owned(),
        value: value.to_owned(),
    };
    for (name, _) in input {
        if !matches!(
            name.as_str(),
            "color-primary"
                | "color-text"
                | "color-background"
                | "font-family"
                | "radius"
                | "space"
        ) {
            ignored.push(Ignored::Unknown { name: name.clone() });
        }
    }

    // Text first (against the white surfaces), then the page background (against the text that
    // will be on it, and the muted text), then the primary colour (white text on it).
    let mut text = TEXT;
    if let Some(v) = get("color-text") {
        match Rgb::parse(v) {
            None => ignored.push(unparsable("color-text", v)),
            Some(c) if contrast(c, SURFACE) < AA_TEXT => ignored.push(Ignored::LowContrast {
                name: "color-text".into(),
                ratio: contrast(c, SURFACE),
            }),
            Some(c) => {
                text = c;
                apply.push(("--ck-text", c.css()));
            }
        }
    }
    if let Some(v) = get("color-background") {
        match Rgb::parse(v) {
            None => ignored.push(unparsable("color-background", v)),
            Some(c) => {
                let ratio = contrast(c, text).min(contrast(c, MUTED));
                if ratio < AA_TEXT {
                    ignored.push(Ignored::LowContrast {
                        name: "color-background".into(),
                        ratio,
                    });
                } else {
                    apply.push(("--ck-bg", c.css()));
                }
            }
        }
    }
    if let Some(v) = get("color-primary") {
        match Rgb::parse(v) {
            None => ignored.push(unparsable("color-primary", v)),
            Some(c) => {
                // Button text on it, and it as text on the white surfaces.
                let ratio = contrast(c, BRAND_TEXT).min(contrast(c, SURFACE));
                if ratio < AA_TEXT {
                    ignored.push(Ignored::LowContrast {
                        name: "color-primary".into(),
                        ratio,
                    });
                } else {
                    apply.push(("--ck-brand", c.css()));
                }
            }
        }
    }
    if let Some(v) = get("font-family") {
        match FONTS.iter().find(|(name, _)| *name == v.trim()) {
            Some((_, stack)) => apply.push(("--ck-font", (*stack).to_owned())),
            None => ignored.push(unparsable("font-family", v)),
        }
    }
    let px = |v: &str, range: std::ops::RangeInclusive<u32>| {
        v.trim()
            .strip_suffix("px")
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| range.contains(n))
    };
    if let Some(v) = get("radius") {
        match px(v, 0..=24) {
            Some(n) => apply.push(("--ck-radius", format!("{n}px"))),
            None => ignored.push(unparsable("radius", v)),
        }
    }
    if let Some(v) = get("space") {
        match px(v, 12..=24) {
            Some(n) => apply.push(("--ck-space", format!("{n}px"))),
            None => ignored.push(unparsable("space", v)),
        }
    }
    (apply, ignored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(pairs: &[(&str, &str)]) -> (Vec<(&'static str, String)>, Vec<Ignored>) {
        let input: Vec<(String, String)> = pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        resolve(&input)
    }

    #[test]
    fn colours_parse_strictly() {
        assert_eq!(Rgb::parse("#5b2a86"), Some(Rgb(0x5b, 0x2a, 0x86)));
        assert_eq!(Rgb::parse(" #fff "), Some(Rgb(255, 255, 255)));
        for bad in ["red", "#ggg", "#12345", "rgb(1,2,3)", "#5b2a86;}", "", "#"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_table_is_wcags_linearisation() {
        for (c, &v) in LINEAR.iter().enumerate() {
            let x = c as f64 / 255.0;
            let exact = if x <= 0.04045 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            };
            assert!((f64::from(v) / 65535.0 - exact).abs() < 1e-5, "{c}");
        }
    }

    #[test]
    fn contrast_is_wcags() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb(0x77, 0x77, 0x77), Rgb(255, 255, 255)) - 4.48).abs() < 0.01);
    }

    #[test]
    fn a_good_theme_is_applied_whole() {
        let (apply, ignored) = theme(&[
            ("color-primary", "#5b2a86"),
            ("font-family", "Georgia"),
            ("radius", "4px"),
            ("space", "16px"),
        ]);
        assert!(ignored.is_empty(), "{ignored:?}");
        assert!(apply.contains(&("--ck-brand", "#5b2a86".to_owned())));
        assert!(apply.contains(&("--ck-font", "Georgia, serif".to_owned())));
        assert!(apply.contains(&("--ck-radius", "4px".to_owned())));
    }

    #[test]
    fn bad_and_low_contrast_values_are_left_out_with_a_reason() {
        let (apply, ignored) = theme(&[
            ("color-primary", "#ffff00"),
            ("color-text", "url(x)"),
            ("font-family", "Comic Sans; }"),
            ("radius", "100px"),
            ("color-magic", "#000"),
        ]);
        assert!(apply.is_empty(), "{apply:?}");
        assert_eq!(ignored.len(), 5, "{ignored:?}");
        assert!(matches!(&ignored[0], Ignored::Unknown { name } if name == "color-magic"));
        assert!(ignored.iter().any(
            |i| matches!(i, Ignored::LowContrast { name, ratio } if name == "color-primary" && *ratio < 4.5)
        ));
        assert!(ignored.iter().all(|i| !i.warning().is_empty()));
        // A background the checkout's text would not read on is refused too.
        let (_, ignored) = theme(&[("color-background", "#333333")]);
        assert!(
            matches!(&ignored[0], Ignored::LowContrast { name, .. } if name == "color-background")
        );
    }
}
