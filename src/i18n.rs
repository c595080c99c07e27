//! Every text the app itself shows, in English and Spanish (PR and PA are Spanish-speaking
//! markets), in one table so a translator reviews one file. Texts about rules, errors and
//! holds come from `checkout-core`, which has both languages too. A missing translation is a
//! compile error, never a blank.

use checkout_core::Lang;
use checkout_core::catalog::PackageKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    CheckYourAddress,
    AddressLede,
    ServiceAddress,
    AddressHint,
    ErrorPrefix,
    Checking,
    CheckAvailability,
    Result,
    GoodNews,
    FtthAvailable,
    CoaxAvailable,
    FtthChoices,
    CoaxChoices,
    ExistingCustomer,
    SeePackages,
    CannotConnectYet,
    NoNetwork,
    NetworkBeingBuilt,
    NotifyWhenReady,
    ContactUs,
    Reference,
    NetworkError,
    ChooseYourPackage,
    OffersFailed,
    LoadingPackages,
    OurPackages,
    AMonth,
    BuildYourOwn,
    ByoHint,
    Internet,
    Tv,
    Phone,
    YourPackage,
    PhoneAddedBecause,
    AddOns,
    HoldingCart,
    HoldMyCart,
    YourCart,
    CartCaption,
    Item,
    PerMonth,
    TotalPerMonth,
    TaxesLater,
    ChangeChoices,
    HeldForYou,
    Ended,
    Extend,
    PressExtend,
    ExtendFailed,
    RenewFailed,
    SwitchLanguage,
    WelcomeBack,
}

impl T {
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, es) = match self {
            Self::CheckYourAddress => ("Check your address", "Compruebe su dirección"),
            Self::AddressLede => (
                "Tell us where you want service and we will show what we can connect there.",
                "Díganos dónde quiere el servicio y le mostraremos lo que podemos conectar allí.",
            ),
            Self::ServiceAddress => ("Service address", "Dirección del servicio"),
            Self::AddressHint => (
                "Street, number and town, for example: 12 Calle Luna, San Juan",
                "Calle, número y pueblo, por ejemplo: 12 Calle Luna, San Juan",
            ),
            Self::ErrorPrefix => ("Error: ", "Error: "),
            Self::Checking => ("Checking…", "Comprobando…"),
            Self::CheckAvailability => ("Check availability", "Comprobar disponibilidad"),
            Self::Result => ("Result", "Resultado"),
            Self::GoodNews => ("Good news", "Buenas noticias"),
            Self::FtthAvailable => (
                "Fibre broadband (FTTH) is available at this address.",
                "La fibra (FTTH) está disponible en esta dirección.",
            ),
            Self::CoaxAvailable => (
                "Cable service (COAX) is available at this address.",
                "El servicio por cable (COAX) está disponible en esta dirección.",
            ),
            Self::FtthChoices => (
                "You can choose internet, phone, or internet with TV.",
                "Puede elegir internet, teléfono, o internet con TV.",
            ),
            Self::CoaxChoices => (
                "You can choose internet, TV, phone, or any mix of them.",
                "Puede elegir internet, TV, teléfono o cualquier combinación.",
            ),
            Self::ExistingCustomer => (
                "Someone already has our service at this address. If that is you, sign in so we can add to your account instead of opening a new one.",
                "Alguien ya tiene nuestro servicio en esta dirección. Si es usted, inicie sesión para añadirlo a su cuenta en lugar de abrir una nueva.",
            ),
            Self::SeePackages => ("See packages", "Ver paquetes"),
            Self::CannotConnectYet => (
                "We cannot connect this address yet",
                "Todavía no podemos conectar esta dirección",
            ),
            Self::NoNetwork => (
                "Our network does not reach this address.",
                "Nuestra red no llega a esta dirección.",
            ),
            Self::NetworkBeingBuilt => (
                "Our network is being built in this area but is not ready yet.",
                "Estamos construyendo nuestra red en esta zona, pero aún no está lista.",
            ),
            Self::NotifyWhenReady => (
                "We can tell you as soon as it is ready: call us or visit a store to sign up.",
                "Podemos avisarle en cuanto esté lista: llámenos o visite una tienda para apuntarse.",
            ),
            Self::ContactUs => (
                "Call us or visit a store and we will look at other ways to connect you.",
                "Llámenos o visite una tienda y buscaremos otras formas de conectarle.",
            ),
            Self::Reference => ("Reference: ", "Referencia: "),
            Self::NetworkError => (
                "We could not reach our systems. Check your connection and try again.",
                "No pudimos comunicarnos con nuestros sistemas. Compruebe su conexión e inténtelo de nuevo.",
            ),
            Self::ChooseYourPackage => ("Choose your package", "Elija su paquete"),
            Self::OffersFailed => (
                "We could not load our packages. Please reload the page.",
                "No pudimos cargar nuestros paquetes. Vuelva a cargar la página.",
            ),
            Self::LoadingPackages => ("Loading packages…", "Cargando paquetes…"),
            Self::OurPackages => ("Our packages", "Nuestros paquetes"),
            Self::AMonth => (" a month", " al mes"),
            Self::BuildYourOwn => ("Or build your own", "O arme el suyo"),
            Self::ByoHint => (
                "Internet and TV together come with a phone line at no extra choice: that makes a triple-play package.",
                "Internet y TV juntos incluyen una línea de teléfono sin más elección: eso forma un paquete triple.",
            ),
            Self::Internet => ("Internet", "Internet"),
            Self::Tv => ("TV", "TV"),
            Self::Phone => ("Phone", "Teléfono"),
            Self::YourPackage => ("Your package: ", "Su paquete: "),
            Self::PhoneAddedBecause => (
                " Phone is added for you, because Internet and TV together come as a triple-play package.",
                " Le añadimos el teléfono, porque Internet y TV juntos forman un paquete triple.",
            ),
            Self::AddOns => ("Add-ons", "Complementos"),
            Self::HoldingCart => ("Holding your cart…", "Reservando su carrito…"),
            Self::HoldMyCart => ("Hold my cart", "Reservar mi carrito"),
            Self::YourCart => ("Your cart", "Su carrito"),
            Self::CartCaption => (
                "What is in your cart, by month",
                "Lo que hay en su carrito, por mes",
            ),
            Self::Item => ("Item", "Artículo"),
            Self::PerMonth => ("Per month", "Por mes"),
            Self::TotalPerMonth => ("Total per month", "Total al mes"),
            Self::TaxesLater => (
                "Taxes and fees are calculated later, once you choose your installation.",
                "Los impuestos y cargos se calculan más adelante, cuando elija su instalación.",
            ),
            Self::ChangeChoices => ("Change your choices", "Cambiar su selección"),
            Self::HeldForYou => ("Held for you", "Reservado para usted"),
            Self::Ended => ("ended", "terminó"),
            Self::Extend => ("Extend", "Ampliar"),
            Self::PressExtend => (
                " Press Extend to keep it.",
                " Pulse Ampliar para mantenerlo.",
            ),
            Self::ExtendFailed => (
                "We could not reach our systems to extend your hold. Try again.",
                "No pudimos comunicarnos con nuestros sistemas para ampliar su reserva. Inténtelo de nuevo.",
            ),
            Self::RenewFailed => (
                "Your cart hold ended and we could not renew it. Please choose your package again.",
                "La reserva de su carrito terminó y no pudimos renovarla. Por favor, elija su paquete de nuevo.",
            ),
            Self::WelcomeBack => (
                "Welcome back: your cart is still held for you.",
                "Bienvenido de nuevo: su carrito sigue reservado para usted.",
            ),
            // Always in the other language, so a speaker of it recognises it.
            Self::SwitchLanguage => ("Español", "English"),
        };
        lang.pick(en, es)
    }
}

