//! "Le mie candidature" (`/candidature`): the opportunities the person applied for, where each
//! stands and how it got there, with a way to withdraw an open one. Plain HTML and forms.

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::candidacy::CandidacyView;
use crate::citizen::FormFeedback;
use crate::i18n::Lang;
use crate::i18n::candidacy::*;
use crate::i18n::citizen::ERR_UNAVAILABLE;
use crate::request::{set_page_status, use_lang};

#[component]
pub fn CandidaciesPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| my_candidacies());
    let query = use_query_map();
    let sent = query.with_untracked(|q| q.get("inviata").and_then(|id| id.parse::<i64>().ok()));
    let withdrawn = query.with_untracked(|q| q.get("ritirata").is_some());
    let refused = use_context::<FormFeedback>()
        .filter(|f| f.is_for("withdraw"))
        .and_then(|f| f.error("candidacy"));
    view! {
        <Title text=lang.pick(TITLE) />
        <div class="container section citizen candidacies">
            <super::citizen::SectionNav current="/candidature" />
            <h1>{lang.pick(TITLE)}</h1>
            {sent.map(|_| view! { <p class="alert alert-success" role="status">{lang.pick(SENT)}</p> })}
            {withdrawn.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(WITHDRAWN_DONE)}</p> })}
            {refused.map(|code| view! { <p class="alert alert-warning" role="alert">{change_refused(&code, lang)}</p> })}
            <p>{lang.pick(INTRO)}</p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! {
                            <div class="callout">
                                <p>{lang.pick(NONE_YET)}</p>
                                <p>
                                    <a class="btn btn-primary" href="/opportunita?ordine=affinita">{lang.pick(SUGGESTED)}</a>" "
                                    <a class="btn btn-outline-primary" href="/opportunita">{lang.pick(FIND)}</a>
                                </p>
                            </div>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ol class="candidacy-list">
                                {list.into_iter().map(|c| candidacy(c, sent, lang)).collect_view()}
                            </ol>
                        }
                        .into_any(),
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

fn candidacy(c: CandidacyView, sent: Option<i64>, lang: Lang) -> impl IntoView {
    use crate::i18n::catalog::kind_name;
    let place = c.place.clone().unwrap_or_else(|| "online".to_string());
    let status_class = format!("candidacy-status status-{}", c.status.code());
    let open = c.status.is_open();
    view! {
        <li class="candidacy" data-just-sent=(sent == Some(c.opportunity_id)).then_some("true")>
            <p class="result-kind">{kind_name(c.kind, lang)}</p>
            <h2 class="h5">
                <a href=format!("/opportunita/{}", c.opportunity_id)>{c.title.clone()}</a>
            </h2>
            <p class="result-org">{format!("{} · {place}", c.organisation)}{(!c.live).then(|| format!(" · {}", lang.pick(AD_CLOSED)))}</p>
            <dl class="facts">
                <dt>{lang.pick(STATUS)}</dt>
                <dd><strong class=status_class>{status_name(c.status, lang)}</strong>{format!(". {}", status_meaning(c.status, lang))}</dd>
                <dt>{lang.pick(APPLIED_ON)}</dt>
                <dd>{c.applied_on.format("%d/%m/%Y").to_string()}</dd>
            </dl>
            <details class="candidacy-history">
                <summary>{lang.pick(HISTORY)}</summary>
                <ol>
                    {c.steps.into_iter().map(|step| view! {
                        <li>
                            {format!("{}: {}", step.at, status_name(step.status, lang))}
                            {step.note.map(|n| format!(" ({n})"))}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
            {open.then(|| view! {
                <details class="candidacy-withdraw">
                    <summary>{lang.pick(WITHDRAW)}</summary>
                    <p>{lang.pick(WITHDRAW_CONFIRM)}</p>
                    <form method="post" action=format!("/candidature/{}/ritira", c.id)>
                        <button type="submit" class="btn btn-outline-danger btn-sm">{lang.pick(WITHDRAW_YES)}</button>
                    </form>
                </details>
            })}
        </li>
    }
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::CITIZENS;
    use contract::policy::Effect::Reads;
    &[server_fn_rule::<MyCandidacies>("POST", CITIZENS, Reads)]
};

/// The signed-in person's candidacies, newest first.
#[server(prefix = "/api", endpoint = "my_candidacies")]
pub async fn my_candidacies() -> Result<Vec<CandidacyView>, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = app_state()?;
    let today = domain::calendar::rome_date(state.clock.now());
    store::candidacy::of_person(&state.db, &user.codice_fiscale, today)
        .await
        .map_err(unavailable("reading candidacies"))
}
