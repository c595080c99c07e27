//! The pages partners frame: `GET /embed?partner=<id>&parent=<origin>` serves the app itself,
//! from our origin, with a policy that lets exactly that partner's origins frame it
//! (`frame-ancestors`), so the partner's page needs no `wasm-unsafe-eval` and its scripts cannot
//! read what the customer types. An unknown partner, or a parent origin the partner did not
//! register, gets a page saying so (frameable by anyone: it holds nothing), never a blank frame.

use crate::config::Partner;
use crate::security;
use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The policy of the error page: it loads nothing and anyone may frame it.
const ERROR_CSP: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *";

/// What the embed serves, made once at start-up.
#[derive(Debug, Default)]
pub(crate) struct EmbedPages {
    /// The built `index.html`: the same app, which knows it is framed by its path.
    page: Bytes,
    /// Each partner, with the app's policy framed by its origins only.
    partners: HashMap<String, (Partner, HeaderValue)>,
}

/// Why a page cannot be served framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    UnknownPartner,
    ParentNotAllowed,
}

impl EmbedPages {
    pub(crate) fn new(index_html: &str, partners: &[Partner]) -> Result<Self, String> {
        let partners = partners
            .iter()
            .map(|p| {
                let csp = security::content_security_policy(index_html, &p.origins);
                HeaderValue::from_str(&csp)
                    .map(|csp| (p.id.clone(), (p.clone(), csp)))
                    .map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            page: Bytes::from(index_html.to_owned()),
            partners,
        })
    }

    /// The registered partner `id` names, if any.
    pub(crate) fn registered(&self, id: &str) -> Option<&Partner> {
        self.partners.get(id).map(|(p, _)| p)
    }

    /// The partner, if `id` names one and `parent` is one of its origins.
    pub(crate) fn partner(&self, id: &str, parent: &str) -> Result<&Partner, Refusal> {
        let p = self.registered(id).ok_or(Refusal::UnknownPartner)?;
        if p.origins.iter().any(|o| o == parent) {
            Ok(p)
        } else {
            Err(Refusal::ParentNotAllowed)
        }
    }

    /// The framed app for this partner and parent, or the page that says why not.
    pub(crate) fn serve(&self, partner: Option<&str>, parent: Option<&str>) -> Response {
        let found = self.partner(partner.unwrap_or(""), parent.unwrap_or(""));
        match found.map(|p| &self.partners[&p.id].1) {
            Ok(csp) => (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    ),
                    (header::CONTENT_SECURITY_POLICY, csp.clone()),
                ],
                self.page.clone(),
            )
                .into_response(),
            Err(why) => {
                let (status, text) = match why {
                    Refusal::UnknownPartner => (
                        StatusCode::NOT_FOUND,
                        "This checkout is not set up for this site. Please tell the site's owner.",
                    ),
                    Refusal::ParentNotAllowed => (
                        StatusCode::FORBIDDEN,
                        "This checkout cannot be shown on this page. Please tell the site's owner.",
                    ),
                };
                let body = format!(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                     <title>Checkout unavailable</title></head><body><main><h1>Checkout \
                     unavailable</h1><p>{text}</p></main></body></html>"
                );
                (
                    status,
                    [
                        (
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("text/html; charset=utf-8"),
                        ),
                        (
                            header::CONTENT_SECURITY_POLICY,
                            HeaderValue::from_static(ERROR_CSP),
                        ),
                    ],
                    body,
                )
                    .into_response()
            }
        }
    }
}
