//! The organisations that publish: where a person acts and the request for a new one
//! (`/organizzazioni`), the administrators' registry (`/amministrazione/organizzazioni`), and,
//! for a session acting for an organisation, its ads (`/organizzazione`), an ad's form
//! (`/organizzazione/annunci/…`) and its people (`/organizzazione/persone`).
//!
//! The forms post to plain endpoints (`server::organisations`); a refused one comes back with
//! what was typed and a message next to each field (`FormFeedback`).

use contract::citizen::FormFeedback;
use contract::cv::SuggestionKind;
use contract::organisations::{
    AdFormValues, MyOrganisations, OrganisationKind, OrganisationLine, OrganisationRole, OwnAds,
    PersonLine, ReceivedDetail, ReceivedLine, ReceivedPage, ReportedAd,
};
use contract::policy::ServerFnRule;
use domain::candidacy::CandidacyStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::Autocomplete;
use crate::i18n::organisations::*;
use crate::request::{set_page_status, use_lang};

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::Effect::Reads;
    use contract::policy::{ADMINISTRATORS, PEOPLE, PUBLISHERS};
    &[
        server_fn_rule::<MyOrganisationList>("POST", PEOPLE, Reads),
        server_fn_rule::<OrganisationRegistry>("POST", ADMINISTRATORS, Reads),
        server_fn_rule::<ReportedAds>("POST", ADMINISTRATORS, Reads),
        server_fn_rule::<MyAds>("POST", PUBLISHERS, Reads),
        server_fn_rule::<AdForm>("POST", PUBLISHERS, Reads),
        server_fn_rule::<OrganisationPeople>("POST", PUBLISHERS, Reads),
        server_fn_rule::<ReceivedCandidacies>("POST", PUBLISHERS, Reads),
        server_fn_rule::<ReceivedCandidacy>("POST", PUBLISHERS, Reads),
    ]
};

/// Ads per page of an organisation's list.
#[cfg(feature = "ssr")]
const ADS_PER_PAGE: u64 = 20;

#[cfg(feature = "ssr")]
fn rome_day(at: chrono::DateTime<chrono::Utc>) -> String {
    store::local_time::rome_time(at, "%d/%m/%Y")
}

#[cfg(feature = "ssr")]
fn acting() -> Result<contract::organisations::ActingFor, ServerFnError> {
    let user = crate::auth::require(contract::policy::PUBLISHERS)?;
    user.organisation.ok_or_else(|| ServerFnError::new("not acting for an organisation"))
}

/// The organisations the signed-in person may act for.
#[server(prefix = "/api", endpoint = "my_organisation_list")]
pub async fn my_organisation_list() -> Result<MyOrganisations, ServerFnError> {
    use contract::organisations::MembershipLine;
    let user = crate::auth::require(contract::policy::PEOPLE)?;
    let state = crate::state::app_state()?;
    let memberships = store::organisation::memberships_of(&state.db, &user.codice_fiscale)
        .await
        .map_err(crate::state::unavailable("listing memberships"))?;
    Ok(MyOrganisations {
        memberships: memberships
            .into_iter()
            .filter_map(|m| {
                Some(MembershipLine {
                    id: m.organisation.id,
                    kind: OrganisationKind::from_code(&m.organisation.kind)?,
                    name: m.organisation.name,
                    role: m.role,
                })
            })
            .collect(),
        acting_for: user.organisation.map(|o| o.id),
    })
}

/// The registry, for administrators: every organisation, pending ones first.
#[server(prefix = "/api", endpoint = "organisation_registry")]
pub async fn organisation_registry() -> Result<Vec<OrganisationLine>, ServerFnError> {
    crate::auth::require(contract::policy::ADMINISTRATORS)?;
    let state = crate::state::app_state()?;
    let mut rows = store::organisation::all(&state.db)
        .await
        .map_err(crate::state::unavailable("listing organisations"))?;
    rows.sort_by_key(|o| o.status != "pending");
    Ok(rows
        .into_iter()
        .filter_map(|o| {
            Some(OrganisationLine {
                id: o.id,
                kind: OrganisationKind::from_code(&o.kind)?,
                code: o.code,
                name: o.name,
                status: o.status,
                contact_email: o.contact_email.unwrap_or_default(),
                requested_by: o.requested_by,
                requested_on: rome_day(o.requested_at),
            })
        })
        .collect())
}

/// Ads with open reports (administrators).
#[server(prefix = "/api", endpoint = "reported_ads")]
pub async fn reported_ads() -> Result<Vec<ReportedAd>, ServerFnError> {
    crate::auth::require(contract::policy::ADMINISTRATORS)?;
    let state = crate::state::app_state()?;
    let reported = store::publishing::reported(&state.db)
        .await
        .map_err(crate::state::unavailable("listing reported ads"))?;
    Ok(reported
        .into_iter()
        .map(|r| ReportedAd {
            opportunity_id: r.opportunity_id,
            title: r.title,
            organisation: r.organisation,
            reports: r.reports,
        })
        .collect())
}

/// A page of the acting organisation's ads (the first without `page`).
#[server(prefix = "/api", endpoint = "my_ads")]
pub async fn my_ads(page: Option<u64>) -> Result<OwnAds, ServerFnError> {
    use contract::organisations::OwnAdLine;
    let organisation = acting()?;
    let page = page.unwrap_or(0);
    let state = crate::state::app_state()?;
    let (ads, total) = store::publishing::ads_of(&state.db, organisation.id, page, ADS_PER_PAGE)
        .await
        .map_err(crate::state::unavailable("listing an organisation's ads"))?;
    let today = domain::calendar::rome_date(state.clock.now());
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    Ok(OwnAds {
        ads: ads
            .into_iter()
            .map(|ad| {
                let open = matches!(
                    ad.state,
                    domain::catalog::AdState::Live | domain::catalog::AdState::Paused
                );
                let expiring = open && domain::catalog::expiry_warning_due(ad.expires_on, today);
                OwnAdLine {
                    id: ad.id,
                    kind: ad.kind.code().to_string(),
                    title: ad.title,
                    state: ad.state.code().to_string(),
                    state_reason: ad.state_reason,
                    published_on: day(ad.published_on),
                    expires_on: day(ad.expires_on),
                    renewable: expiring && !ad.renewed,
                    expiring,
                    expired: today > ad.expires_on,
                    candidacies: ad.candidacies,
                }
            })
            .collect(),
        total,
        page,
        pages: total.div_ceil(ADS_PER_PAGE).max(1),
    })
}

