//! The kiosk's own words, in English and Spanish, in one table like `crate::i18n`'s. Apart from
//! it so that only the kiosk's module carries them: the web store's modules never link a word
//! of the kiosk's.

use crate::i18n;
use checkout_core::market_time::LocalTime;
use checkout_core::{Lang, Market, UtcMillis};
use leptos::prelude::{Get, RwSignal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    Welcome,
    ChooseLanguage,
    Nav,
    Staff,
    AskForHelp,
    StartOver,
    ContinueOnPhone,
    HelpOnTheWay,
    StaffSignIn,
    EmployeeNumber,
    Pin,
    SignIn,
    SignOut,
    Close,
    SignedIn,
    CustomerAskedHelp,
    MarkHelped,
    StartOverQuestion,
    KeepGoing,
    StillThere,
    StillHere,
    ChooseBundle,
    BundlesLede,
    LoadingBundles,
    BundlesFailed,
    Bundle,
    YourDetails,
    StaffApproval,
    NeedsApproval,
    ChooseABundle,
    OrderPlaced,
    Finish,
    HandoffLede,
    OrTypeAddress,
    Done,
    HandoffUsed,
    HandoffFailed,
}

impl K {
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, es) = match self {
            Self::Welcome => ("Welcome", "Bienvenido"),
            Self::ChooseLanguage => (
                "Touch your language to start.",
                "Toque su idioma para empezar.",
            ),
            Self::Nav => ("Kiosk", "Quiosco"),
            Self::Staff => ("Staff", "Personal"),
            Self::AskForHelp => ("Ask for help", "Pedir ayuda"),
            Self::StartOver => ("Start over", "Empezar de nuevo"),
            Self::ContinueOnPhone => ("Continue on your phone", "Continuar en su teléfono"),
            Self::HelpOnTheWay => (
                "A member of staff is on their way.",
                "Un miembro del personal viene en camino.",
            ),
            Self::StaffSignIn => ("Staff sign-in", "Acceso del personal"),
            Self::EmployeeNumber => ("Employee number", "Número de empleado"),
            Self::Pin => ("PIN", "PIN"),
            Self::SignIn => ("Sign in", "Iniciar sesión"),
            Self::SignOut => ("Sign out", "Cerrar sesión"),
            Self::Close => ("Close", "Cerrar"),
            Self::SignedIn => ("Signed in:", "Sesión iniciada:"),
            Self::CustomerAskedHelp => (
                "A customer asked for help at this kiosk.",
                "Un cliente pidió ayuda en este quiosco.",
            ),
            Self::MarkHelped => ("Mark as helped", "Marcar como atendido"),
            Self::StartOverQuestion => (
                "Start over? Everything you entered will be cleared.",
                "¿Empezar de nuevo? Se borrará todo lo que ingresó.",
            ),
            Self::KeepGoing => ("Keep going", "Seguir"),
            Self::StillThere => ("Are you still there?", "¿Sigue ahí?"),
            Self::StillHere => ("I'm still here", "Sigo aquí"),
            Self::ChooseBundle => ("Choose your bundle", "Elija su paquete"),
            Self::BundlesLede => (
                "We can connect these bundles at this address. Order here: a member of staff will approve your order.",
                "Podemos conectar estos paquetes en esta dirección. Haga aquí su pedido: un miembro del personal lo aprobará.",
            ),
            Self::LoadingBundles => ("Loading the bundles…", "Cargando los paquetes…"),
            Self::BundlesFailed => (
                "We could not load the bundles. Please ask a member of staff.",
                "No pudimos cargar los paquetes. Pida ayuda a un miembro del personal.",
            ),
            Self::Bundle => ("Bundle", "Paquete"),
            Self::YourDetails => ("Your details", "Sus datos"),
            Self::StaffApproval => ("Staff approval", "Aprobación del personal"),
            Self::NeedsApproval => (
                "A store employee must sign in to approve this order.",
                "Un empleado de la tienda debe iniciar sesión para aprobar este pedido.",
            ),
            Self::ChooseABundle => ("Choose a bundle.", "Elija un paquete."),
            Self::OrderPlaced => ("Your order is placed", "Su pedido está hecho"),
            Self::Finish => ("Finish", "Terminar"),
            Self::HandoffLede => (
                "Scan this code with your phone's camera to go on with your order there. The link works once, for 10 minutes, and holds none of your details.",
                "Escanee este código con la cámara de su teléfono para seguir allí con su pedido. El enlace funciona una vez, durante 10 minutos, y no contiene ninguno de sus datos.",
            ),
            Self::OrTypeAddress => ("Or type this address:", "O escriba esta dirección:"),
            Self::Done => ("Done", "Listo"),
            Self::HandoffUsed => (
                "Your cart is on your phone now. This kiosk will start over.",
                "Su carrito ya está en su teléfono. Este quiosco empezará de nuevo.",
            ),
            Self::HandoffFailed => (
                "We could not make a link for your phone. Please try again.",
                "No pudimos crear un enlace para su teléfono. Inténtelo de nuevo.",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Es => es,
        }
    }

    /// The text in the language the signal holds now (tracked).
    pub fn in_(self, lang: RwSignal<Lang>) -> &'static str {
        self.text(lang.get())
    }
}

