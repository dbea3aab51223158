//! The browser entry point: wakes up the islands on a server-rendered page and registers the
//! service worker that keeps this build's files and the offline copies of the CV pages.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Pulls the island components into the bundle.
    #[allow(unused_imports)]
    use app::*;
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    register_service_worker();
}

/// Service workers exist only in secure contexts (HTTPS, localhost): elsewhere there is none
/// to register, and the forms still keep their drafts.
fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