/// The form of one of the acting organisation's ads (`None`: a new ad, with today's defaults).
#[server(prefix = "/api", endpoint = "ad_form")]
pub async fn ad_form(id: Option<i64>) -> Result<Option<AdFormValues>, ServerFnError> {
    let organisation = acting()?;
    let Some(id) = id else {
        use domain::catalog::Kind;
        let kind =
            if organisation.kind == OrganisationKind::Comune { Kind::Puc } else { Kind::Job };
        return Ok(Some(AdFormValues {
            id: None,
            values: vec![("kind".into(), kind.code().into())],
            state: "live".into(),
        }));
    };
    let state = crate::state::app_state()?;
    let found = store::publishing::ad_for_edit(&state.db, organisation.id, id)
        .await
        .map_err(crate::state::unavailable("reading an ad"))?;
    let Some((ad, ad_state)) = found else {
        set_page_status(404);
        return Ok(None);
    };
    Ok(Some(AdFormValues {
        id: Some(id),
        values: ad_values(&ad),
        state: ad_state.code().to_string(),
    }))
}

/// A stored ad as its form's fields (the coded ones with their labels).
#[cfg(feature = "ssr")]
fn ad_values(ad: &domain::catalog::Ad) -> Vec<(String, String)> {
    let v = store::vocabulary::vocabulary();
    let mut values: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| values.push((k.to_string(), v));
    let num = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
    put("kind", ad.kind.code().into());
    put("title", ad.title.clone());
    put("description", ad.description.clone());
    for (name, kind, code) in [
        ("occupation", SuggestionKind::Occupation, &ad.occupation_code),
        ("place", SuggestionKind::Municipality, &ad.municipality_code),
    ] {
        if let Some(code) = code {
            let label = v.label(kind, code).unwrap_or(code).to_string();
            put(&format!("{name}_code"), code.clone());
            put(&format!("{name}_for"), label.clone());
            put(name, label);
        }
    }
    if ad.online {
        put("online", "true".into());
    }
    put("contract", ad.contract.map(|c| c.code().to_string()).unwrap_or_default());
    put("duration_months", num(ad.duration_months));
    put(
        "weekly_hours",
        ad.hours_pct
            .map(|pct| (pct * domain::catalog::FULL_TIME_WEEKLY_HOURS as i32 / 100).to_string())
            .unwrap_or_default(),
    );
    put("total_hours", num(ad.total_hours));
    put("pay_monthly", num(ad.pay_monthly));
    put("eqf_level", num(ad.eqf_level));
    put("topic", ad.topic.clone().unwrap_or_default());
    put("starts_on", ad.starts_on.to_string());
    put("ends_on", ad.ends_on.map(|d| d.to_string()).unwrap_or_default());
    put("expires_on", ad.expires_on.to_string());
    put("seats", num(ad.seats));
    for (i, key) in ad.skills.iter().enumerate() {
        let label = v.label(SuggestionKind::Skill, key).unwrap_or(key).to_string();
        let name = format!("skill_{}", i + 1);
        put(&format!("{name}_code"), key.clone());
        put(&format!("{name}_for"), label.clone());
        put(&name, label);
    }
    values
}

/// The people acting for the acting organisation.
#[server(prefix = "/api", endpoint = "organisation_people")]
pub async fn organisation_people() -> Result<Vec<PersonLine>, ServerFnError> {
    let organisation = acting()?;
    let state = crate::state::app_state()?;
    let people = store::organisation::people_of(&state.db, organisation.id)
        .await
        .map_err(crate::state::unavailable("listing an organisation's people"))?;
    Ok(people
        .into_iter()
        .filter_map(|p| {
            Some(PersonLine {
                role: OrganisationRole::from_code(&p.role)?,
                codice_fiscale: p.codice_fiscale,
                since: rome_day(p.invited_at),
            })
        })
        .collect())
}

/// A text field with its label, hint and error, tied together for screen readers.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    error: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = 200)] maxlength: u32,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = error.map(|_| format!("{id}-error"));
    let described = [hint_id.clone(), error_id.clone()].into_iter().flatten().collect::<Vec<_>>();
    let described = (!described.is_empty()).then(|| described.join(" "));
    view! {
        <div class="form-group" class:has-error=error.is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="form-hint">{h}</p> })}
            <input id=id name=id type=kind class="form-input" value=value maxlength=maxlength.to_string()
                required=required aria-invalid=error.is_some().then_some("true") aria-describedby=described />
            {error.map(|text| view! { <p id=format!("{id}-error") class="field-error">{text}</p> })}
        </div>
    }
}

/// The error summary at the top of a refused form, each entry linking to its field.
fn summary(lang: Lang, errors: Vec<(String, &'static str)>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        let items = errors.into_iter().map(|(id, text)| (id, text.to_string())).collect::<Vec<_>>();
        view! {
            <crate::components::ErrorSummary title=lang.messages().error_summary items />
        }
    })
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let lang = use_lang();
    let sent = use_query_map().with_untracked(|q| q.get("inviata").is_some());
    let data = Resource::new_blocking(|| (), |_| my_organisation_list());
    let fb = use_context::<FormFeedback>().filter(|f| f.is_for("organisation_request"));
    let value = |name: &str| fb.as_ref().and_then(|f| f.value(name)).unwrap_or_default();
    let error =
        |name: &str| fb.as_ref().and_then(|f| f.error(name)).map(|c| registry_error(&c, lang));
    let (kind, code, name, email) =
        (value("kind"), value("code"), value("name"), value("contact_email"));
    let (kind_error, code_error, name_error, email_error) =
        (error("kind"), error("code"), error("name"), error("contact_email"));
    let errors: Vec<(String, &'static str)> = [
        ("org-kind", kind_error),
        ("code", code_error),
        ("name", name_error),
        ("contact_email", email_error),
    ]
    .into_iter()
    .filter_map(|(id, e)| e.map(|e| (id.to_string(), e)))
    .collect();
    view! {
        <Title text=lang.pick(MINE_TITLE) />
        <div class="container section">
            <h1>{lang.pick(MINE_TITLE)}</h1>
            <p>{lang.pick(MINE_INTRO)}</p>
            {sent.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(REQUEST_SENT)}</p> })}
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(mine) => view! { <MembershipList mine /> }.into_any(),
                        Err(_) => super::unavailable(lang),
                    }
                })}
            </Suspense>
            <h2 class="h4">{lang.pick(REQUEST_TITLE)}</h2>
            <p>{lang.pick(REQUEST_HELP)}</p>
            {summary(lang, errors)}
            <form method="post" action="/organizzazioni" novalidate>
                <div class="form-group" class:has-error=kind_error.is_some()>
                    <label for="org-kind">{lang.pick(F_KIND)}</label>
                    <select id="org-kind" name="kind" class="form-input"
                        aria-invalid=kind_error.is_some().then_some("true")
                        aria-describedby=kind_error.is_some().then_some("org-kind-error")>
                        {OrganisationKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=kind == k.code()>{kind_name(k, lang)}</option>
                        }).collect_view()}
                    </select>
                    {kind_error.map(|text| view! { <p id="org-kind-error" class="field-error">{text}</p> })}
                </div>
                <TextField id="code" label=lang.pick(F_CODE) hint=lang.pick(F_CODE_HINT) value=code error=code_error maxlength=16 />
                <TextField id="name" label=lang.pick(F_NAME) hint=lang.pick(F_NAME_HINT) value=name error=name_error />
                <TextField id="contact_email" label=lang.pick(F_EMAIL) value=email error=email_error kind="email" maxlength=254 />
                <button type="submit" class="btn btn-primary">{lang.pick(SEND_REQUEST)}</button>
            </form>
        </div>
    }
}

