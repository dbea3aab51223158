//! Authorization, decided in one place: `rule_for` gives every route the server answers its
//! rule (an endpoint's from its row in `endpoints`, a page's from `app::shell::PAGE_RULES`, a
//! server function's from beside it, `app::pages::server_fn_rules`, the rest from here), `authorize` applies it, and a route without one is refused (deny by
//! default). The rules themselves (`Rule`, `Role`) live in `contract::policy`, shared with the
//! pages.

use axum::{
    extract::{MatchedPath, Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use contract::auth::CurrentUser;
use contract::policy::{Effect, Role, Rule, ServerFnRule};
use store::audit;

use crate::api::problem::Problem;
use crate::http::guard::{ClientIp, Guards, audit_event};
use store::interop::{self, Platform};

/// The rule for a route, by method and the pattern it was registered with (for server
/// functions, their own path): the endpoints' from their table (`endpoints`), the pages' from
/// theirs (`app::shell::PAGE_RULES`), the server functions' from beside them
/// (`app::pages::server_fn_rules`), the machine API's and the demo provider's here. `None`: the route has
/// no rule, and nobody may use it.
pub fn rule_for(method: &Method, route: &str) -> Option<Rule> {
    use Rule::Public;
    let method = if *method == Method::HEAD { &Method::GET } else { method };
    // The plain endpoints carry their rule beside their handler.
    if let Some(rule) = crate::endpoints::rule_of(method, route) {
        return Some(rule);
    }
    // Pages carry theirs beside their routes.
    if *method == Method::GET
        && let Some((_, rule)) = app::shell::PAGE_RULES.iter().find(|(page, _)| *page == route)
    {
        return Some(*rule);
    }
    // Server functions carry theirs beside the function.
    if let Some(rule) = server_fn_rule(method, route) {
        return Some(rule.rule);
    }
    Some(match (method.as_str(), route) {
        // The demo identity provider (only mounted in the embedded profile).
        (
            "GET",
            "/demo-idp/.well-known/openid-configuration"
            | "/demo-idp/jwks"
            | "/demo-idp/userinfo"
            | "/demo-idp/logout",
        ) => Public,
        ("POST", "/demo-idp/authorize" | "/demo-idp/token") => Public,
        // The machine API: each platform sends only its own events (OAuth2 scope); the token
        // endpoint authenticates the client itself, and the document is public.
        (
            "POST",
            "/api/v1/inps/applications"
            | "/api/v1/inps/application-status"
            | "/api/v1/inps/assessment-outcomes"
            | "/api/v1/inps/sanctions"
            | "/api/v1/inps/payments",
        ) => Rule::Machine(Platform::Inps.scope()),
        (
            "POST",
            "/api/v1/gepi/taking-in-charge"
            | "/api/v1/gepi/convocations"
            | "/api/v1/gepi/meetings"
            | "/api/v1/gepi/member-assessments"
            | "/api/v1/gepi/pais",
        ) => Rule::Machine(Platform::Gepi.scope()),
        (
            "POST",
            "/api/v1/siu/psp" | "/api/v1/siu/activities" | "/api/v1/siu/sfl-participation",
        ) => Rule::Machine(Platform::Siu.scope()),
        ("POST", "/api/v1/oauth/token") => Public,
        ("GET", "/api/v1/openapi.json") => Public,
        // Built assets.
        ("GET", route) if route.starts_with("/pkg") => Public,
        _ => return None,
    })
}

/// Whether a request may pass during an operator's read-only view of a citizen: reading (GET,
/// and the server functions that read), leaving the view, signing out and the language
/// preference. Everything else is refused, so a route added later is refused too until it is
/// listed here or its server function says it only reads.
pub fn allowed_while_viewing(method: &Method, route: &str) -> bool {
    if *method == Method::GET || *method == Method::HEAD {
        return true;
    }
    *method == Method::POST
        && (matches!(route, "/visualizzazione/termina" | "/auth/esci" | "/lingua")
            || server_fn_rule(method, route).is_some_and(|f| f.effect == Effect::Reads))
}

/// The rule kept beside the server function at `route`, if one answers `method` there.
fn server_fn_rule(method: &Method, route: &str) -> Option<&'static ServerFnRule> {
    app::pages::server_fn_rules().find(|f| f.path == route && f.method == method.as_str())
}

/// The pattern a request matched: server functions share one route, so theirs is their path.
fn route_of(request: &Request) -> Option<String> {
    let matched = request.extensions().get::<MatchedPath>()?.as_str();
    Some(if matched.starts_with("/api/") {
        request.uri().path().to_string()
    } else {
        matched.to_string()
    })
}

/// Applies the rule of the matched route to the signed-in person (if any). Requests that match
/// no route (static files, the 404 page) are public.
pub async fn authorize(
    State(guards): State<Guards>,
    ClientIp(ip): ClientIp,
    request: Request,
    next: Next,
) -> Response {
    let Some(route) = route_of(&request) else {
        return next.run(request).await;
    };
    let rule = rule_for(request.method(), &route);
    // What a refusal is audited under (once per window: `Guards::record_refusal`).
    let refused = format!("{} {route}", request.method());
    let user = request.extensions().get::<CurrentUser>().cloned();
    let role: Option<Role> = user.as_ref().map(|u| u.role);
    let viewing = user.as_ref().is_some_and(CurrentUser::is_viewing);
    if viewing && !allowed_while_viewing(request.method(), &route) {
        // Read-only means read-only: refused on the server whatever the page offered.
        let mut event = audit_event(request.headers(), ip);
        event.actor_account_id = user.as_ref().map(|u| u.account_id.clone());
        event.actor_role = user.as_ref().map(|u| u.acting_role().code().into());
        event.target = Some(
            format!("{} {}", request.method(), request.uri().path()).chars().take(200).collect(),
        );
        guards.record_refusal(audit::Action::ViewingRefused, "refused", &refused, event).await;
        return (
            StatusCode::FORBIDDEN,
            "visualizzazione in sola lettura: nessuna modifica è consentita / read-only view: nothing can be changed",
        )
            .into_response();
    }
    if rule.is_none() {
        if let Some(response) = method_not_allowed(request.method(), &route) {
            return response;
        }
        if route.starts_with("/api/") {
            // Every server function and API route has a rule (the matrix test holds the
            // router to it): a path under /api/ without one names nothing.
            return if route.starts_with("/api/v1/") {
                Problem::not_found().into_response()
            } else {
                (StatusCode::NOT_FOUND, "non trovato / not found").into_response()
            };
        }
    }
    if let Some(Rule::Machine(scope)) = rule {
        return authorize_machine(&guards, ip, request, next, scope).await;
    }
    if rule.is_some_and(|rule| rule.permits(role)) {
        return next.run(request).await;
    }
    if rule.is_none() {
        tracing::error!(%route, method = %request.method(), "route without an authorization rule refused");
    }
    let mut event = audit_event(request.headers(), ip);
    event.actor_account_id = user.as_ref().map(|u| u.account_id.clone());
    event.actor_role = role.map(|r| r.code().to_string());
    event.target =
        Some(format!("{} {}", request.method(), request.uri().path()).chars().take(200).collect());
    guards.record_refusal(audit::Action::AuthorizationDenied, "refused", &refused, event).await;
    // Someone not signed in, opening a page: take them to sign in, and back afterwards.
    if user.is_none() && request.method() == Method::GET {
        let back: String =
            url::form_urlencoded::byte_serialize(request.uri().path().as_bytes()).collect();
        return Redirect::to(&format!("/accedi?torna={back}")).into_response();
    }
    // Not signed in (or the session expired) sending something that needs signing in: 401, so
    // the draft keeper knows to keep the form and ask to sign in again.
    if user.is_none() && rule.is_some() {
        return (StatusCode::UNAUTHORIZED, "accesso necessario / sign-in required").into_response();
    }
    (StatusCode::FORBIDDEN, "non autorizzato / not allowed").into_response()
}

/// 405 with `Allow` when the route has rules for other methods only: the request is not
/// refused for who sent it, so it is neither audited nor sent to sign in. Problem details on
/// the machine API.
fn method_not_allowed(method: &Method, route: &str) -> Option<Response> {
    let allowed: Vec<&str> = [Method::GET, Method::POST]
        .iter()
        .filter(|other| *other != method && rule_for(other, route).is_some())
        .map(Method::as_str)
        .collect();
    if allowed.is_empty() {
        return None;
    }
    let allow = allowed.join(", ");
    let mut response = if route.starts_with("/api/v1/") {
        Problem::method_not_allowed(&allow).into_response()
    } else {
        (StatusCode::METHOD_NOT_ALLOWED, "metodo non consentito / method not allowed")
            .into_response()
    };
    if let Ok(value) = axum::http::HeaderValue::from_str(&allow) {
        response.headers_mut().insert(axum::http::header::ALLOW, value);
    }
    Some(response)
}

/// A machine API route: the bearer token must be current and carry `scope`. The client it
/// belongs to travels with the request (`interop::Machine`), for the handler and the audit.
async fn authorize_machine(
    guards: &Guards,
    ip: Option<std::net::IpAddr>,
    mut request: Request,
    next: Next,
    scope: &'static str,
) -> Response {
    let bearer = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let Some(bearer) = bearer else {
        return Problem::unauthorized("a bearer token is required (POST /api/v1/oauth/token)")
            .into_response();
    };
    let machine = match interop::authenticate(&guards.app.db, &bearer, chrono::Utc::now()).await {
        Ok(Some(machine)) => machine,
        Ok(None) => {
            return Problem::unauthorized("the token is unknown or has expired").into_response();
        }
        Err(error) => {
            tracing::error!(%error, "checking a token failed");
            return Problem::unavailable().into_response();
        }
    };
    if !machine.scopes.iter().any(|s| s == scope) {
        let mut event = audit_event(request.headers(), ip);
        event.actor_account_id = Some(format!("api:{}", machine.client_id));
        event.actor_role = Some(machine.platform.code().to_string());
        event.target = Some(
            format!("{} {}", request.method(), request.uri().path()).chars().take(200).collect(),
        );
        let route = format!("{} {}", request.method(), request.uri().path());
        guards
            .record_refusal(audit::Action::AuthorizationDenied, "insufficient_scope", &route, event)
            .await;
        return Problem::insufficient_scope(scope).into_response();
    }
    request.extensions_mut().insert(machine);
    next.run(request).await
}
