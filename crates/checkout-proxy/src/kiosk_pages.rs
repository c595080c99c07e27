//! The built app's page as a kiosk gets it (`GET /kiosk`, handlers/kiosk_pages.rs), made once
//! at start-up.

use axum::body::Bytes;

/// The built app's page, served at `/kiosk` (the app knows kiosk mode by that path).
#[derive(Debug, Default)]
pub(crate) struct KioskPages {
    pub(crate) page: Bytes,
}

impl KioskPages {
    pub(crate) fn new(index_html: &str) -> Self {
        Self {
            page: Bytes::from(index_html.to_owned()),
        }
    }
}
