//! The citizen's pages: registration, "Il mio SIISL" (deadlines, next steps, convocations),
//! the application, the household, the path (PaIS/PSP), messages, convocations, and the PAD
//! nucleo with its receipt. All are rendered on the server from one `Situation`; forms are
//! plain HTML posts, so they work without JavaScript on any phone.

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::citizen::*;
use crate::components::draft_keeper;
use crate::i18n::Lang;
use crate::i18n::citizen::*;
use crate::i18n::cv as cvt;
use crate::request::{redirect_page, set_page_status, use_lang};

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::CITIZENS;
    use contract::policy::Effect::Reads;
    use contract::policy::Rule::Public;
    &[
        server_fn_rule::<MySituation>("POST", CITIZENS, Reads),
        server_fn_rule::<OpenConvocation>("POST", CITIZENS, Reads),
        // Answers only in the embedded profile (the function checks).
        server_fn_rule::<DemoOutbox>("POST", Public, Reads),
        server_fn_rule::<OpenMessage>("POST", CITIZENS, Reads),
    ]
};

/// The signed-in citizen's situation (citizens only: the authorization policy says so).
#[server(prefix = "/api", endpoint = "my_situation")]
pub async fn my_situation() -> Result<Situation, ServerFnError> {
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = crate::state::app_state()?;
    store::situation::situation(&state.db, &user, state.clock.now(), &state.rules)
        .await
        .map_err(crate::state::unavailable("loading a citizen's situation"))
}

/// Opens one of the citizen's convocations, recording the platform read receipt (R17).
#[server(prefix = "/api", endpoint = "open_convocation")]
pub async fn open_convocation(id: i64) -> Result<Option<ConvocationView>, ServerFnError> {
    use store::welfare::{self, Channel, Ctx, ReceiptKind};
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = crate::state::app_state()?;
    let now = state.clock.now();
    let situation = store::situation::situation(&state.db, &user, now, &state.rules)
        .await
        .map_err(crate::state::unavailable("loading a citizen's situation"))?;
    // Only the person's own convocations (their household's, or addressed to them).
    let Some(found) =
        situation.household.and_then(|h| h.convocations.into_iter().find(|c| c.id == id))
    else {
        return Ok(None);
    };
    // A read receipt has legal value (R17): an operator's read-only view is not the citizen
    // reading, so it records nothing and shows the convocation as it stands.
    if user.is_viewing() {
        return Ok(Some(found));
    }
    let ctx = Ctx::with_rules(now, format!("citizen:{}", user.codice_fiscale), state.rules.clone());
    welfare::record_receipt(&state.db, &ctx, id, Channel::Platform, ReceiptKind::Read)
        .await
        .map_err(crate::state::unavailable("recording a read receipt"))?;
    Ok(Some(ConvocationView { read: true, ..found }))
}

/// The demo outbox (embedded profile only: the route exists only there).
#[server(prefix = "/api", endpoint = "demo_outbox")]
pub async fn demo_outbox() -> Result<Vec<OutboxView>, ServerFnError> {
    let state = crate::state::app_state()?;
    if !state.site.demo {
        // Not a failure: outside the demo there is no such thing.
        crate::request::set_page_status(404);
        return Err(ServerFnError::new("not found"));
    }
    let rows = store::welfare::citizen_outbox::recent_messages(&state.db, 100)
        .await
        .map_err(crate::state::unavailable("reading the demo outbox"))?;
    Ok(rows
        .into_iter()
        .map(|m| OutboxView {
            channel: m.channel,
            recipient: m.recipient,
            subject: m.subject,
            body: m.body,
            created_at: store::local_time::rome_time(m.created_at, "%d/%m/%Y %H:%M:%S"),
            sent: m.sent_at.is_some(),
        })
        .collect())
}

/// The refused form the server put in context, if any.
fn feedback() -> FormFeedback {
    use_context::<FormFeedback>().unwrap_or_default()
}

