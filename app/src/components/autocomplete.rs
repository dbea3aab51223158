//! An accessible autocomplete over a reference list (the WAI-ARIA 1.2 combobox pattern with a
//! list box): type, move with the arrow keys, Enter picks, Escape closes. A screen reader hears
//! how many suggestions there are and which one is active.
//!
//! Progressive enhancement: on the server it renders a plain text input and a hidden input with
//! the chosen code. Without JavaScript the form posts the typed text and the server resolves it
//! (an exact label, a single match, or a list to choose from); with JavaScript the island fills
//! the hidden code as the person picks.

use contract::policy::ServerFnRule;
use leptos::prelude::*;

use crate::cv::{Suggestion, SuggestionKind};

/// Shortest text worth searching for.
const MIN_QUERY: usize = 2;

/// `name` is the text field; `{name}_code` carries the chosen code and `{name}_for` the text it
/// was chosen for, so the server can tell a pick from a text edited afterwards.
#[island]
pub fn Autocomplete(
    id: String,
    name: String,
    kind: SuggestionKind,
    label: String,
    value: String,
    code: String,
    /// The text `code` was picked for (normally `value`; after a refused post, what was sent).
    picked_for: String,
    hint: Option<String>,
    error: Option<String>,
    /// "suggestions available…", after the count, for the live region.
    results_text: String,
    none_text: String,
    required: bool,
) -> impl IntoView {
    let (text, set_text) = signal(value);
    let (chosen_code, set_chosen_code) = signal(code);
    let (chosen_for, set_chosen_for) = signal(picked_for);
    let (options, set_options) = signal(Vec::<Suggestion>::new());
    let (active, set_active) = signal(None::<usize>);
    let (open, set_open) = signal(false);
    // Answers can arrive out of order: only the latest request's answer is shown.
    let latest = StoredValue::new(0u32);

    let has_error = error.is_some();
    let listbox_id = format!("{id}-listbox");
    let status_id = format!("{id}-status");
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let error_id = error.as_ref().map(|_| format!("{id}-error"));
    let described =
        [hint_id.clone(), error_id.clone()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let described = (!described.is_empty()).then_some(described);
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-opt-{i}")
    };

    let search = move |query: String| {
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        if query.trim().chars().count() < MIN_QUERY {
            set_options.set(Vec::new());
            set_open.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = suggest(Some(kind.code().to_string()), Some(query)).await
                && latest.get_value() == mine
            {
                set_options.set(found);
                set_active.set(None);
                set_open.set(true);
            }
        });
    };
    let choose = move |i: usize| {
        if let Some(picked) = options.with_untracked(|o| o.get(i).cloned()) {
            set_text.set(picked.label.clone());
            set_chosen_for.set(picked.label);
            set_chosen_code.set(picked.code);
            set_open.set(false);
            set_active.set(None);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" if open.get_untracked() => {
                if let Some(i) = active.get_untracked() {
                    // Picking, not submitting the form.
                    ev.prevent_default();
                    choose(i);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                set_open.set(false);
                set_active.set(None);
            }
            _ => {}
        }
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || if open.get() { active.get().map(&option_id) } else { None }
    };
    let announcement = move || {
        if !open.get() {
            return String::new();
        }
        match options.with(Vec::len) {
            0 => none_text.clone(),
            n => format!("{n} {results_text}"),
        }
    };

    view! {
        <div class="form-field autocomplete" class:has-error=has_error>
            <label id=format!("{id}-label") for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p id=hint_id.clone() class="field-hint">{h}</p> })}
            <input
                id=id.clone()
                name=name.clone()
                type="text"
                class="form-input"
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=listbox_id.clone()
                aria-expanded=move || (open.get() && options.with(|o| !o.is_empty())).to_string()
                aria-activedescendant=active_descendant
                aria-invalid=has_error.to_string()
                aria-describedby=described
                aria-required=required.then_some("true")
                prop:value=move || text.get()
                value=text.get_untracked()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    set_text.set(typed.clone());
                    search(typed);
                }
                on:keydown=on_keydown
                on:blur=move |_| set_open.set(false)
            />
            <input type="hidden" name=format!("{name}_code") prop:value=move || chosen_code.get() value=chosen_code.get_untracked() />
            <input type="hidden" name=format!("{name}_for") prop:value=move || chosen_for.get() value=chosen_for.get_untracked() />
            <ul
                id=listbox_id.clone()
                role="listbox"
                class="autocomplete-list"
                aria-labelledby=format!("{id}-label")
                hidden=move || !(open.get() && options.with(|o| !o.is_empty()))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let selected = move || active.get() == Some(i);
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    class="autocomplete-option"
                                    class:is-active=selected
                                    aria-selected=move || selected().to_string()
                                    // Before the input's blur closes the list.
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        choose(i);
                                    }
                                >
                                    <span class="autocomplete-label">{s.label}</span>
                                    {(!s.detail.is_empty()).then(|| view! { <span class="autocomplete-detail">{s.detail}</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p id=status_id class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
            {error.map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::Effect::Reads;
    use contract::policy::Rule::Public;
    &[
        // The reference lists are public data.
        server_fn_rule::<Suggest>("GET", Public, Reads),
    ]
};

/// Suggestions for a typed text (public: the lists are public reference data). A GET, so
/// browsers and proxies may cache it. Both parameters are optional so a malformed query gets
/// an empty list rather than an error.
#[server(prefix = "/api", endpoint = "suggest", input = leptos::server_fn::codec::GetUrl)]
pub async fn suggest(
    kind: Option<String>,
    q: Option<String>,
) -> Result<Vec<Suggestion>, ServerFnError> {
    let (Some(kind), Some(q)) = (kind.as_deref().and_then(SuggestionKind::from_code), q) else {
        return Ok(Vec::new());
    };
    Ok(store::vocabulary::vocabulary().search(kind, &q, store::vocabulary::MAX_SUGGESTIONS))
}
