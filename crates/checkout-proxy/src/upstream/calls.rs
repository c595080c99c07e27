//! The typed back-office client: one method per call of the seeds' sequence, each with its
//! request and answer types (bss.rs, `checkout_core::ocbo`), its path and its metric name,
//! written here once. Handlers call these and never build a path or a JSON body themselves;
//! the token, the headers every call carries, the timeout, the latency histogram and the
//! mapping of upstream errors are the parent module's, shared by every call.

use super::{Upstream, Upstreamed};
use crate::bss;
use crate::config::Secret;
use crate::correlation::CorrelationId;
use crate::error::ApiError;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use checkout_core::Market;
use checkout_core::kiosk::{self, BillingAccountCreated, BillingAccountRequest, MarketBundle};
use checkout_core::ocbo::{CancelRequest, CreateOrderRequest, ExtendRequest, OrderHoldView, path};
use checkout_core::tmf622::ProductOrder;
use serde::Serialize;

/// No body.
const NONE: Option<&()> = None;

/// The calls of one customer's upstream session (`session-id`), under one correlation id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BackOffice<'a> {
    up: &'a Upstream,
    session: &'a Secret,
    corr: &'a CorrelationId,
}

/// The calls on one held upstream order (`/v1/order/{id}/…`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeldOrder<'a> {
    bo: BackOffice<'a>,
    id: &'a str,
}

impl Upstream {
    /// The back office, in this customer's upstream session.
    pub(crate) fn in_session<'a>(
        &'a self,
        session: &'a Secret,
        corr: &'a CorrelationId,
    ) -> BackOffice<'a> {
        BackOffice {
            up: self,
            session,
            corr,
        }
    }
}

impl<'a> BackOffice<'a> {
    async fn call<B: Serialize, T: serde::de::DeserializeOwned>(
        &self,
        name: &'static str,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Upstreamed<T>, ApiError> {
        self.up
            .call_with(name, method, path, self.session, self.corr, body, &[])
            .await
            .map(|(answer, _)| answer)
    }

    /// The calls on the held order `id`.
    pub(crate) fn order(self, id: &'a str) -> HeldOrder<'a> {
        HeldOrder { bo: self, id }
    }

    /// `GET /v1/offers`.
    pub(crate) async fn offers(&self) -> Result<Upstreamed<bss::Offers>, ApiError> {
        self.call("offers", Method::GET, path::OFFERS, NONE).await
    }

    /// `POST /v1/order/create`: hold a cart.
    pub(crate) async fn create_order(
        &self,
        req: &CreateOrderRequest,
    ) -> Result<Upstreamed<OrderHoldView>, ApiError> {
        self.call("order_create", Method::POST, path::ORDER_CREATE, Some(req))
            .await
    }

    /// `GET /v1/auth-methods`.
    pub(crate) async fn auth_methods(&self) -> Result<Upstreamed<bss::AuthMethods>, ApiError> {
        self.call("auth_methods", Method::GET, "/v1/auth-methods", NONE)
            .await
    }

    /// `POST /v1/auth/generateotp`: send a one-time code to the contact.
    pub(crate) async fn generate_otp(
        &self,
        req: &bss::OtpRequest<'_>,
    ) -> Result<Upstreamed<bss::OtpSent>, ApiError> {
        self.call(
            "auth_generateotp",
            Method::POST,
            "/v1/auth/generateotp",
            Some(req),
        )
        .await
    }

    /// `POST /v1/auth`: check the code.
    pub(crate) async fn verify_otp(
        &self,
        req: &bss::OtpCheck<'_>,
    ) -> Result<Upstreamed<bss::Authenticated>, ApiError> {
        self.call("auth", Method::POST, "/v1/auth", Some(req)).await
    }

    /// `GET /v1/customers`: the accounts of the verified contact.
    pub(crate) async fn customers(&self) -> Result<Upstreamed<bss::Customers>, ApiError> {
        self.call("customers", Method::GET, "/v1/customers", NONE)
            .await
    }

    /// `POST /v1/order/submit` (TMF-622 productOrder for the quoted order's market): the body
    /// is core's, with the client secret and the quote's `X-Conversation-Id` (seed 004).
    pub(crate) async fn submit_order(
        &self,
        body: &serde_json::Value,
        conversation: &Secret,
    ) -> Result<Upstreamed<ProductOrder>, ApiError> {
        let mut conversation = HeaderValue::from_str(conversation.expose()).map_err(|_| {
            ApiError::Refused(checkout_core::problem::ErrorCode::ConversationExpired)
        })?;
        conversation.set_sensitive(true);
        let extra = [
            self.up.client_secret_header()?,
            (HeaderName::from_static(CONVERSATION_HEADER), conversation),
        ];
        self.up
            .call_with(
                "order_submit",
                Method::POST,
                "/v1/order/submit",
                self.session,
                self.corr,
                Some(body),
                &extra,
            )
            .await
            .map(|(answer, _)| answer)
    }
}

/// The calls of a kiosk's Jamaica or Panama order (seed 004's JM and PA bodies; docs/kiosk.md).
impl BackOffice<'_> {
    /// `GET /v1/{businessId}/bundles`.
    pub(crate) async fn market_bundles(
        &self,
        market: Market,
    ) -> Result<Upstreamed<Vec<MarketBundle>>, ApiError> {
        self.call(
            "market_bundles",
            Method::GET,
            &kiosk::upstream_path::bundles(market),
            NONE,
        )
        .await
    }

