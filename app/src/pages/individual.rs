//! The PAD individuale (R14, R25): the DID, for SFL the choice of at least three employment
//! agencies, the consent to send the data, and the receipt of the signed pact.

use contract::policy::ServerFnRule;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::citizen::{FormFeedback, Situation};
use crate::components::draft_keeper;
use crate::i18n::Lang;
use crate::i18n::citizen::{
    APP_PROTOCOL, ERR_CONFIRM, ERR_STATUS, ERR_SUMMARY, ERR_UNAVAILABLE, NAV_MY_SIISL,
    RECEIPT_NEXT, RECEIPT_PRINT, RECEIPT_SIGNED_AT, RECEIPT_SIGNER, REG_TITLE, T,
};
use crate::i18n::cv::*;
use crate::pages::citizen::{CitizenPage, my_situation};
use crate::request::{redirect_page, set_page_status, use_lang};

/// An employment agency and its branches, nearest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyView {
    pub code: String,
    pub name: String,
    pub branches: Vec<BranchView>,
    /// Has a branch in the person's province.
    pub near: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BranchView {
    pub municipality: String,
    pub address: String,
    pub phone: String,
    pub email: String,
}

/// Who may call this page's server functions (read by the server's policy).
pub(crate) const SERVER_FNS: &[ServerFnRule] = {
    use crate::request::server_fn_rule;
    use contract::policy::CITIZENS;
    use contract::policy::Effect::Reads;
    &[server_fn_rule::<Agencies>("POST", CITIZENS, Reads)]
};

/// The registry of employment agencies, those with a branch in the signed-in person's
/// province first.
#[server(prefix = "/api", endpoint = "agencies")]
pub async fn agencies() -> Result<Vec<AgencyView>, ServerFnError> {
    use crate::cv::SuggestionKind;
    let user = crate::auth::require(crate::policy::CITIZENS)?;
    let state = crate::state::app_state()?;
    let vocabulary = store::vocabulary::vocabulary();
    let home_province = store::citizen::home_municipality(&state.db, &user.codice_fiscale)
        .await
        .map_err(crate::state::unavailable("loading the agency registry"))?
        .and_then(|municipality| vocabulary.province_of(&municipality).map(str::to_string));
    let listed = store::welfare::active_agencies(&state.db)
        .await
        .map_err(crate::state::unavailable("loading the agency registry"))?;
    let mut views: Vec<AgencyView> = listed
        .into_iter()
        .map(|l| {
            let mut branches: Vec<(bool, BranchView)> = l
                .branches
                .into_iter()
                .map(|b| {
                    let near = home_province.is_some()
                        && vocabulary.province_of(&b.municipality_code) == home_province.as_deref();
                    let view = BranchView {
                        municipality: vocabulary
                            .label(SuggestionKind::Municipality, &b.municipality_code)
                            .unwrap_or(&b.municipality_code)
                            .to_string(),
                        address: b.address,
                        phone: b.phone,
                        email: b.email,
                    };
                    (near, view)
                })
                .collect();
            branches.sort_by_key(|(near, _)| !*near);
            AgencyView {
                code: l.agency.code,
                name: l.agency.name,
                near: branches.first().is_some_and(|(near, _)| *near),
                branches: branches.into_iter().map(|(_, b)| b).collect(),
            }
        })
        .collect();
    // Stable: by name within "near" and "elsewhere".
    views.sort_by_key(|a| !a.near);
    Ok(views)
}

