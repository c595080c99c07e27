//! HTTP handlers of the rest of the direct-fulfillment sequence: offers, credit, quote,
//! validate, submit and TMF-622 productOrder, plus the sandbox's OpenAPI document.
//!
//! Same pattern as `order_routes.rs`: a checked `ClientSession`, the parsed body, one engine
//! operation in `Sandbox::in_tx`; any error returns before the commit and changes nothing.

use crate::client_session::ClientSession;
use crate::contract::{CreditApplication, CreditPolicy, Offers, Quote, Validation};
use crate::error::SandboxError;
use crate::state::Sandbox;
use crate::{catalogue, credit, input, product_order, quote, validation};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header as http};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use checkout_core::ocbo::{CHANNEL_ECOM, LOB_FIXED, header};
use checkout_core::tmf622::ProductOrderCreate;
use std::sync::atomic::Ordering;

/// The hand-written OpenAPI 3.0 document of every sandbox endpoint.
pub const OPENAPI: &str = include_str!("../openapi.json");

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/v1/offers", get(offers))
        .route("/v1/order/{id}/credit.submit", post(credit_submit))
        .route("/v1/order/{id}/credit.policy", get(credit_policy))
        .route("/v1/order/{id}/quote", post(quote_call))
        // The seed writes this one path with a capital V.
        .route("/V1/order/{id}/validate", get(validate))
        .route("/v1/order/submit", post(submit))
        .route(
            "/{business_id}/productOrder",
            post(product_order_call).get(product_orders_of_account),
        )
        .route("/openapi.json", get(openapi))
}

async fn openapi() -> Response {
    ([(http::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn offers(_: ClientSession) -> Result<Json<Offers>, SandboxError> {
    Ok(Json(catalogue::get()?.offers.clone()))
}

async fn credit_submit(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<CreditPolicy>, SandboxError> {
    let app: CreditApplication = input::json(&body)?;
    let policy = sb
        .in_tx(async |tx| credit::submit(tx, &client, &id, &app, sb.now()).await)
        .await?;
    Ok(Json(policy))
}

async fn credit_policy(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<Json<CreditPolicy>, SandboxError> {
    let policy = sb
        .in_tx(async |tx| credit::get(tx, &client, &id, sb.now()).await)
        .await?;
    Ok(Json(policy))
}

async fn quote_call(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<([(&'static str, HeaderValue); 1], Json<Quote>), SandboxError> {
    let (quoted, conversation) = sb
        .in_tx(async |tx| {
            let quoted = quote::quote(tx, &client, &id, sb.now()).await?;
            let conversation = HeaderValue::from_str(&quoted.conversation_id)
                .map_err(|_| SandboxError::BadRequest("conversation id".into()))?;
            Ok((quoted, conversation))
        })
        .await?;
    Ok((
        [(header::CONVERSATION_ID, conversation)],
        Json(quoted.quote),
    ))
}

async fn validate(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<Json<Validation>, SandboxError> {
    let v = sb
        .in_tx(async |tx| validation::validate(tx, &client, &id, sb.now()).await)
        .await?;
    Ok(Json(v))
}

/// Seed 004 "Headers": `client-id`, `client-secret`, `correlationId`, `lob: FIXED`,
/// `channelId: ECOM` (and the session checks every call here has). Answers the client-id.
fn check_order_headers(
    sb: &Sandbox,
    session: ClientSession,
    headers: &HeaderMap,
) -> Result<String, SandboxError> {
    let client = session.client_id;
    let value = |name: &'static str| headers.get(name).and_then(|v| v.to_str().ok());
    if value(header::CLIENT_SECRET) != Some(sb.config().client_secret.as_str()) {
        return Err(SandboxError::Unauthorized(header::CLIENT_SECRET));
    }
    if value(header::LOB) != Some(LOB_FIXED) {
        return Err(SandboxError::BadRequest(format!("lob: {LOB_FIXED}")));
    }
    if value(header::CHANNEL_ID) != Some(CHANNEL_ECOM) {
        return Err(SandboxError::BadRequest(format!(
            "channelId: {CHANNEL_ECOM}"
        )));
    }
    Ok(client)
}

fn conversation_header(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONVERSATION_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// 201 with the new order, or 200 with the first answer when this `externalId` was placed
/// before. A new order at a `slowanswer` address is answered late (docs/sandbox.md).
async fn placed(sb: &Sandbox, p: product_order::Placed) -> Response {
    let status = if p.created {
        sb.inner
            .product_orders_created
            .fetch_add(1, Ordering::Relaxed);
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    if p.slow_answer {
        tokio::time::sleep(crate::magic::SLOW_ANSWER).await;
    }
    (status, [(http::CONTENT_TYPE, "application/json")], p.body).into_response()
}

/// `POST /{businessId}/productOrder` (TMF-622, seed 004).
async fn product_order_call(
    State(sb): State<Sandbox>,
    Path(business_id): Path<String>,
    session: ClientSession,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SandboxError> {
    let market = product_order::market(&business_id)?;
    let client = check_order_headers(&sb, session, &headers)?;
    let order: ProductOrderCreate = input::json(&body)?;
    let conversation = conversation_header(&headers);
    let p = sb
        .in_tx(async |tx| {
            product_order::place(
                tx,
                &client,
                market,
                conversation.as_deref(),
                &order,
                sb.now(),
            )
            .await
        })
        .await?;
    Ok(placed(&sb, p).await)
}

/// `GET /{businessId}/productOrder?billingAccount.id=…` (TMF-622 list with a filter): this
/// client's orders on one billing account, newest first. How a caller whose productOrder answer
/// was lost finds out whether the order exists (a JM or PA body carries no `externalId`).
async fn product_orders_of_account(
    State(sb): State<Sandbox>,
    Path(business_id): Path<String>,
    session: ClientSession,
    axum::extract::Query(q): axum::extract::Query<AccountFilter>,
) -> Result<Response, SandboxError> {
    let market = product_order::market(&business_id)?;
    let account = q
        .billing_account
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| SandboxError::BadRequest("billingAccount.id: required".into()))?;
    let client = session.client_id;
    let bodies: Vec<String> = sb
        .in_tx(async |tx| {
            Ok(sqlx::query_scalar(
                "SELECT response FROM product_orders
                 WHERE client_id = ?1 AND business_id = ?2
                   AND json_extract(request, '$.billingAccount.id') = ?3
                 ORDER BY seq DESC",
            )
            .bind(&client)
            .bind(market.business_id())
            .bind(&account)
            .fetch_all(&mut *tx)
            .await?)
        })
        .await?;
    let list = format!("[{}]", bodies.join(","));
    Ok(([(http::CONTENT_TYPE, "application/json")], list).into_response())
}

#[derive(Debug, serde::Deserialize)]
struct AccountFilter {
    #[serde(rename = "billingAccount.id")]
    billing_account: Option<String>,
}

/// `POST /v1/order/submit`: productOrder for the market of the quoted order, which the
/// `X-Conversation-Id` names.
async fn submit(
    State(sb): State<Sandbox>,
    session: ClientSession,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SandboxError> {
    let client = check_order_headers(&sb, session, &headers)?;
    let order: ProductOrderCreate = input::json(&body)?;
    let conversation = conversation_header(&headers)
        .ok_or_else(|| SandboxError::BadRequest("X-Conversation-Id: required".into()))?;
    let p = sb
        .in_tx(async |tx| {
            let market = product_order::market_of_conversation(tx, &client, &conversation).await?;
            product_order::place(tx, &client, market, Some(&conversation), &order, sb.now()).await
        })
        .await?;
    Ok(placed(&sb, p).await)
}
