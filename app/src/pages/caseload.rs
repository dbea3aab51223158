//! The case managers' pages: the dashboard of assigned households (`/operatore`), a household's
//! file opened with a reason (`/operatore/nuclei/:id`), the banner of a read-only view of a
//! citizen, the citizen's access log (`/accessi`) and the administrators' assignments. All
//! rendered on the server as plain HTML and forms.

use contract::policy::ServerFnRule;
use domain::caseload::{Reason, Window};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::caseload::{
    AccessLine, AssignmentLine, DashSort, DashboardQuery, DashboardRow, DashboardView, FileAnswer,
    HouseholdFile,
};
use crate::citizen::FormFeedback;
use crate::i18n::Lang;
use crate::i18n::caseload::*;
use crate::i18n::citizen::{T, programme_label, relation_label, status_label};
use crate::request::{set_page_status, use_lang};

use super::unavailable;

/// `/operatore`.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map()
        .with_untracked(|q| DashboardQuery::from_params(|k| q.get(k).map(|v| v.to_string())));
    let data = Resource::new_blocking(move || (), {
        let query = query.clone();
        move |_| caseload(query.clone())
    });
    view! {
        <Title text=lang.pick(DASH_TITLE) />
        <div class="container section dashboard">
            <h1>{lang.pick(DASH_TITLE)}</h1>
            <p>{lang.pick(DASH_INTRO)}</p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(view) => dashboard(view, &query, lang),
                            Err(_) => unavailable(lang),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

fn dashboard(data: DashboardView, query: &DashboardQuery, lang: Lang) -> AnyView {
    if data.caseload == 0 {
        return view! { <p class="callout">{lang.pick(NONE_ASSIGNED)}</p> }.into_any();
    }
    let pages = data.pages();
    let page = query.page.min(pages);
    view! {
        <section class="dashboard-summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="h4">{format!("{}: {}", lang.pick(CASELOAD), data.caseload)}</h2>
            {chart(&data, lang)}
        </section>
        {filters(query, lang)}
        <h2 class="h4" id="results-title" aria-live="polite">{format!("{}: {}", lang.pick(RESULTS), data.total)}</h2>
        {if data.rows.is_empty() {
            view! { <p>{lang.pick(NONE_MATCH)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table dashboard-table" aria-labelledby="results-title">
                        <thead>
                            <tr>
                                <th scope="col">{lang.pick(COL_PROTOCOL)}</th>
                                <th scope="col">{lang.pick(COL_PERSON)}</th>
                                <th scope="col">{lang.pick(COL_CF)}</th>
                                <th scope="col">{lang.pick(COL_MUNICIPALITY)}</th>
                                <th scope="col">{lang.pick(STATUS)}</th>
                                <th scope="col">{lang.pick(COL_PAD)}</th>
                                <th scope="col">{lang.pick(COL_DUE)}</th>
                                <th scope="col" aria-sort=days_sort(query.sort)>
                                    <a href=DashboardQuery { sort: next_sort(query.sort), page: 1, ..query.clone() }.href(1)>
                                        {lang.pick(COL_DAYS)}
                                    </a>
                                </th>
                                <th scope="col">{lang.pick(COL_CONVOCATION)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data.rows.into_iter().map(|row| dashboard_row(row, lang)).collect_view()}
                        </tbody>
                    </table>
                </div>
                {pagination(query, page, pages, lang)}
            }
            .into_any()
        }}
    }
    .into_any()
}

fn days_sort(sort: DashSort) -> &'static str {
    match sort {
        DashSort::DueAsc => "ascending",
        DashSort::DueDesc => "descending",
        _ => "none",
    }
}

fn next_sort(sort: DashSort) -> DashSort {
    if sort == DashSort::DueAsc { DashSort::DueDesc } else { DashSort::DueAsc }
}

fn dashboard_row(row: DashboardRow, lang: Lang) -> impl IntoView {
    let overdue = row.window == Window::Overdue;
    let days = match row.days_left {
        Some(days) if days < 0 => format!("{days} ({})", lang.pick(OVERDUE)),
        Some(days) => days.to_string(),
        None => "—".into(),
    };
    let due = match (&row.due_kind, &row.due_on) {
        (Some(kind), Some(on)) => format!("{} · {on}", due_label(kind, lang)),
        _ => "—".into(),
    };
    view! {
        <tr class:overdue=overdue data-household=row.household_id>
            <th scope="row"><a href=format!("/operatore/nuclei/{}", row.household_id)>{row.protocol.clone()}</a></th>
            <td>{row.person.clone()}</td>
            <td class="mono">{row.codice_fiscale.clone()}</td>
            <td>{row.municipality.clone()}</td>
            <td>{status_label(&row.status, lang)}</td>
            <td>{row.pad_signed_on.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{due}</td>
            <td class="days-left" data-days=row.days_left.map(|d| d.to_string()).unwrap_or_default()>
                {overdue.then(|| view! { <strong class="badge-overdue">"!"</strong>" " })}
                {days}
            </td>
            <td>{row.next_convocation.clone().unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}

/// Counts by deadline window and by status as a bar chart drawn on the server, with the same
/// figures as a table for those who cannot see it.
fn chart(data: &DashboardView, lang: Lang) -> AnyView {
    let bars: Vec<(String, u64, &'static str)> = data
        .by_window
        .iter()
        .map(|(w, n)| {
            (
                window_label(*w, lang).to_string(),
                *n,
                if *w == Window::Overdue { "bar bar-overdue" } else { "bar" },
            )
        })
        .chain(
            data.by_status
                .iter()
                .map(|(s, n)| (status_label(s, lang).to_string(), *n, "bar bar-status")),
        )
        .collect();
    let max = bars.iter().map(|(_, n, _)| *n).max().unwrap_or(1).max(1);
    let row_height = 26u64;
    let height = row_height * u64::try_from(bars.len()).unwrap_or(0) + 8;
    let width = 640u64;
    let label_width = 250u64;
    let windows = data.by_window.len();
    view! {
        <figure class="dashboard-chart">
            <svg role="img" aria-labelledby="chart-title" viewBox=format!("0 0 {width} {height}") width="100%" preserveAspectRatio="xMinYMin meet">
                <title id="chart-title">{lang.pick(CHART_TITLE)}</title>
                {bars.iter().enumerate().map(|(i, (label, n, class))| {
                    let y = row_height * u64::try_from(i).unwrap_or(0) + 4;
                    let w = (width - label_width - 60) * n / max;
                    let separator = (i == windows).then(|| view! {
                        <line x1="0" x2=width.to_string() y1=(y - 2).to_string() y2=(y - 2).to_string() class="chart-separator" />
                    });
                    view! {
                        {separator}
                        <text x="0" y=(y + 16).to_string() class="chart-label">{label.clone()}</text>
                        <rect x=label_width.to_string() y=y.to_string() width=w.max(1).to_string() height="18" class=*class />
                        <text x=(label_width + w + 6).to_string() y=(y + 16).to_string() class="chart-value">{n.to_string()}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <details>
                    <summary>{lang.pick(CHART_TEXT)}</summary>
                    <div class="chart-tables">
                        <table class="table table-sm">
                            <caption>{lang.pick(BY_WINDOW)}</caption>
                            <tbody>
                                {data.by_window.iter().map(|(w, n)| view! {
                                    <tr><th scope="row">{window_label(*w, lang)}</th><td>{n.to_string()}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <table class="table table-sm">
                            <caption>{lang.pick(BY_STATUS)}</caption>
                            <tbody>
                                {data.by_status.iter().map(|(s, n)| view! {
                                    <tr><th scope="row">{status_label(s, lang)}</th><td>{n.to_string()}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </details>
            </figcaption>
        </figure>
    }
    .into_any()
}

fn filters(query: &DashboardQuery, lang: Lang) -> AnyView {
    const STATUSES: [&str; 8] = [
        "submitted",
        "under_assessment",
        "accepted",
        "rejected",
        "active",
        "suspended",
        "decaduta",
        "ended",
    ];
    view! {
        <form class="dashboard-filters" method="get" action="/operatore" aria-label=lang.pick(FILTERS)>
            <div class="form-group">
                <label for="cerca">{lang.pick(SEARCH)}</label>
                <input id="cerca" name="cerca" class="form-input" value=query.search.clone() aria-describedby="cerca-hint" autocomplete="off" />
                <small id="cerca-hint" class="form-text">{lang.pick(SEARCH_HINT)}</small>
            </div>
            <div class="form-group">
                <label for="stato">{lang.pick(STATUS)}</label>
                <select id="stato" name="stato" class="form-input">
                    <option value="">{lang.pick(ANY)}</option>
                    {STATUSES.into_iter().map(|s| view! {
                        <option value=s selected=query.status.as_deref() == Some(s)>{status_label(s, lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label for="scadenza">{lang.pick(WINDOW)}</label>
                <select id="scadenza" name="scadenza" class="form-input">
                    <option value="">{lang.pick(ANY)}</option>
                    {Window::ALL.into_iter().map(|w| view! {
                        <option value=w.code() selected=query.window == Some(w)>{window_label(w, lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label for="ordine">{lang.pick(ORDER)}</label>
                <select id="ordine" name="ordine" class="form-input">
                    {DashSort::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=query.sort == s>{sort_label(s, lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{lang.pick(APPLY)}</button>
                <a class="btn btn-link" href="/operatore">{lang.pick(RESET)}</a>
            </div>
        </form>
    }
    .into_any()
}

fn pagination(query: &DashboardQuery, page: u64, pages: u64, lang: Lang) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=lang.pick(PAGINATION)>
                {(page > 1).then(|| view! { <a rel="prev" href=query.href(page - 1)>{lang.pick(PREVIOUS)}</a> })}
                <span aria-current="page">{format!("{} {page} {} {pages}", lang.pick(PAGE), lang.pick(OF))}</span>
                {(page < pages).then(|| view! { <a rel="next" href=query.href(page + 1)>{lang.pick(NEXT)}</a> })}
            </nav>
        }
    })
}

/// The reason pick list and words, with what was typed and why it was refused.
#[component]
fn ReasonFields(feedback: Option<FormFeedback>, prefix: &'static str) -> impl IntoView {
    let lang = use_lang();
    let picked = feedback.as_ref().and_then(|f| f.value("motivo")).unwrap_or_default();
    let text = feedback.as_ref().and_then(|f| f.value("testo")).unwrap_or_default();
    let error = feedback.as_ref().and_then(|f| f.error("motivo"));
    let select_id = format!("{prefix}-motivo");
    let text_id = format!("{prefix}-testo");
    let error_id = format!("{prefix}-motivo-errore");
    view! {
        <div class="form-group">
            <label for=select_id.clone()>{lang.pick(REASON)}</label>
            <select id=select_id name="motivo" class="form-input" required=true
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then(|| error_id.clone())>
                <option value="">{lang.pick(CHOOSE)}</option>
                {Reason::ALL.into_iter().map(|r| view! {
                    <option value=r.code() selected=picked == r.code()>{reason_label(r, lang)}</option>
                }).collect_view()}
            </select>
            {error.map(|code| view! { <p id=error_id.clone() class="field-error" role="alert">{reason_error(&code, lang)}</p> })}
        </div>
        <div class="form-group">
            <label for=text_id.clone()>{lang.pick(REASON_TEXT)}</label>
            <textarea id=text_id name="testo" class="form-input" maxlength="500" rows="2">{text}</textarea>
        </div>
    }
}

/// `/operatore/nuclei/:id`.
#[component]
pub fn HouseholdFilePage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    let access =
        use_query_map().with_untracked(|q| q.get("accesso").and_then(|v| v.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        || (),
        move |_| async move {
            match id {
                Some(id) => open_household_file(id, access).await,
                None => Ok(None),
            }
        },
    );
    let feedback = use_context::<FormFeedback>();
    view! {
        <Title text=lang.pick(FILE_TITLE) />
        <div class="container section household-file">
            <p><a href="/operatore">{lang.pick(BACK)}</a></p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let feedback = feedback.clone();
                    Suspend::new(async move {
                        match (data.await, id) {
                            (Ok(Some(FileAnswer::NeedsReason { protocol })), Some(id)) => {
                                let feedback = feedback.filter(|f| f.is_for("access"));
                                view! {
                                    <h1>{format!("{} {protocol}", lang.pick(FILE_TITLE))}</h1>
                                    <form class="reason-form" method="post" action=format!("/operatore/nuclei/{id}/accesso")>
                                        <fieldset>
                                            <legend class="h4">{lang.pick(REASON_TITLE)}</legend>
                                            <p>{lang.pick(REASON_INTRO)}</p>
                                            <ReasonFields feedback=feedback prefix="accesso" />
                                        </fieldset>
                                        <button type="submit" class="btn btn-primary">{lang.pick(OPEN_FILE)}</button>
                                    </form>
                                }
                                .into_any()
                            }
                            (Ok(Some(FileAnswer::File(file))), _) => household_file(*file, feedback, lang),
                            (Ok(_), _) => {
                                set_page_status(404);
                                view! {
                                    <h1>{lang.pick(FILE_TITLE)}</h1>
                                    <p class="alert alert-warning" role="alert">{lang.pick(NOT_FOUND)}</p>
                                }
                                .into_any()
                            }
                            (Err(_), _) => unavailable(lang),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

fn household_file(file: HouseholdFile, feedback: Option<FormFeedback>, lang: Lang) -> AnyView {
    let id = file.household_id;
    let viewable: Vec<(i64, String)> =
        file.members.iter().filter(|m| m.viewable).map(|m| (m.id, m.name.clone())).collect();
    let feedback = feedback.filter(|f| f.is_for("view"));
    let member_error = feedback.as_ref().and_then(|f| f.error("membro"));
    view! {
        <h1>{format!("{} {}", lang.pick(FILE_TITLE), file.protocol)}</h1>
        <section aria-labelledby="application-title">
            <h2 id="application-title" class="h4">{lang.pick(APPLICATION)}</h2>
            <dl class="facts">
                <dt>{lang.pick(COL_PROTOCOL)}</dt><dd class="mono">{file.protocol.clone()}</dd>
                <dt>{lang.pick(PROGRAMME)}</dt><dd>{programme_label(&file.programme, lang)}</dd>
                <dt>{lang.pick(STATUS)}</dt><dd data-testid="status">{status_label(&file.status, lang)}</dd>
                <dt>{lang.pick(SUBMITTED)}</dt><dd>{file.submitted_on.clone()}</dd>
                {file.monthly_amount.clone().map(|a| view! { <dt>{lang.pick(AMOUNT)}</dt><dd>{a}</dd> })}
                {file.due_kind.clone().zip(file.due_on.clone()).map(|(k, on)| view! {
                    <dt>{lang.pick(COL_DUE)}</dt><dd>{format!("{} · {on}", due_label(&k, lang))}</dd>
                })}
            </dl>
            <h3 class="h5">{lang.pick(HISTORY)}</h3>
            <table class="table table-sm">
                <thead><tr>
                    <th scope="col">{lang.pick(COL_DATE)}</th>
                    <th scope="col">{lang.pick(COL_CHANGE)}</th>
                    <th scope="col">{lang.pick(COL_WHY)}</th>
                </tr></thead>
                <tbody>
                    {file.history.into_iter().map(|step| view! {
                        <tr>
                            <td>{step.effective_on}</td>
                            <td>{format!("{} → {}", step.from.as_deref().map(|f| status_label(f, lang)).unwrap_or("—"), status_label(&step.to, lang))}</td>
                            <td>{step.reason}{step.rule.map(|r| format!(" ({})", crate::i18n::citizen::law_of(&r)))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="pad-title">
            <h2 id="pad-title" class="h4">{lang.pick(PAD)}</h2>
            {match (file.pad_signed_on, file.pad_sha256) {
                (Some(on), Some(sha)) => view! {
                    <dl class="facts">
                        <dt>{lang.pick(PAD_SIGNED_ON)}</dt><dd>{on}</dd>
                        <dt>{lang.pick(crate::i18n::citizen::RECEIPT_ADDRESS)}</dt>
                        <dd data-testid="file-pad-address">{file.pad_convocation_address.clone().unwrap_or_default()}</dd>
                        <dt>{lang.pick(crate::i18n::citizen::PAD_CONSENTS)}</dt>
                        <dd data-testid="file-pad-consents"><ul class="plain">
                            {file.pad_consents.iter().map(|c| view! { <li>{consent_label(c, lang)}</li> }).collect_view()}
                        </ul></dd>
                        {file.pad_platform_only.then(|| view! {
                            <dt>{lang.pick(crate::i18n::citizen::RECEIPT_CONTACTS)}</dt>
                            <dd>{lang.pick(crate::i18n::citizen::CONTACTS_NONE)}</dd>
                        })}
                        <dt>{lang.pick(PAD_HASH)}</dt><dd class="mono hash">{sha}</dd>
                    </dl>
                }.into_any(),
                _ => view! { <p>{lang.pick(PAD_NOT_SIGNED)}</p> }.into_any(),
            }}
        </section>
        <section aria-labelledby="household-title">
            <h2 id="household-title" class="h4">{lang.pick(HOUSEHOLD)}</h2>
            <dl class="facts">
                <dt>{lang.pick(ADDRESS)}</dt><dd>{file.address.clone()}</dd>
                <dt>{lang.pick(COL_MUNICIPALITY)}</dt><dd>{file.municipality.clone()}</dd>
            </dl>
            <h3 class="h5">{lang.pick(MEMBERS)}</h3>
            <div class="table-wrap">
                <table class="table table-sm">
                    <thead><tr>
                        <th scope="col">{lang.pick(COL_NAME)}</th>
                        <th scope="col">{lang.pick(COL_CF)}</th>
                        <th scope="col">{lang.pick(COL_BIRTH)}</th>
                        <th scope="col">{lang.pick(COL_RELATION)}</th>
                        <th scope="col">{lang.pick(COL_NOTES)}</th>
                        <th scope="col">{lang.pick(COL_DUE)}</th>
                    </tr></thead>
                    <tbody>
                        {file.members.into_iter().map(|m| {
                            let mut notes = Vec::new();
                            if m.attivabile { notes.push(lang.pick(ATTIVABILE)); }
                            if m.disabled { notes.push(lang.pick(DISABLED)); }
                            view! {
                                <tr>
                                    <th scope="row">{m.name}</th>
                                    <td class="mono">{m.codice_fiscale}</td>
                                    <td>{m.birth_date}</td>
                                    <td>{relation_label(&m.relation, lang)}</td>
                                    <td>{notes.join(", ")}</td>
                                    <td>{m.due_kind.zip(m.due_on).map(|(k, on)| format!("{} · {on}", due_label(&k, lang))).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="contacts-title">
            <h2 id="contacts-title" class="h4">{lang.pick(CONTACTS)}</h2>
            {if file.contacts.is_empty() {
                view! { <p>{lang.pick(NO_CONTACTS)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {file.contacts.into_iter().map(|c| view! {
                            <li>{format!("{}: {} ({} {})", c.member, crate::i18n::citizen::contact_line(&c.kind, &c.value, lang), lang.pick(CERTIFIED_ON), c.certified_at)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!file.requests.is_empty()).then(|| view! {
            <section aria-labelledby="requests-title">
                <h2 id="requests-title" class="h4">{lang.pick(REQUESTS)}</h2>
                <ul data-testid="file-requests">
                    {file.requests.clone().into_iter().map(|r| view! {
                        <li>
                            <strong>{request_kind_label(&r.kind, lang)}</strong>
                            {format!(" — {}, {} {} ({})", r.member, lang.pick(SENT_ON), r.sent_on, r.convocation)}
                            <br /><span>{r.text}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="small">{lang.pick(REQUESTS_HELP)}</p>
            </section>
        })}
        {(!file.path_updates.is_empty()).then(|| view! {
            <section aria-labelledby="path-title">
                <h2 id="path-title" class="h4">{lang.pick(crate::i18n::citizen::PATH_UPDATES)}</h2>
                {crate::pages::citizen::path_update_list(file.path_updates, lang, "file-path-updates")}
            </section>
        })}
        {(!viewable.is_empty()).then(|| view! {
            <section aria-labelledby="view-title" class="view-as">
                <h2 id="view-title" class="h4">{lang.pick(VIEW_AS)}</h2>
                <p>{lang.pick(VIEW_AS_INTRO)}</p>
                <form method="post" action=format!("/operatore/nuclei/{id}/visualizza")>
                    <div class="form-group">
                        <label for="view-membro">{lang.pick(MEMBER)}</label>
                        <select id="view-membro" name="membro" class="form-input"
                            aria-invalid=member_error.is_some().then_some("true")>
                            {viewable.into_iter().map(|(mid, name)| view! { <option value=mid.to_string()>{name}</option> }).collect_view()}
                        </select>
                        {member_error.map(|code| view! { <p class="field-error" role="alert">{reason_error(&code, lang)}</p> })}
                    </div>
                    <ReasonFields feedback=feedback prefix="view" />
                    <button type="submit" class="btn btn-primary">{lang.pick(VIEW_START)}</button>
                </form>
            </section>
        })}
    }
    .into_any()
}

/// The banner over every page of an operator's read-only view of a citizen.
#[component]
pub fn ViewingBanner() -> impl IntoView {
    let lang = use_lang();
    crate::auth::current_user().filter(|u| u.is_viewing()).map(|user| {
        view! {
            <div class="viewing-banner" role="region" aria-label=lang.pick(BANNER)>
                <div class="container viewing-banner-inner">
                    <p>
                        <strong>{format!("{} {} ({})", lang.pick(BANNER), user.full_name(), user.codice_fiscale)}</strong>
                        ". "{lang.pick(BANNER_NOTE)}
                    </p>
                    <form method="post" action="/visualizzazione/termina">
                        <button type="submit" class="btn btn-light btn-sm">{lang.pick(BANNER_LEAVE)}</button>
                    </form>
                </div>
            </div>
        }
    })
}

/// `/accessi`: who looked at the citizen's household data.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| my_data_accesses());
    view! {
        <Title text=lang.pick(LOG_TITLE) />
        <div class="container section citizen access-log">
            <super::citizen::SectionNav current="/accessi" />
            <h1>{lang.pick(LOG_TITLE)}</h1>
            <p>{lang.pick(LOG_INTRO)}</p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p class="callout">{lang.pick(LOG_EMPTY)}</p> }.into_any(),
                        Ok(list) => access_table(list, lang),
                        Err(_) => unavailable(lang),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn access_table(list: Vec<AccessLine>, lang: Lang) -> AnyView {
    view! {
        <div class="table-wrap">
            <table class="table access-table">
                <caption class="visually-hidden">{lang.pick(LOG_TITLE)}</caption>
                <thead><tr>
                    <th scope="col">{lang.pick(COL_WHEN)}</th>
                    <th scope="col">{lang.pick(COL_WHO)}</th>
                    <th scope="col">{lang.pick(COL_WHAT)}</th>
                    <th scope="col">{lang.pick(COL_WHY)}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|a| {
                        let what = match (a.purpose.as_str(), a.member) {
                            ("impersonation", Some(name)) => format!("{} {name}", lang.pick(PURPOSE_VIEW)),
                            _ => lang.pick(PURPOSE_DETAIL).to_string(),
                        };
                        let why = if a.reason_text.is_empty() {
                            reason_code_label(&a.reason, lang).to_string()
                        } else {
                            format!("{}: {}", reason_code_label(&a.reason, lang), a.reason_text)
                        };
                        view! {
                            <tr>
                                <td>{a.at}</td>
                                <td>{format!("{}, {}", role_label(&a.role, lang), a.organisation)}</td>
                                <td>{what}</td>
                                <td>{why}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Assigning a whole municipality (to a case manager) or a job centre's province (its
/// attivabili, to a CPI operator) in one action.
fn area_form(feedback: Option<FormFeedback>, lang: Lang) -> impl IntoView {
    let value = |field: &str| feedback.as_ref().and_then(|f| f.value(field)).unwrap_or_default();
    let error = |field: &str| feedback.as_ref().and_then(|f| f.error(field));
    let input = |name: &'static str, label: T, hint: T, maxlength: &'static str| {
        let id = format!("area-{name}");
        let error_id = format!("{id}-errore");
        let hint_id = format!("{id}-aiuto");
        let error = error(name);
        let described =
            if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
        view! {
            <div class="form-group">
                <label for=id.clone()>{lang.pick(label)}</label>
                <p id=hint_id class="field-hint">{lang.pick(hint)}</p>
                <input id=id name=name class="form-input" value=value(name) maxlength=maxlength
                    aria-invalid=error.is_some().then_some("true") aria-describedby=described />
                {error.map(|code| view! { <p id=error_id.clone() class="field-error" role="alert">{assign_error(&code, lang)}</p> })}
            </div>
        }
    };
    view! {
        <section aria-labelledby="area-title" class="assign-area">
            <h2 id="area-title" class="h4">{lang.pick(AREA_TITLE)}</h2>
            <p>{lang.pick(AREA_INTRO)}</p>
            <form method="post" action="/amministrazione/assegnazioni/area" class="assign-form">
                {input("operatore", ASSIGN_OPERATOR, AREA_OPERATOR_HINT, "16")}
                {input("comune", AREA_MUNICIPALITY, AREA_MUNICIPALITY_HINT, "4")}
                {input("provincia", AREA_PROVINCE, AREA_PROVINCE_HINT, "2")}
                <button type="submit" class="btn btn-primary">{lang.pick(AREA_SUBMIT)}</button>
            </form>
        </section>
    }
}

/// `/amministrazione/assegnazioni`.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let lang = use_lang();
    let saved = use_query_map().with_untracked(|q| q.get("salvato").is_some());
    // A bulk assignment says how many it assigned, and how many were already.
    let bulk = use_query_map().with_untracked(|q| {
        q.get("assegnati")
            .and_then(|n| n.parse::<usize>().ok())
            .map(|n| (n, q.get("gia").and_then(|g| g.parse::<usize>().ok()).unwrap_or(0)))
    });
    let data = Resource::new_blocking(|| (), |_| list_assignments());
    let area_feedback = use_context::<FormFeedback>().filter(|f| f.is_for("area"));
    let feedback = use_context::<FormFeedback>().filter(|f| f.is_for("assign"));
    let value = {
        let feedback = feedback.clone();
        move |field: &str| feedback.as_ref().and_then(|f| f.value(field)).unwrap_or_default()
    };
    let error = {
        let feedback = feedback.clone();
        move |field: &str| feedback.as_ref().and_then(|f| f.error(field))
    };
    let field = move |name: &'static str, label: T| {
        let id = format!("assegna-{name}");
        let error_id = format!("{id}-errore");
        let error = error(name);
        view! {
            <div class="form-group">
                <label for=id.clone()>{lang.pick(label)}</label>
                <input id=id name=name class="form-input" value=value(name)
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| error_id.clone()) />
                {error.map(|code| view! { <p id=error_id.clone() class="field-error" role="alert">{assign_error(&code, lang)}</p> })}
            </div>
        }
    };
    view! {
        <Title text=lang.pick(ASSIGN_TITLE) />
        <div class="container section">
            <h1>{lang.pick(ASSIGN_TITLE)}</h1>
            <p>{lang.pick(ASSIGN_INTRO)}</p>
            {saved.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(ASSIGN_SAVED)}</p> })}
            {bulk.map(|(assigned, already)| view! {
                <p class="alert alert-success" role="status" data-testid="bulk-saved">{area_saved_text(assigned, already, lang)}</p>
            })}
            <form method="post" action="/amministrazione/assegnazioni" class="assign-form">
                {field("operatore", ASSIGN_OPERATOR)}
                {field("protocollo", ASSIGN_PROTOCOL)}
                {field("membro", ASSIGN_MEMBER)}
                <button type="submit" class="btn btn-primary">{lang.pick(ASSIGN_SUBMIT)}</button>
            </form>
            {area_form(area_feedback, lang)}
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p>{lang.pick(ASSIGN_EMPTY)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-wrap">
                                <table class="table table-sm">
                                    <caption class="visually-hidden">{lang.pick(ASSIGN_TITLE)}</caption>
                                    <thead><tr>
                                        <th scope="col">{lang.pick(COL_OPERATOR)}</th>
                                        <th scope="col">{lang.pick(COL_ORGANISATION)}</th>
                                        <th scope="col">{lang.pick(COL_PROTOCOL)}</th>
                                        <th scope="col">{lang.pick(MEMBER)}</th>
                                        <th scope="col">{lang.pick(COL_SINCE)}</th>
                                        <th scope="col"><span class="visually-hidden">{lang.pick(ASSIGN_REMOVE)}</span></th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|a| view! {
                                            <tr>
                                                <td class="mono">{a.operator}</td>
                                                <td>{a.organisation}</td>
                                                <td class="mono">{a.protocol}</td>
                                                <td>{a.member.unwrap_or_else(|| lang.pick(WHOLE_HOUSEHOLD).to_string())}</td>
                                                <td>{a.assigned_on}</td>
                                                <td>
                                                    <form method="post" action="/amministrazione/assegnazioni">
                                                        <input type="hidden" name="revoca" value=a.id.to_string() />
                                                        <button type="submit" class="btn btn-link btn-sm">{lang.pick(ASSIGN_REMOVE)}</button>
                                                    </form>
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(_) => unavailable(lang),
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
    use contract::policy::CITIZENS;
    use contract::policy::Effect::Reads;
    use contract::policy::OPERATORS;
    &[
        server_fn_rule::<Caseload>("POST", OPERATORS, Reads),
        server_fn_rule::<OpenHouseholdFile>("POST", OPERATORS, Reads),
        server_fn_rule::<MyDataAccesses>("POST", CITIZENS, Reads),
        server_fn_rule::<ListAssignments>("POST", ADMINISTRATORS, Reads),
    ]
};

/// The signed-in operator's dashboard (the policy admits case managers and CPI operators).
#[server(prefix = "/api", endpoint = "caseload")]
pub async fn caseload(query: DashboardQuery) -> Result<DashboardView, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let user = crate::auth::require(crate::policy::OPERATORS)?;
    let state = app_state()?;
    store::caseload::dashboard(&state.db, &user.codice_fiscale, &query, state.clock.now())
        .await
        .map_err(unavailable("reading the dashboard"))
}

/// A household's file: `None` when it is not assigned to the operator (as if it did not
/// exist); the file itself only with a live reason (`access`, given on this household).
#[server(prefix = "/api", endpoint = "open_household_file")]
pub async fn open_household_file(
    id: i64,
    access: Option<i64>,
) -> Result<Option<FileAnswer>, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let user = crate::auth::require(crate::policy::OPERATORS)?;
    let state = app_state()?;
    let file =
        store::caseload::open_file(&state.db, &user.codice_fiscale, id, access, state.clock.now())
            .await
            .map_err(unavailable("opening a household's file"))?;
    if file.is_none() {
        // Not assigned reads as not there, whether asked by the page or directly.
        set_page_status(404);
    }
    Ok(file)
}

/// Who looked at the signed-in citizen's household data.
#[server(prefix = "/api", endpoint = "my_data_accesses")]
pub async fn my_data_accesses() -> Result<Vec<AccessLine>, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = app_state()?;
    store::caseload::accesses_of_person(&state.db, &user.codice_fiscale)
        .await
        .map_err(unavailable("reading the access log"))
}

/// Every assignment (administrators).
#[server(prefix = "/api", endpoint = "list_assignments")]
pub async fn list_assignments() -> Result<Vec<AssignmentLine>, ServerFnError> {
    use crate::state::{app_state, unavailable};
    crate::auth::require(crate::policy::ADMINISTRATORS)?;
    let state = app_state()?;
    store::caseload::assignments(&state.db).await.map_err(unavailable("listing assignments"))
}