    /// `POST /v1/{businessId}/billingAccount`: a new customer's account.
    pub(crate) async fn open_billing_account(
        &self,
        market: Market,
        req: &BillingAccountRequest,
    ) -> Result<Upstreamed<BillingAccountCreated>, ApiError> {
        self.call(
            "billing_account",
            Method::POST,
            &kiosk::upstream_path::billing_account(market),
            Some(req),
        )
        .await
    }

    /// `GET /{businessId}/productOrder?billingAccount.id=…`: the orders on one billing account
    /// (how a kiosk order whose answer was lost is found again).
    pub(crate) async fn market_orders_of(
        &self,
        market: Market,
        billing_account: &str,
    ) -> Result<Upstreamed<Vec<ProductOrder>>, ApiError> {
        self.up
            .get_with_query(
                "market_orders",
                &format!("/{}/productOrder", market.business_id()),
                &[("billingAccount.id", billing_account)],
                self.session,
                self.corr,
            )
            .await
    }

    /// `POST /{businessId}/productOrder` for JM or PA: core's body with the client secret
    /// (seed 004 "Headers"); these markets carry no quote conversation.
    pub(crate) async fn market_order(
        &self,
        market: Market,
        body: &serde_json::Value,
    ) -> Result<Upstreamed<ProductOrder>, ApiError> {
        let extra = [self.up.client_secret_header()?];
        self.up
            .call_with(
                "market_order",
                Method::POST,
                &format!("/{}/productOrder", market.business_id()),
                self.session,
                self.corr,
                Some(body),
                &extra,
            )
            .await
            .map(|(answer, _)| answer)
    }
}

/// The quote's conversation (`checkout_core::ocbo::header::CONVERSATION_ID`), named in its
/// answer and carried by productOrder; lower case, as HTTP/1 names travel.
const CONVERSATION_HEADER: &str = "x-conversation-id";

