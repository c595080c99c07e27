//! What every step after the cart does first and last: find the browser's session and its held
//! upstream order, and store what the step learnt. One place, so no step can forget that the
//! upstream ids stay here.

use crate::config::Secret;
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use crate::routes::AppState;
use crate::session::ServerSession;
use crate::upstream::Upstreamed;
use axum::http::HeaderMap;
use axum::http::Method;
use checkout_core::problem::ErrorCode;
use serde::de::DeserializeOwned;

/// A session that holds a cart upstream.
#[derive(Debug)]
pub struct Step {
    pub key: String,
    pub sess: ServerSession,
    /// The upstream order id (never sent to the browser).
    pub order_id: String,
    pub session_id: Secret,
}

impl Step {
    /// The browser's session and its held order; a step before the cart is held is out of
    /// order.
    pub async fn load(app: &AppState, headers: &HeaderMap) -> Result<Self, ApiError> {
        let (key, sess) = app.existing_session(headers).await?;
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

    /// One call on the held upstream order (`/v1/order/{id}/{op}`) in this session.
    pub async fn call<T: DeserializeOwned>(
        &self,
        app: &AppState,
        name: &'static str,
        method: Method,
        op: &str,
        corr: &CorrelationId,
        body: Option<serde_json::Value>,
    ) -> Result<Upstreamed<T>, ApiError> {
        app.upstream
            .call(
                name,
                method,
                &order_path(&self.order_id, op),
                &self.session_id,
                corr,
                body,
            )
            .await
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

/// The path of one operation on an upstream order.
pub fn order_path(order_id: &str, op: &str) -> String {
    format!("{}/{op}", checkout_core::ocbo::path::order(order_id))
}
