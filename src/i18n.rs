//! Every text the app itself shows, in English and Spanish (PR and PA are Spanish-speaking
//! markets), in one table so a translator reviews one file. Texts about rules, errors and
//! holds come from `checkout-core`, which has both languages too. A missing translation is a
//! compile error, never a blank.

use checkout_core::catalog::PackageKind;
use checkout_core::deadlines::HoldKind;
use checkout_core::installation::InstallationKind;
use checkout_core::market_time::LocalTime;
use checkout_core::{Lang, Market, UtcMillis};
use leptos::prelude::{Get, RwSignal};

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
    SiteName,
    SkipToContent,
    FooterNote,
    ExistingCustomerAtReview,
    SeePackages,
    OrderByPhoneHere,
    CouldNotLoadPackages,
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
    AcceptAndContinue,
    Back,
    Calculating,
    CallUsLine,
    CheckCredit,
    ChooseANumber,
    ChooseATime,
    ChooseInstallation,
    ConfirmedTitle,
    ConfirmingTitle,
    ConfirmingLede,
    ContactLede,
    ContactPhone,
    ContactTitle,
    Continue,
    ContinueToCredit,
    ContinueWithoutDate,
    CreditApproved,
    CreditLede,
    CreditRefused,
    CreditTitle,
    DateOfBirth,
    DepositNeeded,
    DobHint,
    Email,
    EmailOrPhone,
    EmailOrPhoneHint,
    FullName,
    HoldEndedBeforeOrder,
    IdentityLede,
    IdentityTitle,
    AlreadyCustomer,
    InstallLegend,
    InstallTitle,
    JobNumber,
    KitOnItsWay,
    Last4Ssn,
    Last4Hint,
    NewCode,
    NoSlots,
    NoSlotsWeCall,
    NumberGone,
    NumberLegend,
    NumberTitle,
    OneTime,
    OneTimeTotal,
    OrderNumber,
    OtpCodeHint,
    OtpCodeLabel,
    OtpExpired,
    OtpLocked,
    OtpMaybeSent,
    PhoneHint,
    PhoneNumber,
    PlaceOrder,
    PlacingLede,
    PlacingTitle,
    PrTime,
    PricesHeld,
    QuoteCaption,
    QuoteTitle,
    ReserveNumber,
    ReviewProblems,
    ReviewTitle,
    Searching,
    SelfInstall,
    SelfInstallDetail,
    SendCode,
    SkipIdentity,
    SlotLegend,
    SlotTitle,
    TechnicianDetail,
    TechnicianVisit,
    TermsLede,
    TermsLegend,
    TermsTitle,
    ThankYou,
    ThereIsAProblem,
    Total,
    TryAgain,
    CallUsToOrder,
    PleaseTryAgain,
    Verify,
    WeWillCall,
    WelcomeBackLater,
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
                "Someone already has our service at this address, so a new order here cannot be completed online. If the service is yours, call us and we will add to your account:",
                "Alguien ya tiene nuestro servicio en esta dirección, así que aquí no se puede completar un pedido nuevo en línea. Si el servicio es suyo, llámenos y lo añadimos a su cuenta:",
            ),
            Self::ExistingCustomerAtReview => (
                "We already have service at this address, so we cannot place a new customer's order here online. To add this to the account at this address, please call us:",
                "Ya tenemos servicio en esta dirección, así que aquí no podemos hacer en línea el pedido de un cliente nuevo. Para añadirlo a la cuenta de esta dirección, llámenos:",
            ),
            Self::SkipToContent => ("Skip to content", "Saltar al contenido"),
            Self::FooterNote => (
                "Prices and availability depend on your address.",
                "Los precios y la disponibilidad dependen de su dirección.",
            ),
            Self::SiteName => (
                "Home broadband, TV & phone",
                "Internet, TV y teléfono en casa",
            ),
            Self::SeePackages => ("See packages", "Ver paquetes"),
            Self::OrderByPhoneHere => (
                "We serve this address, but orders here cannot be placed online yet. Order at the kiosk in one of our stores, where staff will help you, or call us and we will set it up with you:",
                "Damos servicio en esta dirección, pero aquí aún no se pueden hacer pedidos en línea. Haga su pedido en el quiosco de una de nuestras tiendas, donde el personal le ayudará, o llámenos y lo preparamos con usted:",
            ),
            Self::CouldNotLoadPackages => (
                "We could not load the packages. Check your connection and press See packages again.",
                "No pudimos cargar los paquetes. Revise su conexión y pulse Ver paquetes de nuevo.",
            ),
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
            Self::AcceptAndContinue => ("Accept and continue", "Aceptar y continuar"),
            Self::Back => ("Back", "Atrás"),
            Self::Calculating => (
                "Calculating your taxes and fees…",
                "Calculando sus impuestos y cargos…",
            ),
            Self::CallUsLine => (
                "We cannot complete this order online, but our phone line can help you find another way: call us.",
                "No podemos completar este pedido en línea, pero nuestra línea telefónica puede ayudarle a encontrar otra opción: llámenos.",
            ),
            Self::CheckCredit => ("Check my credit", "Verificar mi crédito"),
            Self::ChooseANumber => ("Choose a phone number.", "Elija un número de teléfono."),
            Self::ChooseATime => (
                "Choose an installation time.",
                "Elija una hora de instalación.",
            ),
            Self::ChooseInstallation => (
                "Choose how you want your service installed.",
                "Elija cómo desea instalar su servicio.",
            ),
            Self::ConfirmedTitle => ("Your order is placed", "Su pedido está hecho"),
            Self::ConfirmingTitle => ("Confirming your order…", "Confirmando su pedido…"),
            Self::ConfirmingLede => (
                "This is taking longer than usual. We are checking with our systems whether your order went through. Please do not order again and do not close this page.",
                "Esto está tardando más de lo normal. Estamos comprobando con nuestros sistemas si su pedido se hizo. Por favor, no lo pida de nuevo ni cierre esta página.",
            ),
            Self::ContactLede => (
                "We use these only to tell you about this order.",
                "Solo los usamos para informarle sobre este pedido.",
            ),
            Self::ContactPhone => ("Contact phone number", "Teléfono de contacto"),
            Self::ContactTitle => ("How can we contact you?", "¿Cómo podemos contactarle?"),
            Self::Continue => ("Continue", "Continuar"),
            Self::ContinueToCredit => (
                "Continue to the credit check",
                "Continuar a la verificación de crédito",
            ),
            Self::ContinueWithoutDate => ("Continue without a date", "Continuar sin fecha"),
            Self::CreditApproved => (
                "Approved: no deposit is needed.",
                "Aprobado: no se necesita depósito.",
            ),
            Self::CreditLede => (
                "We check your credit to know whether a deposit is needed. We only ask for the last 4 digits of your social security number, and we do not keep them in your browser.",
                "Verificamos su crédito para saber si se necesita un depósito. Solo pedimos los últimos 4 dígitos de su seguro social, y no los guardamos en su navegador.",
            ),
            Self::CreditRefused => (
                "We cannot approve this order online.",
                "No podemos aprobar este pedido en línea.",
            ),
            Self::CreditTitle => ("Credit check", "Verificación de crédito"),
            Self::DateOfBirth => ("Date of birth", "Fecha de nacimiento"),
            Self::DepositNeeded => ("A deposit is needed.", "Se necesita un depósito."),
            Self::DobHint => (
                "Year, month and day, for example: 1980-02-28",
                "Año, mes y día, por ejemplo: 1980-02-28",
            ),
            Self::Email => ("Email address", "Correo electrónico"),
            Self::EmailOrPhone => (
                "Email address or phone number",
                "Correo electrónico o número de teléfono",
            ),
            Self::EmailOrPhoneHint => (
                "The one on your account, for example: ana@example.com or 787 555 0100",
                "El de su cuenta, por ejemplo: ana@example.com o 787 555 0100",
            ),
            Self::FullName => ("Full name", "Nombre completo"),
            Self::HoldEndedBeforeOrder => (
                "Something you had held has ended, so we did not place your order. Please check and try again.",
                "Algo que tenía reservado terminó, así que no hicimos su pedido. Revíselo e inténtelo de nuevo.",
            ),
            Self::IdentityLede => (
                "Already a customer? We send a one-time code to the email address or phone number on your account, so we can add this order to it.",
                "¿Ya es cliente? Le enviamos un código de un solo uso al correo o teléfono de su cuenta, para añadir este pedido a ella.",
            ),
            Self::IdentityTitle => ("Verify it is you", "Verifique que es usted"),
            Self::AlreadyCustomer => (
                "Already a customer? Verify with a one-time code",
                "¿Ya es cliente? Verifíquese con un código de un solo uso",
            ),
            Self::InstallLegend => ("Installation", "Instalación"),
            Self::InstallTitle => (
                "How do you want it installed?",
                "¿Cómo desea la instalación?",
            ),
            Self::JobNumber => ("Job number", "Número de trabajo"),
            Self::KitOnItsWay => (
                "Self install: we will send you everything you need.",
                "Autoinstalación: le enviaremos todo lo que necesita.",
            ),
            Self::Last4Ssn => (
                "Last 4 digits of your social security number",
                "Últimos 4 dígitos de su seguro social",
            ),
            Self::Last4Hint => (
                "Four digits, for example: 1234",
                "Cuatro dígitos, por ejemplo: 1234",
            ),
            Self::NewCode => ("Send a new code", "Enviar un código nuevo"),
            Self::NoSlots => (
                "No installation times are free right now.",
                "No hay horas de instalación libres ahora.",
            ),
            Self::NoSlotsWeCall => (
                "You can still order now: we will call you to schedule the visit.",
                "Puede hacer su pedido ahora: le llamaremos para programar la visita.",
            ),
            Self::NumberGone => (
                "Your number's reservation ended and the number is no longer free. Please choose another.",
                "La reserva de su número terminó y el número ya no está libre. Por favor, elija otro.",
            ),
            Self::NumberLegend => ("Free numbers", "Números libres"),
            Self::NumberTitle => ("Choose your phone number", "Elija su número de teléfono"),
            Self::OneTime => ("One time", "Una vez"),
            Self::OneTimeTotal => ("One-time total", "Total de un solo pago"),
            Self::OrderNumber => ("Order number", "Número de pedido"),
            Self::OtpCodeHint => ("6 digits", "6 dígitos"),
            Self::OtpCodeLabel => ("One-time code", "Código de un solo uso"),
            Self::OtpExpired => (
                "That code has expired. Ask for a new one.",
                "Ese código venció. Pida uno nuevo.",
            ),
            Self::OtpLocked => (
                "Too many wrong codes. For your security, verification is locked for 15 minutes. You can go on without verifying.",
                "Demasiados códigos incorrectos. Por su seguridad, la verificación queda bloqueada 15 minutos. Puede continuar sin verificarse.",
            ),
            Self::OtpMaybeSent => (
                "If this contact is on an account, a 6-digit code is on its way. It is valid for 10 minutes.",
                "Si este contacto está en una cuenta, le llegará un código de 6 dígitos. Es válido 10 minutos.",
            ),
            Self::PhoneHint => ("For example: 787 555 0100", "Por ejemplo: 787 555 0100"),
            Self::PhoneNumber => ("Phone number", "Número de teléfono"),
            Self::PlaceOrder => ("Place order", "Hacer el pedido"),
            Self::PlacingLede => (
                "Please wait while we place your order.",
                "Espere mientras hacemos su pedido.",
            ),
            Self::PlacingTitle => ("Placing your order…", "Haciendo su pedido…"),
            Self::PrTime => (
                "Times are Puerto Rico time.",
                "Las horas son de Puerto Rico.",
            ),
            Self::PricesHeld => (
                "These prices are held for you for 14 minutes (see Held for you).",
                "Estos precios se mantienen 14 minutos (vea Reservado para usted).",
            ),
            Self::QuoteCaption => (
                "Your prices, by month and one time",
                "Sus precios, por mes y de un solo pago",
            ),
            Self::QuoteTitle => ("Your prices", "Sus precios"),
            Self::ReserveNumber => ("Reserve this number", "Reservar este número"),
            Self::ReviewProblems => (
                "Something needs your attention before you order:",
                "Algo necesita su atención antes de pedir:",
            ),
            Self::ReviewTitle => ("Review and place your order", "Revise y haga su pedido"),
            Self::Searching => ("Searching…", "Buscando…"),
            Self::SelfInstall => ("Self install", "Autoinstalación"),
            Self::SelfInstallDetail => (
                "We send you a kit; you connect it yourself.",
                "Le enviamos un kit; usted lo conecta.",
            ),
            Self::SendCode => ("Send code", "Enviar código"),
            Self::SkipIdentity => ("Continue without verifying", "Continuar sin verificarse"),
            Self::SlotLegend => ("Available times", "Horas disponibles"),
            Self::SlotTitle => (
                "Choose an installation time",
                "Elija una hora de instalación",
            ),
            Self::TechnicianDetail => (
                "A technician comes and sets everything up.",
                "Un técnico viene y lo instala todo.",
            ),
            Self::TechnicianVisit => ("Technician visit", "Visita de un técnico"),
            Self::TermsLede => (
                "Please read and accept each of these to continue.",
                "Lea y acepte cada uno para continuar.",
            ),
            Self::TermsLegend => ("Terms to accept", "Términos que aceptar"),
            Self::TermsTitle => ("Terms and conditions", "Términos y condiciones"),
            Self::ThankYou => (
                "Thank you! We have your order.",
                "¡Gracias! Hemos recibido su pedido.",
            ),
            Self::ThereIsAProblem => ("There is a problem", "Hay un problema"),
            Self::Total => ("Total", "Total"),
            Self::TryAgain => ("Try again", "Intentar de nuevo"),
            Self::CallUsToOrder => (
                "Please call us and we will look it up with you:",
                "Llámenos y lo buscamos con usted:",
            ),
            Self::PleaseTryAgain => (
                "Please try again in a moment.",
                "Por favor, inténtelo de nuevo en un momento.",
            ),
            Self::Verify => ("Verify", "Verificar"),
            Self::WeWillCall => (
                "we will call you to schedule the visit",
                "le llamaremos para programar la visita",
            ),
            Self::WelcomeBackLater => (
                "Welcome back: your cart and choices are still held. We checked your prices and times again.",
                "Bienvenido de nuevo: su carrito y su selección siguen reservados. Volvimos a comprobar sus precios y horas.",
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

/// "Your cart is held for 25 more seconds." ("Your prices are …": the verb agrees.)
pub fn held_for_seconds(kind: HoldKind, secs: i64, lang: Lang) -> String {
    let label = kind.label(lang);
    match lang {
        Lang::En => {
            let verb = if kind == HoldKind::Quote { "are" } else { "is" };
            format!("{label} {verb} held for {secs} more seconds.")
        }
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

/// A reactive static text. Every text of the app goes through this one closure type, so the
/// view code that renders it is generated once (WASM size).
pub fn tx(lang: RwSignal<Lang>, t: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t.text(lang.get())
}

/// The language of what the back office writes: catalogue names, charges, term titles.
pub const BACK_OFFICE_LANG: &str = "en";

/// The phone line offered when the order cannot go on online.
pub const SUPPORT_PHONE: &str = "1-787-555-0199";
pub const SUPPORT_TEL: &str = "tel:+17875550199";

/// "(787) 200-0003" for a ten-digit NANP number; anything else as it is.
pub fn phone(digits: &str) -> String {
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_owned()
    }
}

/// (weekday 0 = Sunday, month 1–12, day, minutes of the day) in Puerto Rico time: the web
/// store sells in Puerto Rico only (`Market::orders_online`).
fn pr_civil(at: UtcMillis) -> (usize, usize, u32, i64) {
    let t = LocalTime::of(at, Market::PuertoRico);
    (
        t.weekday as usize,
        t.month as usize,
        t.day,
        i64::from(t.hour * 60 + t.minute),
    )
}

pub(crate) fn clock(mins: i64, lang: Lang) -> String {
    let (h, m) = (mins / 60, mins % 60);
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    match (lang, h < 12) {
        (Lang::En, true) => format!("{h12}:{m:02} AM"),
        (Lang::En, false) => format!("{h12}:{m:02} PM"),
        (Lang::Es, true) => format!("{h12}:{m:02} a. m."),
        (Lang::Es, false) => format!("{h12}:{m:02} p. m."),
    }
}

pub(crate) const DAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
pub(crate) const DAYS_ES: [&str; 7] = [
    "domingo",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
];
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub(crate) const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn day(weekday: usize, month: usize, d: u32, lang: Lang) -> String {
    let m = month.saturating_sub(1) % 12;
    match lang {
        Lang::En => format!("{}, {} {d}", DAYS_EN[weekday % 7], MONTHS_EN[m]),
        Lang::Es => format!("{}, {d} de {}", DAYS_ES[weekday % 7], MONTHS_ES[m]),
    }
}

/// "Thursday, November 26, 8:00 AM", Puerto Rico time.
pub fn day_time(at: UtcMillis, lang: Lang) -> String {
    let (w, m, d, mins) = pr_civil(at);
    format!("{}, {}", day(w, m, d, lang), clock(mins, lang))
}

/// "Thursday, November 26, 8:00 AM – 12:00 PM", Puerto Rico time.
pub fn window(start: UtcMillis, end: UtcMillis, lang: Lang) -> String {
    let (_, _, _, end_mins) = pr_civil(end);
    format!("{} – {}", day_time(start, lang), clock(end_mins, lang))
}

/// "One-time charge: $49.99"
pub fn one_time(amount: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("One-time charge: {amount}"),
        Lang::Es => format!("Cargo único: {amount}"),
    }
}

/// "Technician visit: $49.99 one time"
pub fn install_charge(kind: InstallationKind, amount: &str, lang: Lang) -> String {
    let name = match kind {
        InstallationKind::SelfInstall => T::SelfInstall,
        InstallationKind::TechnicianVisit => T::TechnicianVisit,
    };
    format!("{}: {}", name.text(lang), one_time(amount, lang))
}

/// The deposit, and where it is charged.
pub fn deposit(amount: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "A one-time deposit of {amount} is added to your first bill. You can go on with your order."
        ),
        Lang::Es => format!(
            "Se añade un depósito único de {amount} a su primera factura. Puede continuar con su pedido."
        ),
    }
}