/// A page for signed-in citizens: loads the situation, sends unregistered people to the
/// registration, and renders `body` under the sections' navigation.
#[component]
pub(crate) fn CitizenPage(
    title: T,
    current: &'static str,
    body: fn(Situation, Lang) -> AnyView,
) -> impl IntoView {
    let lang = use_lang();
    let situation = Resource::new_blocking(|| (), |_| my_situation());
    view! {
        <Title text=lang.pick(title) />
        <div class="container section citizen">
            <SectionNav current />
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match situation.await {
                        Ok(s) if !s.registered && !crate::auth::viewing_citizen() => {
                            redirect_page("/iscrizione");
                            view! { <p><a href="/iscrizione">{lang.pick(REG_TITLE)}</a></p> }.into_any()
                        }
                        Ok(s) => body(s, lang),
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

#[component]
pub(crate) fn SectionNav(current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let links: [(&str, T); 8] = [
        ("/il-mio-siisl", NAV_MY_SIISL),
        ("/domanda", NAV_APPLICATION),
        ("/nucleo", NAV_HOUSEHOLD),
        ("/percorso", NAV_PATH),
        ("/cv", cvt::NAV_CV),
        ("/candidature", crate::i18n::candidacy::NAV),
        ("/messaggi", NAV_MESSAGES),
        ("/accessi", crate::i18n::caseload::LOG_NAV),
    ];
    view! {
        <nav class="section-nav" aria-label=lang.pick(SECTION_NAV)>
            <ul>
                {links.into_iter().map(|(href, label)| {
                    let here = href == current;
                    view! {
                        <li><a href=href aria-current=here.then_some("page") class:active=here>{lang.pick(label)}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

fn no_application(lang: Lang) -> AnyView {
    view! {
        <div class="callout">
            <h2 class="h4">{lang.pick(NO_APPLICATION_TITLE)}</h2>
            <p>{lang.pick(NO_APPLICATION_TEXT)}</p>
        </div>
    }
    .into_any()
}

/// `/il-mio-siisl`.
#[component]
pub fn MySiislPage() -> impl IntoView {
    view! { <CitizenPage title=HOME_TITLE current="/il-mio-siisl" body=home /> }
}

fn home(s: Situation, lang: Lang) -> AnyView {
    let greeting = format!("{}, {}", lang.pick(HOME_HELLO), s.given_name);
    let Some(h) = s.household.clone() else {
        return view! { <h1>{lang.pick(HOME_TITLE)}</h1><p class="lead">{greeting}</p>{no_application(lang)} }.into_any();
    };
    let me = s.me.clone();
    let my_id = me.as_ref().map(|m| m.id);
    let mine: Vec<domain::Obligation> = h
        .obligations
        .iter()
        .filter(|o| match o.who {
            domain::Who::Household => true,
            domain::Who::Member(id) => Some(id) == my_id,
        })
        .cloned()
        .collect();
    let status = h.application.as_ref().map(|a| a.status.clone()).unwrap_or_default();
    let sfl = h.application.as_ref().is_some_and(|a| a.programme == "sfl");
    let mut steps: Vec<AnyView> = Vec::new();
    if s.may_sign_pad() {
        steps.push(view! {
            <li>{lang.pick(STEP_SIGN_PAD)}" "<a class="btn btn-primary btn-sm" href="/pad">{lang.pick(STEP_SIGN_PAD_BUTTON)}</a></li>
        }.into_any());
    } else if status == "accepted" && h.pad.is_none() && !sfl {
        // The household pact is ADI's: SFL is the person's own, with no household pact.
        steps.push(view! { <li>{lang.pick(STEP_PAD_BY_APPLICANT)}</li> }.into_any());
    }
    if matches!(status.as_str(), "submitted" | "under_assessment") {
        steps.push(view! { <li>{lang.pick(STEP_WAIT_ASSESSMENT)}</li> }.into_any());
    }
    if mine.iter().any(|o| {
        matches!(o.kind, domain::ObligationKind::FirstMeeting | domain::ObligationKind::FollowUp)
    }) {
        steps.push(view! { <li>{lang.pick(STEP_PRESENT)}</li> }.into_any());
    }
    if s.may_confirm_enrolment() {
        steps.push(view! {
            <li class="step-card" id="sfl-enrolment">
                <h3 class="h5">{lang.pick(cvt::SFL_ENROL_TITLE)}</h3>
                <p>{lang.pick(cvt::SFL_ENROL_TEXT)}</p>
                <form method="post" action="/sfl/adesione">
                    <button type="submit" class="btn btn-primary btn-sm">{lang.pick(cvt::SFL_ENROL)}</button>
                </form>
            </li>
        }.into_any());
    }
    let pad_individuale_open = s.needs_pad_individuale()
        && h.pad_individuale.is_none()
        && (h.sfl_enrolled_on.is_some() || !s.is_sfl_applicant());
    if pad_individuale_open
        && (s.is_sfl_applicant() || matches!(status.as_str(), "active" | "suspended"))
    {
        steps.push(view! {
            <li>{lang.pick(cvt::STEP_CV)}" "<a class="btn btn-outline-primary btn-sm" href="/cv">{lang.pick(cvt::NAV_CV)}</a></li>
        }.into_any());
        steps.push(view! {
            <li>{lang.pick(STEP_SIGN_INDIVIDUAL)}" "<a class="btn btn-primary btn-sm" href="/pad-individuale">{lang.pick(cvt::STEP_PADI)}</a></li>
        }.into_any());
    }
    if sfl && h.pad_individuale.is_some() && matches!(status.as_str(), "accepted" | "active") {
        steps.push(view! { <li>{lang.pick(STEP_PRESENT_CPI)}</li> }.into_any());
    }
    if steps.is_empty() {
        steps.push(view! { <li>{lang.pick(STEP_NOTHING)}</li> }.into_any());
    }
    let upcoming: Vec<ConvocationView> = h
        .convocations
        .iter()
        .filter(|c| c.outcome.is_none() && c.appointment_on >= s.today)
        .cloned()
        .collect();
    let members = h.members.clone();
    let fb = feedback();
    let sfl_error =
        fb.is_for("sfl").then(|| fb.error("sfl")).flatten().map(|code| error_text(&code, lang));
    let confirmed =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("confermato").is_some());
    view! {
        <h1>{lang.pick(HOME_TITLE)}</h1>
        <p class="lead">{greeting}</p>
        {sfl_error.map(|t| view! { <p class="alert alert-danger" role="alert" id="sfl-error">{t}</p> })}
        {confirmed.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(cvt::SFL_CONFIRMED)}</p> })}
        {h.application.as_ref().map(|a| view! {
            <p>{lang.pick(STATUS)}": "<strong data-testid="status">{programme_status_label(&a.status, &a.programme, lang)}</strong>
                " — "{programme_label(&a.programme, lang)}", "{lang.pick(APP_PROTOCOL)}" "<span class="mono">{a.protocol.clone()}</span></p>
        })}
        {(h.unread > 0).then(|| view! {
            <p><a href="/messaggi">{lang.pick(MESSAGES_UNREAD)}" "<span class="badge" data-testid="unread">{h.unread}</span></a></p>
        })}
        <section aria-labelledby="next-steps">
            <h2 id="next-steps" class="h4">{lang.pick(NEXT_STEPS)}</h2>
            <ul class="steps-list">{steps}</ul>
        </section>
        <section aria-labelledby="deadlines">
            <h2 id="deadlines" class="h4">{lang.pick(DEADLINES_TITLE)}</h2>
            {if mine.is_empty() {
                view! { <p>{lang.pick(NO_DEADLINES)}</p> }.into_any()
            } else {
                mine.into_iter().map(|o| deadline_banner(o, &members, my_id, lang)).collect_view().into_any()
            }}
        </section>
        <section aria-labelledby="convocations">
            <h2 id="convocations" class="h4">{lang.pick(CONVOCATIONS_TITLE)}</h2>
            {if upcoming.is_empty() {
                view! { <p>{lang.pick(NO_CONVOCATIONS)}</p> }.into_any()
            } else {
                upcoming.into_iter().map(|c| convocation_card(c, lang)).collect_view().into_any()
            }}
        </section>
        {offices(&s.offices_for_me(), lang)}
    }
    .into_any()
}

/// One deadline: what, by when, how many days, why and what happens otherwise.
fn deadline_banner(
    o: domain::Obligation,
    members: &[MemberView],
    me: Option<i64>,
    lang: Lang,
) -> AnyView {
    let dl: domain::Lang = lang.into();
    let overdue = o.is_overdue();
    let appointment = o.kind == domain::ObligationKind::AttendConvocation;
    let days = if o.days_left == 0 {
        lang.pick(DUE_TODAY).to_string()
    } else {
        days_left_text(o.days_left, lang)
    };
    let whom = match o.who {
        // A household of one (every SFL applicant's) is the person.
        domain::Who::Household if members.len() <= 1 => lang.pick(YOU_ONLY).to_string(),
        domain::Who::Household => lang.pick(WHOLE_HOUSEHOLD).to_string(),
        domain::Who::Member(id) if Some(id) == me => lang.pick(HH_YOU).to_string(),
        domain::Who::Member(id) => members
            .iter()
            .find(|m| m.id == id)
            .map(|m| format!("{} {}", m.given_name, m.family_name))
            .unwrap_or_default(),
    };
    // R15: the SFL confirmation is done here, in one tap.
    let confirm_button = (o.kind == domain::ObligationKind::SflConfirmation).then(|| view! {
        <form method="post" action="/sfl/partecipazione">
            <button type="submit" class="btn btn-primary btn-sm">{lang.pick(cvt::SFL_CONFIRM_BUTTON)}</button>
        </form>
    });
    let class = if overdue {
        "deadline deadline-overdue"
    } else if o.days_left <= 10 {
        "deadline deadline-soon"
    } else {
        "deadline"
    };
    view! {
        <article class=class data-kind=o.kind.code() data-due=o.due_on.to_string()>
            <h3 class="h5">{o.title(dl)}</h3>
            <p class="deadline-date">
                // A convocation is a fixed appointment, not something to do "by" a date.
                {lang.pick(if appointment { APPOINTMENT_ON } else { DUE_BY })}" "<strong>{long_date(o.due_on, lang)}</strong>
                <span class="deadline-days">{days}</span>
            </p>
            {o.convocation.filter(|_| appointment).map(|id| view! {
                <p><a href=format!("/convocazioni/{id}")>{lang.pick(OPEN_CONVOCATION)}</a></p>
            })}
            <p class="small">{lang.pick(FOR_WHOM)}": "{whom}</p>
            <details>
                <summary>{lang.pick(WHY)}</summary>
                <p>{o.explain(dl)}</p>
                <p><strong>{lang.pick(IF_MISSED)}": "</strong>{o.consequence_text(dl)}</p>
            </details>
            {confirm_button}
        </article>
    }
    .into_any()
}

fn convocation_card(c: ConvocationView, lang: Lang) -> AnyView {
    view! {
        <article class="convocation-card">
            <h3 class="h5">{c.issuer_name.clone()}</h3>
            <p><strong>{long_date(c.appointment_on, lang)}</strong>" "{lang.pick(AT)}" "{c.appointment_time.clone()}</p>
            <p>{c.place.clone()}</p>
            <p><a href=format!("/convocazioni/{}", c.id)>{lang.pick(OPEN_CONVOCATION)}</a></p>
        </article>
    }
    .into_any()
}

fn offices(list: &[OfficeView], lang: Lang) -> AnyView {
    if list.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="offices">
            <h2 id="offices" class="h4">{lang.pick(OFFICES_TITLE)}</h2>
            {list.iter().map(|o| view! {
                <article class="office">
                    <h3 class="h6">{office_kind_label(&o.kind, lang)}": "{o.name.clone()}</h3>
                    <p>{o.address.clone()}</p>
                    <p class="small">{lang.pick(HOURS)}": "{o.opening_hours.clone()}</p>
                    <p class="small">{lang.pick(PHONE)}": "<a href=format!("tel:{}", o.phone.replace(' ', ""))>{o.phone.clone()}</a>
                        " · "<a href=format!("mailto:{}", o.email)>{o.email.clone()}</a></p>
                </article>
            }).collect_view()}
        </section>
    }
    .into_any()
}

fn money(cents: Option<i64>, lang: Lang) -> String {
    match cents {
        Some(c) => match lang {
            Lang::It => format!("{},{:02} €", c / 100, c % 100),
            Lang::En => format!("€{}.{:02}", c / 100, c % 100),
        },
        None => lang.pick(AMOUNT_UNKNOWN).to_string(),
    }
}

fn month_label(month: domain::NaiveDate, lang: Lang) -> String {
    let long = long_date(month, lang);
    long.split_once(' ').map(|(_, rest)| rest.to_string()).unwrap_or(long)
}

/// `/domanda`.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    view! { <CitizenPage title=APP_TITLE current="/domanda" body=application /> }
}

fn application(s: Situation, lang: Lang) -> AnyView {
    let Some(h) = s.household else {
        return view! { <h1>{lang.pick(APP_TITLE)}</h1>{no_application(lang)} }.into_any();
    };
    let Some(a) = h.application else {
        return view! { <h1>{lang.pick(APP_TITLE)}</h1>{no_application(lang)} }.into_any();
    };
    let outcome =
        a.history.iter().rev().find(|c| matches!(c.to.as_str(), "accepted" | "rejected")).cloned();
    let sanctions: Vec<StatusChangeView> = a
        .history
        .iter()
        .filter(|c| matches!(c.to.as_str(), "suspended" | "decaduta"))
        .cloned()
        .collect();
    view! {
        <h1>{lang.pick(APP_TITLE)}</h1>
        <dl class="facts">
            <dt>{lang.pick(APP_PROGRAMME)}</dt><dd>{programme_label(&a.programme, lang)}</dd>
            <dt>{lang.pick(APP_PROTOCOL)}</dt><dd class="mono" data-testid="protocol">{a.protocol.clone()}</dd>
            <dt>{lang.pick(APP_SUBMITTED)}</dt><dd>{long_date(a.submitted_on, lang)}</dd>
            <dt>{lang.pick(STATUS)}</dt><dd><strong data-testid="application-status">{programme_status_label(&a.status, &a.programme, lang)}</strong></dd>
            <dt>{lang.pick(APP_AMOUNT)}</dt><dd>{money(a.monthly_amount_cents, lang)}</dd>
        </dl>
        <h2 class="h4">{lang.pick(APP_OUTCOME)}</h2>
        {match outcome {
            Some(c) => view! { <p><strong>{status_label(&c.to, lang)}</strong>" — "{long_date(c.effective_on, lang)}": "{c.reason.clone()}</p> }.into_any(),
            None => view! { <p>{lang.pick(APP_OUTCOME_PENDING)}</p> }.into_any(),
        }}
        <h2 class="h4">{lang.pick(APP_TIMELINE)}</h2>
        <ol class="timeline">
            {a.history.iter().map(|c| view! {
                <li>
                    <strong>{status_label(&c.to, lang)}</strong>" — "{long_date(c.effective_on, lang)}
                    <br /><span class="small">{c.reason.clone()}{c.rule.clone().map(|r| format!(" ({})", law_of(&r)))}</span>
                </li>
            }).collect_view()}
        </ol>
        <h2 class="h4">{lang.pick(APP_PAYMENTS)}</h2>
        // SFL is paid month by month for taking part in an activity: said even before any.
        {(a.programme == "sfl" && h.next_payment_on.is_none()).then(|| view! {
            <p class="small" data-testid="sfl-payment">{lang.pick(APP_NEXT_PAYMENT_WHY_SFL)}</p>
        })}
        {h.next_payment_on.map(|on| view! {
            <p>{lang.pick(APP_NEXT_PAYMENT)}" "<strong data-testid="next-payment">{long_date(on, lang)}</strong>
                <br /><span class="small">{lang.pick(if a.programme == "sfl" { APP_NEXT_PAYMENT_WHY_SFL } else { APP_NEXT_PAYMENT_WHY })}</span></p>
        })}
        {if a.payments.is_empty() {
            view! { <p>{lang.pick(APP_NO_PAYMENTS)}</p> }.into_any()
        } else {
            view! {
                <ul class="payments">
                    {a.payments.iter().map(|p| view! {
                        <li>
                            <strong>{month_label(p.month, lang)}</strong>
                            {p.arrears.then(|| format!(" ({})", lang.pick(APP_ARREARS)))}
                            ": "{money(p.amount_cents, lang)}" — "
                            {match p.paid_on {
                                Some(on) => format!("{} {}", lang.pick(APP_PAID_ON), long_date(on, lang)),
                                None => format!("{} {}", lang.pick(APP_EXPECTED), long_date(p.expected_on, lang)),
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 class="h4">{lang.pick(APP_SANCTIONS)}</h2>
        {if sanctions.is_empty() {
            view! { <p>{lang.pick(APP_NO_SANCTIONS)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {sanctions.into_iter().map(|c| view! {
                        <li><strong>{status_label(&c.to, lang)}</strong>" — "{long_date(c.effective_on, lang)}": "{c.reason.clone()}
                            {c.rule.clone().map(|r| format!(" ({})", law_of(&r)))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

/// `/nucleo`.
#[component]
pub fn HouseholdPage() -> impl IntoView {
    view! { <CitizenPage title=HH_TITLE current="/nucleo" body=household /> }
}

fn household(s: Situation, lang: Lang) -> AnyView {
    let Some(h) = s.household else {
        return view! { <h1>{lang.pick(HH_TITLE)}</h1>{no_application(lang)} }.into_any();
    };
    let my_id = s.me.as_ref().map(|m| m.id);
    let dl: domain::Lang = lang.into();
    view! {
        <h1>{lang.pick(HH_TITLE)}</h1>
        <p>{lang.pick(HH_ADDRESS)}": "{h.address.clone()}" ("{h.municipality.clone()}")"</p>
        <h2 class="h4">{lang.pick(HH_MEMBERS)}</h2>
        <ul class="members">
            {h.members.iter().map(|m| {
                let mut tags: Vec<&str> = Vec::new();
                if m.is_applicant { tags.push(lang.pick(HH_APPLICANT)); }
                if m.minor { tags.push(lang.pick(HH_MINOR)); }
                if m.aged_exempt { tags.push(lang.pick(HH_AGED)); }
                if m.disabled { tags.push(lang.pick(HH_DISABLED)); }
                if m.care_duties { tags.push(lang.pick(HH_CARE)); }
                if m.attivabile { tags.push(lang.pick(HH_ATTIVABILE)); }
                if m.pad_individuale_signed { tags.push(lang.pick(HH_PAD_IND_SIGNED)); }
                let theirs: Vec<domain::Obligation> = h.obligations.iter()
                    .filter(|o| o.who == domain::Who::Member(m.id)).cloned().collect();
                view! {
                    <li class="member" data-member=m.codice_fiscale.clone()>
                        <h3 class="h5">{m.given_name.clone()}" "{m.family_name.clone()}
                            {(Some(m.id) == my_id).then(|| format!(" ({})", lang.pick(HH_YOU)))}</h3>
                        <p class="small">{relation_label(&m.relation, lang)}" · "<span class="mono">{m.codice_fiscale.clone()}</span>
                            " · "{long_date(m.birth_date, lang)}</p>
                        {(!tags.is_empty()).then(|| view! { <p class="tags">{tags.join(" · ")}</p> })}
                        {if theirs.is_empty() {
                            view! { <p class="small">{lang.pick(HH_NO_OBLIGATIONS)}</p> }.into_any()
                        } else {
                            view! { <ul>{theirs.into_iter().map(|o| view! {
                                <li>{o.title(dl)}": "{lang.pick(DUE_BY).to_lowercase()}" "{long_date(o.due_on, lang)}</li>
                            }).collect_view()}</ul> }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        {
            let household_level: Vec<domain::Obligation> =
                h.obligations.iter().filter(|o| o.who == domain::Who::Household).cloned().collect();
            (!household_level.is_empty()).then(|| view! {
                <h2 class="h4">{lang.pick(WHOLE_HOUSEHOLD)}</h2>
                <ul>{household_level.into_iter().map(|o| view! {
                    <li>{o.title(dl)}": "{lang.pick(DUE_BY).to_lowercase()}" "{long_date(o.due_on, lang)}</li>
                }).collect_view()}</ul>
            })
        }
    }
    .into_any()
}

/// `/percorso`.
#[component]
pub fn PathPage() -> impl IntoView {
    view! { <CitizenPage title=PATH_TITLE current="/percorso" body=path_view /> }
}

/// The steps GePI and SIU reported, newest first: on the citizen's path page and in the case
/// manager's household file.
pub fn path_update_list(
    updates: Vec<crate::citizen::PathUpdateView>,
    lang: Lang,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <ol class="timeline" data-testid=testid>
            {updates.into_iter().map(|u| view! {
                <li data-kind=u.kind.clone() data-status=u.status.clone()>
                    <span class="small">{long_date(u.occurred_on, lang)}</span>" — "
                    <strong>{path_kind_label(&u.kind, lang)}</strong>": "
                    {path_status_label(&u.kind, &u.status, lang)}
                    {(!u.title.is_empty()).then(|| format!(" — {}", u.title))}
                    {u.member_name.clone().map(|n| format!(" ({n})"))}
                    {(!u.detail.is_empty()).then(|| view! { <br /><span class="small">{u.detail.clone()}</span> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

fn path_view(s: Situation, lang: Lang) -> AnyView {
    let Some(h) = s.household else {
        return view! { <h1>{lang.pick(PATH_TITLE)}</h1>{no_application(lang)} }.into_any();
    };
    let updates = h.path_updates;
    view! {
        <h1>{lang.pick(PATH_TITLE)}</h1>
        {(!updates.is_empty()).then(|| view! {
            <section class="path-updates" aria-labelledby="path-updates-title">
                <h2 class="h4" id="path-updates-title">{lang.pick(PATH_UPDATES)}</h2>
                <p class="small">{lang.pick(PATH_UPDATES_NOTE)}</p>
                {path_update_list(updates, lang, "path-updates")}
            </section>
        })}
        {if h.plans.is_empty() {
            view! { <p>{lang.pick(PATH_EMPTY)}</p> }.into_any()
        } else {
            h.plans.into_iter().map(|p| {
                let title = if p.kind == "pais" { lang.pick(PATH_PAIS) } else { lang.pick(PATH_PSP) };
                view! {
                    <article class="plan" data-kind=p.kind.clone()>
                        <h2 class="h4">{title}{p.member_name.clone().map(|n| format!(" — {n}"))}</h2>
                        <p class="small">{lang.pick(PATH_REVISION)}" "{p.revision}", "{lang.pick(PATH_SIGNED)}" "{long_date(p.signed_on, lang)}
                            ", "{lang.pick(PATH_BY)}" "{p.operator_name.clone()}</p>
                        <p>{p.summary.clone()}</p>
                        <h3 class="h6">{lang.pick(PATH_ACTIVITIES)}</h3>
                        {if p.activities.is_empty() {
                            view! { <p class="small">{lang.pick(PATH_NO_ACTIVITIES)}</p> }.into_any()
                        } else {
                            view! { <ul>{p.activities.into_iter().map(|a| view! {
                                <li><strong>{a.title.clone()}</strong>" — "{a.provider.clone()}
                                    <br /><span class="small">{lang.pick(PATH_FROM)}" "{long_date(a.starts_on, lang)}
                                    {a.ends_on.map(|e| format!(" {} {}", lang.pick(PATH_TO), long_date(e, lang)))}
                                    {a.hours_per_week.map(|hours| format!(", {hours} {}", lang.pick(PATH_HOURS)))}</span></li>
                            }).collect_view()}</ul> }.into_any()
                        }}
                    </article>
                }
            }).collect_view().into_any()
        }}
    }
    .into_any()
}

/// `/messaggi`.
#[component]
pub fn MessagesPage() -> impl IntoView {
    view! { <CitizenPage title=MSG_TITLE current="/messaggi" body=messages /> }
}

fn messages(s: Situation, lang: Lang) -> AnyView {
    let Some(h) = s.household else {
        return view! { <h1>{lang.pick(MSG_TITLE)}</h1><p>{lang.pick(MSG_EMPTY)}</p> }.into_any();
    };
    view! {
        <h1>{lang.pick(MSG_TITLE)}</h1>
        {(!h.convocations.is_empty()).then(|| view! {
            <h2 class="h4">{lang.pick(MSG_CONVOCATIONS)}</h2>
            <ul class="inbox">
                {h.convocations.iter().map(|c| view! {
                    <li class:unread=!c.read>
                        {(!c.read).then(|| view! { <span class="badge">{lang.pick(MSG_NEW)}</span>" " })}
                        <a href=format!("/convocazioni/{}", c.id)>{c.issuer_name.clone()}": "{long_date(c.appointment_on, lang)}" "{lang.pick(AT)}" "{c.appointment_time.clone()}</a>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2 class="h4">{lang.pick(MSG_NOTICES)}</h2>
        {if h.notifications.is_empty() {
            view! { <p>{lang.pick(MSG_EMPTY)}</p> }.into_any()
        } else {
            view! {
                {(h.unread > 0).then(|| view! {
                    <form method="post" action="/messaggi/letti">
                        <button type="submit" class="btn btn-outline-primary btn-sm">{lang.pick(MSG_MARK_READ)}</button>
                    </form>
                })}
                <ul class="inbox" data-testid="inbox">
                    {h.notifications.into_iter().map(|n| view! {
                        <li class:unread=!n.read data-kind=n.kind.clone()>
                            {(!n.read).then(|| view! { <span class="badge">{lang.pick(MSG_NEW)}</span>" " })}
                            <span class="small">{long_date(n.created_on, lang)}</span>" — "
                            <a href=format!("/messaggi/{}", n.id)>{notification_text(&n.kind, &n.params, lang)}</a>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

/// Opens one of the citizen's messages, marking it read (not in an operator's read-only view,
/// which changes nothing).
#[server(prefix = "/api", endpoint = "open_message")]
pub async fn open_message(id: i64) -> Result<Option<NotificationView>, ServerFnError> {
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = crate::state::app_state()?;
    let now = state.clock.now();
    let situation = store::situation::situation(&state.db, &user, now, &state.rules)
        .await
        .map_err(crate::state::unavailable("loading a citizen's situation"))?;
    let Some(found) =
        situation.household.and_then(|h| h.notifications.into_iter().find(|n| n.id == id))
    else {
        return Ok(None);
    };
    if !user.is_viewing()
        && let Some(me) = situation.me
    {
        store::situation::mark_read(&state.db, me.id, id, now)
            .await
            .map_err(crate::state::unavailable("marking a message read"))?;
    }
    Ok(Some(NotificationView { read: true, ..found }))
}

/// The route's `{id}`; one that is not a number finds nothing (id 0), so the page says "not found".
fn id_param() -> i64 {
    use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0)
}

/// `/messaggi/{id}`: one message on its own page.
#[component]
pub fn MessagePage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let found = Resource::new_blocking(move || id, open_message);
    view! {
        <Title text=lang.pick(MSG_ONE_TITLE) />
        <div class="container section narrow">
            <SectionNav current="/messaggi" />
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(Some(n)) => view! {
                            <h1>{lang.pick(MSG_ONE_TITLE)}</h1>
                            <p class="small">{long_date(n.created_on, lang)}</p>
                            <p class="lead" data-testid="message-text">{notification_text(&n.kind, &n.params, lang)}</p>
                            <p><a href="/messaggi">{lang.pick(MSG_BACK)}</a></p>
                        }.into_any(),
                        Ok(None) => {
                            set_page_status(404);
                            view! { <h1>{lang.pick(MSG_ONE_TITLE)}</h1><p>{lang.pick(MSG_NOT_FOUND)}</p> }.into_any()
                        }
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

/// `/convocazioni/{id}`: opening it records the platform read receipt.
#[component]
pub fn ConvocationPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let found = Resource::new_blocking(move || id, open_convocation);
    view! {
        <Title text=lang.pick(CONV_TITLE) />
        <div class="container section narrow">
            <SectionNav current="/messaggi" />
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(Some(c)) => view! {
                            <h1>{lang.pick(CONV_TITLE)}</h1>
                            <div class="alert alert-warning">{lang.pick(CONV_LEGAL)}</div>
                            <dl class="facts">
                                <dt>{lang.pick(CONV_PURPOSE)}</dt><dd data-testid="conv-purpose">{purpose_text(&c.purpose, lang)}</dd>
                                <dt>{lang.pick(CONV_ISSUER)}</dt><dd>{c.issuer_name.clone()}</dd>
                                <dt>{lang.pick(CONV_WHEN)}</dt><dd><strong data-testid="conv-when">{long_date(c.appointment_on, lang)}" "{lang.pick(AT)}" "{c.appointment_time.clone()}</strong></dd>
                                <dt>{lang.pick(CONV_WHERE)}</dt><dd>{c.place.clone()}</dd>
                                {c.office_phone.clone().map(|phone| {
                                    let tel = format!("tel:{}", phone.replace(' ', ""));
                                    view! {
                                        <dt>{lang.pick(CONV_PHONE)}</dt>
                                        <dd><a href=tel>{phone}</a></dd>
                                    }
                                })}
                                <dt>{lang.pick(CONV_ISSUED)}</dt><dd>{long_date(c.issued_on, lang)}</dd>
                                <dt>{lang.pick(CONV_CHANNELS)}</dt><dd>{c.channels.iter().map(|ch| channel_label(ch, lang)).collect::<Vec<_>>().join(", ")}</dd>
                                {c.outcome.clone().map(|o| view! { <dt>{lang.pick(CONV_OUTCOME)}</dt><dd>{outcome_label(&o, lang)}</dd> })}
                            </dl>
                            <h2 class="h4">{lang.pick(CONV_BRING)}</h2>
                            <ul>{bring_list(&c.purpose, lang).into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
                            {convocation_request(&c, lang)}
                        }.into_any(),
                        Ok(None) => {
                            set_page_status(404);
                            view! { <h1>{lang.pick(CONV_TITLE)}</h1><p>{lang.pick(CONV_NOT_FOUND)}</p> }.into_any()
                        }
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

/// Asking to move a convocation's appointment, or justifying not attending, before its date;
/// or what was asked already.
fn convocation_request(c: &ConvocationView, lang: Lang) -> AnyView {
    let sent =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("richiesta").is_some());
    if let Some((kind, on)) = &c.request {
        return view! {
            <section aria-labelledby="conv-request-title">
                <h2 id="conv-request-title" class="h4">{lang.pick(CONV_CANNOT)}</h2>
                {sent.then(|| view! { <p class="alert alert-success" role="status">{lang.pick(CONV_REQUEST_SENT)}</p> })}
                <p data-testid="conv-request">{request_sent_text(kind, &long_date(*on, lang), lang)}</p>
            </section>
        }
        .into_any();
    }
    if !c.upcoming {
        return ().into_any();
    }
    let fb = feedback();
    let mine = fb.is_for("request");
    let err = |field: &str| if mine { fb.error(field) } else { None };
    let text = if mine { fb.value("testo") } else { None }.unwrap_or_default();
    let kind = if mine { fb.value("tipo") } else { None }.unwrap_or_default();
    let text_error = err("testo");
    let kind_error = err("tipo");
    let (text_invalid, kind_invalid) = (text_error.is_some(), kind_error.is_some());
    let general = err("convocation");
    view! {
        <section aria-labelledby="conv-request-title">
            <h2 id="conv-request-title" class="h4">{lang.pick(CONV_CANNOT)}</h2>
            <p>{lang.pick(CONV_CANNOT_INTRO)}</p>
            {general.map(|code| view! { <p class="alert alert-danger" role="alert">{error_text(&code, lang)}</p> })}
            <form method="post" action=format!("/convocazioni/{}/richiesta", c.id) novalidate>
                <fieldset aria-describedby=kind_invalid.then_some("conv-kind-error")>
                    <legend class="h6">{lang.pick(CONV_REQUEST_KIND)}</legend>
                    <div class="form-check-line">
                        <input id="conv-kind-reschedule" type="radio" name="tipo" value="reschedule" checked=kind != "justification" />
                        <label for="conv-kind-reschedule">{lang.pick(CONV_REQUEST_RESCHEDULE)}</label>
                    </div>
                    <div class="form-check-line">
                        <input id="conv-kind-justification" type="radio" name="tipo" value="justification" checked=kind == "justification" />
                        <label for="conv-kind-justification">{lang.pick(CONV_REQUEST_JUSTIFICATION)}</label>
                    </div>
                    {kind_error.map(|code| view! { <p id="conv-kind-error" class="field-error">{error_text(&code, lang)}</p> })}
                </fieldset>
                <div class="form-field" class:has-error=text_invalid>
                    <label for="conv-text">{lang.pick(CONV_REQUEST_TEXT)}</label>
                    <p id="conv-text-hint" class="field-hint">{lang.pick(CONV_REQUEST_TEXT_HINT)}</p>
                    <textarea id="conv-text" name="testo" class="form-input" rows="4" maxlength="1000"
                        aria-invalid=text_invalid.to_string()
                        aria-describedby=if text_invalid { "conv-text-hint conv-text-error" } else { "conv-text-hint" }>{text}</textarea>
                    {text_error.map(|code| view! { <p id="conv-text-error" class="field-error">{error_text(&code, lang)}</p> })}
                </div>
                <button type="submit" class="btn btn-primary">{lang.pick(CONV_REQUEST_SEND)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// `/iscrizione`: shown at the first sign-in.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    let lang = use_lang();
    let situation = Resource::new_blocking(|| (), |_| my_situation());
    let fb = feedback();
    view! {
        <Title text=lang.pick(REG_TITLE) />
        <div class="container section narrow">
            <h1>{lang.pick(REG_TITLE)}</h1>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || {
                    let fb = fb.clone();
                    Suspend::new(async move {
                        let Ok(s) = situation.await else {
                            return view! { <p class="alert alert-danger" role="alert">{lang.pick(ERR_UNAVAILABLE)}</p> }.into_any();
                        };
                        let email = fb.value("email").or(s.email.clone()).unwrap_or_default();
                        let phone = fb.value("phone").or(s.phone.clone()).unwrap_or_default();
                        let has_errors = !fb.errors.is_empty();
                        view! {
                            <p>{lang.pick(REG_INTRO)}</p>
                            {has_errors.then(|| {
                                let items = fb.errors.iter().filter_map(|(field, code)| {
                                    let id = match field.as_str() {
                                        "consent" => "reg-consent",
                                        "email" => "reg-email",
                                        "phone" => "reg-phone",
                                        _ => return None,
                                    };
                                    let text = if field == "consent" { lang.pick(ERR_CONSENT) } else { error_text(code, lang) };
                                    Some((id.to_string(), text.to_string()))
                                }).collect::<Vec<_>>();
                                view! { <crate::components::ErrorSummary title=lang.pick(ERR_SUMMARY) items /> }
                            })}
                            <h2 class="h5">{lang.pick(REG_IDENTITY)}</h2>
                            <dl class="identity">
                                <dt>{lang.messages().label_name}</dt><dd>{s.given_name.clone()}" "{s.family_name.clone()}</dd>
                                <dt>{lang.messages().label_codice_fiscale}</dt><dd class="mono">{s.codice_fiscale.clone()}</dd>
                            </dl>
                            {draft_keeper()}
                            <form method="post" action="/iscrizione" data-draft="iscrizione" novalidate>
                                <p><a href="/privacy" target="_blank">{lang.pick(REG_PRIVACY_LINK)}</a></p>
                                <div class="form-check-line" class:has-error=fb.error("consent").is_some()>
                                    <input id="reg-consent" type="checkbox" name="consent" value="si"
                                        checked=fb.value("consent").is_some() aria-invalid=fb.error("consent").is_some().to_string()
                                        aria-describedby=fb.error("consent").map(|_| "reg-consent-error") />
                                    <label for="reg-consent">{lang.pick(REG_CONSENT)}</label>
                                </div>
                                {fb.error("consent").map(|_| view! { <p id="reg-consent-error" class="field-error">{lang.pick(ERR_CONSENT)}</p> })}
                                <h2 class="h5">{lang.pick(REG_CONTACTS)}</h2>
                                <p class="small">{lang.pick(REG_CONTACTS_HELP)}</p>
                                <TextField id="reg-email" name="email" label=lang.pick(FIELD_EMAIL) kind="email" autocomplete="email"
                                    value=email error=fb.error("email").map(|_| error_text("email_malformed", lang)) hint=None />
                                <TextField id="reg-phone" name="phone" label=lang.pick(FIELD_MOBILE) kind="tel" autocomplete="tel"
                                    value=phone error=fb.error("phone").map(|_| error_text("mobile_malformed", lang)) hint=Some(lang.pick(FIELD_MOBILE_HINT)) />
                                <button type="submit" class="btn btn-primary">{lang.pick(REG_SUBMIT)}</button>
                            </form>
                        }.into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}

/// A labelled input with its hint and error, tied together for screen readers.
#[component]
fn TextField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: String,
    error: Option<&'static str>,
    hint: Option<&'static str>,
) -> impl IntoView {
    let described = match (hint.is_some(), error.is_some()) {
        (true, true) => Some(format!("{id}-hint {id}-error")),
        (true, false) => Some(format!("{id}-hint")),
        (false, true) => Some(format!("{id}-error")),
        (false, false) => None,
    };
    let input_mode = match kind {
        "tel" => "tel",
        "email" => "email",
        _ => "text",
    };
    view! {
        <div class="form-field" class:has-error=error.is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="field-hint">{h}</p> })}
            <input id=id name=name type=kind inputmode=input_mode autocomplete=autocomplete class="form-input" value=value
                aria-invalid=error.is_some().to_string() aria-describedby=described />
            {error.map(|text| view! { <p id=format!("{id}-error") class="field-error">{text}</p> })}
        </div>
    }
}

/// `/pad`: certify mobile and e-mail with one-time codes, give the consents, review, sign.
#[component]
pub fn PadPage() -> impl IntoView {
    view! { <CitizenPage title=PAD_TITLE current="" body=pad /> }
}

fn contact_step(s: &Situation, kind: &'static str, lang: Lang) -> AnyView {
    let fb = use_context::<FormFeedback>().unwrap_or_default();
    let h = s.household.as_ref();
    let certified = h.and_then(|h| h.contacts.iter().find(|c| c.kind == kind).cloned());
    let pending = h.and_then(|h| h.pending_codes.iter().find(|p| p.kind == kind).cloned());
    let (title, label, input, autocomplete, prefill, malformed) = if kind == "mobile" {
        (PAD_STEP_MOBILE, FIELD_MOBILE, "tel", "tel", s.phone.clone(), "mobile_malformed")
    } else {
        (PAD_STEP_EMAIL, FIELD_EMAIL, "email", "email", s.email.clone(), "email_malformed")
    };
    let mine = fb.is_for(kind);
    // After a refused code the typed number stays; asking to change the contact shows the form again.
    let changing = mine && fb.value("change").is_some();
    let error = if mine { fb.error("value").or(fb.error("code")) } else { None };
    let section_id = format!("pad-{kind}");
    let value_id: &'static str =
        if kind == "mobile" { "pad-mobile-value" } else { "pad-email-value" };
    let code_id: &'static str = if kind == "mobile" { "pad-mobile-code" } else { "pad-email-code" };
    let body = match (&certified, &pending) {
        (Some(c), None) if !changing => view! {
            <p class="certified"><span class="badge badge-ok">{lang.pick(PAD_CERTIFIED)}</span>" "<strong data-testid=format!("certified-{kind}")>{c.value.clone()}</strong></p>
        }.into_any(),
        (_, Some(p)) if !changing => {
            let code_error = error.clone().map(|code| {
                let text = error_text(&code, lang);
                if code == "wrong" { format!("{text} {}", fb.detail.unwrap_or(0)) } else { text.to_string() }
            });
            let has_error = code_error.is_some();
            let described = if has_error { format!("{code_id}-hint {code_id}-error") } else { format!("{code_id}-hint") };
            view! {
                <p>{lang.pick(PAD_CODE_SENT_TO)}" "<strong>{p.destination.clone()}</strong>"."</p>
                <form method="post" action="/pad/verifica" novalidate>
                    <input type="hidden" name="kind" value=kind />
                    <div class="form-field" class:has-error=has_error>
                        <label for=code_id>{lang.pick(PAD_CODE_LABEL)}</label>
                        <p id=format!("{code_id}-hint") class="field-hint">{lang.pick(PAD_CODE_VALID)}" "{p.tries_left}</p>
                        <input id=code_id name="code" class="form-input mono code-input" inputmode="numeric" autocomplete="one-time-code"
                            maxlength="6" pattern="[0-9]*" aria-invalid=has_error.to_string() aria-describedby=described />
                        {code_error.map(|t| view! { <p id=format!("{code_id}-error") class="field-error">{t}</p> })}
                    </div>
                    <button type="submit" class="btn btn-primary">{lang.pick(PAD_VERIFY)}</button>
                </form>
                <form method="post" action="/pad/codice" class="resend">
                    <input type="hidden" name="kind" value=kind />
                    <input type="hidden" name="value" value=p.destination.clone() />
                    {(p.resend_in > 0).then(|| view! { <p class="small">{new_code_wait_text(p.resend_in, lang)}</p> })}
                    <button type="submit" class="btn btn-outline-primary btn-sm">{lang.pick(PAD_NEW_CODE)}</button>
                </form>
                <form method="post" action="/pad/cambia" class="resend">
                    <input type="hidden" name="kind" value=kind />
                    <button type="submit" class="btn btn-link btn-sm">{lang.pick(PAD_CHANGE)}</button>
                </form>
            }.into_any()
        }
        _ => {
            let value = if mine { fb.value("value") } else { None }.or(prefill).unwrap_or_default();
            let value_error = error.map(|code| if code == "malformed" { error_text(malformed, lang) } else { error_text(&code, lang) });
            view! {
                <form method="post" action="/pad/codice" novalidate>
                    <input type="hidden" name="kind" value=kind />
                    <TextField id=value_id name="value" label=lang.pick(label) kind=input autocomplete=autocomplete value=value
                        error=value_error hint=if kind == "mobile" { Some(lang.pick(FIELD_MOBILE_HINT)) } else { None } />
                    <button type="submit" class="btn btn-primary">{lang.pick(PAD_SEND_CODE)}</button>
                </form>
            }.into_any()
        }
    };
    view! {
        <section id=section_id class="pad-step" aria-labelledby=format!("pad-{kind}-title")>
            <h2 id=format!("pad-{kind}-title") class="h4">{lang.pick(title)}</h2>
            {body}
        </section>
    }
    .into_any()
}

fn pad(s: Situation, lang: Lang) -> AnyView {
    let Some(h) = s.household.clone() else {
        return view! { <h1>{lang.pick(PAD_TITLE)}</h1>{no_application(lang)} }.into_any();
    };
    if let Some(_pact) = &h.pad {
        return view! {
            <h1>{lang.pick(PAD_TITLE)}</h1>
            <p>{lang.pick(PAD_ALREADY)}" "<a href="/pad/ricevuta">{lang.pick(PAD_SEE_RECEIPT)}</a></p>
        }
        .into_any();
    }
    let fb = use_context::<FormFeedback>().unwrap_or_default();
    if !s.may_sign_pad() {
        let reason = if !s.me.as_ref().is_some_and(|m| m.is_applicant) {
            PAD_ONLY_APPLICANT
        } else {
            PAD_ONLY_ACCEPTED
        };
        let sign_error = fb.error("sign").map(|code| error_text(&code, lang));
        return view! {
            <h1>{lang.pick(PAD_TITLE)}</h1>
            {sign_error.map(|t| view! { <p class="alert alert-danger" role="alert" id="pad-sign-error">{t}</p> })}
            <div class="callout" data-testid="pad-unavailable">
                <h2 class="h4">{lang.pick(PAD_NOT_AVAILABLE)}</h2>
                <p>{lang.pick(reason)}</p>
            </div>
        }
        .into_any();
    }
    // R17: certifying contacts is not a condition for signing; without any, the applicant is
    // told how convocations will reach the household, and says so.
    let platform_only = h.contacts.is_empty();
    let pending = !h.pending_codes.is_empty();
    let application_id = h.application.as_ref().map(|a| a.id).unwrap_or_default();
    let signing = fb.is_for("sign");
    let err = |field: &str| if signing { fb.error(field) } else { None };
    let address = if signing { fb.value("convocation_address") } else { None }
        .unwrap_or_else(|| h.address.clone());
    let any_sign_error = signing && !fb.errors.is_empty();
    view! {
        <h1>{lang.pick(PAD_TITLE)}</h1>
        <p>{lang.pick(PAD_INTRO)}</p>
        <p class="small">{lang.pick(PAD_CONTACT_WHY)}" "{lang.pick(PAD_CONTACTS_OPTIONAL)}</p>
        {contact_step(&s, "mobile", lang)}
        {contact_step(&s, "email", lang)}
        <section id="pad-sign" class="pad-step" aria-labelledby="pad-sign-title">
            <h2 id="pad-sign-title" class="h4">{lang.pick(PAD_STEP_SIGN)}</h2>
            {
                view! {
                    {any_sign_error.then(|| {
                        let items = fb.errors.iter().filter_map(|(field, code)| {
                            let (id, text) = match field.as_str() {
                                "convocation_address" => ("pad-address", lang.pick(ERR_ADDRESS)),
                                "consents" => ("pad-consent-convocations", lang.pick(ERR_CONSENT_PAD)),
                                "confirm" => ("pad-confirm", lang.pick(ERR_CONFIRM)),
                                "platform_only" => ("pad-platform-only", error_text(code, lang)),
                                _ => return None,
                            };
                            Some((id.to_string(), text.to_string()))
                        }).collect::<Vec<_>>();
                        view! { <crate::components::ErrorSummary title=lang.pick(ERR_SUMMARY) items /> }
                    })}
                    {err("application").or(err("sign")).map(|code| view! { <p class="field-error" id="pad-sign-error">{error_text(&code, lang)}</p> })}
                    {draft_keeper()}
                    {pending.then(|| view! { <p class="small">{lang.pick(PAD_PENDING_NOT_INCLUDED)}</p> })}
                    <form method="post" action="/pad/firma" data-draft="pad-firma" novalidate>
                        <input type="hidden" name="application" value=application_id.to_string() />
                        {platform_only.then(|| view! {
                            <div class="callout" data-testid="pad-platform-only" class:has-error=err("platform_only").is_some()>
                                <h3 class="h5">{lang.pick(PAD_PLATFORM_ONLY_TITLE)}</h3>
                                <p>{lang.pick(PAD_PLATFORM_ONLY_TEXT)}</p>
                                <div class="form-check-line">
                                    <input id="pad-platform-only" type="checkbox" name="platform_only" value="si"
                                        checked=signing && fb.value("platform_only").is_some()
                                        aria-invalid=err("platform_only").is_some().to_string()
                                        aria-describedby=err("platform_only").map(|_| "pad-platform-only-error") />
                                    <label for="pad-platform-only">{lang.pick(PAD_PLATFORM_ONLY_ACK)}</label>
                                </div>
                                {err("platform_only").map(|code| view! { <p id="pad-platform-only-error" class="field-error">{error_text(&code, lang)}</p> })}
                            </div>
                        })}
                        <div class="form-field" class:has-error=err("convocation_address").is_some()>
                            <label for="pad-address">{lang.pick(PAD_ADDRESS)}</label>
                            <p id="pad-address-hint" class="field-hint">{lang.pick(PAD_ADDRESS_HELP)}</p>
                            <input id="pad-address" name="convocation_address" class="form-input" autocomplete="street-address" value=address
                                maxlength="300" aria-invalid=err("convocation_address").is_some().to_string()
                                aria-describedby=if err("convocation_address").is_some() { "pad-address-hint pad-address-error" } else { "pad-address-hint" } />
                            {err("convocation_address").map(|_| view! { <p id="pad-address-error" class="field-error">{lang.pick(ERR_ADDRESS)}</p> })}
                        </div>
                        <fieldset class="consents" aria-describedby=err("consents").map(|_| "pad-consents-error")>
                            <legend class="h5">{lang.pick(PAD_CONSENTS)}</legend>
                            <div class="form-check-line">
                                <input id="pad-consent-convocations" type="checkbox" name="consent_convocations" value="si"
                                    checked=signing && fb.value("consent_convocations").is_some() />
                                <label for="pad-consent-convocations">{lang.pick(PAD_CONSENT_CONVOCATIONS)}</label>
                            </div>
                            <div class="form-check-line">
                                <input id="pad-consent-transmit" type="checkbox" name="consent_transmit" value="si"
                                    checked=signing && fb.value("consent_transmit").is_some() />
                                <label for="pad-consent-transmit">{lang.pick(PAD_CONSENT_TRANSMIT)}</label>
                            </div>
                            {err("consents").map(|_| view! { <p id="pad-consents-error" class="field-error">{lang.pick(ERR_CONSENT_PAD)}</p> })}
                        </fieldset>
                        <h3 class="h5">{lang.pick(PAD_REVIEW)}</h3>
                        <dl class="facts">
                            <dt>{lang.pick(APP_PROTOCOL)}</dt><dd class="mono">{h.application.as_ref().map(|a| a.protocol.clone())}</dd>
                            <dt>{lang.pick(PAD_REVIEW_MEMBERS)}</dt>
                            <dd>{h.members.iter().map(|m| format!("{} {}", m.given_name, m.family_name)).collect::<Vec<_>>().join(", ")}</dd>
                            <dt>{lang.pick(PAD_REVIEW_CONTACTS)}</dt>
                            <dd>{if platform_only {
                                lang.pick(CONTACTS_NONE).to_string()
                            } else {
                                h.contacts.iter().map(|c| contact_line(&c.kind, &c.value, lang)).collect::<Vec<_>>().join(", ")
                            }}</dd>
                        </dl>
                        <div class="form-check-line" class:has-error=err("confirm").is_some()>
                            <input id="pad-confirm" type="checkbox" name="confirm" value="si" aria-invalid=err("confirm").is_some().to_string()
                                aria-describedby=err("confirm").map(|_| "pad-confirm-error") />
                            <label for="pad-confirm">{lang.pick(PAD_CONFIRM)}</label>
                        </div>
                        {err("confirm").map(|_| view! { <p id="pad-confirm-error" class="field-error">{lang.pick(ERR_CONFIRM)}</p> })}
                        <button type="submit" class="btn btn-primary btn-lg">{lang.pick(PAD_SIGN)}</button>
                    </form>
                }.into_any()
            }
        </section>
    }
    .into_any()
}

/// `/pad/ricevuta`: the printable receipt with the pact's SHA-256.
#[component]
pub fn PadReceiptPage() -> impl IntoView {
    view! { <CitizenPage title=RECEIPT_TITLE current="" body=receipt /> }
}

fn receipt(s: Situation, lang: Lang) -> AnyView {
    let Some(h) = s.household else {
        return view! { <h1>{lang.pick(RECEIPT_TITLE)}</h1><p>{lang.pick(RECEIPT_NONE)}</p> }
            .into_any();
    };
    let Some(p) = h.pad.clone() else {
        return view! { <h1>{lang.pick(RECEIPT_TITLE)}</h1><p>{lang.pick(RECEIPT_NONE)}</p> }
            .into_any();
    };
    let signer = h
        .members
        .iter()
        .find(|m| m.is_applicant)
        .map(|m| format!("{} {} ({})", m.given_name, m.family_name, m.codice_fiscale));
    let dl: domain::Lang = lang.into();
    let first =
        h.obligations.iter().find(|o| o.kind == domain::ObligationKind::FirstMeeting).cloned();
    // What was signed, read back from the signed text itself: the receipt shows the pact,
    // not today's contacts.
    let signed: serde_json::Value = serde_json::from_str(&p.content_json).unwrap_or_default();
    let contacts: Vec<String> = signed["certified_contacts"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|c| {
                    contact_line(
                        c["kind"].as_str().unwrap_or(""),
                        c["value"].as_str().unwrap_or(""),
                        lang,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let contacts = if contacts.is_empty() {
        lang.pick(CONTACTS_NONE).to_string()
    } else {
        contacts.join(", ")
    };
    let address = signed["convocation_address"].as_str().unwrap_or_default().to_string();
    view! {
        <article class="receipt">
            <h1>{lang.pick(RECEIPT_TITLE)}</h1>
            <p class="lead" data-testid="receipt-summary">{receipt_summary(&p.signed_at, lang)}</p>
            <dl class="facts">
                <dt>{lang.pick(APP_PROTOCOL)}</dt><dd class="mono">{h.application.as_ref().map(|a| a.protocol.clone())}</dd>
                <dt>{lang.pick(RECEIPT_SIGNED_AT)}</dt><dd data-testid="signed-at">{p.signed_at.clone()}</dd>
                <dt>{lang.pick(RECEIPT_SIGNER)}</dt><dd>{signer}</dd>
                <dt>{lang.pick(RECEIPT_CONTACTS)}</dt><dd data-testid="receipt-contacts">{contacts}</dd>
                <dt>{lang.pick(RECEIPT_ADDRESS)}</dt><dd data-testid="receipt-address">{address}</dd>
                <dt>{lang.pick(PAD_CONSENTS)}</dt>
                <dd><ul class="plain">
                    <li>{lang.pick(PAD_CONSENT_CONVOCATIONS)}</li>
                    <li>{lang.pick(PAD_CONSENT_TRANSMIT)}</li>
                </ul></dd>
            </dl>
            {first.map(|o| view! {
                <h2 class="h4">{lang.pick(RECEIPT_NEXT)}</h2>
                <p>{o.explain(dl)}</p>
                <p><a href="/il-mio-siisl">{lang.pick(NAV_MY_SIISL)}</a></p>
            })}
            <p class="small no-print">{lang.pick(RECEIPT_PRINT)}</p>
            {technical_details(&p, lang)}
        </article>
    }
    .into_any()
}

/// The top of a receipt, in words: what was signed and when.
fn receipt_summary(signed_at: &str, lang: Lang) -> String {
    match lang {
        Lang::It => format!(
            "Hai firmato il Patto di attivazione digitale del nucleo il {signed_at}. Il patto è conservato su SIISL così come l'hai firmato."
        ),
        Lang::En => format!(
            "You signed the household's digital activation pact on {signed_at}. SIISL keeps the pact exactly as you signed it."
        ),
    }
}

/// The pact's fingerprint and signed text, folded away under "Dettagli tecnici": what an
/// office or a court may need, not what a person reads first.
pub(crate) fn technical_details(p: &PactView, lang: Lang) -> impl IntoView {
    view! {
        <details class="technical">
            <summary>{lang.pick(RECEIPT_TECHNICAL)}</summary>
            <dl class="facts">
                <dt>{lang.pick(RECEIPT_HASH)}</dt><dd class="mono hash" data-testid="sha256">{p.sha256.clone()}</dd>
            </dl>
            <p class="small">{lang.pick(RECEIPT_HASH_HELP)}</p>
            <p class="small">{lang.pick(RECEIPT_CONTENT)}</p>
            <pre class="pact-json">{p.content_json.clone()}</pre>
        </details>
    }
}

/// `/demo/messaggi`: what the demo "sent" (the embedded profile only).
#[component]
pub fn DemoOutboxPage() -> impl IntoView {
    let lang = use_lang();
    let messages = Resource::new_blocking(|| (), |_| demo_outbox());
    view! {
        <Title text=lang.pick(DEMO_OUTBOX_TITLE) />
        <div class="container section">
            <h1>{lang.pick(DEMO_OUTBOX_TITLE)}</h1>
            <p>{lang.pick(DEMO_OUTBOX_INTRO)}</p>
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(list) if list.is_empty() => view! { <p>{lang.pick(DEMO_OUTBOX_EMPTY)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ol class="outbox" data-testid="outbox">
                                {list.into_iter().map(|m| view! {
                                    <li class="outbox-message" data-channel=m.channel.clone() data-recipient=m.recipient.clone()>
                                        <p class="small">{m.created_at.clone()}" · "{channel_label(&m.channel, lang)}" → "<span class="mono">{m.recipient.clone()}</span></p>
                                        <p><strong>{m.subject.clone()}</strong></p>
                                        <p class="outbox-body">{m.body.clone()}</p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(_) => {
                            set_page_status(404);
                            view! { <p>{lang.pick(DEMO_OUTBOX_EMPTY)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
