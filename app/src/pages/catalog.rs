//! The catalogue: the search page (`/opportunita`) and each opportunity's page
//! (`/opportunita/{id}`). Public, server-rendered from the URL alone: a plain GET form with no
//! script needed; the only island is the place autocomplete, which degrades to a text field.

use contract::policy::ServerFnRule;
use domain::NaiveDate;
use domain::catalog::{Contract, FULL_TIME_WEEKLY_HOURS, Kind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::candidacy::ApplyState;
use crate::catalog::{
    Card, CatalogQuery, Detail, ForYou, HOME, HOURS_PCT, Notice, RADII_KM, Results, Sort, Where,
};
use crate::citizen::FormFeedback;
use crate::components::Autocomplete;
use crate::cv::SuggestionKind;
use crate::i18n::Lang;
use crate::i18n::catalog::*;
use crate::i18n::cv::{AC_NONE, AC_RESULTS};
use crate::request::{set_page_status, use_lang};
use domain::candidacy::Refusal;

fn day(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The search page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let lang = use_lang();
    let raw = request_query();
    let data = Resource::new_blocking(move || raw.clone(), |q| search_catalog(Some(q)));
    view! {
        <Title text=lang.pick(CAT_TITLE) />
        <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(results) => view! { <CatalogView results /> }.into_any(),
                    Err(_) => {
                        set_page_status(503);
                        let results = Results {
                            query: CatalogQuery { page: 1, ..Default::default() },
                            notices: vec![Notice::Unavailable],
                            place_label: None,
                            total: 0,
                            total_capped: false,
                            pages: 0,
                            cards: Vec::new(),
                            signed_in: false,
                        };
                        view! { <CatalogView results /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The search form and a page of results: everything the page shows, from the results alone
/// (the render benchmark calls it directly).
#[component]
pub fn CatalogView(results: Results) -> impl IntoView {
    let lang = use_lang();
    let Results { query, notices, place_label, total, total_capped, pages, cards, signed_in } =
        results;
    let summary = results_count(total, total_capped, lang);
    let heading = match (&place_label, query.radius_km) {
        (Some(place), Some(km)) => format!("{summary} · {km} {} {place}", lang.pick(CAT_KM_FROM)),
        (Some(place), None) => format!("{summary} · {place}"),
        _ => summary,
    };
    let page = query.page;
    view! {
        <div class="container section catalog">
            <h1>{lang.pick(CAT_HEADING)}</h1>
            <p class="lead">{lang.pick(CAT_INTRO)}</p>
            <SearchForm query=query.clone() place_label signed_in />
            <Notices notices query=query.clone() />
            <section class="results" aria-labelledby="risultati">
                <h2 id="risultati" class="h4">{heading}</h2>
                {(query.sort == Sort::Affinity).then(|| view! { <p class="result-cap">{lang.pick(CAT_SUGGESTED_INTRO)}</p> })}
                {total_capped.then(|| view! { <p class="result-cap">{lang.pick(CAT_CAPPED)}</p> })}
                {if cards.is_empty() {
                    view! { <p>{lang.pick(CAT_NONE)}</p> }.into_any()
                } else {
                    let link_query = query.to_query(page);
                    view! {
                        <ol class="result-list">
                            {cards.into_iter().map(|card| view! { <ResultCard card link_query=link_query.clone() /> }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                <Pagination query pages />
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn SearchForm(query: CatalogQuery, place_label: Option<String>, signed_in: bool) -> impl IntoView {
    let lang = use_lang();
    let (place_text, place_code) = match (&query.place, &place_label) {
        (Some(Where::Home), Some(label)) => {
            (format!("{} ({label})", lang.pick(CAT_HOME)), HOME.to_string())
        }
        (Some(Where::Municipality(code) | Where::Province(code)), Some(label)) => {
            (label.clone(), code.clone())
        }
        _ => (String::new(), String::new()),
    };
    let extra = usize::from(!query.kinds.is_empty())
        + usize::from(query.contract.is_some())
        + usize::from(query.min_hours_pct.is_some())
        + usize::from(query.starts_from.is_some())
        + usize::from(query.starts_by.is_some());
    let more = if extra > 0 {
        format!("{} ({extra} {})", lang.pick(CAT_MORE_FILTERS), lang.pick(CAT_ACTIVE))
    } else {
        lang.pick(CAT_MORE_FILTERS).to_string()
    };
    let open_filters = extra > 0;
    let date =
        |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    view! {
        <form method="get" action="/opportunita" class="catalog-search" role="search">
            <div class="form-field">
                <label for="q">{lang.pick(CAT_WHAT)}</label>
                <p id="q-hint" class="field-hint">{lang.pick(CAT_WHAT_HINT)}</p>
                <input id="q" name="q" type="search" class="form-input" maxlength="200"
                    aria-describedby="q-hint" value=query.text.clone() />
            </div>
            <div class="search-where">
                <Autocomplete id="dove".to_string() name="dove".to_string() kind=SuggestionKind::Place
                    label=lang.pick(CAT_WHERE).to_string() value=place_text.clone() code=place_code
                    picked_for=place_text hint=Some(lang.pick(CAT_WHERE_HINT).to_string()) error=None
                    results_text=lang.pick(AC_RESULTS).to_string() none_text=lang.pick(AC_NONE).to_string()
                    required=false />
                <div class="form-field">
                    <label for="raggio">{lang.pick(CAT_RADIUS)}</label>
                    <select id="raggio" name="raggio" class="form-input">
                        <option value="" selected=query.radius_km.is_none()>{lang.pick(CAT_RADIUS_NONE)}</option>
                        {RADII_KM.iter().map(|km| view! {
                            <option value=km.to_string() selected=query.radius_km == Some(*km)>{format!("{km} km")}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <details class="more-filters" open=open_filters>
                <summary>{more}</summary>
                <fieldset class="form-field">
                    <legend>{lang.pick(CAT_KIND)}</legend>
                    {Kind::ALL.iter().map(|kind| {
                        let id = format!("tipo-{}", kind.code());
                        view! {
                            <div class="form-check-line">
                                <input type="checkbox" id=id.clone() name="tipo" value=kind.code() checked=query.kinds.contains(kind) />
                                <label for=id>{kind_filter_name(*kind, lang)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="form-field">
                    <label for="contratto">{lang.pick(CAT_CONTRACT)}</label>
                    <select id="contratto" name="contratto" class="form-input">
                        <option value="">{lang.pick(CAT_ANY)}</option>
                        {Contract::ALL.iter().map(|c| view! {
                            <option value=c.code() selected=query.contract == Some(*c)>{contract_name(*c, lang)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-field">
                    <label for="ore">{lang.pick(CAT_HOURS)}</label>
                    <select id="ore" name="ore" class="form-input">
                        <option value="">{lang.pick(CAT_ANY)}</option>
                        {HOURS_PCT.iter().map(|pct| {
                            let text = if *pct == 100 { lang.pick(CAT_FULL_TIME).to_string() } else { format!("{pct}% {}", lang.pick(CAT_OF_FULL_TIME)) };
                            view! { <option value=pct.to_string() selected=query.min_hours_pct == Some(*pct)>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-field">
                    <label for="inizio_dal">{lang.pick(CAT_STARTS_FROM)}</label>
                    <input id="inizio_dal" name="inizio_dal" type="date" class="form-input" value=date(query.starts_from) />
                </div>
                <div class="form-field">
                    <label for="inizio_entro">{lang.pick(CAT_STARTS_BY)}</label>
                    <input id="inizio_entro" name="inizio_entro" type="date" class="form-input" value=date(query.starts_by) />
                </div>
            </details>
            <div class="form-field">
                <label for="ordine">{lang.pick(CAT_SORT)}</label>
                <select id="ordine" name="ordine" class="form-input">
                    {Sort::ALL.iter().filter(|s| signed_in || **s != Sort::Affinity).map(|s| view! {
                        <option value=s.code() selected=query.sort == *s>{sort_name(*s, lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{lang.pick(CAT_SEARCH)}</button>
                <a class="btn btn-link" href="/opportunita">{lang.pick(CAT_CLEAR)}</a>
                {signed_in.then(|| {
                    let suggested = CatalogQuery { sort: Sort::Affinity, page: 1, ..query.clone() };
                    view! { <a class="btn btn-link" href=suggested.href(1)>{lang.pick(CAT_SUGGESTED)}</a> }
                })}
                {signed_in.then(|| {
                    let near = CatalogQuery { place: Some(Where::Home), radius_km: Some(30), sort: Sort::Distance, page: 1, ..query.clone() };
                    view! { <a class="btn btn-link" href=near.href(1)>{lang.pick(CAT_NEAR_HOME)}</a> }
                })}
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn Notices(notices: Vec<Notice>, query: CatalogQuery) -> impl IntoView {
    let lang = use_lang();
    (!notices.is_empty()).then(|| {
        view! {
            <div class="alert alert-warning notices" role="status">
                <p class="h6">{lang.pick(CAT_NOTICES)}</p>
                <ul>
                    {notices.into_iter().map(|notice| {
                        let choices = match &notice {
                            Notice::AmbiguousPlace(_, options) => options.clone(),
                            _ => Vec::new(),
                        };
                        let text = notice_text(&notice, lang);
                        let query = query.clone();
                        view! {
                            <li>
                                {text}
                                {(!choices.is_empty()).then(|| view! {
                                    <ul class="place-choices" aria-label=lang.pick(CAT_PICK_PLACE)>
                                        {choices.into_iter().map(|(code, label)| {
                                            let place = if code.len() == 2 { Where::Province(code) } else { Where::Municipality(code) };
                                            let href = CatalogQuery { place: Some(place), page: 1, ..query.clone() }.href(1);
                                            view! { <li><a href=href>{label}</a></li> }
                                        }).collect_view()}
                                    </ul>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    })
}

/// "Tempo determinato, 6 mesi · 75%"-style facts shared by cards and pages.
fn terms_text(card: &Card, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(c) = card.contract {
        parts.push(contract_name(c, lang).to_string());
    }
    if let Some(m) = card.duration_months {
        parts.push(months(m, lang));
    }
    if let Some(h) = card.total_hours {
        parts.push(format!("{h} {}", lang.pick(CAT_TOTAL_HOURS)));
    }
    if let Some(pct) = card.hours_pct {
        parts.push(hours_text(card.kind, pct, lang));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn months(m: i32, lang: Lang) -> String {
    format!("{m} {}", lang.pick(if m == 1 { CAT_ONE_MONTH } else { CAT_MONTHS }))
}

fn hours_text(kind: Kind, pct: i32, lang: Lang) -> String {
    let weekly = i64::from(pct) * i64::from(FULL_TIME_WEEKLY_HOURS) / 100;
    match (kind, pct) {
        (Kind::Puc, _) => format!("{weekly} {}", lang.pick(CAT_WEEKLY_HOURS)),
        (_, 100) => lang.pick(CAT_FULL_TIME).to_string(),
        _ => format!(
            "{pct}% {} ({weekly} {})",
            lang.pick(CAT_OF_FULL_TIME),
            lang.pick(CAT_WEEKLY_HOURS)
        ),
    }
}

fn place_text(card: &Card, origin: Option<&str>, lang: Lang) -> String {
    let place = card.place.clone().unwrap_or_else(|| lang.pick(CAT_ONLINE).to_string());
    match (card.distance_km, origin) {
        (Some(0), Some(origin)) => format!("{place} · {} {origin}", lang.pick(CAT_UNDER_1_KM)),
        (Some(km), Some(origin)) => format!("{place} · {km} {} {origin}", lang.pick(CAT_KM_FROM)),
        (Some(0), None) => format!("{place} · < 1 km"),
        (Some(km), None) => format!("{place} · {km} km"),
        _ => place,
    }
}

#[component]
fn ResultCard(card: Card, link_query: String) -> impl IntoView {
    let lang = use_lang();
    let href = if link_query.is_empty() {
        format!("/opportunita/{}", card.id)
    } else {
        format!("/opportunita/{}?{link_query}", card.id)
    };
    let terms = terms_text(&card, lang);
    let place = place_text(&card, None, lang);
    view! {
        <li class="result">
            <p class="result-kind">{kind_name(card.kind, lang)}</p>
            {card.affinity.map(|a| view! {
                <p class="result-affinity">{format!("{} {a} {} 100", lang.pick(crate::i18n::matching::AFFINITY), lang.pick(crate::i18n::matching::OUT_OF))}</p>
            })}
            <h3 class="h5"><a href=href>{card.title}</a></h3>
            {card.applied.then(|| view! { <p class="result-applied">{lang.pick(crate::i18n::candidacy::APPLIED_BADGE)}</p> })}
            <p class="result-org">{card.organisation}</p>
            <p class="result-place">{place}</p>
            {terms.map(|t| view! { <p class="result-terms">{t}</p> })}
            <p class="result-dates">{format!("{} {} · {} {}", lang.pick(CAT_STARTS), day(card.starts_on), lang.pick(CAT_PUBLISHED).to_lowercase(), day(card.published_on))}</p>
        </li>
    }
}

#[component]
fn Pagination(query: CatalogQuery, pages: u32) -> impl IntoView {
    let lang = use_lang();
    let page = query.page;
    (pages > 1).then(|| {
        // First, last, and two either side of the current page.
        let shown: Vec<u32> = (1..=pages)
            .filter(|p| *p == 1 || *p == pages || p.abs_diff(page) <= 2)
            .collect();
        view! {
            <nav class="pagination-nav" aria-label=lang.pick(CAT_PAGES)>
                <p class="page-status">{format!("{} {page} {} {pages}", lang.pick(CAT_PAGE), lang.pick(CAT_OF))}</p>
                <ul class="pagination">
                    {(page > 1).then(|| view! { <li><a rel="prev" href=query.href(page - 1)>{lang.pick(CAT_PREVIOUS)}</a></li> })}
                    {shown.into_iter().map(|p| {
                        let label = format!("{} {p}", lang.pick(CAT_PAGE));
                        if p == page {
                            view! { <li><a aria-current="page" aria-label=label href=query.href(p)>{p}</a></li> }.into_any()
                        } else {
                            view! { <li><a aria-label=label href=query.href(p)>{p}</a></li> }.into_any()
                        }
                    }).collect_view()}
                    {(page < pages).then(|| view! { <li><a rel="next" href=query.href(page + 1)>{lang.pick(CAT_NEXT)}</a></li> })}
                </ul>
            </nav>
        }
        .into_any()
    })
}

/// An opportunity's page.
#[component]
pub fn OpportunityPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let raw = request_query();
    let data = Resource::new_blocking(
        move || (id.clone(), raw.clone()),
        |(id, q)| opportunity(Some(id), Some(q)),
    );
    view! {
        <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(detail)) => view! { <DetailView detail back=request_query() /> }.into_any(),
                    Ok(None) => {
                        set_page_status(404);
                        view! {
                            <Title text=lang.pick(CAT_NOT_FOUND) />
                            <div class="container section">
                                <h1>{lang.pick(CAT_NOT_FOUND)}</h1>
                                <p>{lang.pick(CAT_NOT_FOUND_TEXT)}</p>
                                <p><a class="btn btn-primary" href="/opportunita">{lang.pick(CAT_TITLE)}</a></p>
                            </div>
                        }.into_any()
                    }
                    Err(_) => {
                        set_page_status(503);
                        view! {
                            <div class="container section">
                                <p class="alert alert-danger" role="alert">{notice_text(&Notice::Unavailable, lang)}</p>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn DetailView(detail: Detail, back: String) -> impl IntoView {
    let lang = use_lang();
    if detail.expired {
        // Gone: kept for the record, no longer offered.
        set_page_status(410);
    }
    let card = &detail.card;
    let back_href =
        if back.is_empty() { "/opportunita".to_string() } else { format!("/opportunita?{back}") };
    let place = {
        let mut text = place_text(card, detail.origin.as_deref(), lang);
        if let Some(region) = &detail.region
            && let Some(place) = &card.place
        {
            text = text.replacen(place.as_str(), &format!("{place}, {region}"), 1);
        }
        text
    };
    let pay = match (card.kind, card.pay_monthly) {
        (Kind::Job, Some(p)) => Some((
            CAT_PAY,
            format!(
                "€ {} {}",
                thousands(u64::try_from(p).unwrap_or(0), lang),
                lang.pick(CAT_GROSS_MONTH)
            ),
        )),
        (Kind::Job, None) => Some((CAT_PAY, lang.pick(CAT_PAY_NONE).to_string())),
        (Kind::Internship, Some(p)) => Some((
            CAT_ALLOWANCE,
            format!(
                "€ {} {}",
                thousands(u64::try_from(p).unwrap_or(0), lang),
                lang.pick(CAT_MONTH)
            ),
        )),
        _ => None,
    };
    let mut facts: Vec<(&'static str, String)> = vec![(lang.pick(CAT_PLACE), place)];
    if let Some(o) = &detail.occupation {
        facts.push((lang.pick(CAT_OCCUPATION), o.clone()));
    }
    if let Some(c) = card.contract {
        facts.push((lang.pick(CAT_CONTRACT), contract_name(c, lang).to_string()));
    }
    if let Some(m) = card.duration_months {
        facts.push((lang.pick(CAT_DURATION), months(m, lang)));
    }
    if let Some(h) = card.total_hours {
        facts.push((lang.pick(CAT_DURATION), format!("{h} {}", lang.pick(CAT_TOTAL_HOURS))));
    }
    if let Some(pct) = card.hours_pct {
        facts.push((lang.pick(CAT_HOURS_LABEL), hours_text(card.kind, pct, lang)));
    }
    if let Some((label, text)) = pay {
        facts.push((lang.pick(label), text));
    }
    if let Some(l) = detail.eqf_level {
        facts.push((lang.pick(CAT_EQF), l.to_string()));
    }
    if let Some(t) = &detail.topic {
        facts.push((lang.pick(CAT_TOPIC), t.clone()));
    }
    facts.push((lang.pick(CAT_STARTS), day(card.starts_on)));
    if let Some(end) = detail.ends_on {
        facts.push((lang.pick(CAT_END), day(end)));
    }
    facts.push((lang.pick(CAT_PUBLISHED), day(card.published_on)));
    facts.push((lang.pick(CAT_EXPIRES), day(detail.expires_on)));
    let Detail { description, skills, expired, for_you, apply, .. } = detail.clone();
    let id = detail.card.id;
    view! {
        <Title text=detail.card.title.clone() />
        <div class="container section opportunity">
            <p><a href=back_href>{lang.pick(CAT_BACK)}</a></p>
            <p class="result-kind">{kind_name(detail.card.kind, lang)}</p>
            <h1>{detail.card.title.clone()}</h1>
            <p class="lead">{detail.card.organisation.clone()}</p>
            {expired.then(|| view! { <p class="alert alert-warning" role="status">{lang.pick(CAT_EXPIRED)}</p> })}
            <dl class="facts">
                {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            {apply.map(|state| view! { <ApplyView id state /> })}
            {for_you.map(|f| view! { <ForYouView for_you=f /> })}
            <h2 class="h4">{lang.pick(CAT_DESCRIPTION)}</h2>
            <p class="description">{description}</p>
            {(!skills.is_empty()).then(|| view! {
                <h2 class="h4">{lang.pick(CAT_SKILLS)}</h2>
                <ul class="skills">{skills.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            })}
            {(!expired).then(|| view! { <ReportOrSuspend id /> })}
        </div>
    }
    .into_any()
}

/// A signed-in citizen reports the ad; an administrator suspends it with a reason.
#[component]
fn ReportOrSuspend(id: i64) -> impl IntoView {
    use crate::i18n::organisations::*;
    use crate::policy::Role;
    let lang = use_lang();
    let role = crate::auth::current_user().filter(|u| !u.is_viewing()).map(|u| u.role);
    let reported =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("segnalato").is_some());
    let fb = use_context::<FormFeedback>().filter(|f| f.is_for("report"));
    let error = |name: &str| fb.as_ref().and_then(|f| f.error(name)).map(|c| ad_error(&c, lang));
    let (reason_error, note_error) = (error("reason"), error("note"));
    let chosen = fb.as_ref().and_then(|f| f.value("reason")).unwrap_or_default();
    let note = fb.as_ref().and_then(|f| f.value("note")).unwrap_or_default();
    match role {
        Some(Role::Citizen) if reported => {
            view! { <p class="alert alert-success" role="status">{lang.pick(REPORT_SENT)}</p> }.into_any()
        }
        Some(Role::Citizen) => view! {
            <details class="report" open=fb.is_some()>
                <summary>{lang.pick(REPORT_TITLE)}</summary>
                <p class="small">{lang.pick(REPORT_HELP)}</p>
                <form method="post" action=format!("/opportunita/{id}/segnala") novalidate>
                    <div class="form-group" class:has-error=reason_error.is_some()>
                        <label for="report-reason">{lang.pick(REPORT_REASON)}</label>
                        <select id="report-reason" name="reason" class="form-input"
                            aria-invalid=reason_error.is_some().then_some("true")
                            aria-describedby=reason_error.is_some().then_some("report-reason-error")>
                            {domain::catalog::ReportReason::ALL.into_iter().map(|r| view! {
                                <option value=r.code() selected=chosen == r.code()>{report_reason_name(r.code(), lang)}</option>
                            }).collect_view()}
                        </select>
                        {reason_error.map(|text| view! { <p id="report-reason-error" class="field-error">{text}</p> })}
                    </div>
                    <div class="form-group" class:has-error=note_error.is_some()>
                        <label for="report-note">{lang.pick(REPORT_NOTE)}</label>
                        <textarea id="report-note" name="note" class="form-input" rows="3" maxlength="500"
                            aria-invalid=note_error.is_some().then_some("true")
                            aria-describedby=note_error.is_some().then_some("report-note-error")>{note}</textarea>
                        {note_error.map(|text| view! { <p id="report-note-error" class="field-error">{text}</p> })}
                    </div>
                    <button type="submit" class="btn btn-outline-primary btn-sm">{lang.pick(REPORT_SEND)}</button>
                </form>
            </details>
        }
        .into_any(),
        Some(Role::Administrator) => view! {
            <form method="post" action=format!("/amministrazione/annunci/{id}/sospendi") class="suspend-form">
                <div class="form-group">
                    <label for="suspend-reason">{lang.pick(SUSPEND_REASON)}</label>
                    <input id="suspend-reason" name="reason" class="form-input" maxlength="500" />
                </div>
                <button type="submit" class="btn btn-outline-danger btn-sm">{lang.pick(SUSPEND)}</button>
            </form>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// Applying: the button, or why not, or the candidacy already sent; and, when the server
/// refused an application, why (next to the button, announced to screen readers).
#[component]
fn ApplyView(id: i64, state: ApplyState) -> impl IntoView {
    use crate::i18n::candidacy as c;
    let lang = use_lang();
    let feedback = use_context::<FormFeedback>().filter(|f| f.is_for("candidacy"));
    let applied_on = match &state {
        ApplyState::Applied { on, .. } => Some(day(*on)),
        _ => None,
    };
    let refused = feedback.and_then(|f| f.error("candidacy")).map(|code| {
        let text = match code.as_str() {
            "already_applied" => {
                c::refusal_text(Refusal::AlreadyApplied, applied_on.as_deref(), lang)
            }
            "closed" => c::refusal_text(Refusal::Closed, None, lang),
            "no_cv" => c::refusal_text(Refusal::NoCv, None, lang),
            "assigned_by_comune" => c::refusal_text(Refusal::AssignedByComune, None, lang),
            _ => lang.pick(c::UNAVAILABLE).to_string(),
        };
        view! { <p class="alert alert-warning" role="alert" id="candidacy-refused">{text}</p> }
    });
    let body = match state {
        ApplyState::SignIn => view! {
            <p><a class="btn btn-outline-primary" href=format!("/accedi?torna=%2Fopportunita%2F{id}")>{lang.pick(c::SIGN_IN)}</a></p>
        }
        .into_any(),
        ApplyState::Open => view! {
            <p class="small">{lang.pick(c::APPLY_EXPLAINED)}</p>
            <form method="post" action=format!("/opportunita/{id}/candidatura")>
                <div class="form-check-line">
                    <input id="share-contacts" type="checkbox" name="share_contacts" value="true" checked=true />
                    <label for="share-contacts">{lang.pick(c::SHARE_CONTACTS)}</label>
                </div>
                <button type="submit" class="btn btn-primary">{lang.pick(c::APPLY)}</button>
            </form>
        }
        .into_any(),
        ApplyState::Applied { status, .. } => view! {
            <p data-testid="candidacy-status">
                {format!("{} {}. {}: ", lang.pick(c::APPLIED_ON), applied_on.clone().unwrap_or_default(), lang.pick(c::STATUS))}
                <strong>{c::status_name(status, lang)}</strong>
                {format!(". {}", c::status_meaning(status, lang))}
            </p>
            <p><a href="/candidature">{lang.pick(c::MY_APPLICATIONS)}</a></p>
        }
        .into_any(),
        ApplyState::Refused(Refusal::NoCv) => view! {
            <p>{lang.pick(c::NEEDS_CV)}</p>
            <p><a class="btn btn-outline-primary" href="/cv">{lang.pick(c::WRITE_CV)}</a></p>
        }
        .into_any(),
        ApplyState::Refused(Refusal::AssignedByComune) => {
            view! { <p data-testid="puc-assigned">{lang.pick(c::PUC_ASSIGNED)}</p> }.into_any()
        }
        ApplyState::Refused(_) => view! { <p>{lang.pick(c::CLOSED)}</p> }.into_any(),
    };
    view! {
        <section class="apply" aria-labelledby="apply-heading">
            <h2 class="h4" id="apply-heading">{lang.pick(c::HEADING)}</h2>
            {refused}
            {body}
        </section>
    }
    .into_any()
}

/// How the opportunity suits the signed-in person: the affinity and why, what is missing,
/// and whether it is a congruous offer (R27) or a binding PUC (R28).
#[component]
fn ForYouView(for_you: ForYou) -> impl IntoView {
    use crate::i18n::matching as m;
    let lang = use_lang();
    let ForYou { affinity, congruity, puc_binding, benefit, .. } = for_you;
    let concerned = benefit.is_some();
    let short: Vec<_> = affinity.parts.iter().filter(|p| p.is_short()).cloned().collect();
    let line = move |p: domain::matching::Part| {
        view! {
            <li>
                <strong>{m::factor_name(&p, lang)}</strong>
                {format!(
                    " ({} {} {} {}): {}",
                    p.points,
                    lang.pick(m::OUT_OF),
                    p.max,
                    lang.pick(m::POINTS),
                    m::finding_text(&p.finding, lang),
                )}
            </li>
        }
    };
    let gained: Vec<_> = affinity.parts.iter().filter(|p| p.points > 0).cloned().collect();
    view! {
        <section class="for-you" aria-labelledby="for-you-heading">
            <h2 class="h4" id="for-you-heading">{lang.pick(m::FOR_YOU)}</h2>
            <p class="affinity">
                {format!("{}: ", lang.pick(m::AFFINITY))}
                <strong>{format!("{} {} 100", affinity.score, lang.pick(m::OUT_OF))}</strong>
            </p>
            <h3 class="h5">{lang.pick(m::WHY)}</h3>
            <ul class="why">{gained.into_iter().map(line).collect_view()}</ul>
            <h3 class="h5">{lang.pick(m::MISSING)}</h3>
            {if short.is_empty() {
                view! { <p>{lang.pick(m::NOTHING_MISSING)}</p> }.into_any()
            } else {
                view! { <ul class="missing">{short.into_iter().map(line).collect_view()}</ul> }.into_any()
            }}
            <p class="small">{lang.pick(m::ADVISORY)}</p>
            {congruity.map(|c| {
                let (headline, meaning) = m::verdict_text(&c, concerned, lang);
                let class = match c.verdict {
                    domain::matching::Verdict::Congruous => "verdict verdict-congruous",
                    domain::matching::Verdict::NotCongruous => "verdict verdict-not",
                    domain::matching::Verdict::Undetermined => "verdict verdict-unknown",
                };
                let children = c.children_under_14;
                view! {
                    <h3 class="h5">{lang.pick(m::CONGRUOUS_HEADING)}</h3>
                    <div class=class>
                        <p><strong>{headline}</strong> {format!(". {meaning}")}</p>
                        <dl class="facts">
                            {c.checks.into_iter().map(|check| {
                                let (mark, text) = m::check_text(&check, children, lang);
                                view! {
                                    <dt>{m::clause_name(check.clause, lang)}</dt>
                                    <dd><span class="clause-mark">{mark}</span> {format!(". {text}")}</dd>
                                }
                            }).collect_view()}
                        </dl>
                        <p class="small">{lang.pick(m::RULE_NOTE)}</p>
                    </div>
                }
            })}
            {puc_binding.then(|| view! { <p class="verdict verdict-congruous">{lang.pick(m::PUC_BINDING)}</p> })}
        </section>
    }
    .into_any()
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::Effect::Reads;
    use contract::policy::Rule::Public;
    &[
        // The catalogue is open to everyone (SIISL is for all citizens looking for work).
        server_fn_rule::<SearchCatalog>("GET", Public, Reads),
        server_fn_rule::<Opportunity>("GET", Public, Reads),
    ]
};

/// One page of the catalogue for the URL query `query` (public: the catalogue is open to all).
#[server(prefix = "/api", endpoint = "catalogo", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_catalog(query: Option<String>) -> Result<Results, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let state = app_state()?;
    let (query, notices) = crate::catalog::parse_url_query(&query.unwrap_or_default());
    let today = domain::calendar::rome_date(state.clock.now());
    let user = crate::auth::current_user();
    store::catalog::search(&state.db, query, notices, user.as_ref(), today)
        .await
        .map_err(unavailable("searching the catalogue"))
}

/// An opportunity's page: `query` is the search it was opened from (for the distance and the
/// way back). `Ok(None)`: no such opportunity.
#[server(prefix = "/api", endpoint = "opportunita", input = leptos::server_fn::codec::GetUrl)]
pub async fn opportunity(
    id: Option<String>,
    query: Option<String>,
) -> Result<Option<Detail>, ServerFnError> {
    use crate::state::{app_state, unavailable};
    let state = app_state()?;
    let Some(id) = id.and_then(|id| id.parse::<i64>().ok()) else {
        return Ok(None);
    };
    let (query, _) = crate::catalog::parse_url_query(&query.unwrap_or_default());
    let today = domain::calendar::rome_date(state.clock.now());
    let user = crate::auth::current_user();
    store::catalog::detail(&state.db, id, &query, user.as_ref(), today)
        .await
        .map_err(unavailable("reading an opportunity"))
}

/// The raw query string of the page being rendered.
pub fn request_query() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.query().map(str::to_string))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}
