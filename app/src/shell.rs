//! The HTML document and the route table.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use contract::policy::Rule;

use crate::components::{ErrorPanel, Footer, Header};

use crate::pages::{
    AccessLogPage, AccessibilityPage, AdFormPage, ApplicationPage, AssignmentsPage,
    CandidaciesPage, CatalogPage, ConvocationPage, CvImportPage, CvPage, CvPrintPage,
    CvSectionPage, CvShellPage, DashboardPage, DataSourcesPage, DeliveriesPage, DemoIdpPage,
    DemoOutboxPage, HomePage, HouseholdFilePage, HouseholdPage, MessagePage, MessagesPage,
    MySiislPage, NotFoundPage, OfflinePage, OperatorsPage, OpportunityPage,
    OrganisationRegistryPage, OrganisationsPage, PadIndividualePage, PadIndividualeReceiptPage,
    PadPage, PadReceiptPage, PathPage, PeoplePage, PersonalAreaPage, PlatformClientsPage,
    PrivacyPage, PublisherHomePage, ReceivedCandidacyPage, ReceivedPage, RegistrationPage,
    SignInPage, ViewingBanner,
};
use crate::request::{set_page_status, use_lang};

/// Path of the stylesheet that shows the navigation when JavaScript is off (see `MenuToggle`).
pub const NOSCRIPT_CSS: &str = "/noscript.css";

/// Who may open each page: the route (as the server matches it, `{param}`) and its rule,
/// kept beside `App`'s route list below. The server's policy takes pages' rules from here;
/// the authorization tests check that every route of `App` has exactly one entry.
pub const PAGE_RULES: &[(&str, Rule)] = {
    use Rule::{Public, SignedIn};
    use contract::policy::{ADMINISTRATORS, CITIZENS, OPERATORS, PEOPLE, PUBLISHERS};
    &[
        ("/", Public),
        ("/privacy", Public),
        ("/accessibilita", Public),
        ("/fonti-dati", Public),
        ("/accedi", Public),
        // The catalogue is open to everyone (SIISL is for all citizens looking for work).
        ("/opportunita", Public),
        ("/opportunita/{id}", Public),
        ("/area-personale", SignedIn),
        // The demo identity provider's persona page (mounted in the embedded profile only).
        ("/demo-idp/authorize", Public),
        ("/amministrazione/operatori", ADMINISTRATORS),
        ("/amministrazione/assegnazioni", ADMINISTRATORS),
        ("/amministrazione/piattaforme", ADMINISTRATORS),
        ("/amministrazione/consegne", ADMINISTRATORS),
        ("/amministrazione/organizzazioni", ADMINISTRATORS),
        // Organisations that publish (see pages/organisations.rs).
        ("/organizzazioni", PEOPLE),
        ("/organizzazione", PUBLISHERS),
        ("/organizzazione/annunci/nuovo", PUBLISHERS),
        ("/organizzazione/annunci/{id}", PUBLISHERS),
        ("/organizzazione/persone", PUBLISHERS),
        ("/organizzazione/candidature", PUBLISHERS),
        ("/organizzazione/candidature/{id}", PUBLISHERS),
        ("/operatore", OPERATORS),
        ("/operatore/nuclei/{id}", OPERATORS),
        ("/accessi", CITIZENS),
        ("/iscrizione", CITIZENS),
        ("/il-mio-siisl", CITIZENS),
        ("/domanda", CITIZENS),
        ("/nucleo", CITIZENS),
        ("/percorso", CITIZENS),
        ("/messaggi", CITIZENS),
        ("/messaggi/{id}", CITIZENS),
        ("/convocazioni/{id}", CITIZENS),
        ("/pad", CITIZENS),
        ("/pad/ricevuta", CITIZENS),
        ("/pad-individuale", CITIZENS),
        ("/pad-individuale/ricevuta", CITIZENS),
        ("/cv", CITIZENS),
        ("/candidature", CITIZENS),
        ("/cv/stampa", CITIZENS),
        ("/cv/importa", CITIZENS),
        ("/cv/{section}", CITIZENS),
        // The data-free copies the service worker keeps.
        ("/offline", Public),
        ("/offline/cv", Public),
        ("/offline/cv/{section}", Public),
        // The demo outbox: only answers in the embedded profile (its function checks).
        ("/demo/messaggi", Public),
    ]
};