/// `/pad-individuale`.
#[component]
pub fn PadIndividualePage() -> impl IntoView {
    let lang = use_lang();
    let situation = Resource::new_blocking(|| (), |_| my_situation());
    let registry = Resource::new_blocking(|| (), |_| agencies());
    view! {
        <Title text=lang.pick(PADI_TITLE) />
        <div class="container section citizen">
            <Suspense fallback=move || view! { <p>{lang.messages().loading}</p> }>
                {move || Suspend::new(async move {
                    match (situation.await, registry.await) {
                        (Ok(s), _) if !s.registered && !crate::auth::viewing_citizen() => {
                            redirect_page("/iscrizione");
                            view! { <p><a href="/iscrizione">{lang.pick(REG_TITLE)}</a></p> }.into_any()
                        }
                        (Ok(s), Ok(list)) => pad_individuale(s, list, lang),
                        _ => {
                            set_page_status(503);
                            view! { <p class="alert alert-danger" role="alert">{lang.pick(ERR_UNAVAILABLE)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

fn callout(lang: Lang, text: T) -> AnyView {
    view! {
        <h1>{lang.pick(PADI_TITLE)}</h1>
        <div class="callout" data-testid="padi-unavailable"><p>{lang.pick(text)}</p></div>
    }
    .into_any()
}

fn pad_individuale(s: Situation, registry: Vec<AgencyView>, lang: Lang) -> AnyView {
    let Some(h) = s.household.clone() else {
        return callout(lang, PADI_NOT_NEEDED);
    };
    if !s.needs_pad_individuale() {
        return callout(lang, PADI_NOT_NEEDED);
    }
    if h.pad_individuale.is_some() {
        return view! {
            <h1>{lang.pick(PADI_TITLE)}</h1>
            <p>{lang.pick(PADI_ALREADY)}" "<a href="/pad-individuale/ricevuta">{lang.pick(PADI_SEE_RECEIPT)}</a></p>
        }
        .into_any();
    }
    let sfl = s.is_sfl_applicant();
    let status = s.application().map(|a| a.status.clone()).unwrap_or_default();
    if sfl && h.sfl_enrolled_on.is_none() {
        return view! {
            <h1>{lang.pick(PADI_TITLE)}</h1>
            <div class="callout" data-testid="padi-unavailable">
                <p>{lang.pick(PADI_ENROL_FIRST)}</p>
                <p><a href="/il-mio-siisl">{lang.pick(NAV_MY_SIISL)}</a></p>
            </div>
        }
        .into_any();
    }
    let open =
        if sfl { status == "accepted" } else { matches!(status.as_str(), "active" | "suspended") };
    if !open {
        return callout(lang, PADI_NOT_YET);
    }
    let fb = use_context::<FormFeedback>().unwrap_or_default();
    let mine = fb.is_for("pad-individuale");
    let err = |field: &str| if mine { fb.error(field) } else { None };
    let chosen = |code: &str| mine && fb.values.iter().any(|(k, v)| k == "agency" && v == code);
    let agencies_error = err("chosen_agencies").map(|code| {
        lang.pick(if code == "unknown" { PADI_ERR_UNKNOWN_AGENCY } else { PADI_ERR_AGENCIES })
    });
    let general_error = err("application").or(err("member")).or(err("enrolment"));
    let protocol = s.application().map(|a| a.protocol.clone()).unwrap_or_default();
    view! {
        <h1>{lang.pick(PADI_TITLE)}</h1>
        <p>{lang.pick(if sfl { PADI_INTRO_SFL } else { PADI_INTRO_ADI })}</p>
        <p class="small">{lang.pick(PADI_CV_FIRST)}" "<a href="/cv">{lang.pick(STEP_CV)}</a></p>
        {(mine && !fb.errors.is_empty()).then(|| {
            let mut items: Vec<(String, String)> = Vec::new();
            if err("did").is_some() {
                items.push(("padi-did".into(), lang.pick(PADI_ERR_DID).into()));
            }
            if let Some(text) = agencies_error {
                items.push(("padi-agencies-hint".into(), text.to_string()));
            }
            if err("consents").is_some() {
                items.push(("padi-consent".into(), lang.pick(PADI_ERR_CONSENT).into()));
            }
            if err("confirm").is_some() {
                items.push(("padi-confirm".into(), lang.pick(ERR_CONFIRM).into()));
            }
            view! {
                <div data-testid="padi-errors">
                    <crate::components::ErrorSummary title=lang.pick(ERR_SUMMARY) items />
                </div>
            }
        })}
        {general_error.map(|_| view! { <p class="field-error">{lang.pick(ERR_STATUS)}</p> })}
        {draft_keeper()}
        <form method="post" action="/pad-individuale" data-draft="pad-individuale" novalidate>
            <dl class="facts">
                <dt>{lang.pick(APP_PROTOCOL)}</dt><dd class="mono">{protocol}</dd>
                <dt>{lang.pick(RECEIPT_SIGNER)}</dt><dd>{s.me.as_ref().map(|m| format!("{} {} ({})", m.given_name, m.family_name, m.codice_fiscale))}</dd>
            </dl>
            <fieldset class="consents" aria-describedby=err("did").map(|_| "padi-did-error")>
                <legend class="h5">{lang.pick(PADI_DID_TITLE)}</legend>
                <div class="form-check-line">
                    <input id="padi-did" type="checkbox" name="did" value="si" checked=mine && fb.value("did").is_some()
                        aria-invalid=err("did").is_some().to_string() />
                    <label for="padi-did">{lang.pick(PADI_DID)}</label>
                </div>
                {err("did").map(|_| view! { <p id="padi-did-error" class="field-error">{lang.pick(PADI_ERR_DID)}</p> })}
            </fieldset>
            {sfl.then(|| view! {
                <fieldset class="agencies" aria-describedby=if agencies_error.is_some() { "padi-agencies-hint padi-agencies-error" } else { "padi-agencies-hint" }>
                    <legend class="h5">{lang.pick(PADI_AGENCIES)}</legend>
                    <p id="padi-agencies-hint" class="field-hint">{lang.pick(PADI_AGENCIES_HINT)}</p>
                    {agencies_error.map(|t| view! { <p id="padi-agencies-error" class="field-error">{t}</p> })}
                    {if registry.is_empty() {
                        view! { <p>{lang.pick(PADI_NO_AGENCIES)}</p> }.into_any()
                    } else {
                        registry.iter().map(|a| {
                            let id = format!("padi-agency-{}", a.code);
                            let branch = a.branches.first().map(|b| format!("{}, {}", b.address, b.municipality));
                            view! {
                                <div class="form-check-line agency">
                                    <input id=id.clone() type="checkbox" name="agency" value=a.code.clone() checked=chosen(&a.code) />
                                    <label for=id>
                                        <strong>{a.name.clone()}</strong>
                                        {branch.map(|b| view! { <span class="small agency-branch">{b}</span> })}
                                    </label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
            })}
            <div class="form-check-line" class:has-error=err("consents").is_some()>
                <input id="padi-consent" type="checkbox" name="consent" value="si" checked=mine && fb.value("consent").is_some()
                    aria-invalid=err("consents").is_some().to_string() aria-describedby=err("consents").map(|_| "padi-consent-error") />
                <label for="padi-consent">{lang.pick(PADI_CONSENT)}</label>
            </div>
            {err("consents").map(|_| view! { <p id="padi-consent-error" class="field-error">{lang.pick(PADI_ERR_CONSENT)}</p> })}
            <div class="form-check-line" class:has-error=err("confirm").is_some()>
                <input id="padi-confirm" type="checkbox" name="confirm" value="si" aria-invalid=err("confirm").is_some().to_string()
                    aria-describedby=err("confirm").map(|_| "padi-confirm-error") />
                <label for="padi-confirm">{lang.pick(PADI_CONFIRM)}</label>
            </div>
            {err("confirm").map(|_| view! { <p id="padi-confirm-error" class="field-error">{lang.pick(ERR_CONFIRM)}</p> })}
            <button type="submit" class="btn btn-primary btn-lg">{lang.pick(PADI_SIGN)}</button>
        </form>
    }
    .into_any()
}

/// `/pad-individuale/ricevuta`.
#[component]
pub fn PadIndividualeReceiptPage() -> impl IntoView {
    view! { <CitizenPage title=PADI_RECEIPT_TITLE current="" body=receipt /> }
}

/// The top of the individual pact's receipt, in words.
fn padi_receipt_summary(signed_at: &str, lang: Lang) -> String {
    match lang {
        Lang::It => format!(
            "Hai firmato il tuo Patto di attivazione individuale, con la dichiarazione di immediata disponibilità al lavoro (DID), il {signed_at}."
        ),
        Lang::En => format!(
            "You signed your individual activation pact, with the declaration of immediate availability for work (DID), on {signed_at}."
        ),
    }
}

fn receipt(s: Situation, lang: Lang) -> AnyView {
    let pact = s.household.as_ref().and_then(|h| h.pad_individuale.clone());
    let Some(p) = pact else {
        return callout(lang, PADI_NOT_NEEDED);
    };
    let signer =
        s.me.as_ref().map(|m| format!("{} {} ({})", m.given_name, m.family_name, m.codice_fiscale));
    let sfl = s.application().is_some_and(|a| a.programme == "sfl");
    let signed: serde_json::Value = serde_json::from_str(&p.content_json).unwrap_or_default();
    let agencies: Vec<String> = signed["chosen_agencies"]
        .as_array()
        .map(|all| all.iter().filter_map(|a| a.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    view! {
        <article class="receipt">
            <h1>{lang.pick(PADI_RECEIPT_TITLE)}</h1>
            <p class="lead" data-testid="receipt-summary">{padi_receipt_summary(&p.signed_at, lang)}</p>
            <dl class="facts">
                <dt>{lang.pick(APP_PROTOCOL)}</dt><dd class="mono">{s.application().map(|a| a.protocol.clone())}</dd>
                <dt>{lang.pick(RECEIPT_SIGNED_AT)}</dt><dd data-testid="signed-at">{p.signed_at.clone()}</dd>
                <dt>{lang.pick(RECEIPT_SIGNER)}</dt><dd>{signer}</dd>
                {(!agencies.is_empty()).then(|| view! {
                    <dt>{lang.pick(PADI_AGENCIES)}</dt><dd>{agencies.join(", ")}</dd>
                })}
            </dl>
            <h2 class="h4">{lang.pick(RECEIPT_NEXT)}</h2>
            <p>{lang.pick(if sfl { PADI_NEXT_SFL } else { PADI_NEXT_ADI })}</p>
            <p><a href="/il-mio-siisl">{lang.pick(NAV_MY_SIISL)}</a></p>
            <p class="small no-print">{lang.pick(RECEIPT_PRINT)}</p>
            {crate::pages::citizen::technical_details(&p, lang)}
        </article>
    }
    .into_any()
}
