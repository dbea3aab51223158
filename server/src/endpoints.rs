//! The plain endpoints (forms, files, sign-in), each with its rule and its handler side by
//! side. Pages come from the Leptos route list and server functions from their registry; their
//! rules are in `policy`.

use app::state::AppState;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use contract::policy::{ADMINISTRATORS, CITIZENS, OPERATORS, PEOPLE, PUBLISHERS, Rule};

use crate::auth::routes as auth_routes;
use crate::http::{health, language, offline};

/// Method, path, rule, handler.
pub type Endpoint = (Method, &'static str, Rule, MethodRouter<AppState>);

/// The plain endpoints: method, path, the rule that guards it and the handler that answers
/// it. The router mounts them, `policy::rule_for` reads their rules from here, and the
/// authorization matrix test reads this same list.
pub fn endpoints() -> Vec<Endpoint> {
    use Rule::{Public, SignedIn};
    vec![
        (Method::GET, "/healthz", Public, get(health::healthz)),
        (Method::GET, "/readyz", Public, get(health::readyz)),
        (Method::POST, "/lingua", Public, post(language::switch_language)),
        (Method::GET, "/sw.js", Public, get(offline::service_worker)),
        (Method::GET, "/auth/login/{provider}", Public, get(auth_routes::login)),
        (Method::GET, "/auth/callback", Public, get(auth_routes::callback)),
        (Method::POST, "/auth/esci", Public, post(auth_routes::sign_out)),
        (Method::POST, "/auth/sessioni/termina", SignedIn, post(auth_routes::end_session)),
        (
            Method::POST,
            "/amministrazione/operatori",
            ADMINISTRATORS,
            post(crate::admin::save_operator),
        ),
        (Method::POST, "/iscrizione", CITIZENS, post(crate::citizen::register)),
        (Method::POST, "/pad/codice", CITIZENS, post(crate::citizen::send_code)),
        (Method::POST, "/pad/verifica", CITIZENS, post(crate::citizen::verify_code)),
        (Method::POST, "/pad/cambia", CITIZENS, post(crate::citizen::change_contact)),
        (Method::POST, "/pad/firma", CITIZENS, post(crate::citizen::sign_pad)),
        (Method::POST, "/messaggi/letti", CITIZENS, post(crate::citizen::mark_read)),
        (
            Method::POST,
            "/convocazioni/{id}/richiesta",
            CITIZENS,
            post(crate::citizen::request_about_convocation),
        ),
        (Method::POST, "/pad-individuale", CITIZENS, post(crate::citizen::sign_pad_individuale)),
        (Method::POST, "/sfl/adesione", CITIZENS, post(crate::citizen::confirm_enrolment)),
        (
            Method::POST,
            "/sfl/partecipazione",
            CITIZENS,
            post(crate::citizen::confirm_participation),
        ),
        (Method::GET, "/cv/esporta", CITIZENS, get(crate::cv::export)),
        (Method::POST, "/cv/importa", CITIZENS, post(crate::cv::import)),
        // One route for every section of `app::pages::CV_SECTIONS` (the handler refuses others).
        (Method::POST, "/cv/{section}", CITIZENS, post(crate::cv::save_section)),
        (Method::POST, "/opportunita/{id}/candidatura", CITIZENS, post(crate::candidacy::apply)),
        (Method::POST, "/candidature/{id}/ritira", CITIZENS, post(crate::candidacy::withdraw)),
        (
            Method::POST,
            "/operatore/nuclei/{id}/accesso",
            OPERATORS,
            post(crate::caseload::open_file),
        ),
        (
            Method::POST,
            "/operatore/nuclei/{id}/visualizza",
            OPERATORS,
            post(crate::caseload::start_viewing),
        ),
        (Method::POST, "/visualizzazione/termina", SignedIn, post(crate::caseload::end_viewing)),
        (
            Method::POST,
            "/amministrazione/assegnazioni",
            ADMINISTRATORS,
            post(crate::caseload::save_assignment),
        ),
        (
            Method::POST,
            "/amministrazione/assegnazioni/area",
            ADMINISTRATORS,
            post(crate::caseload::assign_area),
        ),
        (
            Method::POST,
            "/amministrazione/piattaforme",
            ADMINISTRATORS,
            post(crate::platforms::create),
        ),
        (
            Method::POST,
            "/amministrazione/piattaforme/{id}/segreto",
            ADMINISTRATORS,
            post(crate::platforms::rotate),
        ),
        (
            Method::POST,
            "/amministrazione/piattaforme/{id}/stato",
            ADMINISTRATORS,
            post(crate::platforms::set_state),
        ),
        (
            Method::POST,
            "/amministrazione/consegne/{id}/riprova",
            ADMINISTRATORS,
            post(crate::platforms::retry_delivery),
        ),
        (
            Method::POST,
            "/amministrazione/organizzazioni/{id}",
            ADMINISTRATORS,
            post(crate::organisations::decide),
        ),
        (Method::POST, "/organizzazioni", PEOPLE, post(crate::organisations::request)),
        (Method::POST, "/organizzazioni/opera", PEOPLE, post(crate::organisations::act_for)),
        (Method::POST, "/organizzazione/persone", PUBLISHERS, post(crate::organisations::invite)),
        (
            Method::POST,
            "/organizzazione/persone/rimuovi",
            PUBLISHERS,
            post(crate::organisations::remove),
        ),
        (
            Method::POST,
            "/organizzazione/annunci",
            PUBLISHERS,
            post(crate::organisations::create_ad),
        ),
        (
            Method::POST,
            "/organizzazione/annunci/{id}",
            PUBLISHERS,
            post(crate::organisations::update_ad),
        ),
        (
            Method::POST,
            "/organizzazione/annunci/{id}/azione",
            PUBLISHERS,
            post(crate::organisations::ad_action),
        ),
        (
            Method::POST,
            "/organizzazione/candidature/{id}",
            PUBLISHERS,
            post(crate::organisations::move_candidacy),
        ),
        (
            Method::POST,
            "/amministrazione/annunci/{id}/sospendi",
            ADMINISTRATORS,
            post(crate::organisations::suspend_ad),
        ),
        (
            Method::POST,
            "/amministrazione/annunci/{id}/archivia",
            ADMINISTRATORS,
            post(crate::organisations::dismiss_reports),
        ),
        (
            Method::POST,
            "/opportunita/{id}/segnala",
            CITIZENS,
            post(crate::organisations::report_ad),
        ),
    ]
}

/// The rule of an endpoint, if `route` is one (the table is read once per process).
pub fn rule_of(method: &Method, route: &str) -> Option<Rule> {
    static RULES: std::sync::OnceLock<Vec<(Method, &'static str, Rule)>> =
        std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| {
        endpoints().into_iter().map(|(method, path, rule, _)| (method, path, rule)).collect()
    });
    rules.iter().find(|(m, path, _)| m == method && *path == route).map(|(_, _, rule)| *rule)
}