/// The whole document, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = crate::request::request_lang();
    provide_context(lang);
    #[cfg(feature = "ssr")]
    crate::security::send_page_csp();
    let m = lang.messages();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content=m.site_tagline />
                <meta name="theme-color" content="#0066cc" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos" />
                <noscript>
                    <link rel="stylesheet" href=NOSCRIPT_CSS />
                </noscript>
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A form refused because a field broke the one rule for text (`domain::text`): in context,
/// the app renders the refusal page instead of any route. `field` is the form's own name for
/// the field; `back` the page the form is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputRefusal {
    pub field: String,
    /// `control_character` or `bidi_control`.
    pub problem: String,
    pub back: String,
}

/// The refusal page: which field held what no text may hold, and the way back to the form
/// (where the draft keeper still has what was typed).
#[component]
fn InputRefusalPage(refusal: InputRefusal) -> impl IntoView {
    use crate::i18n::input::*;
    let lang = use_lang();
    let label = field_label(&refusal.field, lang).map_or(refusal.field.clone(), str::to_string);
    view! {
        <Title text=lang.pick(REFUSED_TITLE) />
        <div class="container section">
            <div class="alert alert-danger" role="alert">
                <h1 class="h4">{lang.pick(REFUSED_TITLE)}</h1>
                <p>{format!("«{label}» {}.", problem_text(&refusal.problem, lang))}</p>
                <p class="mb-0">{lang.pick(REFUSED_ADVICE)}</p>
            </div>
            <p><a class="btn btn-primary" href=refusal.back>{lang.pick(REFUSED_BACK)}</a></p>
        </div>
    }
}

/// An error page in the site's layout (401, 403, 405, 500, 503), rendered instead of any
/// route; `incident` names a 500 for support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorPage {
    pub status: u16,
    pub incident: Option<String>,
}

#[component]
fn ErrorPageView(error: ErrorPage) -> impl IntoView {
    use crate::i18n::errors::*;
    let lang = use_lang();
    set_page_status(error.status);
    let signed_in = crate::auth::current_user().is_some();
    let (title, text) = page_text(error.status, signed_in, lang);
    view! {
        <Title text=title />
        <div class="container section" data-testid="error-page" data-status=error.status.to_string()>
            <h1>{title}</h1>
            <p>{text}</p>
            {error.incident.map(|incident| view! {
                <p>{lang.pick(INCIDENT)}" "<strong class="mono">{incident}</strong></p>
            })}
            <p class="error-actions">
                {(error.status == 401).then(|| view! {
                    <a class="btn btn-primary" href="/accedi">{lang.pick(SIGN_IN)}</a>" "
                })}
                <a class=if error.status == 401 { "btn btn-outline-primary" } else { "btn btn-primary" } href="/">{lang.pick(HOME)}</a>
            </p>
        </div>
    }
}

