//! The draft keeper: no keystroke of a long form is lost to a dropped network, a closed tab or
//! an expired session.
//!
//! Forms stay plain HTML forms that post without JavaScript. A page marks each long form with
//! `data-draft="<name>"` and renders this island once; in the browser it then
//!
//! - copies every change into `localStorage` at once, under the signed-in account (an opaque
//!   key, never the codice fiscale) and the form, per browser tab (so two tabs never overwrite
//!   each other's draft; a closed tab's draft is adopted by the next tab that opens the form);
//! - sends the form itself (`fetch`, with the `x-siisl-draft` header the server answers with
//!   JSON instead of a redirect) and keeps it queued while offline or signed out, sending it as
//!   soon as the network and the session are back;
//! - restores the draft when the page is opened again, merging it field by field (three-way,
//!   against the version it started from) with what the server has now;
//! - on a version conflict (409) shows, field by field, what this person typed and what was
//!   saved elsewhere, and lets them choose;
//! - always shows the save state: saved, not sent yet, saving, offline, signed out, conflict.
//!
//! Refusals that need the server's words (a field error, 422) fall back to the plain form post,
//! so the server renders them next to the fields as without JavaScript. Explicit sign-out wipes
//! the drafts: the sign-out answer carries `Clear-Site-Data`, which empties this site's storage.

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::i18n::drafts::*;

/// Header that marks a form post sent by the draft keeper.
pub const DRAFT_HEADER: &str = "x-siisl-draft";

/// What the person sees about their form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing typed that the server does not have.
    Clean,
    Saved,
    Unsent,
    Saving,
    Offline,
    SignedOut,
    Conflict,
}

impl SaveState {
    pub fn code(self) -> &'static str {
        match self {
            SaveState::Clean => "clean",
            SaveState::Saved => "saved",
            SaveState::Unsent => "unsent",
            SaveState::Saving => "saving",
            SaveState::Offline => "offline",
            SaveState::SignedOut => "signed-out",
            SaveState::Conflict => "conflict",
        }
    }

    fn text(self) -> crate::i18n::citizen::T {
        match self {
            SaveState::Clean => DRAFT_CLEAN,
            SaveState::Saved => DRAFT_SAVED,
            SaveState::Unsent => DRAFT_UNSENT,
            SaveState::Saving => DRAFT_SAVING,
            SaveState::Offline => DRAFT_OFFLINE,
            SaveState::SignedOut => DRAFT_SIGNED_OUT,
            SaveState::Conflict => DRAFT_CONFLICT,
        }
    }
}

/// One field edited both here and elsewhere: what each side has, as the person reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    pub key: String,
    pub label: String,
    pub mine: String,
    pub theirs: String,
}

/// Context marking the page being rendered as the data-free offline copy of a form page.
#[derive(Clone, Copy, Debug)]
pub struct OfflineShell;

/// The draft keeper of the page being rendered: for the signed-in person, or for whoever last
/// signed in on this device when the page is the offline shell.
pub fn draft_keeper() -> impl IntoView {
    // An operator's read-only view sends nothing: nothing to keep, nothing to say about it.
    #[cfg(feature = "ssr")]
    if crate::auth::viewing_citizen() {
        return None;
    }
    let lang = crate::request::use_lang();
    let shell = use_context::<OfflineShell>().is_some();
    let account = if shell { String::new() } else { draft_account() };
    Some(view! { <DraftKeeper account shell lang /> })
}

