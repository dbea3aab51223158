use leptos::prelude::*;

/// The mobile menu button. An island: the only code on these pages that runs in the browser.
///
/// Without JavaScript the button does nothing, so `noscript.css` hides it and shows the menu.
#[island]
pub fn MenuToggle(open_label: String, close_label: String, children: Children) -> impl IntoView {
    let (open, set_open) = signal(false);
    view! {
        <button
            type="button"
            class="menu-toggle"
            aria-controls="main-nav"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| set_open.update(|open| *open = !*open)
        >
            <span class="menu-toggle-icon" aria-hidden="true"></span>
            <span class="menu-toggle-label">
                {move || if open.get() { close_label.clone() } else { open_label.clone() }}
            </span>
        </button>
        <div id="main-nav" class="main-nav" class:is-open=move || open.get()>
            {children()}
        </div>
    }
}