/// "$68.88 a month, and $49.99 once"
pub fn totals(monthly: &str, once: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("You pay {monthly} a month, and {once} once."),
        Lang::Es => format!("Usted paga {monthly} al mes, y {once} una vez."),
    }
}

/// The words before a term's title (the back office's, in English) on its tick box.
pub fn i_accept(lang: Lang) -> &'static str {
    lang.pick("I accept the ", "Acepto: ")
}

/// A term not yet accepted; its title follows.
pub fn accept_term(lang: Lang) -> &'static str {
    lang.pick("Accept to continue:", "Acepte para continuar:")
}

pub fn version(v: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Version {v}"),
        Lang::Es => format!("Versión {v}"),
    }
}

pub fn technician(id: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("(technician {id})"),
        Lang::Es => format!("(técnico {id})"),
    }
}

/// A wrong one-time code, with the tries left when known.
pub fn otp_wrong(left: Option<u32>, lang: Lang) -> String {
    match (lang, left) {
        (Lang::En, Some(1)) => "That code is not right. You have 1 more try.".to_owned(),
        (Lang::En, Some(n)) => format!("That code is not right. You have {n} more tries."),
        (Lang::En, None) => "That code is not right. Check it and try again.".to_owned(),
        (Lang::Es, Some(1)) => "Ese código no es correcto. Le queda 1 intento.".to_owned(),
        (Lang::Es, Some(n)) => format!("Ese código no es correcto. Le quedan {n} intentos."),
        (Lang::Es, None) => "Ese código no es correcto. Revíselo e inténtelo de nuevo.".to_owned(),
    }
}