/// In the context of a request that matched no route: the app renders the 404 page and nothing
/// else, whatever the page router would make of the path.
#[derive(Clone, Copy, Debug)]
pub struct Unmatched;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let m = use_lang().messages();
    let viewing = crate::auth::current_user().is_some_and(|u| u.is_viewing());
    // A request that matched no route, or a refused form, renders its own page and no route.
    let instead = if use_context::<Unmatched>().is_some() {
        Some(view! { <NotFoundPage /> }.into_any())
    } else if let Some(error) = use_context::<ErrorPage>() {
        Some(view! { <ErrorPageView error /> }.into_any())
    } else {
        use_context::<InputRefusal>()
            .map(|refusal| view! { <InputRefusalPage refusal /> }.into_any())
    };
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { m.site_name.to_string() } else { format!("{page} - {}", m.site_name) }
        } />
        <Router>
            <a class="skip-link" href="#main">{m.skip_to_content}</a>
            <Header />
            <ViewingBanner />
            // During an operator's read-only view the page's forms are hidden (the server
            // refuses them anyway): see `.read-only-view` in the style sheet.
            <main id="main" tabindex="-1" class=viewing.then_some("read-only-view")>
                <ErrorBoundary fallback=|_errors| view! { <ErrorPanel /> }>
                    {match instead {
                        Some(page) => page,
                        None => view! {
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/privacy") view=PrivacyPage />
                        <Route path=path!("/accessibilita") view=AccessibilityPage />
                        <Route path=path!("/fonti-dati") view=DataSourcesPage />
                        <Route path=path!("/accedi") view=SignInPage />
                        // The catalogue, public (see pages/catalog.rs).
                        <Route path=path!("/opportunita") view=CatalogPage ssr=SsrMode::Async />
                        <Route path=path!("/opportunita/:id") view=OpportunityPage ssr=SsrMode::Async />
                        // Async: the page is complete before it is sent, so it needs no script.
                        <Route path=path!("/area-personale") view=PersonalAreaPage ssr=SsrMode::Async />
                        <Route path=path!("/demo-idp/authorize") view=DemoIdpPage />
                        <Route path=path!("/amministrazione/operatori") view=OperatorsPage ssr=SsrMode::Async />
                        <Route path=path!("/amministrazione/assegnazioni") view=AssignmentsPage ssr=SsrMode::Async />
                        <Route path=path!("/amministrazione/piattaforme") view=PlatformClientsPage ssr=SsrMode::Async />
                        <Route path=path!("/amministrazione/consegne") view=DeliveriesPage ssr=SsrMode::Async />
                        <Route path=path!("/amministrazione/organizzazioni") view=OrganisationRegistryPage ssr=SsrMode::Async />
                        // Organisations that publish (see pages/organisations.rs).
                        <Route path=path!("/organizzazioni") view=OrganisationsPage ssr=SsrMode::Async />
                        <Route path=path!("/organizzazione") view=PublisherHomePage ssr=SsrMode::Async />
                        <Route path=path!("/organizzazione/annunci/nuovo") view=AdFormPage ssr=SsrMode::Async />
                        <Route path=path!("/organizzazione/annunci/:id") view=AdFormPage ssr=SsrMode::Async />
                        <Route path=path!("/organizzazione/persone") view=PeoplePage ssr=SsrMode::Async />
                        <Route path=path!("/organizzazione/candidature") view=ReceivedPage ssr=SsrMode::Async />
                        <Route path=path!("/organizzazione/candidature/:id") view=ReceivedCandidacyPage ssr=SsrMode::Async />
                        // Case managers (see pages/caseload.rs).
                        <Route path=path!("/operatore") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/operatore/nuclei/:id") view=HouseholdFilePage ssr=SsrMode::Async />
                        <Route path=path!("/accessi") view=AccessLogPage ssr=SsrMode::Async />
                        // The citizen's pages (see pages/citizen.rs).
                        <Route path=path!("/iscrizione") view=RegistrationPage ssr=SsrMode::Async />
                        <Route path=path!("/il-mio-siisl") view=MySiislPage ssr=SsrMode::Async />
                        <Route path=path!("/domanda") view=ApplicationPage ssr=SsrMode::Async />
                        <Route path=path!("/nucleo") view=HouseholdPage ssr=SsrMode::Async />
                        <Route path=path!("/percorso") view=PathPage ssr=SsrMode::Async />
                        <Route path=path!("/messaggi") view=MessagesPage ssr=SsrMode::Async />
                        <Route path=path!("/messaggi/:id") view=MessagePage ssr=SsrMode::Async />
                        <Route path=path!("/convocazioni/:id") view=ConvocationPage ssr=SsrMode::Async />
                        <Route path=path!("/pad") view=PadPage ssr=SsrMode::Async />
                        <Route path=path!("/pad/ricevuta") view=PadReceiptPage ssr=SsrMode::Async />
                        <Route path=path!("/pad-individuale") view=PadIndividualePage ssr=SsrMode::Async />
                        <Route path=path!("/pad-individuale/ricevuta") view=PadIndividualeReceiptPage ssr=SsrMode::Async />
                        <Route path=path!("/cv") view=CvPage ssr=SsrMode::Async />
                        <Route path=path!("/candidature") view=CandidaciesPage ssr=SsrMode::Async />
                        <Route path=path!("/cv/stampa") view=CvPrintPage ssr=SsrMode::Async />
                        <Route path=path!("/cv/importa") view=CvImportPage ssr=SsrMode::Async />
                        // Every section of `pages::cv::SECTIONS`; any other slug is not found.
                        <Route path=path!("/cv/:section") view=CvSectionPage ssr=SsrMode::Async />
                        // The offline copies the service worker keeps (no personal data).
                        <Route path=path!("/offline") view=OfflinePage />
                        <Route path=path!("/offline/cv") view=CvShellPage />
                        <Route path=path!("/offline/cv/:section") view=CvShellPage />
                        <Route path=path!("/demo/messaggi") view=DemoOutboxPage ssr=SsrMode::Async />
                    </Routes>
                        }.into_any(),
                    }}
                </ErrorBoundary>
            </main>
            <Footer />
        </Router>
    }
}
