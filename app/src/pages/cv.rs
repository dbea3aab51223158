//! The CV editor (Europass sections), its printable page and its import page. Every section is
//! a plain HTML form posted to `/cv/{section}` (see `server::cv`), so it saves and validates
//! without JavaScript; the only island is the autocomplete of coded fields.

use contract::policy::ServerFnRule;
use domain::cv::{
    Cefr, DIGCOMP_AREAS, DigLevel, DrivingLicence, Experience, LanguageActivity, Place,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::citizen::FormFeedback;
use crate::components::{Autocomplete, CvSummary, OfflineShell, draft_keeper};
use crate::cv::{CvData, SuggestionKind};
use crate::i18n::Lang;
use crate::i18n::citizen::{ERR_UNAVAILABLE, REG_TITLE, T};
use crate::i18n::cv::*;
use crate::i18n::drafts::{
    OFFLINE_CV, OFFLINE_CV_LINK, OFFLINE_INTRO, OFFLINE_SHELL, OFFLINE_TITLE,
};
use crate::request::{redirect_page, set_page_status, use_lang};

/// The sections: URL slug and title, in Europass order.
pub const SECTIONS: [(&str, T); 9] = [
    ("dati-personali", SEC_PERSONAL),
    ("esperienze", SEC_EXPERIENCE),
    ("istruzione", SEC_EDUCATION),
    ("lingue", SEC_LANGUAGES),
    ("competenze-digitali", SEC_DIGITAL),
    ("patenti", SEC_DRIVING),
    ("competenze", SEC_SKILLS),
    ("disponibilita", SEC_AVAILABILITY),
    ("aspirazioni", SEC_ASPIRATIONS),
];

fn section_title(slug: &str) -> T {
    SECTIONS.iter().find(|(s, _)| *s == slug).map_or(CV_TITLE, |(_, t)| *t)
}

/// Loads the CV and renders `body` with it; people who have not registered are sent to the
/// registration first (the privacy consent comes before any personal data is written).
#[component]
fn CvFrame(title: T, body: fn(CvData, Lang) -> AnyView) -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| my_cv());
    view! {
        <Title text=lang.pick(title) />
        <div class="container section citizen cv">
            // The citizen's sections stay in reach from every CV page.
            <super::citizen::SectionNav current="/cv" />
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if !d.registered && !crate::auth::viewing_citizen() => {
                            redirect_page("/iscrizione");
                            view! { <p><a href="/iscrizione">{lang.pick(REG_TITLE)}</a></p> }.into_any()
                        }
                        Ok(d) => body(d, lang),
                        Err(_) => {
                            set_page_status(503);
                            view! { <p class="alert alert-danger" role="alert">{lang.pick(ERR_UNAVAILABLE)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// What a form shows: what was typed when the server refused it, else what is stored.
struct Fill {
    fb: FormFeedback,
    form: &'static str,
    lang: Lang,
}

impl Fill {
    fn new(form: &'static str, lang: Lang) -> Fill {
        Fill { fb: use_context::<FormFeedback>().unwrap_or_default(), form, lang }
    }

    fn mine(&self) -> bool {
        self.fb.is_for(self.form)
    }

    fn value(&self, name: &str, stored: impl Into<String>) -> String {
        if self.mine() { self.fb.value(name).unwrap_or_default() } else { stored.into() }
    }

    fn checked(&self, name: &str, stored: bool) -> bool {
        if self.mine() { self.fb.value(name).is_some() } else { stored }
    }

    fn error(&self, name: &str) -> Option<String> {
        if !self.mine() {
            return None;
        }
        self.fb.error(name).map(|code| cv_error_text(&code, self.lang).to_string())
    }

    /// The no-JavaScript fallback's candidates for an autocomplete field: `code|label` values.
    fn candidates(&self, name: &str) -> Vec<(String, String)> {
        if !self.mine() {
            return Vec::new();
        }
        self.fb
            .values
            .iter()
            .filter(|(k, _)| k == &format!("{name}_candidate"))
            .filter_map(|(_, v)| v.split_once('|').map(|(c, l)| (c.to_string(), l.to_string())))
            .collect()
    }
}

fn described(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> =
        [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error"))]
            .into_iter()
            .flatten()
            .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A labelled input with hint and error tied to it for screen readers.
#[allow(clippy::too_many_arguments)]
fn input(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    error: Option<String>,
    hint: Option<&'static str>,
    autocomplete: &'static str,
) -> AnyView {
    let has_error = error.is_some();
    let mode = match kind {
        "tel" => "tel",
        "email" => "email",
        "number" => "numeric",
        _ => "text",
    };
    view! {
        <div class="form-field" class:has-error=has_error>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="field-hint">{h}</p> })}
            <input id=id name=name type=kind inputmode=mode class="form-input" value=value autocomplete=autocomplete
                aria-invalid=has_error.to_string() aria-describedby=described(id, hint.is_some(), has_error) />
            {error.map(|e| view! { <p id=format!("{id}-error") class="field-error">{e}</p> })}
        </div>
    }
    .into_any()
}

fn textarea(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
) -> AnyView {
    let has_error = error.is_some();
    view! {
        <div class="form-field" class:has-error=has_error>
            <label for=id>{label}</label>
            <textarea id=id name=name class="form-input" rows="5" maxlength=domain::cv::LONG_TEXT
                aria-invalid=has_error.to_string() aria-describedby=described(id, false, has_error)>{value}</textarea>
            {error.map(|e| view! { <p id=format!("{id}-error") class="field-error">{e}</p> })}
        </div>
    }
    .into_any()
}

/// A select of `(value, label)` options with an empty first choice.
#[allow(clippy::too_many_arguments)]
fn select(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
    empty: &'static str,
    error: Option<String>,
    hint: Option<&'static str>,
) -> AnyView {
    let has_error = error.is_some();
    view! {
        <div class="form-field" class:has-error=has_error>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="field-hint">{h}</p> })}
            <select id=id name=name class="form-input" aria-invalid=has_error.to_string()
                aria-describedby=described(id, hint.is_some(), has_error)>
                <option value="">{empty}</option>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {error.map(|e| view! { <p id=format!("{id}-error") class="field-error">{e}</p> })}
        </div>
    }
    .into_any()
}