/// "1P Internet", "2P TV + Phone"…, in the customer's language.
pub fn package_kind(kind: PackageKind, lang: Lang) -> &'static str {
    let (en, es) = match kind {
        PackageKind::Telephone => ("1P Phone", "1P Teléfono"),
        PackageKind::Tv => ("1P TV", "1P TV"),
        PackageKind::Internet => ("1P Internet", "1P Internet"),
        PackageKind::TvInternet => ("2P TV + Internet", "2P TV + Internet"),
        PackageKind::TvTelephone => ("2P TV + Phone", "2P TV + Teléfono"),
        PackageKind::InternetTelephone => ("2P Internet + Phone", "2P Internet + Teléfono"),
        PackageKind::TriplePlay => ("3P TV + Phone + Internet", "3P TV + Teléfono + Internet"),
    };
    lang.pick(en, es)
}

/// "Your cart is held for 25 more seconds."
pub fn held_for_seconds(label: &str, secs: i64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{label} is held for {secs} more seconds."),
        Lang::Es => format!("{label}: reservado {secs} segundos más."),
    }
}

/// "Your cart is now held for 10 more minutes."
pub fn cart_held_for_minutes(mins: i64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Your cart is now held for {mins} more minutes."),
        Lang::Es => format!("Su carrito queda reservado {mins} minutos más."),
    }
}

/// "12:34 left"
pub fn time_left(mm_ss: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{mm_ss} left"),
        Lang::Es => format!("quedan {mm_ss}"),
    }
}

/// The BCP 47 tag for `<html lang>`.
pub fn tag(lang: Lang) -> &'static str {
    lang.pick("en", "es")
}
