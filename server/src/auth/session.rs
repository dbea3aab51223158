//! Resolving the session cookie on every request into a `CurrentUser`.

use app::state::AppState;
use axum::{
    extract::{Request, State},
    http::header,
    middleware::Next,
    response::Response,
};
use contract::auth::{CurrentUser, Viewing};
use contract::policy::Role;
use store::session;

use super::cookies;

/// Puts the signed-in person into the request's extensions, where pages, server functions and
/// handlers find it. An expired or unknown session cookie is deleted from the browser.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let secure = state.site.https;
    let name = cookies::session_name(secure);
    // Static files never depend on who asks: spare them the database. The service worker and
    // the offline copies it keeps must not either: they are stored in the browser, so they are
    // rendered for nobody even when a session cookie comes along.
    let path = request.uri().path();
    let is_static = path.starts_with("/pkg/")
        || path.starts_with("/fonts/")
        || path == "/sw.js"
        || path == "/offline"
        || path.starts_with("/offline/");
    let token = if is_static { None } else { cookies::read(request.headers(), name) };
    let mut stale = false;
    let mut signed_in = None;
    if let Some(token) = token {
        match session::authenticate(&state.db, &token, &state.auth.sessions, chrono::Utc::now())
            .await
        {
            Ok(Some((session, account))) => {
                let user = current_user(&state, session, account).await;
                signed_in = Some(user.clone());
                request.extensions_mut().insert(user);
            }
            Ok(None) => stale = true,
            // The database is down: serve the page signed out, but keep the cookie.
            Err(error) => tracing::error!(%error, "session lookup failed"),
        }
    }
    let mut response = next.run(request).await;
    // For the error pages rendered outside (`http::middleware::error_pages`): they show who is
    // signed in, as every page does.
    if let Some(user) = signed_in {
        response.extensions_mut().insert(user);
    }
    if stale {
        response.headers_mut().append(header::SET_COOKIE, cookies::clear(name, secure));
    }
    response
}

/// The person a session acts as. An operator's session that holds a read-only view of a
/// citizen acts as that citizen (so the citizen's own pages render their data) with the view
/// marked, which the authorization policy reads to refuse every change; a view the operator
/// may no longer hold (the assignment ended) is dropped.
async fn current_user(
    state: &AppState,
    session: session::Session,
    account: store::account::Account,
) -> CurrentUser {
    // A role code this build does not know grants nothing beyond a citizen's.
    let mut role = Role::from_code(&session.role).unwrap_or(Role::Citizen);
    let organisation = if role == Role::Organisation {
        let acting = acting_for(state, &session, &account.codice_fiscale).await;
        if acting.is_none() {
            role = Role::Citizen;
        }
        acting
    } else {
        None
    };
    let operator = CurrentUser {
        account_id: account.id,
        session_id: session.id,
        given_name: account.given_name,
        family_name: account.family_name,
        codice_fiscale: account.codice_fiscale,
        role,
        viewing: None,
        organisation,
    };
    let (Some(citizen), Some(access_id)) =
        (session.viewing_codice_fiscale, session.viewing_access_id)
    else {
        return operator;
    };
    let viewable = if role == Role::Citizen {
        Ok(None)
    } else {
        store::caseload::viewable_member(&state.db, &operator.codice_fiscale, &citizen).await
    };
    match viewable {
        Ok(Some(member)) => CurrentUser {
            given_name: member.given_name,
            family_name: member.family_name,
            codice_fiscale: member.codice_fiscale,
            role: Role::Citizen,
            viewing: Some(Viewing { operator_role: role, access_id }),
            ..operator
        },
        Ok(None) => {
            if let Err(error) = session::set_viewing(&state.db, &operator.session_id, None).await {
                tracing::error!(%error, "ending a lapsed read-only view failed");
            }
            operator
        }
        // The database is down: certainly no view (it can only refuse more).
        Err(error) => {
            tracing::error!(%error, "checking a read-only view failed");
            operator
        }
    }
}

/// The organisation a session acting for one may still act for: the organisation approved and
/// the person not removed, checked on every request so a removal ends the access at once. A
/// lapsed one turns the session back into the person's own.
async fn acting_for(
    state: &AppState,
    session: &session::Session,
    codice_fiscale: &str,
) -> Option<contract::organisations::ActingFor> {
    use contract::organisations::{ActingFor, OrganisationKind};
    let id = session.acting_for?;
    match store::organisation::membership(&state.db, id, codice_fiscale).await {
        Ok(Some(membership)) => Some(ActingFor {
            id,
            kind: OrganisationKind::from_code(&membership.organisation.kind)?,
            name: membership.organisation.name,
            role: membership.role,
        }),
        Ok(None) => {
            if let Err(error) = session::set_acting_for(&state.db, &session.id, None).await {
                tracing::error!(%error, "ending a lapsed organisation session failed");
            }
            None
        }
        // The database is down: certainly not acting for anyone (it can only refuse more).
        Err(error) => {
            tracing::error!(%error, "checking an organisation session failed");
            None
        }
    }
}