/// An autocomplete field with, after a refused post without JavaScript, the candidates to
/// choose from as radio buttons.
#[allow(clippy::too_many_arguments)]
fn coded_field(
    fill: &Fill,
    id: &'static str,
    name: &'static str,
    kind: SuggestionKind,
    label: &'static str,
    value: String,
    code: String,
    hint: Option<&'static str>,
    required: bool,
) -> AnyView {
    let lang = fill.lang;
    let error = fill.error(name);
    let candidates = fill.candidates(name);
    let (value, code, picked_for) = if fill.mine() {
        (
            fill.fb.value(name).unwrap_or_default(),
            fill.fb.value(&format!("{name}_code")).unwrap_or_default(),
            fill.fb.value(&format!("{name}_for")).unwrap_or_default(),
        )
    } else {
        (value.clone(), code, value)
    };
    view! {
        <Autocomplete id=id.to_string() name=name.to_string() kind label=label.to_string() value code picked_for
            hint=hint.map(str::to_string) error required
            results_text=lang.pick(AC_RESULTS).to_string() none_text=lang.pick(AC_NONE).to_string() />
        {(!candidates.is_empty()).then(|| view! {
            <fieldset class="candidates">
                <legend>{lang.pick(F_CHOOSE_ONE)}</legend>
                {candidates.into_iter().enumerate().map(|(i, (code, text))| {
                    let radio_id = format!("{id}-candidate-{i}");
                    view! {
                        <div class="form-check-line">
                            <input type="radio" id=radio_id.clone() name=format!("{name}_choice") value=format!("{code}|{text}") />
                            <label for=radio_id>{text}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        })}
    }
    .into_any()
}

fn version_field(data: &CvData) -> AnyView {
    view! { <input type="hidden" name="version" value=data.version.to_string() /> }.into_any()
}

/// The sections as a list of links with their state.
fn section_nav(data: &CvData, current: &str, lang: Lang) -> AnyView {
    let filled = data.cv.filled_sections();
    view! {
        <nav class="cv-nav" aria-label=lang.pick(CV_NAV)>
            <ol>
                {SECTIONS.iter().zip(filled).map(|((slug, title), done)| {
                    let here = *slug == current;
                    view! {
                        <li class:done=done>
                            <a href=format!("/cv/{slug}") aria-current=here.then_some("page")>{lang.pick(*title)}</a>
                            <span class="visually-hidden">{format!(" ({})", lang.pick(if done { CV_DONE } else { CV_TODO }))}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
    .into_any()
}

/// `/cv`: the overview, with the progress, the summary and the export, import and print links.
#[component]
pub fn CvPage() -> impl IntoView {
    view! { <CvFrame title=CV_TITLE body=overview /> }
}

fn overview(data: CvData, lang: Lang) -> AnyView {
    let filled = data.cv.filled_sections().iter().filter(|f| **f).count();
    let imported = use_query_map().with_untracked(|q| q.get("importato").is_some());
    view! {
        <h1>{lang.pick(CV_TITLE)}</h1>
        {imported.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(CV_IMPORT_DONE)}</p> })}
        <p>{lang.pick(CV_INTRO)}</p>
        <p class="small">{lang.pick(CV_WHY)}</p>
        <p>
            <label for="cv-progress">{lang.pick(CV_PROGRESS)}": "{format!("{filled}/{}", SECTIONS.len())}</label>
            <progress id="cv-progress" max=SECTIONS.len().to_string() value=filled.to_string()>{format!("{filled}/{}", SECTIONS.len())}</progress>
        </p>
        <p class="small">{lang.pick(CV_LAST_SAVED)}": "<span data-testid="cv-saved-at">{data.updated_at.clone().unwrap_or_else(|| lang.pick(CV_NOT_SAVED).to_string())}</span></p>
        {section_nav(&data, "", lang)}
        <ul class="cv-actions">
            <li><a class="btn btn-outline-primary" href="/cv/esporta" download="cv-europass.json">{lang.pick(CV_EXPORT)}</a></li>
            <li><a class="btn btn-outline-primary" href="/cv/importa">{lang.pick(CV_IMPORT)}</a></li>
            <li><a class="btn btn-outline-primary" href="/cv/stampa">{lang.pick(CV_PRINT)}</a></li>
        </ul>
        <h2 class="h3">{lang.pick(CV_SUMMARY)}</h2>
        <CvSummary data=data.clone() lang heading_level=3 />
    }
    .into_any()
}

/// `/cv/stampa`: the CV alone, laid out for paper.
#[component]
pub fn CvPrintPage() -> impl IntoView {
    view! { <CvFrame title=CV_PRINT body=printable /> }
}

fn printable(data: CvData, lang: Lang) -> AnyView {
    let name = format!(
        "{} {}",
        data.cv.personal_information.given_name, data.cv.personal_information.family_name
    );
    view! {
        <article class="cv-print">
            <p class="no-print"><a href="/cv">{lang.pick(CV_BACK)}</a>" · "{lang.pick(CV_PRINT_HINT)}</p>
            <h1>{name}</h1>
            <CvSummary data=data.clone() lang heading_level=2 />
        </article>
    }
    .into_any()
}

/// `/cv/importa`: replace the CV with an exported file.
#[component]
pub fn CvImportPage() -> impl IntoView {
    view! { <CvFrame title=CV_IMPORT_TITLE body=import /> }
}

fn import(data: CvData, lang: Lang) -> AnyView {
    let fill = Fill::new("import", lang);
    let file_error = fill.error("file");
    let file_has_error = file_error.is_some();
    // Problems inside the file: one line per field path.
    let problems: Vec<(String, String)> = if fill.mine() {
        fill.fb.errors.iter().filter(|(f, _)| f != "file").cloned().collect()
    } else {
        Vec::new()
    };
    let has_error = file_has_error || !problems.is_empty();
    view! {
        <p><a href="/cv">{lang.pick(CV_BACK)}</a></p>
        <h1>{lang.pick(CV_IMPORT_TITLE)}</h1>
        <p>{lang.pick(CV_IMPORT_INTRO)}</p>
        {has_error.then(|| view! {
            <div class="alert alert-danger" role="alert" id="import-errors">
                <p>{lang.pick(CV_IMPORT_FAILED)}</p>
                {(!problems.is_empty()).then(|| view! {
                    <ul>
                        {problems.iter().map(|(field, code)| view! {
                            <li><code>{field.clone()}</code>": "{cv_error_text(code, lang)}</li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
        })}
        <form method="post" action="/cv/importa" enctype="multipart/form-data" novalidate>
            {version_field(&data)}
            <div class="form-field" class:has-error=file_has_error>
                <label for="cv-file">{lang.pick(CV_IMPORT_FILE)}</label>
                <input id="cv-file" name="file" type="file" accept="application/json,.json" class="form-input"
                    aria-invalid=file_has_error.to_string() aria-describedby=file_has_error.then_some("cv-file-error") />
                {file_error.map(|e| view! { <p id="cv-file-error" class="field-error">{e}</p> })}
            </div>
            <button type="submit" class="btn btn-primary">{lang.pick(CV_IMPORT_SUBMIT)}</button>
        </form>
    }
    .into_any()
}

/// The renderer of the section `slug`.
fn section_body(slug: &str) -> Option<fn(CvData, Lang) -> AnyView> {
    Some(match slug {
        "dati-personali" => personal,
        "esperienze" => experiences,
        "istruzione" => education,
        "lingue" => languages,
        "competenze-digitali" => digital,
        "patenti" => driving,
        "competenze" => skills,
        "disponibilita" => availability,
        "aspirazioni" => aspirations,
        _ => return None,
    })
}

/// `/cv/{section}`: one section's form(s), with the sections' navigation. The route is one
/// pattern; `SECTIONS` says which sections exist, and any other is not found.
#[component]
pub fn CvSectionPage() -> impl IntoView {
    let section = use_params_map().with_untracked(|p| p.get("section")).unwrap_or_default();
    match section_body(&section) {
        Some(body) => view! { <CvFrame title=section_title(&section) body /> }.into_any(),
        None => view! { <super::NotFoundPage /> }.into_any(),
    }
}

/// `/offline/cv` and `/offline/cv/{section}`: the data-free copy of a CV page that the service
/// worker keeps and opens when the network is gone. It carries nobody's data (the worker fetches
/// it without cookies); the draft keeper fills it from this device.
#[component]
pub fn CvShellPage() -> impl IntoView {
    provide_context(OfflineShell);
    let lang = use_lang();
    let section = use_params_map().with_untracked(|p| p.get("section")).unwrap_or_default();
    let data = shell_data();
    let body = match section_body(&section) {
        Some(body) => body(data, lang),
        None => view! {
            <h1>{lang.pick(CV_TITLE)}</h1>
            {section_nav(&data, "", lang)}
        }
        .into_any(),
    };
    view! {
        <Title text=lang.pick(section_title(&section)) />
        <div class="container section citizen cv">
            <p class="alert alert-info" role="status" data-testid="offline-shell">{lang.pick(OFFLINE_SHELL)}</p>
            {body}
        </div>
    }
}

fn shell_data() -> CvData {
    #[cfg(feature = "ssr")]
    {
        let today = domain::calendar::rome_date(chrono::Utc::now());
        store::cv::page_data(domain::cv::Cv::default(), 0, None, today)
    }
    #[cfg(not(feature = "ssr"))]
    {
        CvData {
            registered: true,
            cv: domain::cv::Cv::default(),
            version: 0,
            updated_at: None,
            labels: Vec::new(),
            provinces: Vec::new(),
            today: domain::NaiveDate::default(),
        }
    }
}

/// `/offline`: what the service worker shows for any other page while the network is gone.
#[component]
pub fn OfflinePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick(OFFLINE_TITLE) />
        <div class="container section narrow">
            <h1>{lang.pick(OFFLINE_TITLE)}</h1>
            <p>{lang.pick(OFFLINE_INTRO)}</p>
            <p>{lang.pick(OFFLINE_CV)}</p>
            <p><a class="btn btn-primary" href="/cv">{lang.pick(OFFLINE_CV_LINK)}</a></p>
        </div>
    }
}

/// The frame of a section page: back link, heading, saved notice or error summary, navigation.
fn section_page(data: &CvData, slug: &'static str, lang: Lang, forms: AnyView) -> AnyView {
    let saved = use_query_map().with_untracked(|q| q.get("salvato").is_some());
    let fb = use_context::<FormFeedback>().unwrap_or_default();
    let conflict = fb.error("version").is_some();
    let errors = !fb.errors.is_empty() && !conflict;
    view! {
        <p><a href="/cv">{lang.pick(CV_BACK)}</a></p>
        <h1>{lang.pick(section_title(slug))}</h1>
        {(saved && !errors && !conflict).then(|| view! { <p class="alert alert-success" role="status" data-testid="cv-saved">{lang.pick(CV_SAVED)}</p> })}
        {conflict.then(|| view! { <p class="alert alert-warning" role="alert" data-testid="cv-conflict">{lang.pick(CV_CONFLICT)}</p> })}
        {errors.then(|| {
            let items = fb
                .errors
                .iter()
                .map(|(field, code)| (field_id(slug, field), cv_error_text(code, lang).to_string()))
                .collect::<Vec<_>>();
            view! {
                <div data-testid="cv-errors">
                    <crate::components::ErrorSummary title=lang.pick(CV_ERRORS) items />
                </div>
            }
        })}
        {draft_keeper()}
        {forms}
        {section_nav(data, slug, lang)}
    }
    .into_any()
}

/// The element id of a CV field, for the error summary's links.
fn field_id(section: &str, field: &str) -> String {
    match (section, field) {
        ("istruzione", "start" | "end" | "description") => format!("cv-edu-{field}"),
        (_, "max_distance_km") => "cv-max-distance".to_string(),
        _ => format!("cv-{}", field.replace('_', "-")),
    }
}

fn date_value(d: Option<domain::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn personal(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("dati-personali", lang);
    let p = data.cv.personal_information.clone();
    let municipality_code = p.municipality.clone().unwrap_or_default();
    let municipality_label = p
        .municipality
        .as_ref()
        .map(|m| data.label(SuggestionKind::Municipality, m))
        .unwrap_or_default();
    let form = view! {
        <form method="post" action="/cv/dati-personali" data-draft="cv-dati-personali" novalidate>
            {version_field(&data)}
            {input("cv-given-name", "given_name", lang.pick(F_GIVEN_NAME), "text", f.value("given_name", p.given_name.clone()), f.error("given_name"), None, "given-name")}
            {input("cv-family-name", "family_name", lang.pick(F_FAMILY_NAME), "text", f.value("family_name", p.family_name.clone()), f.error("family_name"), None, "family-name")}
            {input("cv-birth-date", "birth_date", lang.pick(F_BIRTH_DATE), "date", f.value("birth_date", date_value(p.birth_date)), f.error("birth_date"), None, "bday")}
            {input("cv-email", "email", lang.pick(F_EMAIL), "email", f.value("email", p.email.clone()), f.error("email"), None, "email")}
            {input("cv-phone", "phone", lang.pick(F_PHONE), "tel", f.value("phone", p.phone.clone()), f.error("phone"), None, "tel")}
            {coded_field(&f, "cv-municipality", "municipality", SuggestionKind::Municipality, lang.pick(F_MUNICIPALITY), municipality_label, municipality_code, None, false)}
            {input("cv-address", "address", lang.pick(F_ADDRESS), "text", f.value("address", p.address.clone()), f.error("address"), None, "street-address")}
            {input("cv-nationality", "nationality", lang.pick(F_NATIONALITY), "text", f.value("nationality", p.nationality.clone()), f.error("nationality"), None, "off")}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
        </form>
    }
    .into_any();
    section_page(&data, "dati-personali", lang, form)
}

/// The draft name of a list's form: one per item being edited, one for a new item.
fn item_draft(list: &str, current: Option<usize>) -> String {
    match current {
        Some(i) => format!("{list}-{i}"),
        None => format!("{list}-nuova"),
    }
}

/// The index of the list item being edited (`?voce=N`), if it exists.
fn editing(len: usize) -> Option<usize> {
    use_query_map()
        .with_untracked(|q| q.get("voce").and_then(|v| v.parse::<usize>().ok()))
        .filter(|i| *i < len)
}

/// One list item with its edit link and its delete button (a form of its own).
fn list_item(
    slug: &'static str,
    index: usize,
    version: i32,
    lang: Lang,
    content: AnyView,
) -> AnyView {
    view! {
        <li class="cv-entry">
            {content}
            <div class="cv-entry-actions">
                <a class="btn btn-outline-primary btn-sm" href=format!("/cv/{slug}?voce={index}#form")>{lang.pick(CV_EDIT)}</a>
                <form method="post" action=format!("/cv/{slug}")>
                    <input type="hidden" name="version" value=version.to_string() />
                    <input type="hidden" name="delete" value=index.to_string() />
                    <button type="submit" class="btn btn-link btn-sm">{lang.pick(CV_REMOVE)}</button>
                </form>
            </div>
        </li>
    }
    .into_any()
}

fn experiences(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("esperienze", lang);
    let list = &data.cv.work_experience;
    let current = editing(list.len());
    let item: Option<Experience> = current.map(|i| list[i].clone());
    let items = view! {
        <ul class="cv-entries">
            {list.iter().enumerate().map(|(i, e)| list_item("esperienze", i, data.version, lang, view! {
                <p><strong>{e.job_title.clone()}</strong>" · "{e.employer.clone()}</p>
                <p class="small">{e.start.format("%d/%m/%Y").to_string()}" – "{e.end.map_or_else(|| lang.pick(F_CURRENT).to_string(), |d| d.format("%d/%m/%Y").to_string())}</p>
            }.into_any())).collect_view()}
        </ul>
    };
    let (title, code) = item.as_ref().map_or((String::new(), String::new()), |e| {
        (e.job_title.clone(), e.occupation_code.clone())
    });
    let form = view! {
        {items}
        <h2 id="form" class="h4">{lang.pick(if current.is_some() { CV_EDIT } else { CV_ADD })}</h2>
        <form method="post" action="/cv/esperienze" data-draft=item_draft("cv-esperienze", current) novalidate>
            {version_field(&data)}
            <input type="hidden" name="item" value=f.value("item", current.map(|i| i.to_string()).unwrap_or_default()) />
            {coded_field(&f, "cv-occupation", "occupation", SuggestionKind::Occupation, lang.pick(F_OCCUPATION), title, code, Some(lang.pick(F_OCCUPATION_HINT)), true)}
            {input("cv-employer", "employer", lang.pick(F_EMPLOYER), "text", f.value("employer", item.as_ref().map(|e| e.employer.clone()).unwrap_or_default()), f.error("employer"), None, "organization")}
            {input("cv-place", "place", lang.pick(F_PLACE), "text", f.value("place", item.as_ref().map(|e| e.place.clone()).unwrap_or_default()), f.error("place"), None, "off")}
            {input("cv-start", "start", lang.pick(F_START), "date", f.value("start", item.as_ref().map(|e| e.start.to_string()).unwrap_or_default()), f.error("start"), None, "off")}
            {input("cv-end", "end", lang.pick(F_END), "date", f.value("end", date_value(item.as_ref().and_then(|e| e.end))), f.error("end"), Some(lang.pick(F_END_HINT)), "off")}
            {textarea("cv-description", "description", lang.pick(F_DESCRIPTION), f.value("description", item.as_ref().map(|e| e.description.clone()).unwrap_or_default()), f.error("description"))}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
            {current.is_some().then(|| view! { " "<a class="btn btn-link" href="/cv/esperienze">{lang.pick(CV_CANCEL)}</a> })}
        </form>
    }
    .into_any();
    section_page(&data, "esperienze", lang, form)
}

fn education(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("istruzione", lang);
    let list = &data.cv.education_and_training;
    let current = editing(list.len());
    let item = current.map(|i| list[i].clone());
    let items = view! {
        <ul class="cv-entries">
            {list.iter().enumerate().map(|(i, e)| list_item("istruzione", i, data.version, lang, view! {
                <p><strong>{e.title.clone()}</strong>" · "{e.institution.clone()}</p>
                <p class="small">"EQF "{e.eqf_level}</p>
            }.into_any())).collect_view()}
        </ul>
    };
    let levels: Vec<(String, String)> =
        (1..=8).map(|l| (l.to_string(), format!("EQF {l}"))).collect();
    let form = view! {
        {items}
        <h2 id="form" class="h4">{lang.pick(if current.is_some() { CV_EDIT } else { CV_ADD })}</h2>
        <form method="post" action="/cv/istruzione" data-draft=item_draft("cv-istruzione", current) novalidate>
            {version_field(&data)}
            <input type="hidden" name="item" value=f.value("item", current.map(|i| i.to_string()).unwrap_or_default()) />
            {input("cv-title", "title", lang.pick(F_TITLE), "text", f.value("title", item.as_ref().map(|e| e.title.clone()).unwrap_or_default()), f.error("title"), None, "off")}
            {input("cv-institution", "institution", lang.pick(F_INSTITUTION), "text", f.value("institution", item.as_ref().map(|e| e.institution.clone()).unwrap_or_default()), f.error("institution"), None, "off")}
            {select("cv-eqf", "eqf_level", lang.pick(F_EQF), levels, f.value("eqf_level", item.as_ref().map(|e| e.eqf_level.to_string()).unwrap_or_default()), lang.pick(F_CHOOSE), f.error("eqf_level"), Some(lang.pick(F_EQF_HINT)))}
            {input("cv-edu-start", "start", lang.pick(F_START), "date", f.value("start", date_value(item.as_ref().and_then(|e| e.start))), f.error("start"), None, "off")}
            {input("cv-edu-end", "end", lang.pick(F_END), "date", f.value("end", date_value(item.as_ref().and_then(|e| e.end))), f.error("end"), Some(lang.pick(F_EDU_END_HINT)), "off")}
            {textarea("cv-edu-description", "description", lang.pick(F_DESCRIPTION), f.value("description", item.as_ref().map(|e| e.description.clone()).unwrap_or_default()), f.error("description"))}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
            {current.is_some().then(|| view! { " "<a class="btn btn-link" href="/cv/istruzione">{lang.pick(CV_CANCEL)}</a> })}
        </form>
    }
    .into_any();
    section_page(&data, "istruzione", lang, form)
}

fn languages(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("lingue", lang);
    let tongues = Fill::new("lingue-madri", lang);
    let list = &data.cv.language_skills.other_languages;
    let current = editing(list.len());
    let item = current.map(|i| list[i].clone());
    let levels: Vec<(String, String)> =
        Cefr::ALL.iter().map(|c| (c.code().to_string(), c.code().to_string())).collect();
    let items = view! {
        <ul class="cv-entries">
            {list.iter().enumerate().map(|(i, l)| list_item("lingue", i, data.version, lang, view! {
                <p><strong>{l.language.clone()}</strong>" · "{LanguageActivity::ALL.iter().map(|a| l.level(*a).code()).collect::<Vec<_>>().join(" / ")}</p>
            }.into_any())).collect_view()}
        </ul>
    };
    let form = view! {
        <form method="post" action="/cv/lingue" data-draft="cv-lingue-madri" novalidate>
            {version_field(&data)}
            <input type="hidden" name="part" value="mother_tongues" />
            {input("cv-mother-tongues", "mother_tongues", lang.pick(F_MOTHER_TONGUES), "text",
                tongues.value("mother_tongues", data.cv.language_skills.mother_tongues.join(", ")), tongues.error("mother_tongues"),
                Some(lang.pick(F_MOTHER_TONGUES_HINT)), "off")}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
        </form>
        {items}
        <h2 id="form" class="h4">{lang.pick(if current.is_some() { CV_EDIT } else { CV_ADD })}</h2>
        <form method="post" action="/cv/lingue" data-draft=item_draft("cv-lingue", current) novalidate>
            {version_field(&data)}
            <input type="hidden" name="item" value=f.value("item", current.map(|i| i.to_string()).unwrap_or_default()) />
            {input("cv-language", "language", lang.pick(F_LANGUAGE), "text", f.value("language", item.as_ref().map(|l| l.language.clone()).unwrap_or_default()), f.error("language"), None, "off")}
            <fieldset class="cefr">
                <legend>{lang.pick(CEFR_HINT)}</legend>
                {LANG_ACTIVITIES.iter().map(|(code, t)| {
                    let stored = item.as_ref().map(|l| {
                        let activity = LanguageActivity::ALL.into_iter().find(|a| a.code() == *code).unwrap_or(LanguageActivity::Listening);
                        l.level(activity).code().to_string()
                    }).unwrap_or_default();
                    let id: &'static str = match *code {
                        "listening" => "cv-listening",
                        "reading" => "cv-reading",
                        "spoken_interaction" => "cv-spoken-interaction",
                        "spoken_production" => "cv-spoken-production",
                        _ => "cv-writing",
                    };
                    select(id, code, lang.pick(*t), levels.clone(), f.value(code, stored), lang.pick(F_CHOOSE), f.error(code), None)
                }).collect_view()}
            </fieldset>
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
            {current.is_some().then(|| view! { " "<a class="btn btn-link" href="/cv/lingue">{lang.pick(CV_CANCEL)}</a> })}
        </form>
    }
    .into_any();
    section_page(&data, "lingue", lang, form)
}

fn digital(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("competenze-digitali", lang);
    let d = data.cv.digital_skills.clone();
    let levels: Vec<(String, String)> = DigLevel::ALL
        .iter()
        .map(|l| (l.code().to_string(), dig_level_label(l.code(), lang).to_string()))
        .collect();
    let form = view! {
        <form method="post" action="/cv/competenze-digitali" data-draft="cv-competenze-digitali" novalidate>
            {version_field(&data)}
            <fieldset>
                <legend>{lang.pick(crate::i18n::cv::DIGCOMP_HINT)}</legend>
                {crate::i18n::cv::DIGCOMP_AREAS.iter().map(|(code, t)| {
                    let id: &'static str = match *code {
                        "information" => "cv-dig-information",
                        "communication" => "cv-dig-communication",
                        "content_creation" => "cv-dig-content",
                        "safety" => "cv-dig-safety",
                        _ => "cv-dig-problems",
                    };
                    let stored = d.area(code).map(|l| l.code().to_string()).unwrap_or_default();
                    select(id, code, lang.pick(*t), levels.clone(), f.value(code, stored), lang.pick(F_NONE), f.error(code), None)
                }).collect_view()}
            </fieldset>
            {input("cv-tools", "tools", lang.pick(F_TOOLS), "text", f.value("tools", d.tools.join(", ")), f.error("tools"), Some(lang.pick(F_TOOLS_HINT)), "off")}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
        </form>
    }
    .into_any();
    debug_assert_eq!(DIGCOMP_AREAS.len(), crate::i18n::cv::DIGCOMP_AREAS.len());
    section_page(&data, "competenze-digitali", lang, form)
}

fn driving(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("patenti", lang);
    let held = data.cv.driving_licence.clone();
    let form = view! {
        <form method="post" action="/cv/patenti" data-draft="cv-patenti" novalidate>
            {version_field(&data)}
            <fieldset class="licences">
                <legend>{lang.pick(SEC_DRIVING)}</legend>
                {DrivingLicence::ALL.iter().map(|l| {
                    let id = format!("cv-licence-{}", l.code());
                    let checked = if f.mine() {
                        f.fb.values.iter().any(|(k, v)| k == "licence" && v == l.code())
                    } else {
                        held.contains(l)
                    };
                    view! {
                        <div class="form-check-line">
                            <input type="checkbox" id=id.clone() name="licence" value=l.code() checked=checked />
                            <label for=id>{l.code()}</label>
                        </div>
                    }
                }).collect_view()}
                {f.error("licence").map(|e| view! { <p class="field-error">{e}</p> })}
            </fieldset>
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
        </form>
    }
    .into_any();
    section_page(&data, "patenti", lang, form)
}

fn skills(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("competenze", lang);
    let form = view! {
        <ul class="tags" data-testid="cv-skills">
            {data.cv.skills.iter().map(|key| {
                let label = data.label(SuggestionKind::Skill, key);
                view! {
                    <li class="tag">
                        <span>{label.clone()}</span>
                        <form method="post" action="/cv/competenze" class="inline">
                            <input type="hidden" name="version" value=data.version.to_string() />
                            <input type="hidden" name="delete" value=key.clone() />
                            <button type="submit" class="btn btn-link btn-sm" aria-label=format!("{} {label}", lang.pick(CV_REMOVE))>"×"</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form method="post" action="/cv/competenze" data-draft="cv-competenze" novalidate>
            {version_field(&data)}
            {coded_field(&f, "cv-skill", "skill", SuggestionKind::Skill, lang.pick(F_SKILL), String::new(), String::new(), Some(lang.pick(F_SKILL_HINT)), true)}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_ADD)}</button>
        </form>
    }
    .into_any();
    section_page(&data, "competenze", lang, form)
}

fn availability(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("disponibilita", lang);
    let places = Fill::new("disponibilita-luoghi", lang);
    let a = data.cv.availability.clone();
    let form = view! {
        <form method="post" action="/cv/disponibilita" data-draft="cv-disponibilita" novalidate>
            {version_field(&data)}
            <fieldset>
                <legend>{lang.pick(F_HOURS)}</legend>
                <div class="form-check-line">
                    <input type="checkbox" id="cv-full-time" name="full_time" value="si" checked=f.checked("full_time", a.full_time) />
                    <label for="cv-full-time">{lang.pick(F_FULL_TIME)}</label>
                </div>
                <div class="form-check-line">
                    <input type="checkbox" id="cv-part-time" name="part_time" value="si" checked=f.checked("part_time", a.part_time) />
                    <label for="cv-part-time">{lang.pick(F_PART_TIME)}</label>
                </div>
            </fieldset>
            {input("cv-available-from", "available_from", lang.pick(F_AVAILABLE_FROM), "date", f.value("available_from", date_value(a.available_from)), f.error("available_from"), None, "off")}
            {input("cv-max-distance", "max_distance_km", lang.pick(F_MAX_DISTANCE), "number", f.value("max_distance_km", a.max_distance_km.map(|k| k.to_string()).unwrap_or_default()), f.error("max_distance_km"), None, "off")}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
        </form>
        <h2 class="h4">{lang.pick(F_PLACES)}</h2>
        <ul class="tags" data-testid="cv-places">
            {a.preferred_places.iter().enumerate().map(|(i, p)| {
                let label = match p {
                    Place::Municipality(code) => data.label(SuggestionKind::Municipality, code),
                    Place::Province(code) => data.label(SuggestionKind::Province, code),
                };
                view! {
                    <li class="tag">
                        <span>{label.clone()}</span>
                        <form method="post" action="/cv/disponibilita" class="inline">
                            <input type="hidden" name="version" value=data.version.to_string() />
                            <input type="hidden" name="delete" value=i.to_string() />
                            <button type="submit" class="btn btn-link btn-sm" aria-label=format!("{} {label}", lang.pick(CV_REMOVE))>"×"</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form method="post" action="/cv/disponibilita" data-draft="cv-disponibilita-luoghi" novalidate>
            {version_field(&data)}
            <input type="hidden" name="part" value="place" />
            {coded_field(&places, "cv-place-municipality", "place", SuggestionKind::Municipality, lang.pick(F_ADD_MUNICIPALITY), String::new(), String::new(), None, false)}
            {select("cv-place-province", "province", lang.pick(F_ADD_PROVINCE), data.provinces.clone(), places.value("province", String::new()), lang.pick(F_CHOOSE), places.error("province"), None)}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_ADD)}</button>
        </form>
    }
    .into_any();
    section_page(&data, "disponibilita", lang, form)
}

fn aspirations(data: CvData, lang: Lang) -> AnyView {
    let f = Fill::new("aspirazioni", lang);
    let form = view! {
        <form method="post" action="/cv/aspirazioni" data-draft="cv-aspirazioni" novalidate>
            {version_field(&data)}
            {textarea("cv-aspirations", "aspirations", lang.pick(F_ASPIRATIONS), f.value("aspirations", data.cv.aspirations.clone()), f.error("aspirations"))}
            <button type="submit" class="btn btn-primary">{lang.pick(CV_SAVE)}</button>
        </form>
    }
    .into_any();
    section_page(&data, "aspirazioni", lang, form)
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::CITIZENS;
    use contract::policy::Effect::Reads;
    &[server_fn_rule::<MyCv>("POST", CITIZENS, Reads)]
};

/// The signed-in citizen's CV with what its codes stand for; before the first save, the one
/// SIISL starts them with (name, registration contacts, municipality of residence).
#[server(prefix = "/api", endpoint = "my_cv")]
pub async fn my_cv() -> Result<CvData, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = app_state()?;
    store::cv::for_page(&state.db, &user, state.clock.now())
        .await
        .map_err(unavailable("loading a CV"))
}
