//! `/amministrazione/consegne`: the platform outbox, per message (administrators).

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::platforms::*;
use crate::platforms::Deliveries;
use crate::request::{set_page_status, use_lang};

#[component]
pub fn DeliveriesPage() -> impl IntoView {
    let lang = use_lang();
    let (filter, retried) =
        use_query_map().with_untracked(|q| (q.get("stato"), q.get("ritentato").is_some()));
    let data = Resource::new_blocking(move || filter.clone(), list_deliveries);
    view! {
        <Title text=lang.pick(DELIVERY_TITLE) />
        <div class="container section">
            <h1>{lang.pick(DELIVERY_TITLE)}</h1>
            <p>{lang.pick(DELIVERY_INTRO)}</p>
            {retried.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(RETRIED)}</p> })}
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! {
                            <table class="table table-sm counts" data-testid="delivery-counts">
                                <caption>{lang.pick(COUNTS_CAPTION)}</caption>
                                <tbody>
                                    {d.counts.into_iter().map(|(state, n)| view! {
                                        <tr><th scope="row"><a href=format!("?stato={state}")>{delivery_state(&state, lang)}</a></th>
                                            <td data-state=state.clone()>{n}</td></tr>
                                    }).collect_view()}
                                    <tr><th scope="row"><a href="?">{lang.pick(DELIVERY_ALL)}</a></th><td></td></tr>
                                </tbody>
                            </table>
                            {if d.messages.is_empty() {
                                view! { <p>{lang.pick(DELIVERY_EMPTY)}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="table table-sm" data-testid="deliveries">
                                            <caption class="visually-hidden">{lang.pick(DELIVERY_TITLE)}</caption>
                                            <thead><tr>
                                                <th scope="col">"#"</th>
                                                <th scope="col">{lang.pick(DESTINATION)}</th>
                                                <th scope="col">{lang.pick(KIND)}</th>
                                                <th scope="col">{lang.pick(PROTOCOL)}</th>
                                                <th scope="col">{lang.pick(STATE)}</th>
                                                <th scope="col">{lang.pick(ATTEMPTS)}</th>
                                                <th scope="col">{lang.pick(LAST_ERROR)}</th>
                                                <th scope="col">{lang.pick(NEXT_ATTEMPT)}" / "{lang.pick(DELIVERED_AT)}</th>
                                                <th scope="col">{lang.pick(ACTIONS)}</th>
                                            </tr></thead>
                                            <tbody>
                                                {d.messages.into_iter().map(|m| {
                                                    let destination = match (m.destination.as_str(), &m.agency_code) {
                                                        ("gepi", _) => "GePI".to_string(),
                                                        ("siu", _) => "SIU".to_string(),
                                                        (_, Some(code)) => format!("APL {code}"),
                                                        (other, None) => other.to_uppercase(),
                                                    };
                                                    let retry = matches!(m.state.as_str(), "failing" | "dead");
                                                    view! {
                                                        <tr data-state=m.state.clone() data-id=m.id.to_string()>
                                                            <td>{m.id}</td>
                                                            <td>{destination}</td>
                                                            <td>{delivery_kind(&m.kind, lang)}</td>
                                                            <td class="mono">{m.protocol.clone()}</td>
                                                            <td>{delivery_state(&m.state, lang)}</td>
                                                            <td>{m.attempts}</td>
                                                            <td class="small">{m.last_error.clone().unwrap_or_default()}</td>
                                                            <td>{m.delivered_at.clone().unwrap_or(m.next_attempt_at.clone())}</td>
                                                            <td>{retry.then(|| view! {
                                                                <form method="post" action=format!("/amministrazione/consegne/{}/riprova", m.id)>
                                                                    <button type="submit" class="btn btn-outline-primary btn-sm"
                                                                        aria-label=format!("{} #{}", lang.pick(RETRY), m.id)>{lang.pick(RETRY)}</button>
                                                                </form>
                                                            })}</td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
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

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::ADMINISTRATORS;
    use contract::policy::Effect::Reads;
    &[server_fn_rule::<ListDeliveries>("POST", ADMINISTRATORS, Reads)]
};

/// The platform outbox (administrators).
#[server(prefix = "/api", endpoint = "list_deliveries")]
pub async fn list_deliveries(state: Option<String>) -> Result<Deliveries, ServerFnError> {
    use crate::state::{app_state, unavailable};
    crate::auth::require(crate::policy::ADMINISTRATORS)?;
    let app = app_state()?;
    store::outbound::deliveries(&app.db, state.as_deref())
        .await
        .map_err(unavailable("listing deliveries"))
}