/// An extra taken out of the choices because the new package cannot have it, and why.
/// The words around its name (the catalogue's, in English).
pub fn took_out(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("We took ", " out of your choices. "),
        Lang::Es => ("Quitamos ", " de su selección. "),
    }
}

/// Verified: by name when the contact is on an account.
pub fn verified(name: Option<String>, lang: Lang) -> String {
    match (lang, name) {
        (Lang::En, Some(n)) => {
            format!("Thank you, {n}: you are verified. We will add this order to your account.")
        }
        (Lang::Es, Some(n)) => {
            format!("Gracias, {n}: está verificado. Añadiremos este pedido a su cuenta.")
        }
        (Lang::En, None) => "Thank you: your contact is verified.".to_owned(),
        (Lang::Es, None) => "Gracias: su contacto está verificado.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const DAY_MS: i64 = 86_400_000;

    #[wasm_bindgen_test]
    fn windows_are_shown_in_puerto_rico_time() {
        // Noon UTC is 8:00 in San Juan (UTC−4); the day below is a Thursday.
        let start = UtcMillis(
            checkout_core::instant::days_from_civil(2026, 11, 26) * DAY_MS + 12 * 3_600_000,
        );
        let end = UtcMillis(start.0 + 4 * 3_600_000);
        assert_eq!(
            window(start, end, Lang::En),
            "Thursday, November 26, 8:00 AM – 12:00 PM"
        );
        assert_eq!(
            window(start, end, Lang::Es),
            "jueves, 26 de noviembre, 8:00 a. m. – 12:00 p. m."
        );
    }

    /// Issue 24 (16): "Your prices is held for 25 more seconds".
    #[wasm_bindgen_test]
    fn the_verb_agrees_with_what_is_held() {
        assert_eq!(
            held_for_seconds(HoldKind::Quote, 25, Lang::En),
            "Your prices are held for 25 more seconds."
        );
        assert_eq!(
            held_for_seconds(HoldKind::Cart, 25, Lang::En),
            "Your cart is held for 25 more seconds."
        );
    }

    #[wasm_bindgen_test]
    fn phone_numbers_are_grouped() {
        assert_eq!(phone("7872000003"), "(787) 200-0003");
        assert_eq!(phone("123"), "123");
    }
}
