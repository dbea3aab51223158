//! Signing in and the personal area; the built-in demo identity provider's persona picker.

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::auth::{ProviderButton, ProviderKind, SessionView, SignInError, current_user};
use crate::request::{set_page_status, use_lang};

/// The sign-in buttons configured on this server.
fn providers() -> Vec<ProviderButton> {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|state| state.auth.providers.clone())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Vec::new()
    }
}

/// `/accedi`: the identity providers, and why the last attempt failed if it did.
#[component]
pub fn SignInPage() -> impl IntoView {
    let m = use_lang().messages();
    let query = use_query_map();
    let error = query.with_untracked(|q| q.get("errore")).and_then(|c| SignInError::from_code(&c));
    // The page explains a refused sign-in: say so in the status too.
    if error.is_some() {
        set_page_status(401);
    }
    // Where to go back after signing in: plain local paths only (they need no escaping).
    let back = query.with_untracked(|q| q.get("torna")).filter(|p| {
        p.starts_with('/')
            && !p.starts_with("//")
            && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"/-_".contains(&b))
    });
    let login_href = move |id: &str| match &back {
        Some(back) => format!("/auth/login/{id}?torna={back}"),
        None => format!("/auth/login/{id}"),
    };
    let providers = providers();
    let has_demo = providers.iter().any(|p| p.kind == ProviderKind::Demo);
    view! {
        <Title text=m.sign_in_title />
        <div class="container section narrow">
            <h1>{m.sign_in_title}</h1>
            {error.map(|error| view! {
                <div class="alert alert-danger" role="alert" data-error=error.code()>
                    <h2 class="h5">{m.sign_in_failed_title}</h2>
                    <p>{(m.sign_in_error)(error)}</p>
                    <p class="small">{m.sign_in_error_code}": "<code>{error.code()}</code></p>
                </div>
            })}
            {match current_user() {
                Some(user) => view! {
                    <p>
                        {m.already_signed_in}" "<strong>{user.full_name()}</strong>". "
                        <a href="/area-personale">{m.personal_area}</a>
                    </p>
                }.into_any(),
                None => view! {
                    <p>{m.sign_in_intro}</p>
                    {has_demo.then(|| view! { <p class="alert alert-warning">{m.sign_in_demo_note}</p> })}
                    {if providers.is_empty() {
                        view! { <p>{m.sign_in_no_providers}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="provider-list">
                                {providers.into_iter().map(|p| {
                                    let class = match p.kind {
                                        ProviderKind::Spid => "btn btn-primary provider provider-spid",
                                        ProviderKind::Cie => "btn btn-primary provider provider-cie",
                                        ProviderKind::Demo => "btn btn-outline-primary provider provider-demo",
                                        ProviderKind::Other => "btn btn-primary provider",
                                    };
                                    view! { <li><a class=class href=login_href(&p.id)>{p.label}</a></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any(),
            }}
        </div>
    }
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::Effect::Reads;
    use contract::policy::Rule::SignedIn;
    &[server_fn_rule::<MySessions>("POST", SignedIn, Reads)]
};

/// The signed-in person's sessions (device, times); only their own.
#[server(prefix = "/api", endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, ServerFnError> {
    use store::session;

    let user = crate::auth::require(crate::policy::Rule::SignedIn)?;
    let state = crate::state::app_state()?;
    let rows = session::list_for_account(&state.db, &user.account_id)
        .await
        .map_err(crate::state::unavailable("listing sessions"))?;
    let when = |t| store::local_time::rome_time(t, "%d/%m/%Y %H:%M");
    Ok(rows
        .into_iter()
        .map(|s| SessionView {
            current: s.id == user.session_id,
            device: crate::auth::device_label(&s.user_agent),
            started_at: when(s.created_at),
            last_seen_at: when(s.last_seen_at),
            id: s.id,
        })
        .collect())
}

/// `/area-personale`: who is signed in, their active sessions, sign-out.
#[component]
pub fn PersonalAreaPage() -> impl IntoView {
    let m = use_lang().messages();
    let Some(user) = current_user() else {
        set_page_status(401);
        return view! {
            <Title text=m.signed_out_title />
            <div class="container section narrow" data-signed-out="true">
                <h1>{m.signed_out_title}</h1>
                <p>{m.signed_out_text}</p>
                <p><a class="btn btn-primary" href="/accedi">{m.sign_in}</a></p>
            </div>
        }
        .into_any();
    };
    let sessions = Resource::new_blocking(|| (), |_| my_sessions());
    view! {
        <Title text=m.personal_area />
        <div class="container section narrow">
            <h1>{m.personal_area}</h1>
            <p>{m.signed_in_as}":"</p>
            <dl class="identity">
                <dt>{m.label_name}</dt>
                <dd data-testid="full-name">{user.full_name()}</dd>
                <dt>{m.label_codice_fiscale}</dt>
                <dd data-testid="codice-fiscale" class="mono">{user.codice_fiscale.clone()}</dd>
            </dl>
            {(user.role == crate::policy::Role::Citizen).then(|| view! {
                <p><a class="btn btn-primary" href="/il-mio-siisl">{use_lang().pick(crate::i18n::citizen::NAV_MY_SIISL)}</a></p>
            })}
            {(user.role == crate::policy::Role::Administrator).then(|| view! {
                <p><a href="/amministrazione/operatori">{m.operators_link}</a></p>
                <p><a href="/amministrazione/assegnazioni">{use_lang().pick(crate::i18n::caseload::ASSIGN_TITLE)}</a></p>
                <p><a href="/amministrazione/piattaforme">{use_lang().pick(crate::i18n::platforms::TITLE)}</a></p>
                <p><a href="/amministrazione/consegne">{use_lang().pick(crate::i18n::platforms::DELIVERY_TITLE)}</a></p>
            })}
            {matches!(user.role, crate::policy::Role::CaseManager | crate::policy::Role::CpiOperator).then(|| view! {
                <p><a class="btn btn-primary" href="/operatore">{use_lang().pick(crate::i18n::caseload::DASH_TITLE)}</a></p>
            })}
            <form method="post" action="/auth/esci">
                <button type="submit" class="btn btn-primary">{m.sign_out}</button>
            </form>
            <section class="sessions">
                <h2 class="h4">{m.sessions_title}</h2>
                <p>{m.sessions_intro}</p>
                <Suspense fallback=move || view! { <p>{m.loading}</p> }>
                    {move || Suspend::new(async move {
                        match sessions.await {
                            Ok(list) => view! {
                                <ul class="session-list">
                                    {list.into_iter().map(|s| view! { <SessionItem session=s /> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(_) => view! { <p class="alert alert-danger">{m.sessions_unavailable}</p> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn SessionItem(session: SessionView) -> impl IntoView {
    let m = use_lang().messages();
    view! {
        <li class="session-item">
            <p class="session-device">
                <strong>{session.device.clone()}</strong>
                {session.current.then(|| view! { " — "{m.session_current} })}
            </p>
            <p class="small">
                {m.session_started}": "{session.started_at.clone()}". "
                {m.session_last_seen}": "{session.last_seen_at.clone()}
            </p>
            {(!session.current).then(|| view! {
                <form method="post" action="/auth/sessioni/termina">
                    <input type="hidden" name="session" value=session.id.clone() />
                    <button type="submit" class="btn btn-outline-primary btn-sm">{m.session_end}</button>
                </form>
            })}
        </li>
    }
}

/// `/demo-idp/authorize`: the demo identity provider's page, where one picks a persona.
/// The form posts the OAuth parameters back to the provider, which checks them again.
#[component]
pub fn DemoIdpPage() -> impl IntoView {
    let m = use_lang().messages();
    let lang_index = usize::from(use_lang() == crate::i18n::Lang::En);
    let query = use_query_map();
    let param = move |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let valid = is_valid_demo_request(&param("client_id"), &param("redirect_uri"));
    let hidden = [
        "client_id",
        "redirect_uri",
        "state",
        "nonce",
        "scope",
        "acr_values",
        "code_challenge",
        "code_challenge_method",
        "response_type",
    ]
    .map(|name| (name, param(name)));
    view! {
        <Title text=m.demo_idp_title />
        <div class="container section narrow">
            <h1>{m.demo_idp_title}</h1>
            {if valid {
                view! {
                    <p class="alert alert-warning">{m.demo_idp_intro}</p>
                    <ul class="persona-list">
                        {crate::demo::PERSONAS.iter().map(|p| view! {
                            <li class="persona">
                                <form method="post" action="/demo-idp/authorize">
                                    {hidden.clone().into_iter().map(|(name, value)| view! {
                                        <input type="hidden" name=name value=value />
                                    }).collect_view()}
                                    <input type="hidden" name="persona" value=p.key />
                                    <button type="submit" class="btn btn-outline-primary persona-button">
                                        <span class="persona-name">{m.demo_idp_sign_in_as}" "{p.given_name}" "{p.family_name}</span>
                                        <span class="persona-situation">{p.situation[lang_index]}</span>
                                    </button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            } else {
                set_page_status(400);
                view! { <p class="alert alert-danger" role="alert">{m.demo_idp_bad_request}</p> }.into_any()
            }}
        </div>
    }
}

/// Whether the demo provider runs and knows this client and redirect address.
fn is_valid_demo_request(client_id: &str, redirect_uri: &str) -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .and_then(|state| state.auth.demo_idp)
            .is_some_and(|demo| demo.client_id == client_id && demo.redirect_uri == redirect_uri)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (client_id, redirect_uri);
        false
    }
}
