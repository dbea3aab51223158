//! `/amministrazione/piattaforme`: the platforms' API clients (administrators).

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::citizen::FormFeedback;
use crate::i18n::platforms::*;
use crate::platforms::{ApiClientLine, SecretNotice};
use crate::request::{set_page_status, use_lang};

const PAGE: &str = "/amministrazione/piattaforme";

#[component]
pub fn PlatformClientsPage() -> impl IntoView {
    let lang = use_lang();
    let saved =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("salvato").is_some());
    let data = Resource::new_blocking(|| (), |_| list_api_clients());
    let notice = use_context::<SecretNotice>();
    let feedback = use_context::<FormFeedback>().filter(|f| f.is_for("api_client"));
    let name_value = feedback.as_ref().and_then(|f| f.value("nome")).unwrap_or_default();
    let platform_value = feedback.as_ref().and_then(|f| f.value("piattaforma")).unwrap_or_default();
    let name_error = feedback.as_ref().and_then(|f| f.error("nome"));
    let platform_error = feedback.as_ref().and_then(|f| f.error("piattaforma"));
    view! {
        <Title text=lang.pick(TITLE) />
        <div class="container section">
            <h1>{lang.pick(TITLE)}</h1>
            <p>{lang.pick(INTRO)}</p>
            <p><a href="/api/v1/openapi.json">{lang.pick(DOCUMENT)}</a></p>
            {saved.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(SAVED)}</p> })}
            {notice.map(|n| view! {
                <section class="alert alert-warning" role="status" aria-labelledby="secret-title" data-testid="secret-notice">
                    <h2 class="h4" id="secret-title">{lang.pick(SECRET_TITLE)}</h2>
                    <p>{lang.pick(SECRET_ONCE)}</p>
                    <dl class="facts">
                        <dt>{lang.pick(CLIENT_ID)}</dt><dd><code data-testid="client-id">{n.client_id}</code></dd>
                        <dt>{lang.pick(SECRET)}</dt><dd><code data-testid="client-secret">{n.secret}</code></dd>
                    </dl>
                    {n.previous_valid_until.map(|until| view! { <p>{lang.pick(SECRET_OVERLAP)}" "{until}"."</p> })}
                </section>
            })}
            <h2 class="h4">{lang.pick(NEW_TITLE)}</h2>
            <form method="post" action=PAGE class="api-client-form">
                <div class="form-group">
                    <label for="client-nome">{lang.pick(NAME)}</label>
                    <input id="client-nome" name="nome" class="form-input" maxlength="200" value=name_value
                        aria-invalid=name_error.is_some().then_some("true")
                        aria-describedby=name_error.is_some().then_some("client-nome-errore") />
                    {name_error.map(|code| view! { <p id="client-nome-errore" class="field-error" role="alert">{error_text(&code, lang)}</p> })}
                </div>
                <div class="form-group">
                    <label for="client-piattaforma">{lang.pick(PLATFORM)}</label>
                    <select id="client-piattaforma" name="piattaforma" class="form-input"
                        aria-invalid=platform_error.is_some().then_some("true")
                        aria-describedby=platform_error.is_some().then_some("client-piattaforma-errore")>
                        {[("inps", "INPS"), ("gepi", "GePI"), ("siu", "SIU")].into_iter().map(|(code, label)| view! {
                            <option value=code selected=platform_value == code>{label}</option>
                        }).collect_view()}
                    </select>
                    {platform_error.map(|code| view! { <p id="client-piattaforma-errore" class="field-error" role="alert">{error_text(&code, lang)}</p> })}
                </div>
                <button type="submit" class="btn btn-primary">{lang.pick(CREATE)}</button>
            </form>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p>{lang.pick(EMPTY)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap">
                                <table class="table table-sm" data-testid="api-clients">
                                    <caption class="visually-hidden">{lang.pick(TITLE)}</caption>
                                    <thead><tr>
                                        <th scope="col">{lang.pick(NAME)}</th>
                                        <th scope="col">{lang.pick(PLATFORM)}</th>
                                        <th scope="col">{lang.pick(CLIENT_ID)}</th>
                                        <th scope="col">{lang.pick(CREATED)}</th>
                                        <th scope="col">{lang.pick(ROTATED)}</th>
                                        <th scope="col">{lang.pick(STATE)}</th>
                                        <th scope="col">{lang.pick(ACTIONS)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|c| {
                                            let platform = app_platform_name(&c.platform);
                                            let rotated = match (c.rotated_on, c.previous_valid_until) {
                                                (None, _) => lang.pick(NEVER).to_string(),
                                                (Some(on), None) => on,
                                                (Some(on), Some(until)) => format!("{on} ({} {until})", lang.pick(PREVIOUS_UNTIL)),
                                            };
                                            view! {
                                                <tr data-client=c.client_id.clone()>
                                                    <td>{c.name.clone()}</td>
                                                    <td>{platform}</td>
                                                    <td class="mono">{c.client_id.clone()}</td>
                                                    <td>{c.created_on.clone()}</td>
                                                    <td>{rotated}</td>
                                                    <td>{lang.pick(if c.active { ACTIVE } else { SUSPENDED })}</td>
                                                    <td class="actions">
                                                        <form method="post" action=format!("{PAGE}/{}/segreto", c.id)>
                                                            <button type="submit" class="btn btn-outline-primary btn-sm"
                                                                aria-label=format!("{} — {}", lang.pick(ROTATE), c.name)>{lang.pick(ROTATE)}</button>
                                                        </form>
                                                        <form method="post" action=format!("{PAGE}/{}/stato", c.id)>
                                                            <input type="hidden" name="attivo" value=if c.active { "0" } else { "1" } />
                                                            <button type="submit" class="btn btn-link btn-sm"
                                                                aria-label=format!("{} — {}", lang.pick(if c.active { SUSPEND } else { REACTIVATE }), c.name)>
                                                                {lang.pick(if c.active { SUSPEND } else { REACTIVATE })}</button>
                                                        </form>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(_) => {
                            set_page_status(503);
                            view! { <p class="alert alert-danger" role="alert">{lang.pick(crate::i18n::citizen::ERR_UNAVAILABLE)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

fn app_platform_name(code: &str) -> &'static str {
    match code {
        "inps" => "INPS",
        "gepi" => "GePI",
        "siu" => "SIU",
        _ => "—",
    }
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::ADMINISTRATORS;
    use contract::policy::Effect::Reads;
    &[server_fn_rule::<ListApiClients>("POST", ADMINISTRATORS, Reads)]
};

/// Every client (administrators).
#[server(prefix = "/api", endpoint = "list_api_clients")]
pub async fn list_api_clients() -> Result<Vec<ApiClientLine>, ServerFnError> {
    use crate::state::{app_state, unavailable};
    crate::auth::require(crate::policy::ADMINISTRATORS)?;
    let state = app_state()?;
    store::interop::client_lines(&state.db, state.clock.now())
        .await
        .map_err(unavailable("listing API clients"))
}
