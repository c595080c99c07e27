//! What every handler shares: the configuration, the back-office client and the session store.
//! One value for the whole process, behind an `Arc` (the workers share it).

use crate::config::Config;
use crate::embed_pages::EmbedPages;
use crate::kiosk_pages::KioskPages;
use crate::session::Sessions;
use crate::upstream::Upstream;

#[derive(Debug)]
pub(crate) struct AppState {
    pub config: Config,
    pub upstream: Upstream,
    pub sessions: Sessions,
    pub embeds: EmbedPages,
    pub kiosk_pages: KioskPages,
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
}
