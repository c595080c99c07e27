//! Component tests in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test set-up: a failure should panic loudly

use checkout_app::steps::address::AddressStep;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn input(root: &web_sys::HtmlElement) -> web_sys::HtmlInputElement {
    root.query_selector("#address")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn submit(root: &web_sys::HtmlElement) {
    let button: web_sys::HtmlElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn empty_address_shows_the_error_and_marks_the_field() {
    let root = container();
    let _h = leptos::mount::mount_to(root.clone(), || view! { <AddressStep/> });
    submit(&root);
    TimeoutFuture::new(0).await;
    assert!(
        text(&root).contains("Enter your address."),
        "{}",
        text(&root)
    );
    let field = input(&root);
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("address-hint address-error")
    );
    // No call was made: a call would have rendered a result notice.
    assert!(root.query_selector(".notice").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_message_follows_the_input() {
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        || view! { <AddressStep initial="1 Main <b>"/> },
    );
    submit(&root);
    TimeoutFuture::new(0).await;
    assert!(
        text(&root).contains("a character we cannot use"),
        "{}",
        text(&root)
    );

    let field = input(&root);
    field.set_value("1 Main St");
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    TimeoutFuture::new(0).await;
    assert!(!text(&root).contains("cannot use"));
    assert_eq!(
        field.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn carried_over_text_is_in_the_field() {
    let root = container();
    let _h = leptos::mount::mount_to(
        root.clone(),
        || view! { <AddressStep initial="12 Calle Luna"/> },
    );
    TimeoutFuture::new(0).await;
    assert_eq!(input(&root).value(), "12 Calle Luna");
}
