//! One module per page; each page is a component fed by the message catalogue (and, later,
//! by the domain services).

mod account;
mod candidacy;
mod caseload;
mod catalog;
mod citizen;
mod cv;
mod deliveries;
mod individual;
mod operators;
mod organisations;
mod platforms;

pub use account::{DemoIdpPage, PersonalAreaPage, SignInPage, my_sessions};
pub use candidacy::CandidaciesPage;
pub use caseload::{
    AccessLogPage, AssignmentsPage, DashboardPage, HouseholdFilePage, ViewingBanner,
};
pub use catalog::{CatalogPage, CatalogView, OpportunityPage};
pub use citizen::{
    ApplicationPage, ConvocationPage, DemoOutboxPage, HouseholdPage, MessagePage, MessagesPage,
    MySiislPage, PadPage, PadReceiptPage, PathPage, RegistrationPage, demo_outbox, my_situation,
    open_convocation,
};
pub use cv::{
    CvImportPage, CvPage, CvPrintPage, CvSectionPage, CvShellPage, OfflinePage,
    SECTIONS as CV_SECTIONS,
};
pub use deliveries::DeliveriesPage;
pub use individual::{AgencyView, PadIndividualePage, PadIndividualeReceiptPage, agencies};
pub use operators::{OperatorsPage, list_operators};
pub use organisations::{
    AdFormPage, OrganisationRegistryPage, OrganisationsPage, PeoplePage, PublisherHomePage,
    ReceivedCandidacyPage, ReceivedPage,
};
pub use platforms::PlatformClientsPage;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Section;
use crate::request::{set_page_status, use_lang};

/// The message in place of a page's data when the data layer failed (503).
pub(crate) fn unavailable(lang: crate::i18n::Lang) -> AnyView {
    set_page_status(503);
    view! { <p class="alert alert-danger" role="alert">{lang.pick(crate::i18n::citizen::ERR_UNAVAILABLE)}</p> }
        .into_any()
}

#[component]
pub fn HomePage() -> impl IntoView {
    let m = use_lang().messages();
    view! {
        <Title text="" />
        <section class="hero">
            <div class="container">
                <h1>{m.home_title}</h1>
                <p class="lead">{m.home_lead}</p>
            </div>
        </section>
        <div class="container section">
            <div class="row">
                <div class="col-md-6">
                    <article id="adi" class="card">
                        <h2 class="h4">{m.home_adi_title}</h2>
                        <p>{m.home_adi_text}</p>
                    </article>
                </div>
                <div class="col-md-6">
                    <article id="sfl" class="card">
                        <h2 class="h4">{m.home_sfl_title}</h2>
                        <p>{m.home_sfl_text}</p>
                    </article>
                </div>
            </div>
            <section id="come-funziona" class="steps">
                <h2>{m.home_steps_title}</h2>
                <ol>{m.home_steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}</ol>
            </section>
            <section class="help">
                <h2 class="h4">{m.home_help_title}</h2>
                <p>{m.home_help_text}</p>
            </section>
        </div>
    }
}

/// A page of prose: a title and titled sections (privacy notice, accessibility statement, …).
#[component]
fn ProsePage(title: &'static str, sections: &'static [Section]) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="container section prose">
            <h1>{title}</h1>
            {sections
                .iter()
                .map(|section| {
                    view! {
                        <section>
                            <h2 class="h4">{section.heading}</h2>
                            {section.paragraphs.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let m = use_lang().messages();
    view! { <ProsePage title=m.privacy_title sections=m.privacy_sections /> }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let m = use_lang().messages();
    view! { <ProsePage title=m.accessibility_title sections=m.accessibility_sections /> }
}

#[component]
pub fn DataSourcesPage() -> impl IntoView {
    let m = use_lang().messages();
    view! { <ProsePage title=m.data_title sections=m.data_sections /> }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page_status(404);
    let m = use_lang().messages();
    view! {
        <Title text=m.not_found_title />
        <div class="container section">
            <h1>{m.not_found_title}</h1>
            <p>{m.not_found_text}</p>
            <p><a class="btn btn-primary" href="/">{m.back_home}</a></p>
        </div>
    }
}

/// Every server function's rule, each kept beside its function; the server's policy reads them
/// and the authorization tests check that each registered function has exactly one.
pub fn server_fn_rules() -> impl Iterator<Item = &'static contract::policy::ServerFnRule> {
    [
        account::SERVER_FNS,
        candidacy::SERVER_FNS,
        caseload::SERVER_FNS,
        catalog::SERVER_FNS,
        citizen::SERVER_FNS,
        cv::SERVER_FNS,
        deliveries::SERVER_FNS,
        individual::SERVER_FNS,
        operators::SERVER_FNS,
        organisations::SERVER_FNS,
        platforms::SERVER_FNS,
        crate::components::SERVER_FNS,
    ]
    .into_iter()
    .flatten()
}
