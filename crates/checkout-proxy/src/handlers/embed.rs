//! `GET /embed`: the checkout as a partner frames it (embed_pages.rs says what it serves).

use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
pub struct EmbedQuery {
    partner: Option<String>,
    /// The origin of the page framing us, as the loader read it; checked against the partner's.
    parent: Option<String>,
}

pub async fn page(State(app): State<Arc<AppState>>, Query(q): Query<EmbedQuery>) -> Response {
    app.embeds.serve(q.partner.as_deref(), q.parent.as_deref())
}
