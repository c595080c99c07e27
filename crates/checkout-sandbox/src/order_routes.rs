//! HTTP handlers of the order / hold engine (direct-fulfillment steps 4, 6, 7 and the seed's
//! `searchTimeSlot`), behind the same header checks as every call after `/session`.
//!
//! Each handler is: check headers, parse the body, run one engine function in one
//! transaction, commit. Any error returns before the commit, and dropping the transaction
//! rolls it back, so a refused operation leaves no trace.

use crate::contract::{
    AvailableNumbers, CancelRequest, Contact, CreateOrderRequest, ExtendRequest,
    FulfillmentRequest, ItemInput, Order, ReserveNumberRequest, SlotSearch,
};
use crate::error::SandboxError;
use crate::routes::check_session;
use crate::{Sandbox, fulfillment, input, numbers, orders, slots};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{delete, get, patch, post};
use axum::{Json, Router};

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/v1/order/create", post(create))
        .route("/v1/order/{id}", get(fetch).delete(cancel))
        .route("/v1/order/{id}/items", post(add_item))
        .route("/v1/order/{id}/items/{item}", delete(remove_item))
        .route("/v1/order/{id}/extend", post(extend))
        .route("/v1/order/{id}/confirm", post(confirm))
        .route("/v1/order/{id}/number.available", post(number_available))
        .route("/v1/order/{id}/number.reserve", patch(number_reserve))
        .route("/v1/order/{id}/searchTimeSlot", post(search_time_slot))
        .route(
            "/v1/order/{id}/fulfillment",
            post(start_fulfillment).patch(update_fulfillment),
        )
}

async fn create(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let req: CreateOrderRequest = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::create(&mut tx, &client, &req, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn fetch(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::fetch(&mut tx, &client, &id, sb.now()).await?;
    // Commits the lazy ON_HOLD → EXPIRED transition, if one happened.
    tx.commit().await?;
    Ok(Json(order))
}

async fn add_item(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let item: ItemInput = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::add_item(&mut tx, &client, &id, &item, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn remove_item(
    State(sb): State<Sandbox>,
    Path((id, item)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::remove_item(&mut tx, &client, &id, &item, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn extend(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let req: ExtendRequest = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::extend(&mut tx, &client, &id, &req, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn confirm(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let contact: Contact = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::confirm(&mut tx, &client, &id, &contact, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn cancel(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let req: CancelRequest = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = orders::cancel(&mut tx, &client, &id, &req, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn number_available(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<AvailableNumbers>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let mut tx = sb.store().begin().await?;
    let list = numbers::available(&mut tx, &client, &id, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(list))
}

async fn number_reserve(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let req: ReserveNumberRequest = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = numbers::reserve(&mut tx, &client, &id, &req.number, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}

async fn search_time_slot(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<SlotSearch>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let mut tx = sb.store().begin().await?;
    let found = slots::search(&mut tx, &client, &id, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(found))
}

/// `POST fulfillment`: starts fulfillment; `installationType` is required.
async fn start_fulfillment(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    fulfillment_call(sb, id, headers, body, true).await
}

/// `PATCH fulfillment`: any of installation type, slot, unscheduled, terms (`{"slotId"}`
/// alone chooses a slot, as before).
async fn update_fulfillment(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    fulfillment_call(sb, id, headers, body, false).await
}

async fn fulfillment_call(
    sb: Sandbox,
    id: String,
    headers: HeaderMap,
    body: Bytes,
    initiate: bool,
) -> Result<Json<Order>, SandboxError> {
    let client = check_session(&sb, &headers)?;
    let req: FulfillmentRequest = input::json(&body)?;
    let mut tx = sb.store().begin().await?;
    let order = fulfillment::apply(&mut tx, &client, &id, &req, initiate, sb.now()).await?;
    tx.commit().await?;
    Ok(Json(order))
}
