//! Building blocks of every page: header, footer, navigation, language switch, error panel.

mod autocomplete;
mod cv_summary;
mod draft;
mod menu;

pub use autocomplete::Autocomplete;
pub(crate) use autocomplete::SERVER_FNS;
pub use cv_summary::CvSummary;
pub use draft::{DRAFT_HEADER, DraftKeeper, OfflineShell, SaveState, draft_keeper};
pub use menu::MenuToggle;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Lang;
use crate::request::use_lang;

/// Whether this deployment runs the demo profile; shown as a badge so nobody mistakes it for
/// the real service.
fn is_demo() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>().is_some_and(|state| state.site.demo)
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let m = lang.messages();
    use crate::policy::Role;
    // The menu follows the role: citizens get their sections, operators their caseload,
    // administrators the administration; the pages about the benefits are for citizens and
    // visitors.
    let role = crate::auth::current_user().map(|u| u.role);
    let citizen = role == Some(Role::Citizen);
    let operator = matches!(role, Some(Role::CaseManager | Role::CpiOperator));
    let administrator = role == Some(Role::Administrator);
    let publisher = role == Some(Role::Organisation);
    let public = role.is_none() || citizen;
    view! {
        <header class="site-header">
            <div class="header-slim">
                <div class="container header-slim-inner">
                    // Institution slot: the administration that owns the service.
                    <span class="institution">{m.institution}</span>
                    <LanguageSwitch />
                </div>
            </div>
            <div class="header-center">
                <div class="container header-center-inner">
                    <a class="brand" href="/">
                        <span class="brand-name">{m.site_name}</span>
                        <span class="brand-tagline">{m.site_tagline}</span>
                    </a>
                    {is_demo().then(|| view! { <span class="badge-demo">{m.demo_badge}</span> })}
                    <div class="sign-in-slot">
                        {match crate::auth::current_user() {
                            Some(user) => view! {
                                <a class="account-link" href="/area-personale">
                                    <span class="visually-hidden">{m.personal_area}": "</span>
                                    {user.full_name()}
                                </a>
                            }.into_any(),
                            None => view! {
                                <a class="btn btn-light sign-in-button" href="/accedi">{m.sign_in}</a>
                            }.into_any(),
                        }}
                    </div>
                </div>
            </div>
            <div class="header-nav">
                <div class="container">
                    <MenuToggle open_label=m.menu_open.to_string() close_label=m.menu_close.to_string()>
                        <nav aria-label=m.nav_label>
                            <ul class="nav-list">
                                <li><a href="/">{m.nav_home}</a></li>
                                {citizen.then(|| view! {
                                    <li><a href="/il-mio-siisl">{lang.pick(crate::i18n::citizen::NAV_MY_SIISL)}</a></li>
                                    <li><a href="/cv">{lang.pick(crate::i18n::cv::NAV_CV)}</a></li>
                                    <li><a href="/candidature">{lang.pick(crate::i18n::candidacy::NAV)}</a></li>
                                })}
                                {publisher.then(|| view! {
                                    <li><a href="/organizzazione">{lang.pick(crate::i18n::organisations::HOME_NAV)}</a></li>
                                    <li><a href="/organizzazione/candidature">{lang.pick(crate::i18n::organisations::RECEIVED_NAV)}</a></li>
                                    <li><a href="/organizzazione/persone">{lang.pick(crate::i18n::organisations::PEOPLE_NAV)}</a></li>
                                    <li><a href="/organizzazioni">{lang.pick(crate::i18n::organisations::MINE_NAV)}</a></li>
                                })}
                                {operator.then(|| view! {
                                    <li><a href="/operatore">{lang.pick(crate::i18n::caseload::DASH_NAV)}</a></li>
                                })}
                                {administrator.then(|| view! {
                                    <li><a href="/amministrazione/operatori">{m.operators_title}</a></li>
                                    <li><a href="/amministrazione/assegnazioni">{lang.pick(crate::i18n::caseload::ASSIGN_TITLE)}</a></li>
                                    <li><a href="/amministrazione/piattaforme">{lang.pick(crate::i18n::platforms::CLIENTS_NAV)}</a></li>
                                    <li><a href="/amministrazione/consegne">{lang.pick(crate::i18n::platforms::DELIVERIES_NAV)}</a></li>
                                    <li><a href="/amministrazione/organizzazioni">{lang.pick(crate::i18n::organisations::ADMIN_TITLE)}</a></li>
                                })}
                                <li><a href="/opportunita">{lang.pick(crate::i18n::catalog::CAT_NAV)}</a></li>
                                {public.then(|| view! {
                                    <li><a href="/#adi">{m.nav_adi}</a></li>
                                    <li><a href="/#sfl">{m.nav_sfl}</a></li>
                                    <li><a href="/#come-funziona">{m.nav_steps}</a></li>
                                })}
                            </ul>
                        </nav>
                    </MenuToggle>
                </div>
            </div>
        </header>
    }
}

/// A plain form, so the language can be changed without JavaScript; the server answers with a
/// redirect back to the same page.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    let m = current.messages();
    let here = use_location().pathname.get_untracked();
    view! {
        <form class="lang-switch" method="post" action="/lingua">
            <input type="hidden" name="next" value=here />
            <span class="visually-hidden">{m.language_switch_label}": "</span>
            {Lang::ALL
                .into_iter()
                .filter(move |lang| *lang != current)
                .map(|lang| {
                    view! {
                        <button class="btn-link" type="submit" name="lang" value=lang.code() lang=lang.code()>
                            {lang.messages().language_name}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let m = use_lang().messages();
    view! {
        <footer class="site-footer" aria-label=m.footer_label>
            <div class="container">
                <p class="footer-brand">{m.institution}</p>
                <p>{m.footer_about}</p>
                <ul class="footer-links">
                    <li><a href="/privacy">{m.footer_privacy}</a></li>
                    <li><a href="/accessibilita">{m.footer_accessibility}</a></li>
                    <li><a href="/fonti-dati">{m.footer_data}</a></li>
                </ul>
            </div>
        </footer>
    }
}

/// The error summary at the top of a refused form (the GOV.UK pattern): what went wrong, each
/// item a link to the field to correct (`items`: the field's element id and the message).
#[component]
pub fn ErrorSummary(title: &'static str, items: Vec<(String, String)>) -> impl IntoView {
    view! {
        <div class="alert alert-danger error-summary" role="alert" data-testid="error-summary">
            <h2 class="h5">{title}</h2>
            <ul>
                {items.into_iter().map(|(id, text)| view! {
                    <li><a href=format!("#{id}")>{text}</a></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// What the error boundary shows instead of a broken part of a page.
#[component]
pub fn ErrorPanel() -> impl IntoView {
    let m = use_lang().messages();
    view! {
        <div class="container section">
            <div class="alert alert-danger" role="alert">
                <h1 class="h4">{m.error_title}</h1>
                <p>{m.error_text}</p>
            </div>
        </div>
    }
}