/// "Ordered on Saturday, 5 December 2026 at 10:30 AM, Kingston time (UTC−5)": a kiosk order's
/// time on the clocks of its market, whatever the kiosk's own time zone.
pub fn ordered_at(at: UtcMillis, market: Market, lang: Lang) -> String {
    let t = LocalTime::of(at, market);
    let m = (t.month as usize).saturating_sub(1) % 12;
    let w = t.weekday as usize % 7;
    let time = i18n::clock(i64::from(t.hour * 60 + t.minute), lang);
    let (city, zone) = (market.time_city(), market.utc_offset_label());
    match lang {
        Lang::En => format!(
            "Ordered on {}, {} {} {} at {time}, {city} time ({zone})",
            i18n::DAYS_EN[w],
            t.day,
            i18n::MONTHS_EN[m],
            t.year
        ),
        Lang::Es => format!(
            "Pedido el {} {} de {} de {} a las {time}, hora de {city} ({zone})",
            i18n::DAYS_ES[w],
            t.day,
            i18n::MONTHS_ES[m],
            t.year
        ),
    }
}

/// "Order reference DJ0001H".
pub fn order_reference(reference: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Order reference {reference}"),
        Lang::Es => format!("Referencia del pedido {reference}"),
    }
}

/// "Approved by Dana Reid".
pub fn approved_by(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Approved by {name}"),
        Lang::Es => format!("Aprobado por {name}"),
    }
}

/// "This kiosk will start over in 30 seconds".
pub fn starts_over_in(secs: i64, lang: Lang) -> String {
    match (lang, secs == 1) {
        (Lang::En, true) => "This kiosk will start over in 1 second".to_owned(),
        (Lang::En, false) => format!("This kiosk will start over in {secs} seconds"),
        (Lang::Es, true) => "Este quiosco empezará de nuevo en 1 segundo".to_owned(),
        (Lang::Es, false) => format!("Este quiosco empezará de nuevo en {secs} segundos"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const DAY_MS: i64 = 86_400_000;

    /// A kiosk order placed at 15:30 UTC shows 10:30 AM in Kingston and Panama City.
    #[wasm_bindgen_test]
    fn kiosk_orders_show_the_markets_own_time() {
        let at = UtcMillis(
            checkout_core::instant::days_from_civil(2026, 12, 5) * DAY_MS
                + 15 * 3_600_000
                + 1_800_000,
        );
        assert_eq!(
            ordered_at(at, Market::Jamaica, Lang::En),
            "Ordered on Saturday, 5 December 2026 at 10:30 AM, Kingston time (UTC\u{2212}5)"
        );
        assert_eq!(
            ordered_at(at, Market::Panama, Lang::Es),
            "Pedido el sábado 5 de diciembre de 2026 a las 10:30 a. m., hora de Panama City (UTC\u{2212}5)"
        );
    }
}
