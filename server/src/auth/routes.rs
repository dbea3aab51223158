//! The sign-in, sign-out and session endpoints.

use std::sync::Arc;

use app::state::AppState;
use axum::{
    Extension, Form,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use contract::auth::{CurrentUser, SignInError};
use serde::Deserialize;
use store::{account, audit, operator, session, sign_in_attempt};

use super::{Auth, cookies, oidc};
use crate::http::guard::{ClientIp, audit_event, record_audit};
use crate::http::is_local_path;

/// Where a successful sign-in lands unless the person was going somewhere else.
/// Stored for a sign-in that names no page to return to: the person then lands on their role's
/// home (`Role::home`), known only once they are signed in.
const ROLE_HOME: &str = "";

#[derive(Deserialize)]
pub struct LoginQuery {
    /// The page to return to after signing in (a local path).
    torna: Option<String>,
}

/// `GET /auth/login/{provider}`: remembers `state`, `nonce` and the PKCE verifier for this
/// browser and sends it to the provider.
pub async fn login(
    State(state): State<AppState>,
    Extension(auth): Extension<Arc<Auth>>,
    Path(provider_id): Path<String>,
    Query(query): Query<LoginQuery>,
) -> Response {
    let Some(provider) = auth.provider(&provider_id) else {
        return refuse(SignInError::UnknownProvider);
    };
    let started = match auth.oidc.start(provider).await {
        Ok(started) => started,
        Err(error) => return refuse(error),
    };
    let return_to =
        query.torna.filter(|p| is_local_path(p)).unwrap_or_else(|| ROLE_HOME.to_string());
    let token = match sign_in_attempt::start(
        &state.db,
        sign_in_attempt::NewAttempt {
            provider: &provider.settings.id,
            state: &started.state,
            nonce: &started.nonce,
            pkce_verifier: &started.pkce_verifier,
            return_to: &return_to,
        },
        Utc::now(),
    )
    .await
    {
        Ok(token) => token,
        Err(error) => {
            tracing::error!(%error, "storing the sign-in attempt failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let max_age = sign_in_attempt::MAX_AGE.num_seconds();
    let mut response = Redirect::to(&started.url).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::sign_in_name(auth.secure_cookies),
            &token,
            Some(max_age),
            auth.secure_cookies,
        ),
    );
    response
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/callback`: checks the provider's answer against this browser's attempt, signs
/// the person in with a fresh session, and forgets the attempt whatever happens.
pub async fn callback(
    State(state): State<AppState>,
    Extension(auth): Extension<Arc<Auth>>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let secure = auth.secure_cookies;
    let mut event = audit_event(&headers, ip);
    let mut response = match complete(&state, &auth, &headers, query).await {
        Ok((response, account_id, provider, role)) => {
            event.actor_account_id = Some(account_id);
            event.actor_role = Some(role.code().to_string());
            event.target = Some(provider);
            record_audit(&state, audit::Action::SignIn, audit::SUCCESS, event).await;
            response
        }
        Err(error) => {
            tracing::warn!(reason = error.code(), "sign-in refused");
            record_audit(&state, audit::Action::SignIn, error.code(), event).await;
            refuse(error)
        }
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookies::clear(cookies::sign_in_name(secure), secure));
    response
}

/// A database failure during sign-in: logged, and shown as the service being unavailable.
fn storage_error(error: sea_orm::DbErr) -> SignInError {
    tracing::error!(%error, "sign-in storage failed");
    SignInError::ProviderUnavailable
}

async fn complete(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    query: CallbackQuery,
) -> Result<(Response, String, String, contract::policy::Role), SignInError> {
    let now = Utc::now();
    let token = cookies::read(headers, cookies::sign_in_name(auth.secure_cookies))
        .ok_or(SignInError::AttemptMissing)?;
    let attempt = sign_in_attempt::take(&state.db, &token, now)
        .await
        .map_err(storage_error)?
        .ok_or(SignInError::AttemptMissing)?;
    if !oidc::state_matches(&attempt.state, query.state.as_deref().unwrap_or_default()) {
        return Err(SignInError::WrongState);
    }
    if query.error.is_some() {
        return Err(SignInError::ProviderRefused);
    }
    let code = query.code.ok_or(SignInError::ProviderRefused)?;
    let provider = auth.provider(&attempt.provider).ok_or(SignInError::UnknownProvider)?;
    let completed =
        auth.oidc.complete(provider, &code, &attempt.nonce, &attempt.pkce_verifier).await?;

    let user_agent =
        headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let account =
        account::sign_in(&state.db, &completed.identity, now).await.map_err(storage_error)?;
    let role =
        operator::role_for(&state.db, &account.codice_fiscale).await.map_err(storage_error)?;
    session::sweep_expired(&state.db, &auth.policy, now).await.map_err(storage_error)?;
    // A fresh session id at every sign-in: a cookie planted before cannot become signed in.
    if let Some(old) = cookies::read(headers, cookies::session_name(auth.secure_cookies)) {
        let _ = session::end_by_token(&state.db, &old).await;
    }
    let session_token = session::create(
        &state.db,
        session::NewSession {
            account_id: &account.id,
            role,
            provider: &provider.settings.id,
            user_agent,
            id_token: completed.id_token,
        },
        now,
    )
    .await
    .map_err(storage_error)?;
    tracing::info!(provider = %provider.settings.id, account = %account.id, "signed in");
    // A person who may act for organisations chooses whom they act for first.
    let chooses = role == contract::policy::Role::Citizen
        && attempt.return_to == ROLE_HOME
        && !store::organisation::memberships_of(&state.db, &account.codice_fiscale)
            .await
            .map_err(storage_error)?
            .is_empty();
    let destination = if chooses {
        "/organizzazioni"
    } else if attempt.return_to == ROLE_HOME {
        role.home()
    } else {
        attempt.return_to.as_str()
    };
    let mut response = Redirect::to(destination).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::session_name(auth.secure_cookies),
            &session_token,
            None,
            auth.secure_cookies,
        ),
    );
    Ok((response, account.id, provider.settings.id.clone(), role))
}

/// The sign-in page, explaining why the sign-in was refused.
fn refuse(error: SignInError) -> Response {
    Redirect::to(&format!("/accedi?errore={}", error.code())).into_response()
}

/// `POST /auth/esci`: ends the session on the server, forgets the cookie, and ends the
/// provider's session too when it offers RP-initiated logout.
pub async fn sign_out(
    State(state): State<AppState>,
    Extension(auth): Extension<Arc<Auth>>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
) -> Response {
    let secure = auth.secure_cookies;
    let name = cookies::session_name(secure);
    let ended = match cookies::read(&headers, name) {
        Some(token) => session::end_by_token(&state.db, &token).await.unwrap_or_else(|error| {
            tracing::error!(%error, "ending the session failed");
            None
        }),
        None => None,
    };
    let mut destination = "/".to_string();
    if let Some(ended) = ended {
        tracing::info!(account = %ended.account_id, "signed out");
        let mut event = audit_event(&headers, ip);
        event.actor_account_id = Some(ended.account_id.clone());
        record_audit(&state, audit::Action::SignOut, audit::SUCCESS, event).await;
        if let Some(url) = provider_logout_url(&auth, &ended).await {
            destination = url;
        }
    }
    let mut response = Redirect::to(&destination).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookies::clear(name, secure));
    // Shared family phones and CAF computers: signing out wipes this browser's drafts and
    // cached copies for the site (the draft keeper also clears its drafts as the form leaves).
    response
        .headers_mut()
        .insert("clear-site-data", HeaderValue::from_static("\"cache\", \"storage\""));
    response
}

/// The provider's RP-initiated logout URL for an ended session, if the provider has one.
async fn provider_logout_url(auth: &Auth, ended: &session::Session) -> Option<String> {
    let provider = auth.provider(&ended.provider)?;
    let endpoint = auth.oidc.end_session_endpoint(provider).await?;
    let mut url = url::Url::parse(&endpoint).ok()?;
    {
        let mut pairs = url.query_pairs_mut();
        if let Some(hint) = &ended.id_token {
            pairs.append_pair("id_token_hint", hint);
        }
        pairs.append_pair("client_id", &provider.settings.client_id);
        pairs.append_pair("post_logout_redirect_uri", &format!("{}/", auth.public_url));
    }
    Some(url.to_string())
}

#[derive(Deserialize)]
pub struct EndSession {
    session: String,
}

/// `POST /auth/sessioni/termina`: ends another of the signed-in person's sessions.
pub async fn end_session(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<EndSession>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/accedi").into_response();
    };
    match session::end_for_account(&state.db, &user.account_id, &form.session).await {
        Ok(ended) => {
            let mut event = audit_event(&headers, ip);
            event.actor_account_id = Some(user.account_id.clone());
            // The stored id is a hash of the cookie: safe to record as the target.
            event.target = Some(form.session.chars().take(64).collect());
            let outcome = if ended { audit::SUCCESS } else { "not_found" };
            record_audit(&state, audit::Action::SessionEnded, outcome, event).await;
        }
        Err(error) => {
            tracing::error!(%error, "ending a session failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    Redirect::to("/area-personale").into_response()
}