impl HeldOrder<'_> {
    fn at(&self, op: &str) -> String {
        format!("{}/{op}", path::order(self.id))
    }

    /// `GET /v1/order/{id}`, as the hold it is.
    pub(crate) async fn hold(&self) -> Result<Upstreamed<OrderHoldView>, ApiError> {
        self.bo
            .call("order_fetch", Method::GET, &path::order(self.id), NONE)
            .await
    }

    /// `GET /v1/order/{id}`, the whole order.
    pub(crate) async fn fetch(&self) -> Result<Upstreamed<bss::Order>, ApiError> {
        self.bo
            .call("order_fetch", Method::GET, &path::order(self.id), NONE)
            .await
    }

    /// `DELETE /v1/order/{id}`: let the hold go.
    pub(crate) async fn cancel(
        &self,
        req: &CancelRequest,
    ) -> Result<Upstreamed<OrderHoldView>, ApiError> {
        self.bo
            .call(
                "order_cancel",
                Method::DELETE,
                &path::order(self.id),
                Some(req),
            )
            .await
    }

    /// `POST /v1/order/{id}/extend`.
    pub(crate) async fn extend(
        &self,
        req: &ExtendRequest,
    ) -> Result<Upstreamed<OrderHoldView>, ApiError> {
        self.bo
            .call(
                "order_extend",
                Method::POST,
                &path::order_extend(self.id),
                Some(req),
            )
            .await
    }

    /// `POST /v1/order/{id}/items`.
    pub(crate) async fn add_item(
        &self,
        req: &bss::AddItem<'_>,
    ) -> Result<Upstreamed<bss::Order>, ApiError> {
        self.bo
            .call("order_item_add", Method::POST, &self.at("items"), Some(req))
            .await
    }

    /// `DELETE /v1/order/{id}/items/{item}`.
    pub(crate) async fn remove_item(&self, item: &str) -> Result<Upstreamed<bss::Order>, ApiError> {
        self.bo
            .call(
                "order_item_remove",
                Method::DELETE,
                &self.at(&format!("items/{item}")),
                NONE,
            )
            .await
    }

    /// `POST /v1/order/{id}/credit.submit`.
    pub(crate) async fn credit(
        &self,
        req: &bss::CreditApplication<'_>,
    ) -> Result<Upstreamed<bss::CreditPolicy>, ApiError> {
        self.bo
            .call(
                "credit_submit",
                Method::POST,
                &self.at("credit.submit"),
                Some(req),
            )
            .await
    }

    /// `POST` (the first time) or `PATCH /v1/order/{id}/fulfillment`, under the metric
    /// `name` of what changed (installation, terms, slot).
    pub(crate) async fn fulfillment(
        &self,
        name: &'static str,
        first: bool,
        req: &bss::FulfillmentRequest,
    ) -> Result<Upstreamed<bss::Order>, ApiError> {
        let method = if first { Method::POST } else { Method::PATCH };
        self.bo
            .call(name, method, &self.at("fulfillment"), Some(req))
            .await
    }

    /// `POST /v1/order/{id}/number.available`.
    pub(crate) async fn available_numbers(
        &self,
    ) -> Result<Upstreamed<bss::AvailableNumbers>, ApiError> {
        self.bo
            .call(
                "number_available",
                Method::POST,
                &self.at("number.available"),
                NONE,
            )
            .await
    }

    /// `PATCH /v1/order/{id}/number.reserve`.
    pub(crate) async fn reserve_number(
        &self,
        req: &bss::ReserveNumber<'_>,
    ) -> Result<Upstreamed<bss::Order>, ApiError> {
        self.bo
            .call(
                "number_reserve",
                Method::PATCH,
                &self.at("number.reserve"),
                Some(req),
            )
            .await
    }

    /// `POST /v1/order/{id}/searchTimeSlot`.
    pub(crate) async fn search_slots(&self) -> Result<Upstreamed<bss::SlotSearch>, ApiError> {
        self.bo
            .call(
                "search_time_slot",
                Method::POST,
                &self.at("searchTimeSlot"),
                NONE,
            )
            .await
    }

    /// `POST /v1/order/{id}/quote`, with the answer's headers (its `X-Conversation-Id`).
    pub(crate) async fn quote(&self) -> Result<(Upstreamed<bss::Quote>, HeaderMap), ApiError> {
        self.bo
            .up
            .call_with(
                "quote",
                Method::POST,
                &self.at("quote"),
                self.bo.session,
                self.bo.corr,
                NONE,
                &[],
            )
            .await
    }

    /// `GET /V1/order/{id}/validate` (the seed spells this one with a capital V).
    pub(crate) async fn validate(&self) -> Result<Upstreamed<bss::Validation>, ApiError> {
        self.bo
            .call(
                "validate",
                Method::GET,
                &format!("/V1/order/{}/validate", self.id),
                NONE,
            )
            .await
    }

    /// `POST /v1/order/{id}/confirm` with the contact: the cart's bookkeeping once the BSS
    /// has the order.
    pub(crate) async fn confirm(
        &self,
        contact: &serde_json::Value,
    ) -> Result<Upstreamed<bss::Order>, ApiError> {
        self.bo
            .call(
                "order_confirm",
                Method::POST,
                &self.at("confirm"),
                Some(contact),
            )
            .await
    }
}
