//! HTTP handlers of the order / hold engine (direct-fulfillment steps 4, 6, 7 and the seed's
//! `searchTimeSlot`), behind the same header checks as every call after `/session`.
//!
//! Each handler is: a checked `ClientSession` (the extractor refuses anyone else), the parsed
//! body, one engine function run by `Sandbox::in_tx` in one transaction. Any error returns
//! before the commit, so a refused operation leaves no trace.

use crate::client_session::ClientSession;
use crate::contract::{
    AvailableNumbers, CancelRequest, Contact, CreateOrderRequest, ExtendRequest,
    FulfillmentRequest, ItemInput, Order, ReserveNumberRequest, SlotSearch,
};
use crate::error::SandboxError;
use crate::state::Sandbox;
use crate::{fulfillment, input, numbers, order_view, orders, slots};
use axum::body::Bytes;
use axum::extract::{Path, State};
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
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let req: CreateOrderRequest = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| orders::create(tx, &client, &req, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn fetch(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<Json<Order>, SandboxError> {
    // Commits the lazy ON_HOLD → EXPIRED transition, if one happened.
    let order = sb
        .in_tx(async |tx| order_view::fetch(tx, &client, &id, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn add_item(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let item: ItemInput = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| orders::add_item(tx, &client, &id, &item, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn remove_item(
    State(sb): State<Sandbox>,
    Path((id, item)): Path<(String, String)>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<Json<Order>, SandboxError> {
    let order = sb
        .in_tx(async |tx| orders::remove_item(tx, &client, &id, &item, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn extend(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let req: ExtendRequest = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| orders::extend(tx, &client, &id, &req, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn confirm(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let contact: Contact = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| orders::confirm(tx, &client, &id, &contact, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn cancel(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let req: CancelRequest = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| orders::cancel(tx, &client, &id, &req, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn number_available(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<Json<AvailableNumbers>, SandboxError> {
    let list = sb
        .in_tx(async |tx| numbers::available(tx, &client, &id, sb.now()).await)
        .await?;
    Ok(Json(list))
}

async fn number_reserve(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    let req: ReserveNumberRequest = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| numbers::reserve(tx, &client, &id, &req.number, sb.now()).await)
        .await?;
    Ok(Json(order))
}

async fn search_time_slot(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
) -> Result<Json<SlotSearch>, SandboxError> {
    let found = sb
        .in_tx(async |tx| slots::search(tx, &client, &id, sb.now()).await)
        .await?;
    Ok(Json(found))
}

/// `POST fulfillment`: starts fulfillment; `installationType` is required.
async fn start_fulfillment(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    session: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    fulfillment_call(sb, id, session, body, true).await
}

/// `PATCH fulfillment`: any of installation type, slot, unscheduled, terms (`{"slotId"}`
/// alone chooses a slot, as before).
async fn update_fulfillment(
    State(sb): State<Sandbox>,
    Path(id): Path<String>,
    session: ClientSession,
    body: Bytes,
) -> Result<Json<Order>, SandboxError> {
    fulfillment_call(sb, id, session, body, false).await
}

async fn fulfillment_call(
    sb: Sandbox,
    id: String,
    ClientSession {
        client_id: client, ..
    }: ClientSession,
    body: Bytes,
    initiate: bool,
) -> Result<Json<Order>, SandboxError> {
    let req: FulfillmentRequest = input::json(&body)?;
    let order = sb
        .in_tx(async |tx| fulfillment::apply(tx, &client, &id, &req, initiate, sb.now()).await)
        .await?;
    Ok(Json(order))
}
