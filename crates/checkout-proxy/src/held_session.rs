//! A browser session holding an upstream order: what every step after the cart starts from
//! (an extractor: a handler that takes a `HeldSession` runs only on a session holding an
//! order) and saves what it learnt to. One place, so no step can forget that the upstream ids
//! stay here. (Not to be confused with the app's page of the flow, `checkout_core::flow::Step`.)

use crate::config::Secret;
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::extract::BrowserSession;
use crate::session::ServerSession;
use crate::state::AppState;
use crate::upstream::HeldOrder;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use checkout_core::problem::ErrorCode;
use std::sync::Arc;

/// A session that holds a cart upstream.
#[derive(Debug)]
pub struct HeldSession {
    pub key: String,
    pub sess: ServerSession,
    /// The upstream order id (never sent to the browser).
    pub order_id: String,
    pub session_id: Secret,
}

impl FromRequestParts<Arc<AppState>> for HeldSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<AppState>) -> Result<Self, ApiError> {
        let BrowserSession { key, session } =
            BrowserSession::from_request_parts(parts, app).await?;
        Self::holding(key, session)
    }
}

impl HeldSession {
    /// The session under this cookie key as stored now, and its held order.
    pub async fn for_key(app: &AppState, key: &str) -> Result<Self, ApiError> {
        let BrowserSession { key, session } = BrowserSession::reload(app, key).await?;
        Self::holding(key, session)
    }

    /// The session's held order; a step before the cart is held is out of order.
    fn holding(key: String, sess: ServerSession) -> Result<Self, ApiError> {
        let session_id = sess
            .upstream_session_id
            .clone()
            .ok_or(ApiError::NoSession)?;
        let order_id = sess
            .order
            .as_ref()
            .map(|o| o.id.clone())
            .ok_or(ApiError::Refused(ErrorCode::StepMissing))?;
        Ok(Self {
            key,
            sess,
            order_id,
            session_id,
        })
    }

    /// Store the session as the step left it.
    pub async fn save(&self, app: &AppState) -> Result<(), ApiError> {
        app.sessions.put(&self.key, &self.sess).await?;
        Ok(())
    }

    /// The calls on the held upstream order, in this session.
    pub fn back_office<'a>(&'a self, app: &'a AppState, corr: &'a CorrelationId) -> HeldOrder<'a> {
        app.upstream
            .in_session(&self.session_id, corr)
            .order(&self.order_id)
    }

    /// The cart as held (and as the later steps changed it).
    pub fn cart(&self) -> Result<&checkout_core::cart::Cart, ApiError> {
        self.sess
            .order
            .as_ref()
            .map(|o| &o.cart)
            .ok_or(ApiError::Refused(ErrorCode::StepMissing))
    }
}