/// The organisations a person may act for, with the button that makes the session act for one.
#[component]
fn MembershipList(mine: MyOrganisations) -> impl IntoView {
    let lang = use_lang();
    if mine.memberships.is_empty() {
        return view! { <p>{lang.pick(MINE_NONE)}</p> }.into_any();
    }
    let acting = mine.acting_for;
    view! {
        <ul class="organisation-list" data-testid="memberships">
            {mine.memberships.into_iter().map(|m| {
                let current = acting == Some(m.id);
                view! {
                    <li class="organisation-item">
                        <p><strong>{m.name.clone()}</strong>" — "{kind_name(m.kind, lang)}", "{role_name(m.role, lang)}</p>
                        {if current {
                            view! { <p class="badge-current">{lang.pick(ACTING_NOW)}" "{m.name.clone()}</p> }.into_any()
                        } else {
                            view! {
                                <form method="post" action="/organizzazioni/opera">
                                    <input type="hidden" name="organisation" value=m.id.to_string() />
                                    <button type="submit" class="btn btn-primary btn-sm">
                                        {lang.pick(ACT_FOR)}" "{m.name.clone()}
                                    </button>
                                </form>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        {acting.is_some().then(|| view! {
            <form method="post" action="/organizzazioni/opera">
                <input type="hidden" name="organisation" value="" />
                <button type="submit" class="btn btn-outline-primary btn-sm">{lang.pick(ACT_AS_SELF)}</button>
            </form>
        })}
    }
    .into_any()
}

#[component]
pub fn OrganisationRegistryPage() -> impl IntoView {
    let lang = use_lang();
    let decided = use_query_map().with_untracked(|q| q.get("decisa").is_some());
    let data = Resource::new_blocking(|| (), |_| organisation_registry());
    let reported = Resource::new_blocking(|| (), |_| reported_ads());
    let suspended = use_query_map().with_untracked(|q| q.get("sospeso").is_some());
    let suspend_fb = use_context::<FormFeedback>().filter(|f| f.is_for("suspend"));
    let fb = use_context::<FormFeedback>().filter(|f| f.is_for("organisation_decision"));
    view! {
        <Title text=lang.pick(ADMIN_TITLE) />
        <div class="container section">
            <h1>{lang.pick(ADMIN_TITLE)}</h1>
            <p>{lang.pick(ADMIN_INTRO)}</p>
            {decided.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(DECIDED)}</p> })}
            {suspended.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(SUSPENDED_DONE)}</p> })}
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let fb = suspend_fb.clone();
                    Suspend::new(async move {
                        match reported.await {
                            Ok(ads) => view! { <ReportedList ads fb /> }.into_any(),
                            Err(_) => super::unavailable(lang),
                        }
                    })
                }}
            </Suspense>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let fb = fb.clone();
                    Suspend::new(async move {
                    match data.await {
                        Ok(rows) => {
                            let (pending, decided): (Vec<_>, Vec<_>) = rows.into_iter().partition(|o| o.status == "pending");
                            view! {
                                <h2 class="h4">{lang.pick(PENDING)}</h2>
                                {pending.is_empty().then(|| view! { <p>{lang.pick(NO_PENDING)}</p> })}
                                <ul class="organisation-list" data-testid="pending-organisations">
                                    {pending.into_iter().map(|o| {
                                        let mine = fb.as_ref().filter(|f| f.value("id") == Some(o.id.to_string()));
                                        let error = mine.and_then(|f| f.error("administrator")).map(|c| registry_error(&c, lang));
                                        let typed = mine.and_then(|f| f.value("administrator")).unwrap_or_else(|| o.requested_by.clone());
                                        let field = format!("admin-{}", o.id);
                                        let error_id = format!("{field}-error");
                                        view! {
                                            <li class="organisation-item" data-organisation=o.id.to_string()>
                                                <p><strong>{o.name.clone()}</strong>" — "{kind_name(o.kind, lang)}" "<span class="mono">{o.code.clone()}</span></p>
                                                <p class="small">{lang.pick(REQUESTED_BY)}" "<span class="mono">{o.requested_by.clone()}</span>" "{lang.pick(REQUESTED_ON)}" "{o.requested_on.clone()}" · "{o.contact_email.clone()}</p>
                                                <form method="post" action=format!("/amministrazione/organizzazioni/{}", o.id) class="inline-form">
                                                    <div class="form-group" class:has-error=error.is_some()>
                                                        <label for=field.clone()>{lang.pick(FIRST_ADMIN)}</label>
                                                        <input id=field.clone() name="administrator" class="form-input mono" maxlength="16" value=typed
                                                            aria-invalid=error.is_some().then_some("true")
                                                            aria-describedby=error.is_some().then(|| error_id.clone()) />
                                                        {error.map(|text| view! { <p id=error_id.clone() class="field-error">{text}</p> })}
                                                    </div>
                                                    <button type="submit" name="decision" value="approve" class="btn btn-primary btn-sm">{lang.pick(APPROVE)}</button>" "
                                                    <button type="submit" name="decision" value="refuse" class="btn btn-outline-danger btn-sm">{lang.pick(REFUSE)}</button>
                                                </form>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <h2 class="h4">{lang.pick(REGISTRY)}</h2>
                                <div class="table-wrap">
                                    <table class="table table-sm" data-testid="organisation-registry">
                                        <caption class="visually-hidden">{lang.pick(REGISTRY)}</caption>
                                        <thead><tr>
                                            <th scope="col">{lang.pick(F_NAME)}</th>
                                            <th scope="col">{lang.pick(F_KIND)}</th>
                                            <th scope="col">{lang.pick(F_CODE)}</th>
                                            <th scope="col">{lang.pick(STATUS)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {decided.into_iter().map(|o| view! {
                                                <tr>
                                                    <td>{o.name}</td>
                                                    <td>{kind_name(o.kind, lang)}</td>
                                                    <td class="mono">{o.code}</td>
                                                    <td>{status_name(&o.status, lang)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }
                        Err(_) => super::unavailable(lang),
                    }
                })}}
            </Suspense>
        </div>
    }
}

/// Reported ads, each with the suspension form and the dismissal.
#[component]
fn ReportedList(ads: Vec<ReportedAd>, fb: Option<FormFeedback>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 class="h4">{lang.pick(REPORTED)}</h2>
        {ads.is_empty().then(|| view! { <p>{lang.pick(NO_REPORTED)}</p> })}
        <ul class="organisation-list" data-testid="reported-ads">
            {ads.into_iter().map(|ad| {
                let id = ad.opportunity_id;
                let mine = fb.as_ref().filter(|f| f.value("id") == Some(id.to_string()));
                let error = mine.and_then(|f| f.error("reason")).map(|c| ad_error(&c, lang));
                let typed = mine.and_then(|f| f.value("reason")).unwrap_or_default();
                let field = format!("suspend-{id}");
                let error_id = format!("{field}-error");
                view! {
                    <li class="organisation-item" data-ad=id.to_string()>
                        <p><a href=format!("/opportunita/{id}")><strong>{ad.title.clone()}</strong></a>" — "{ad.organisation.clone()}</p>
                        <ul class="small">
                            {ad.reports.into_iter().map(|(reason, note)| view! {
                                <li>{report_reason_name(&reason, lang)}{(!note.is_empty()).then(|| format!(": {note}"))}</li>
                            }).collect_view()}
                        </ul>
                        <form method="post" action=format!("/amministrazione/annunci/{id}/sospendi")>
                            <div class="form-group" class:has-error=error.is_some()>
                                <label for=field.clone()>{lang.pick(SUSPEND_REASON)}</label>
                                <input id=field.clone() name="reason" class="form-input" maxlength="500" value=typed
                                    aria-invalid=error.is_some().then_some("true")
                                    aria-describedby=error.is_some().then(|| error_id.clone()) />
                                {error.map(|text| view! { <p id=error_id.clone() class="field-error">{text}</p> })}
                            </div>
                            <button type="submit" class="btn btn-outline-danger btn-sm">{lang.pick(SUSPEND)}</button>
                        </form>
                        <form method="post" action=format!("/amministrazione/annunci/{id}/archivia")>
                            <button type="submit" class="btn btn-link btn-sm"
                                aria-label=format!("{} — {}", lang.pick(DISMISS), ad.title)>{lang.pick(DISMISS)}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn PublisherHomePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let (saved, published, refused) = query.with_untracked(|q| {
        (q.get("salvato").is_some(), q.get("pubblicato").is_some(), q.get("errore"))
    });
    let page = query
        .with_untracked(|q| q.get("pagina").and_then(|p| p.parse::<u64>().ok()))
        .unwrap_or(1)
        .max(1);
    let data = Resource::new_blocking(move || page, |page| my_ads(Some(page - 1)));
    let organisation = crate::auth::current_user().and_then(|u| u.organisation);
    let name = organisation.as_ref().map(|o| o.name.clone()).unwrap_or_default();
    view! {
        <Title text=lang.pick(HOME_TITLE) />
        <div class="container section">
            <h1>{lang.pick(HOME_TITLE)}</h1>
            <p class="lead">{lang.pick(ACTING_NOW)}" "<strong>{name}</strong></p>
            {saved.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(SAVED)}</p> })}
            {published.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(PUBLISHED)}</p> })}
            {refused.map(|code| view! { <p class="alert alert-danger" role="alert">{action_error(&code, lang)}</p> })}
            <p class="actions">
                <a class="btn btn-primary" href="/organizzazione/annunci/nuovo">{lang.pick(NEW_AD)}</a>" "
                <a class="btn btn-outline-primary" href="/organizzazione/candidature">{lang.pick(RECEIVED_TITLE)}</a>" "
                <a class="btn btn-outline-primary" href="/organizzazione/persone">{lang.pick(PEOPLE_NAV)}</a>
            </p>
            <h2 class="h4">{lang.pick(ADS)}</h2>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.ads.is_empty() => view! { <p>{lang.pick(NO_ADS)}</p> }.into_any(),
                        Ok(list) => view! { <AdTable list /> }.into_any(),
                        Err(_) => super::unavailable(lang),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AdTable(list: OwnAds) -> impl IntoView {
    let lang = use_lang();
    let actions = |state: &str, renewable: bool, expired: bool| -> Vec<&'static str> {
        let mut out = Vec::new();
        if expired {
            return out;
        }
        match state {
            "live" => out.extend(["pause", "close"]),
            "paused" => out.extend(["resume", "close"]),
            _ => {}
        }
        if renewable {
            out.push("renew");
        }
        out
    };
    let (page, pages) = (list.page + 1, list.pages);
    view! {
        <div class="table-wrap">
            <table class="table table-sm" data-testid="own-ads">
                <caption class="visually-hidden">{lang.pick(ADS)}</caption>
                <thead><tr>
                    <th scope="col">{lang.pick(COL_TITLE)}</th>
                    <th scope="col">{lang.pick(COL_STATE)}</th>
                    <th scope="col">{lang.pick(COL_EXPIRES)}</th>
                    <th scope="col">{lang.pick(COL_CANDIDACIES)}</th>
                    <th scope="col">{lang.pick(COL_ACTIONS)}</th>
                </tr></thead>
                <tbody>
                    {list.ads.into_iter().map(|ad| {
                        let kind = domain::catalog::Kind::parse(&ad.kind)
                            .map(|k| crate::i18n::catalog::kind_name(k, lang))
                            .unwrap_or("");
                        let buttons = actions(&ad.state, ad.renewable, ad.expired);
                        let editable = !ad.expired && matches!(ad.state.as_str(), "live" | "paused");
                        view! {
                            <tr data-ad=ad.id.to_string()>
                                <td>
                                    <a href=format!("/opportunita/{}", ad.id)>{ad.title.clone()}</a>
                                    <br /><span class="small">{kind}" · n. "{ad.id}</span>
                                    {ad.expiring.then(|| view! { <br /><span class="small text-warning-strong">{lang.pick(EXPIRING)}</span> })}
                                    {ad.state_reason.clone().map(|r| view! { <br /><span class="small">{r}</span> })}
                                </td>
                                <td>{state_name(&ad.state, ad.expired, lang)}</td>
                                <td>{ad.expires_on.clone()}</td>
                                <td><a href=format!("/organizzazione/candidature?annuncio={}", ad.id)
                                    aria-label=format!("{} {} — {}", ad.candidacies, lang.pick(COL_CANDIDACIES), ad.title)>{ad.candidacies}</a></td>
                                <td class="actions">
                                    {editable.then(|| view! {
                                        <a class="btn btn-link btn-sm" href=format!("/organizzazione/annunci/{}", ad.id)
                                            aria-label=format!("{} — {}", lang.pick(EDIT), ad.title)>{lang.pick(EDIT)}</a>
                                    })}
                                    {buttons.into_iter().map(|action| view! {
                                        <form method="post" action=format!("/organizzazione/annunci/{}/azione", ad.id)>
                                            <input type="hidden" name="action" value=action />
                                            <button type="submit" class="btn btn-outline-primary btn-sm"
                                                aria-label=format!("{} — {}", action_name(action, lang), ad.title)>
                                                {action_name(action, lang)}
                                            </button>
                                        </form>
                                    }).collect_view()}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label=lang.pick(ADS)>
                {(page > 1).then(|| view! { <a href=format!("/organizzazione?pagina={}", page - 1)>{lang.pick(PREVIOUS)}</a> })}
                <span>{lang.pick(PAGE_OF)}" "{page}" / "{pages}</span>
                {(page < pages).then(|| view! { <a href=format!("/organizzazione?pagina={}", page + 1)>{lang.pick(NEXT)}</a> })}
            </nav>
        })}
    }
}

/// How many skill fields the form offers (more for an ad that already has more).
const SKILL_FIELDS: usize = 5;

#[component]
pub fn AdFormPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|id| id.parse::<i64>().ok());
    let data = Resource::new_blocking(move || id, ad_form);
    let fb = use_context::<FormFeedback>().filter(|f| f.is_for("ad"));
    view! {
        <Title text=lang.pick(if id.is_some() { FORM_EDIT_TITLE } else { FORM_NEW_TITLE }) />
        <div class="container section">
            <h1>{lang.pick(if id.is_some() { FORM_EDIT_TITLE } else { FORM_NEW_TITLE })}</h1>
            <p><a href="/organizzazione">{lang.pick(FORM_BACK)}</a></p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let fb = fb.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(Some(form)) => view! { <AdFormView form fb /> }.into_any(),
                            Ok(None) => {
                                set_page_status(404);
                                view! { <p class="alert alert-warning" role="alert">{lang.messages().not_found_text}</p> }.into_any()
                            }
                            Err(_) => super::unavailable(lang),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn AdFormView(form: AdFormValues, fb: Option<FormFeedback>) -> impl IntoView {
    use domain::catalog::{Contract, Kind};
    let lang = use_lang();
    let value = |name: &str| match &fb {
        Some(fb) => fb.value(name).unwrap_or_default(),
        None => form.value(name),
    };
    let error = |name: &str| fb.as_ref().and_then(|f| f.error(name)).map(|c| ad_error(&c, lang));
    if !matches!(form.state.as_str(), "live" | "paused") {
        return view! { <p class="alert alert-info" role="status">{lang.pick(FORM_READ_ONLY)}</p> }
            .into_any();
    }
    let organisation = crate::auth::current_user().and_then(|u| u.organisation);
    let comune = organisation.is_some_and(|o| o.kind == OrganisationKind::Comune);
    let kinds: Vec<Kind> = Kind::ALL.into_iter().filter(|k| *k != Kind::Puc || comune).collect();
    let kind = value("kind");
    let contract = value("contract");
    let action = match form.id {
        Some(id) => format!("/organizzazione/annunci/{id}"),
        None => "/organizzazione/annunci".to_string(),
    };
    let fields = [
        "kind",
        "title",
        "description",
        "occupation",
        "place",
        "online",
        "contract",
        "duration_months",
        "weekly_hours",
        "total_hours",
        "pay_monthly",
        "eqf_level",
        "topic",
        "starts_on",
        "ends_on",
        "expires_on",
        "seats",
        "skill_1",
    ];
    let errors: Vec<(String, &'static str)> = fields
        .into_iter()
        .filter_map(|f| {
            error(f).map(|e| (if f == "kind" { "ad-kind".to_string() } else { f.to_string() }, e))
        })
        .collect();
    let skill_count = (1..=30).take_while(|i| !value(&format!("skill_{i}")).is_empty()).count();
    let skill_fields = (skill_count + 1).clamp(SKILL_FIELDS, 30);
    let autocomplete = |name: String,
                        kind: SuggestionKind,
                        label: String,
                        hint: Option<&'static str>| {
        view! {
            <Autocomplete id=name.clone() name=name.clone() kind label
                value=value(&name) code=value(&format!("{name}_code")) picked_for=value(&format!("{name}_for"))
                hint=hint.map(str::to_string) error=error(&name).map(str::to_string) required=false
                results_text=lang.pick(crate::i18n::cv::AC_RESULTS).to_string()
                none_text=lang.pick(crate::i18n::cv::AC_NONE).to_string() />
        }
    };
    let kind_error = error("kind");
    let contract_error = error("contract");
    let online_error = error("online");
    view! {
        <p>{lang.pick(FORM_INTRO)}</p>
        {summary(lang, errors)}
        <form method="post" action=action class="ad-form" novalidate data-draft="ad">
            {if form.id.is_none() {
                view! {
                    <div class="form-group" class:has-error=kind_error.is_some()>
                        <label for="ad-kind">{lang.pick(F_AD_KIND)}</label>
                        <select id="ad-kind" name="kind" class="form-input"
                            aria-invalid=kind_error.is_some().then_some("true")
                            aria-describedby=kind_error.is_some().then_some("ad-kind-error")>
                            {kinds.into_iter().map(|k| view! {
                                <option value=k.code() selected=kind == k.code()>{crate::i18n::catalog::kind_name(k, lang)}</option>
                            }).collect_view()}
                        </select>
                        {kind_error.map(|text| view! { <p id="ad-kind-error" class="field-error">{text}</p> })}
                    </div>
                }.into_any()
            } else {
                let name = Kind::parse(&kind).map(|k| crate::i18n::catalog::kind_name(k, lang)).unwrap_or("");
                view! {
                    <p><strong>{lang.pick(F_AD_KIND)}": "</strong>{name}</p>
                    <input type="hidden" name="kind" value=kind.clone() />
                }.into_any()
            }}
            <TextField id="title" label=lang.pick(F_TITLE) value=value("title") error=error("title") required=true />
            <div class="form-group" class:has-error=error("description").is_some()>
                <label for="description">{lang.pick(F_DESCRIPTION)}</label>
                <textarea id="description" name="description" class="form-input" rows="6" maxlength="5000"
                    aria-invalid=error("description").is_some().then_some("true")
                    aria-describedby=error("description").is_some().then_some("description-error")>{value("description")}</textarea>
                {error("description").map(|text| view! { <p id="description-error" class="field-error">{text}</p> })}
            </div>
            {autocomplete("occupation".into(), SuggestionKind::Occupation, lang.pick(F_OCCUPATION).into(), Some(lang.pick(F_OCCUPATION_HINT)))}
            {autocomplete("place".into(), SuggestionKind::Municipality, lang.pick(F_PLACE).into(), Some(lang.pick(F_PLACE_HINT)))}
            <div class="form-check-line" class:has-error=online_error.is_some()>
                <input id="online" type="checkbox" name="online" value="true" checked=value("online") == "true"
                    aria-describedby=online_error.is_some().then_some("online-error") />
                <label for="online">{lang.pick(F_ONLINE)}</label>
                {online_error.map(|text| view! { <p id="online-error" class="field-error">{text}</p> })}
            </div>
            <div class="form-group" class:has-error=contract_error.is_some()>
                <label for="contract">{lang.pick(F_CONTRACT)}</label>
                <select id="contract" name="contract" class="form-input"
                    aria-invalid=contract_error.is_some().then_some("true")
                    aria-describedby=contract_error.is_some().then_some("contract-error")>
                    <option value="" selected=contract.is_empty()>{lang.pick(F_NONE)}</option>
                    {Contract::ALL.into_iter().map(|c| view! {
                        <option value=c.code() selected=contract == c.code()>{crate::i18n::catalog::contract_name(c, lang)}</option>
                    }).collect_view()}
                </select>
                {contract_error.map(|text| view! { <p id="contract-error" class="field-error">{text}</p> })}
            </div>
            <TextField id="duration_months" label=lang.pick(F_DURATION) hint=lang.pick(F_DURATION_HINT) value=value("duration_months") error=error("duration_months") kind="number" maxlength=3 />
            <TextField id="weekly_hours" label=lang.pick(F_WEEKLY_HOURS) hint=lang.pick(F_WEEKLY_HOURS_HINT) value=value("weekly_hours") error=error("weekly_hours") kind="number" maxlength=2 />
            <TextField id="total_hours" label=lang.pick(F_TOTAL_HOURS) value=value("total_hours") error=error("total_hours") kind="number" maxlength=4 />
            <TextField id="eqf_level" label=lang.pick(F_EQF) value=value("eqf_level") error=error("eqf_level") kind="number" maxlength=1 />
            <TextField id="pay_monthly" label=lang.pick(F_PAY) value=value("pay_monthly") error=error("pay_monthly") kind="number" maxlength=6 />
            <TextField id="topic" label=lang.pick(F_TOPIC) value=value("topic") error=error("topic") maxlength=100 />
            <TextField id="seats" label=lang.pick(F_SEATS) value=value("seats") error=error("seats") kind="number" maxlength=5 />
            <TextField id="starts_on" label=lang.pick(F_STARTS) value=value("starts_on") error=error("starts_on") kind="date" maxlength=10 required=true />
            <TextField id="ends_on" label=lang.pick(F_ENDS) value=value("ends_on") error=error("ends_on") kind="date" maxlength=10 />
            <TextField id="expires_on" label=lang.pick(F_EXPIRES) hint=lang.pick(F_EXPIRES_HINT) value=value("expires_on") error=error("expires_on") kind="date" maxlength=10 />
            <fieldset>
                <legend>{lang.pick(F_SKILLS)}</legend>
                {(1..=skill_fields).map(|i| {
                    autocomplete(format!("skill_{i}"), SuggestionKind::Skill, format!("{} {i}", lang.pick(F_SKILL)), None)
                }).collect_view()}
            </fieldset>
            <button type="submit" class="btn btn-primary">{lang.pick(if form.id.is_some() { SAVE } else { PUBLISH })}</button>
        </form>
        // A long form: the draft keeper keeps every keystroke through a dropped network or an
        // expired session.
        {crate::components::draft_keeper()}
    }
    .into_any()
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let lang = use_lang();
    let saved = use_query_map().with_untracked(|q| q.get("salvato").is_some());
    let data = Resource::new_blocking(|| (), |_| organisation_people());
    let administrator = crate::auth::current_user()
        .and_then(|u| u.organisation)
        .is_some_and(|o| o.is_administrator());
    let fb = use_context::<FormFeedback>().filter(|f| f.is_for("invite"));
    let value = |name: &str| fb.as_ref().and_then(|f| f.value(name)).unwrap_or_default();
    let cf_error =
        fb.as_ref().and_then(|f| f.error("codice_fiscale")).map(|c| registry_error(&c, lang));
    let role = value("role");
    view! {
        <Title text=lang.pick(PEOPLE_TITLE) />
        <div class="container section">
            <h1>{lang.pick(PEOPLE_TITLE)}</h1>
            <p>{lang.pick(PEOPLE_INTRO)}</p>
            <p><a href="/organizzazione">{lang.pick(FORM_BACK)}</a></p>
            {saved.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(SAVED)}</p> })}
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(people) => view! {
                            <ul class="organisation-list" data-testid="people">
                                {people.into_iter().map(|p| view! {
                                    <li class="organisation-item">
                                        <p><span class="mono">{p.codice_fiscale.clone()}</span>" — "{role_name(p.role, lang)}" "{lang.pick(SINCE)}" "{p.since.clone()}</p>
                                        {administrator.then(|| view! {
                                            <form method="post" action="/organizzazione/persone/rimuovi">
                                                <input type="hidden" name="codice_fiscale" value=p.codice_fiscale.clone() />
                                                <button type="submit" class="btn btn-outline-danger btn-sm"
                                                    aria-label=format!("{} — {}", lang.pick(REMOVE), p.codice_fiscale)>{lang.pick(REMOVE)}</button>
                                            </form>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => super::unavailable(lang),
                    }
                })}
            </Suspense>
            {if administrator {
                view! {
                    <h2 class="h4">{lang.pick(INVITE_TITLE)}</h2>
                    {summary(lang, cf_error.map(|e| vec![("codice_fiscale".to_string(), e)]).unwrap_or_default())}
                    <form method="post" action="/organizzazione/persone" novalidate>
                        <TextField id="codice_fiscale" label=lang.pick(F_CODICE_FISCALE) value=value("codice_fiscale") error=cf_error maxlength=16 />
                        <div class="form-group">
                            <label for="role">{lang.pick(F_ROLE)}</label>
                            <select id="role" name="role" class="form-input">
                                {[OrganisationRole::Member, OrganisationRole::Administrator].into_iter().map(|r| view! {
                                    <option value=r.code() selected=role == r.code()>{role_name(r, lang)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="btn btn-primary">{lang.pick(INVITE)}</button>
                    </form>
                }.into_any()
            } else {
                view! { <p>{lang.pick(PEOPLE_ONLY_ADMINS)}</p> }.into_any()
            }}
        </div>
    }
}

/// Candidacies received per page.
#[cfg(feature = "ssr")]
const RECEIVED_PER_PAGE: u64 = 25;

#[cfg(feature = "ssr")]
fn received_line(r: store::candidacy::Received) -> ReceivedLine {
    ReceivedLine {
        id: r.id,
        opportunity_id: r.opportunity_id,
        title: r.title,
        status: r.status,
        name: format!("{} {}", r.given_name, r.family_name).trim().to_string(),
        applied_on: rome_day(r.applied_at),
        contacts_shared: r.contacts_shared,
    }
}

/// A page of the candidacies the acting organisation's ads received, filtered by ad and status.
#[server(prefix = "/api", endpoint = "received_candidacies")]
pub async fn received_candidacies(
    ad: Option<i64>,
    status: Option<String>,
    page: Option<u64>,
) -> Result<ReceivedPage, ServerFnError> {
    let organisation = acting()?;
    let state = crate::state::app_state()?;
    let page = page.unwrap_or(0);
    let filter = store::candidacy::ReceivedFilter {
        opportunity_id: ad,
        status: status.as_deref().and_then(CandidacyStatus::from_code),
    };
    let (lines, total) =
        store::candidacy::received(&state.db, organisation.id, &filter, page, RECEIVED_PER_PAGE)
            .await
            .map_err(crate::state::unavailable("listing candidacies received"))?;
    let ads = store::publishing::titles_of(&state.db, organisation.id)
        .await
        .map_err(crate::state::unavailable("listing an organisation's ads"))?;
    Ok(ReceivedPage {
        lines: lines.into_iter().map(received_line).collect(),
        total,
        page,
        pages: total.div_ceil(RECEIVED_PER_PAGE).max(1),
        ads,
    })
}

/// One candidacy the acting organisation received (`None`: not one of theirs).
#[server(prefix = "/api", endpoint = "received_candidacy")]
pub async fn received_candidacy(id: i64) -> Result<Option<ReceivedDetail>, ServerFnError> {
    let organisation = acting()?;
    let state = crate::state::app_state()?;
    let found = store::candidacy::received_one(&state.db, organisation.id, id)
        .await
        .map_err(crate::state::unavailable("reading a candidacy received"))?;
    let Some(detail) = found else {
        set_page_status(404);
        return Ok(None);
    };
    let today = domain::calendar::rome_date(state.clock.now());
    Ok(Some(ReceivedDetail {
        line: received_line(detail.line),
        cv: detail.cv.map(|cv| store::cv::snapshot_data(cv, today)),
        history: detail
            .history
            .into_iter()
            .map(|(at, status, note)| {
                (store::local_time::rome_time(at, "%d/%m/%Y %H:%M"), status, note)
            })
            .collect(),
    }))
}

/// The statuses an organisation moves a candidacy to.
const ORGANISER_MOVES: [CandidacyStatus; 4] = [
    CandidacyStatus::InReview,
    CandidacyStatus::Interview,
    CandidacyStatus::Accepted,
    CandidacyStatus::NotSelected,
];

#[component]
pub fn ReceivedPage() -> impl IntoView {
    use crate::i18n::candidacy::status_name;
    let lang = use_lang();
    let query = use_query_map();
    let (ad, status, page) = query.with_untracked(|q| {
        (
            q.get("annuncio").and_then(|a| a.parse::<i64>().ok()),
            q.get("stato").filter(|s| CandidacyStatus::from_code(s).is_some()),
            q.get("pagina").and_then(|p| p.parse::<u64>().ok()).unwrap_or(1).max(1),
        )
    });
    let status_filter = status.clone();
    let data = Resource::new_blocking(
        move || (ad, status_filter.clone(), page),
        |(ad, status, page)| received_candidacies(ad, status, Some(page - 1)),
    );
    view! {
        <Title text=lang.pick(RECEIVED_TITLE) />
        <div class="container section">
            <h1>{lang.pick(RECEIVED_TITLE)}</h1>
            <p>{lang.pick(RECEIVED_INTRO)}</p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let status = status.clone();
                    Suspend::new(async move {
                    match data.await {
                        Ok(list) => {
                            let (page, pages) = (list.page + 1, list.pages);
                            let chosen = status.clone();
                            let link = move |p: u64| {
                                let mut q = vec![format!("pagina={p}")];
                                if let Some(ad) = ad { q.push(format!("annuncio={ad}")); }
                                if let Some(s) = &chosen { q.push(format!("stato={s}")); }
                                format!("/organizzazione/candidature?{}", q.join("&"))
                            };
                            let link2 = link.clone();
                            view! {
                                <form method="get" action="/organizzazione/candidature" class="filters">
                                    <div class="form-group">
                                        <label for="annuncio">{lang.pick(FILTER_AD)}</label>
                                        <select id="annuncio" name="annuncio" class="form-input">
                                            <option value="">{lang.pick(FILTER_ALL)}</option>
                                            {list.ads.into_iter().map(|(id, title)| view! {
                                                <option value=id.to_string() selected=ad == Some(id)>{title}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="form-group">
                                        <label for="stato">{lang.pick(crate::i18n::candidacy::STATUS)}</label>
                                        <select id="stato" name="stato" class="form-input">
                                            <option value="">{lang.pick(FILTER_ALL)}</option>
                                            {domain::candidacy::ALL_CANDIDACY_STATUSES.into_iter().map(|s| view! {
                                                <option value=s.code() selected=status.as_deref() == Some(s.code())>{status_name(s, lang)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="btn btn-outline-primary">{lang.pick(FILTER)}</button>
                                </form>
                                <p role="status">{format!("{} {}", list.total, lang.pick(RECEIVED_COUNT))}</p>
                                {list.lines.is_empty().then(|| view! { <p>{lang.pick(RECEIVED_NONE)}</p> })}
                                <ul class="received-list" data-testid="received">
                                    {list.lines.into_iter().map(|r| view! { <ReceivedItem r /> }).collect_view()}
                                </ul>
                                {(pages > 1).then(|| view! {
                                    <nav class="pager" aria-label=lang.pick(RECEIVED_TITLE)>
                                        {(page > 1).then(|| view! { <a href=link(page - 1)>{lang.pick(PREVIOUS)}</a> })}
                                        <span>{lang.pick(PAGE_OF)}" "{page}" / "{pages}</span>
                                        {(page < pages).then(|| view! { <a href=link2(page + 1)>{lang.pick(NEXT)}</a> })}
                                    </nav>
                                })}
                            }.into_any()
                        }
                        Err(_) => super::unavailable(lang),
                    }
                })}}
            </Suspense>
        </div>
    }
}

#[component]
fn ReceivedItem(r: ReceivedLine) -> impl IntoView {
    use crate::i18n::candidacy::status_name;
    let lang = use_lang();
    view! {
        <li class="received-item" data-candidacy=r.id.to_string()>
            <p>
                <a href=format!("/organizzazione/candidature/{}", r.id)><strong>{r.name.clone()}</strong></a>
                " — "{r.title.clone()}
            </p>
            <p class="small">
                {status_name(r.status, lang)}" · "{lang.pick(crate::i18n::candidacy::APPLIED_ON)}" "{r.applied_on.clone()}
                {(!r.contacts_shared).then(|| view! { " · "{lang.pick(NO_CONTACTS)} })}
            </p>
        </li>
    }
}

#[component]
pub fn ReceivedCandidacyPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|id| id.parse::<i64>().ok());
    let saved = use_query_map().with_untracked(|q| q.get("salvato").is_some());
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => received_candidacy(id).await,
                None => Ok(None),
            }
        },
    );
    let fb = use_context::<FormFeedback>().filter(|f| f.is_for("move"));
    view! {
        <Title text=lang.pick(RECEIVED_ONE_TITLE) />
        <div class="container section">
            <p><a href="/organizzazione/candidature">{lang.pick(RECEIVED_BACK)}</a></p>
            {saved.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(SAVED)}</p> })}
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let fb = fb.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(Some(detail)) => view! { <ReceivedView detail fb /> }.into_any(),
                            Ok(None) => {
                                set_page_status(404);
                                view! { <p class="alert alert-warning" role="alert">{lang.messages().not_found_text}</p> }.into_any()
                            }
                            Err(_) => super::unavailable(lang),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn ReceivedView(detail: ReceivedDetail, fb: Option<FormFeedback>) -> impl IntoView {
    use crate::i18n::candidacy::{HISTORY, STATUS, status_name};
    let lang = use_lang();
    let line = detail.line;
    let value = |name: &str| fb.as_ref().and_then(|f| f.value(name)).unwrap_or_default();
    let error = |name: &str| fb.as_ref().and_then(|f| f.error(name)).map(|c| move_error(&c, lang));
    let chosen = value("status");
    let errors: Vec<(String, &'static str)> =
        ["status", "interview_date", "interview_time", "interview_place", "message"]
            .into_iter()
            .filter_map(|f| error(f).map(|e| (f.to_string(), e)))
            .collect();
    let open = line.status.is_open();
    let status_error = error("status");
    view! {
        <h1>{line.name.clone()}</h1>
        <p>{line.title.clone()}" · "{lang.pick(crate::i18n::candidacy::APPLIED_ON)}" "{line.applied_on.clone()}</p>
        <dl class="facts">
            <dt>{lang.pick(STATUS)}</dt>
            <dd data-testid="received-status">{status_name(line.status, lang)}</dd>
        </dl>
        <h2 class="h4">{lang.pick(HISTORY)}</h2>
        <ol class="candidacy-history">
            {detail.history.into_iter().map(|(at, status, note)| view! {
                <li>{format!("{at}: {}", status_name(status, lang))}{note.map(|n| format!(" — {n}"))}</li>
            }).collect_view()}
        </ol>
        {open.then(|| view! {
            <h2 class="h4">{lang.pick(MOVE_TITLE)}</h2>
            {summary(lang, errors)}
            <form method="post" action=format!("/organizzazione/candidature/{}", line.id) novalidate>
                <div class="form-group" class:has-error=status_error.is_some()>
                    <label for="status">{lang.pick(MOVE_TO)}</label>
                    <select id="status" name="status" class="form-input"
                        aria-invalid=status_error.is_some().then_some("true")
                        aria-describedby=status_error.is_some().then_some("status-error")>
                        {ORGANISER_MOVES.into_iter().filter(|s| line.status.can_become(*s, domain::candidacy::Mover::Organiser)).map(|s| view! {
                            <option value=s.code() selected=chosen == s.code()>{status_name(s, lang)}</option>
                        }).collect_view()}
                    </select>
                    {status_error.map(|text| view! { <p id="status-error" class="field-error">{text}</p> })}
                </div>
                <fieldset>
                    <legend>{lang.pick(INTERVIEW_LEGEND)}</legend>
                    <TextField id="interview_date" label=lang.pick(INTERVIEW_DATE) value=value("interview_date") error=error("interview_date") kind="date" maxlength=10 />
                    <TextField id="interview_time" label=lang.pick(INTERVIEW_TIME) value=value("interview_time") error=error("interview_time") kind="time" maxlength=5 />
                    <TextField id="interview_place" label=lang.pick(INTERVIEW_PLACE) value=value("interview_place") error=error("interview_place") maxlength=200 />
                </fieldset>
                <div class="form-group" class:has-error=error("message").is_some()>
                    <label for="message">{lang.pick(MOVE_MESSAGE)}</label>
                    <textarea id="message" name="message" class="form-input" rows="3" maxlength="300"
                        aria-invalid=error("message").is_some().then_some("true")
                        aria-describedby=error("message").is_some().then_some("message-error")>{value("message")}</textarea>
                    {error("message").map(|text| view! { <p id="message-error" class="field-error">{text}</p> })}
                </div>
                <button type="submit" class="btn btn-primary">{lang.pick(MOVE_SAVE)}</button>
            </form>
        })}
        <h2 class="h4">{lang.pick(CV_AS_SENT)}</h2>
        {match detail.cv {
            Some(data) => view! {
                {(!line.contacts_shared).then(|| view! { <p class="small">{lang.pick(NO_CONTACTS)}</p> })}
                <crate::components::CvSummary data lang heading_level=3 />
            }.into_any(),
            None => view! { <p>{lang.pick(NO_CV)}</p> }.into_any(),
        }}
    }
}