/// An opaque, stable key for the signed-in account: drafts in the browser are filed under it,
/// so one person's drafts never show to another on a shared device.
fn draft_account() -> String {
    #[cfg(feature = "ssr")]
    {
        use sha2::{Digest, Sha256};
        crate::auth::current_user()
            .map(|user| {
                let digest = Sha256::digest(format!("siisl-draft:{}", user.account_id));
                digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// `account`: the opaque draft key of the signed-in account (empty on an offline shell, which
/// reads the last one from storage). `shell`: the page is the data-free offline copy.
#[island]
pub fn DraftKeeper(account: String, shell: bool, lang: Lang) -> impl IntoView {
    let state = RwSignal::new(SaveState::Clean);
    let clashes = RwSignal::new(Vec::<Clash>::new());
    let keep_mine = RwSignal::new(Vec::<bool>::new());
    // Set once the keeper watches the forms (tests wait for it; the server never sets it).
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let keeper = StoredValue::new_local(None::<std::rc::Rc<browser::Keeper>>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            let signals = browser::Signals { state, clashes, keep_mine };
            keeper.set_value(browser::Keeper::start(&account, shell, signals));
            ready.set(true);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (account, shell);
    let apply = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(k) = keeper.get_value() {
            k.resolve();
        }
    };
    let sign_in = move || {
        #[cfg(feature = "hydrate")]
        {
            browser::sign_in_href()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            "/accedi".to_string()
        }
    };
    view! {
        <div class="draft-keeper" data-ready=move || ready.get().then_some("true")>
            // Hidden until the keeper runs: without JavaScript nothing is kept on the device,
            // so the page must not say it is.
            <p class="draft-state" role="status" data-testid="save-state" data-state=move || state.get().code()
                hidden=move || !ready.get()>
                {move || lang.pick(state.get().text())}
                {move || (state.get() == SaveState::SignedOut).then(|| view! {
                    " "<a href=sign_in()>{lang.pick(DRAFT_SIGN_IN)}</a>
                })}
            </p>
            <Show when=move || state.get() == SaveState::Conflict && !clashes.with(Vec::is_empty)>
                <section class="draft-conflict" aria-labelledby="draft-conflict-title" data-testid="draft-conflict">
                    <h2 class="h5" id="draft-conflict-title">{lang.pick(DRAFT_CONFLICT_TITLE)}</h2>
                    {move || clashes.get().into_iter().enumerate().map(|(i, c)| {
                        let mine_id = format!("draft-clash-{i}-mine");
                        let theirs_id = format!("draft-clash-{i}-theirs");
                        let group = format!("draft-clash-{i}");
                        let empty = lang.pick(DRAFT_EMPTY);
                        let shown = move |v: String| if v.is_empty() { empty.to_string() } else { v };
                        view! {
                            <fieldset class="draft-clash" data-field=c.key.clone()>
                                <legend>{c.label.clone()}</legend>
                                <div class="form-check-line">
                                    <input type="radio" id=mine_id.clone() name=group.clone()
                                        prop:checked=move || keep_mine.with(|k| k.get(i).copied().unwrap_or(true))
                                        on:change=move |_| keep_mine.update(|k| if let Some(x) = k.get_mut(i) { *x = true })/>
                                    <label for=mine_id>{lang.pick(DRAFT_MINE)}": "<q>{shown(c.mine.clone())}</q></label>
                                </div>
                                <div class="form-check-line">
                                    <input type="radio" id=theirs_id.clone() name=group
                                        prop:checked=move || keep_mine.with(|k| !k.get(i).copied().unwrap_or(true))
                                        on:change=move |_| keep_mine.update(|k| if let Some(x) = k.get_mut(i) { *x = false })/>
                                    <label for=theirs_id>{lang.pick(DRAFT_THEIRS)}": "<q>{shown(c.theirs.clone())}</q></label>
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                    <button type="button" class="btn btn-primary" on:click=apply>{lang.pick(DRAFT_APPLY)}</button>
                </section>
            </Show>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::collections::{BTreeMap, BTreeSet};
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::prelude::*;
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Document, DomParser, Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
        HtmlTextAreaElement, RequestCredentials, RequestInit, Response, Storage, SupportedType,
        UrlSearchParams,
    };

    use super::{Clash, DRAFT_HEADER, SaveState};
    use crate::i18n::drafts::DRAFT_YES;

    use crate::drafts::{Snapshot, merge, settle};

    const PREFIX: &str = "siisl:";
    const ACCOUNT: &str = "siisl:account";
    const TAB: &str = "siisl:tab";
    /// A tab that has not said it is alive for this long is closed: its drafts can be adopted.
    const TAB_GONE_MS: u64 = 15_000;
    const HEARTBEAT: Duration = Duration::from_secs(5);
    /// How often a queued form is tried again while the browser believes it is online.
    const RETRY: Duration = Duration::from_secs(15);

    pub struct Signals {
        pub state: RwSignal<SaveState>,
        pub clashes: RwSignal<Vec<Clash>>,
        pub keep_mine: RwSignal<Vec<bool>>,
    }

    /// The server's copy of a form, kept for the offline shell.
    #[derive(Serialize, Deserialize)]
    struct Base {
        version: String,
        values: Snapshot,
    }

    /// A draft: what was typed, and the server copy (and its version) it was typed over.
    #[derive(Serialize, Deserialize, Clone)]
    struct Draft {
        version: String,
        base: Snapshot,
        values: Snapshot,
        /// The person pressed the form's button: send it as soon as possible.
        pending: bool,
        at: u64,
    }

    struct Form {
        el: HtmlFormElement,
        name: String,
        /// The server copy this page started from (after a conflict: the newer one).
        base: RefCell<Snapshot>,
    }

    /// A conflict waiting for the person's choices.
    struct Pending {
        form: Rc<Form>,
        merged: Snapshot,
        mine: Snapshot,
        theirs: Snapshot,
        version: String,
    }

    pub struct Keeper {
        storage: Storage,
        account: String,
        tab: String,
        forms: Vec<Rc<Form>>,
        signals: Signals,
        sending: Cell<bool>,
        conflict: RefCell<Option<Pending>>,
    }

    /// Milliseconds since the epoch, as an integer: no float formatting code in the bundle.
    fn now() -> u64 {
        js_sys::Date::now() as u64
    }

    fn document() -> Option<Document> {
        web_sys::window()?.document()
    }

    fn online() -> bool {
        web_sys::window().is_some_and(|w| w.navigator().on_line())
    }

    /// Where "sign in again" leads: back to this page afterwards.
    pub fn sign_in_href() -> String {
        let path = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_else(|| "/".into());
        let back = js_sys::encode_uri_component(&path);
        format!("/accedi?torna={back}")
    }

    /// The named controls of a form that carry what the person typed: text-like inputs,
    /// selects, text areas, checked boxes, and the autocomplete's hidden `_code`/`_for`.
    /// `all` adds every other named control (hidden ids, the version) for sending.
    fn fields(form: &HtmlFormElement, all: bool) -> Snapshot {
        read_form(form, all, false)
    }

    /// What the server rendered into the form (its default values), whatever was typed since:
    /// text typed before this script woke up still counts as a change.
    fn served(form: &HtmlFormElement) -> Snapshot {
        read_form(form, false, true)
    }

    fn read_form(form: &HtmlFormElement, all: bool, defaults: bool) -> Snapshot {
        let mut out = Snapshot::new();
        let controls = form.elements();
        for i in 0..controls.length() {
            let Some(el) = controls.item(i) else { continue };
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                let name = input.name();
                if name.is_empty() || input.disabled() {
                    continue;
                }
                let kind = input.type_();
                match kind.as_str() {
                    "checkbox" | "radio" => {
                        let on = if defaults { input.default_checked() } else { input.checked() };
                        if on {
                            out.push((name, input.value()));
                        }
                    }
                    "file" | "submit" | "button" | "reset" | "image" => {}
                    "hidden" => {
                        if all || is_companion(&name) {
                            out.push((name, input.value()));
                        }
                    }
                    _ => {
                        let value = if defaults { input.default_value() } else { input.value() };
                        out.push((name, value));
                    }
                }
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                if !select.name().is_empty() && !select.disabled() {
                    let value = if defaults { default_option(select) } else { select.value() };
                    out.push((select.name(), value));
                }
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>()
                && !area.name().is_empty()
                && !area.disabled()
            {
                let value =
                    if defaults { area.default_value().unwrap_or_default() } else { area.value() };
                out.push((area.name(), value));
            }
        }
        out
    }

    /// The option the server marked selected, else the first one (what a browser shows).
    fn default_option(select: &HtmlSelectElement) -> String {
        let marked = select.query_selector("option[selected]").ok().flatten();
        let first = || select.query_selector("option").ok().flatten();
        marked
            .or_else(first)
            .and_then(|o| o.get_attribute("value").or_else(|| o.text_content()))
            .unwrap_or_default()
    }

    fn is_companion(name: &str) -> bool {
        name.ends_with("_code") || name.ends_with("_for")
    }

    /// Puts `values` into the form's controls (the version and other hidden ids untouched).
    fn fill(form: &HtmlFormElement, values: &Snapshot) {
        let mut used: BTreeMap<String, usize> = BTreeMap::new();
        let mut next = |name: &str| -> String {
            let n = used.entry(name.to_string()).or_default();
            let found = values.iter().filter(|(k, _)| k == name).nth(*n).map(|(_, v)| v.clone());
            *n += 1;
            found.unwrap_or_default()
        };
        let has = |name: &str, value: &str| values.iter().any(|(k, v)| k == name && v == value);
        let controls = form.elements();
        for i in 0..controls.length() {
            let Some(el) = controls.item(i) else { continue };
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                let name = input.name();
                if name.is_empty() {
                    continue;
                }
                match input.type_().as_str() {
                    "checkbox" | "radio" => input.set_checked(has(&name, &input.value())),
                    "file" | "submit" | "button" | "reset" | "image" => {}
                    "hidden" if !is_companion(&name) => {}
                    _ => input.set_value(&next(&name)),
                }
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                select.set_value(&next(&select.name()));
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(&next(&area.name()));
            }
        }
    }

    fn version_input(form: &HtmlFormElement) -> Option<HtmlInputElement> {
        form.query_selector("input[name=version]").ok().flatten()?.dyn_into().ok()
    }

    fn version_of(form: &HtmlFormElement) -> String {
        version_input(form).map(|i| i.value()).unwrap_or_default()
    }

    fn names_of(form: &HtmlFormElement) -> BTreeSet<String> {
        fields(form, true).into_iter().map(|(k, _)| k).collect()
    }

    /// A field's label as the page shows it.
    fn label_of(form: &HtmlFormElement, key: &str) -> String {
        let Ok(Some(el)) = form.query_selector(&format!("[name=\"{key}\"]")) else {
            return key.to_string();
        };
        let checkable = el
            .dyn_ref::<HtmlInputElement>()
            .is_some_and(|i| matches!(i.type_().as_str(), "checkbox" | "radio"));
        if checkable
            && let Ok(Some(fieldset)) = el.closest("fieldset")
            && let Ok(Some(legend)) = fieldset.query_selector("legend")
            && let Some(text) = legend.text_content()
        {
            return text.trim().to_string();
        }
        if let Some(doc) = document()
            && !el.id().is_empty()
            && let Ok(Some(label)) = doc.query_selector(&format!("label[for=\"{}\"]", el.id()))
            && let Some(text) = label.text_content()
        {
            return text.trim().to_string();
        }
        key.to_string()
    }

    /// A field's values as the person reads them: option texts, box labels.
    fn shown(form: &HtmlFormElement, key: &str, values: &Snapshot, yes: &str) -> String {
        let mut parts = Vec::new();
        for (name, value) in values.iter().filter(|(k, _)| k == key) {
            let selector = format!("[name=\"{name}\"]");
            let el: Option<Element> = form.query_selector(&selector).ok().flatten();
            let text = match el {
                Some(el) if el.dyn_ref::<HtmlSelectElement>().is_some() => el
                    .query_selector(&format!("option[value=\"{}\"]", value.replace('"', "")))
                    .ok()
                    .flatten()
                    .and_then(|o| o.text_content())
                    .unwrap_or_else(|| value.clone()),
                Some(el)
                    if el
                        .dyn_ref::<HtmlInputElement>()
                        .is_some_and(|i| i.type_() == "checkbox" || i.type_() == "radio") =>
                {
                    let boxes = form.query_selector_all(&selector).map(|l| l.length()).unwrap_or(0);
                    if boxes > 1 { value.clone() } else { yes.to_string() }
                }
                _ => value.clone(),
            };
            if !text.trim().is_empty() {
                parts.push(text.trim().to_string());
            }
        }
        parts.join(", ")
    }

    impl Keeper {
        pub fn start(account: &str, shell: bool, signals: Signals) -> Option<Rc<Keeper>> {
            let window = web_sys::window()?;
            let storage = window.local_storage().ok().flatten()?;
            let account = if account.is_empty() {
                storage.get_item(ACCOUNT).ok().flatten().unwrap_or_default()
            } else {
                let _ = storage.set_item(ACCOUNT, account);
                account.to_string()
            };
            let tab = tab_id(&window);
            let doc = window.document()?;
            let found = doc.query_selector_all("form[data-draft]").ok()?;
            let mut forms = Vec::new();
            for i in 0..found.length() {
                if let Some(el) = found.item(i).and_then(|n| n.dyn_into::<HtmlFormElement>().ok()) {
                    let name = el.get_attribute("data-draft").unwrap_or_default();
                    let base = RefCell::new(served(&el));
                    forms.push(Rc::new(Form { el, name, base }));
                }
            }
            let keeper = Rc::new(Keeper {
                storage,
                account,
                tab,
                forms,
                signals,
                sending: Cell::new(false),
                conflict: RefCell::new(None),
            });
            if keeper.account.is_empty() {
                // An offline shell with nobody signed in on this device: nothing to restore.
                return Some(keeper);
            }
            keeper.heartbeat();
            for form in &keeper.forms {
                keeper.restore(form, shell);
                keeper.listen(form);
            }
            keeper.listen_network(&window);
            keeper.send_pending();
            Some(keeper)
        }

        fn base_key(&self, form: &Form) -> String {
            format!("{PREFIX}base:{}:{}", self.account, form.name)
        }

        fn draft_prefix(&self, form: &Form) -> String {
            format!("{PREFIX}draft:{}:{}:", self.account, form.name)
        }

        fn draft_key(&self, form: &Form) -> String {
            format!("{}{}", self.draft_prefix(form), self.tab)
        }

        fn read<T: for<'de> Deserialize<'de>>(&self, key: &str) -> Option<T> {
            let text = self.storage.get_item(key).ok().flatten()?;
            serde_json::from_str(&text).ok()
        }

        fn write<T: Serialize>(&self, key: &str, value: &T) {
            if let Ok(text) = serde_json::to_string(value) {
                let _ = self.storage.set_item(key, &text);
            }
        }

        fn draft(&self, form: &Form) -> Option<Draft> {
            self.read(&self.draft_key(form))
        }

        fn keep(&self, form: &Form, draft: &Draft) {
            self.write(&self.draft_key(form), draft);
        }

        fn forget(&self, form: &Form) {
            let _ = self.storage.remove_item(&self.draft_key(form));
        }

        /// Says this tab is alive, now and every few seconds, and forgets closed tabs (their
        /// drafts stay, to be adopted).
        fn heartbeat(&self) {
            let count = self.storage.length().unwrap_or(0);
            let tabs: Vec<String> = (0..count)
                .filter_map(|i| self.storage.key(i).ok().flatten())
                .filter(|k| k.starts_with(&format!("{PREFIX}tab:")))
                .collect();
            for key in tabs {
                let tab = key.trim_start_matches(&format!("{PREFIX}tab:")).to_string();
                if !self.tab_alive(&tab) {
                    let _ = self.storage.remove_item(&key);
                }
            }
            let key = format!("{PREFIX}tab:{}", self.tab);
            let storage = self.storage.clone();
            let beat = move || {
                let _ = storage.set_item(&key, &now().to_string());
            };
            beat();
            set_interval(beat, HEARTBEAT);
        }

        fn tab_alive(&self, tab: &str) -> bool {
            self.storage
                .get_item(&format!("{PREFIX}tab:{tab}"))
                .ok()
                .flatten()
                .and_then(|t| t.parse::<u64>().ok())
                .is_some_and(|t| now().saturating_sub(t) < TAB_GONE_MS)
        }

        /// This tab's draft of the form, or else the newest one another tab left: adopted when
        /// that tab is closed; when it still seems alive, copied now and its own copy dropped
        /// once it is counted as gone. A tab closed a moment ago (a phone closing it offline,
        /// right after "save") is counted as gone only after `TAB_GONE_MS`: the form reopened
        /// meanwhile must show what was typed at once, not an empty form.
        fn own_or_orphan(self: &Rc<Self>, form: &Form) -> Option<Draft> {
            if let Some(d) = self.draft(form) {
                return Some(d);
            }
            let prefix = self.draft_prefix(form);
            let mut best: Option<(String, String, Draft)> = None;
            let count = self.storage.length().unwrap_or(0);
            for i in 0..count {
                let Some(key) = self.storage.key(i).ok().flatten() else { continue };
                let Some(tab) = key.strip_prefix(&prefix).map(str::to_string) else { continue };
                if tab == self.tab {
                    continue;
                }
                if let Some(d) = self.read::<Draft>(&key)
                    && best.as_ref().is_none_or(|(_, _, b)| d.at > b.at)
                {
                    best = Some((key, tab, d));
                }
            }
            let (key, tab, draft) = best?;
            self.keep(form, &draft);
            if self.tab_alive(&tab) {
                self.drop_when_gone(key, tab, draft.at);
            } else {
                let _ = self.storage.remove_item(&key);
            }
            Some(draft)
        }

        /// Removes another tab's copy of a draft this tab took, once that tab is gone and if it
        /// has not written a newer one meanwhile (then it was alive after all, and keeps it).
        fn drop_when_gone(self: &Rc<Self>, key: String, tab: String, at: u64) {
            let me = Rc::downgrade(self);
            let handle: Rc<Cell<Option<IntervalHandle>>> = Rc::new(Cell::new(None));
            let own = handle.clone();
            let check = move || {
                let Some(me) = me.upgrade() else { return };
                if me.tab_alive(&tab) {
                    return;
                }
                if me.read::<Draft>(&key).is_some_and(|d| d.at <= at) {
                    let _ = me.storage.remove_item(&key);
                }
                if let Some(interval) = own.take() {
                    interval.clear();
                }
            };
            handle.set(set_interval_with_handle(check, HEARTBEAT).ok());
        }

        fn restore(self: &Rc<Self>, form: &Rc<Form>, shell: bool) {
            let base_key = self.base_key(form);
            if shell {
                // The data-free copy: fill it from this device.
                let base: Option<Base> = self.read(&base_key);
                let draft = self.own_or_orphan(form);
                let (version, values) = match (&draft, base) {
                    (Some(d), _) => (d.version.clone(), d.values.clone()),
                    (None, Some(b)) => (b.version, b.values),
                    (None, None) => return,
                };
                if let Some(input) = version_input(&form.el) {
                    input.set_value(&version);
                }
                let start = draft.as_ref().map_or_else(|| values.clone(), |d| d.base.clone());
                *form.base.borrow_mut() = start;
                fill(&form.el, &values);
                if let Some(d) = draft {
                    self.show_draft(&d);
                }
                return;
            }
            let server = form.base.borrow().clone();
            let version = version_of(&form.el);
            self.write(&base_key, &Base { version: version.clone(), values: server.clone() });
            let Some(mut draft) = self.own_or_orphan(form) else {
                // Typed before this script woke up: that is a draft already.
                if fields(&form.el, false) != server {
                    self.changed(form);
                }
                return;
            };
            if draft.version == version {
                if draft.values == server {
                    self.forget(form);
                    return;
                }
                fill(&form.el, &draft.values);
                self.show_draft(&draft);
                return;
            }
            // The server copy moved on since the draft began: merge field by field.
            let names = names_of(&form.el);
            let (merged, clashes) = merge(&draft.base, &draft.values, &server, &names);
            fill(&form.el, &merged);
            if clashes.is_empty() {
                if merged == server {
                    self.forget(form);
                    return;
                }
                draft = Draft {
                    version,
                    base: server,
                    values: merged,
                    pending: draft.pending,
                    at: now(),
                };
                self.keep(form, &draft);
                self.show_draft(&draft);
            } else {
                let pending = Pending {
                    form: form.clone(),
                    merged,
                    mine: draft.values.clone(),
                    theirs: server,
                    version,
                };
                self.show_conflict(pending, &clashes);
            }
        }

        fn show_draft(&self, draft: &Draft) {
            let state =
                if draft.pending && !online() { SaveState::Offline } else { SaveState::Unsent };
            self.signals.state.set(state);
        }

        fn listen(self: &Rc<Self>, form: &Rc<Form>) {
            let on_input = {
                let me = Rc::downgrade(self);
                let form = form.clone();
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                    if let Some(me) = me.upgrade() {
                        me.changed(&form);
                    }
                })
            };
            for event in ["input", "change"] {
                let _ = form
                    .el
                    .add_event_listener_with_callback(event, on_input.as_ref().unchecked_ref());
            }
            on_input.forget();
            let on_submit = {
                let me = Rc::downgrade(self);
                let form = form.clone();
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if let Some(me) = me.upgrade() {
                        event.prevent_default();
                        me.submitted(&form);
                    }
                })
            };
            let _ = form
                .el
                .add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
            on_submit.forget();
        }

        fn listen_network(self: &Rc<Self>, window: &web_sys::Window) {
            let me = Rc::downgrade(self);
            let back = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(me) = me.upgrade() {
                    me.send_pending();
                }
            });
            let _ =
                window.add_event_listener_with_callback("online", back.as_ref().unchecked_ref());
            back.forget();
            let me = Rc::downgrade(self);
            set_interval(
                move || {
                    if let Some(me) = me.upgrade()
                        && online()
                        && me.signals.state.get_untracked() != SaveState::SignedOut
                    {
                        me.send_pending();
                    }
                },
                RETRY,
            );
        }

        fn changed(&self, form: &Form) {
            if self.signals.state.get_untracked() == SaveState::Conflict {
                return;
            }
            let values = fields(&form.el, false);
            let base = form.base.borrow().clone();
            let pending = self.draft(form).is_some_and(|d| d.pending);
            if values == base && !pending {
                self.forget(form);
                self.signals.state.set(SaveState::Clean);
                return;
            }
            let draft = Draft { version: version_of(&form.el), base, values, pending, at: now() };
            self.keep(form, &draft);
            if self.signals.state.get_untracked() != SaveState::SignedOut {
                self.show_draft(&draft);
            }
        }

        fn submitted(self: &Rc<Self>, form: &Rc<Form>) {
            let draft = Draft {
                version: version_of(&form.el),
                base: form.base.borrow().clone(),
                values: fields(&form.el, false),
                pending: true,
                at: now(),
            };
            self.keep(form, &draft);
            if online() {
                self.send(form.clone(), true);
            } else {
                self.signals.state.set(SaveState::Offline);
            }
        }

        /// Sends the first form with a queued draft.
        fn send_pending(self: &Rc<Self>) {
            // The browser knows it is offline: the `online` event will bring us back.
            if !online() || self.signals.state.get_untracked() == SaveState::Conflict {
                return;
            }
            if let Some(form) =
                self.forms.iter().find(|f| self.draft(f).is_some_and(|d| d.pending)).cloned()
            {
                self.send(form, true);
            }
        }

        /// Sends the form, and after a conflict that merged by itself sends the merge. One
        /// sending at a time, until its answer is handled: a retry or the `online` event
        /// arriving meanwhile would send the same draft again, on a version it just made stale.
        fn send(self: &Rc<Self>, form: Rc<Form>, may_merge: bool) {
            if self.sending.replace(true) {
                return;
            }
            let me = self.clone();
            leptos::task::spawn_local(async move {
                let mut may_merge = may_merge;
                loop {
                    me.signals.state.set(SaveState::Saving);
                    let outcome = post(&form.el).await;
                    if !me.answered(&form, outcome, may_merge).await {
                        break;
                    }
                    may_merge = false;
                }
                me.sending.set(false);
            });
        }

        /// Handles the server's answer; true when the merged draft is to be sent now.
        async fn answered(
            self: &Rc<Self>,
            form: &Rc<Form>,
            outcome: Result<Response, JsValue>,
            may_merge: bool,
        ) -> bool {
            let Ok(response) = outcome else {
                // No answer at all: offline, or the server unreachable. Stays queued.
                self.signals.state.set(SaveState::Offline);
                return false;
            };
            match response.status() {
                200 => {
                    // Saved: no longer queued, whatever the rest of the answer says.
                    self.forget(form);
                    let location = match response.json() {
                        Ok(p) => JsFuture::from(p)
                            .await
                            .ok()
                            .and_then(|v| js_sys::Reflect::get(&v, &"location".into()).ok())
                            .and_then(|v| v.as_string()),
                        Err(_) => None,
                    };
                    self.signals.state.set(SaveState::Saved);
                    if let Some(window) = web_sys::window() {
                        go_to(&window.location(), location.as_deref());
                    }
                }
                401 => self.signals.state.set(SaveState::SignedOut),
                409 if may_merge && version_input(&form.el).is_some() => {
                    return self.conflicted(form).await;
                }
                _ => {
                    // A refusal the server explains next to the fields: post the form the
                    // plain way so it renders them. The draft stays, no longer queued.
                    if let Some(mut d) = self.draft(form) {
                        d.pending = false;
                        self.keep(form, &d);
                    }
                    let _ = form.el.submit();
                }
            }
            false
        }

        /// The server has a newer version: merge with it, and ask only about real clashes.
        /// True when everything merged by itself and the merge is to be sent.
        async fn conflicted(self: &Rc<Self>, form: &Rc<Form>) -> bool {
            let Some((theirs, version)) = fetch_current(&form.name).await else {
                self.signals.state.set(SaveState::Offline);
                return false;
            };
            let draft = self.draft(form);
            let mine = draft.as_ref().map_or_else(|| fields(&form.el, false), |d| d.values.clone());
            let base = form.base.borrow().clone();
            let names = names_of(&form.el);
            let (merged, clashes) = merge(&base, &mine, &theirs, &names);
            if clashes.is_empty() {
                self.accept(form, merged, theirs, version);
                return true;
            }
            // What merged by itself shows at once; the clashes keep what was typed.
            fill(&form.el, &merged);
            let pending = Pending { form: form.clone(), merged, mine, theirs, version };
            self.show_conflict(pending, &clashes);
            false
        }

        fn show_conflict(&self, pending: Pending, keys: &[String]) {
            let yes = self.yes();
            let clashes: Vec<Clash> = keys
                .iter()
                .map(|key| Clash {
                    key: key.clone(),
                    label: label_of(&pending.form.el, key),
                    mine: shown(&pending.form.el, key, &pending.mine, yes),
                    theirs: shown(&pending.form.el, key, &pending.theirs, yes),
                })
                .collect();
            self.signals.keep_mine.set(vec![true; clashes.len()]);
            self.signals.clashes.set(clashes);
            self.signals.state.set(SaveState::Conflict);
            *self.conflict.borrow_mut() = Some(pending);
        }

        fn yes(&self) -> &'static str {
            let english = document()
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .is_some_and(|l| l.starts_with("en"));
            DRAFT_YES[usize::from(english)]
        }

        /// The person chose, field by field: save that over the newer version.
        pub fn resolve(self: &Rc<Self>) {
            let Some(p) = self.conflict.borrow_mut().take() else { return };
            let names = names_of(&p.form.el);
            let keep_mine = self.signals.keep_mine.get_untracked();
            let clashes: Vec<String> =
                self.signals.clashes.get_untracked().into_iter().map(|c| c.key).collect();
            let values = settle(&p.merged, &p.mine, &p.theirs, &clashes, &keep_mine, &names);
            self.signals.clashes.set(Vec::new());
            self.accept(&p.form, values, p.theirs, p.version);
            self.send(p.form, false);
        }

        /// Makes `values` the draft over the server copy `theirs` at `version`, queued.
        fn accept(&self, form: &Form, values: Snapshot, theirs: Snapshot, version: String) {
            if let Some(input) = version_input(&form.el) {
                input.set_value(&version);
            }
            fill(&form.el, &values);
            *form.base.borrow_mut() = theirs.clone();
            let draft = Draft { version, base: theirs, values, pending: true, at: now() };
            self.keep(form, &draft);
        }
    }

    /// Shows the page the server sent the form on to: a page of its own, or this page again
    /// (possibly at an anchor, where setting the address alone would not reload it).
    fn go_to(here: &web_sys::Location, target: Option<&str>) {
        let current =
            format!("{}{}", here.pathname().unwrap_or_default(), here.search().unwrap_or_default());
        match target {
            Some(target) if target.split('#').next() != Some(current.as_str()) => {
                let _ = here.assign(target);
            }
            Some(target) => {
                if let Some((_, anchor)) = target.split_once('#') {
                    let _ = here.set_hash(anchor);
                }
                let _ = here.reload();
            }
            None => {
                let _ = here.reload();
            }
        }
    }

    /// This tab's id, kept for the tab's life (reloads included) in `sessionStorage`.
    fn tab_id(window: &web_sys::Window) -> String {
        let session = window.session_storage().ok().flatten();
        if let Some(id) = session.as_ref().and_then(|s| s.get_item(TAB).ok().flatten()) {
            return id;
        }
        let id = format!("{:x}{:x}", now(), (js_sys::Math::random() * 1e12) as u64);
        if let Some(s) = session {
            let _ = s.set_item(TAB, &id);
        }
        id
    }

    /// Posts the form as the browser would, marked as the draft keeper's.
    async fn post(form: &HtmlFormElement) -> Result<Response, JsValue> {
        let params = UrlSearchParams::new()?;
        for (k, v) in fields(form, true) {
            params.append(&k, &v);
        }
        let headers = web_sys::Headers::new()?;
        headers.set("content-type", "application/x-www-form-urlencoded")?;
        headers.set(DRAFT_HEADER, "1")?;
        headers.set("accept", "application/json")?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_credentials(RequestCredentials::SameOrigin);
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&String::from(params.to_string())));
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let response =
            JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init)).await?;
        response.dyn_into()
    }

    /// The form `name` as the server renders it now: its values and version.
    async fn fetch_current(name: &str) -> Option<(Snapshot, String)> {
        let window = web_sys::window()?;
        let href = window.location().href().ok()?;
        let init = RequestInit::new();
        init.set_credentials(RequestCredentials::SameOrigin);
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(&href, &init))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        let doc = DomParser::new().ok()?.parse_from_string(&html, SupportedType::TextHtml).ok()?;
        let form: HtmlFormElement =
            doc.query_selector(&format!("form[data-draft=\"{name}\"]")).ok()??.dyn_into().ok()?;
        Some((fields(&form, false), version_of(&form)))
    }
}
