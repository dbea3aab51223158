//! The built-in demo identity provider: a real OpenID Connect provider served by the app
//! itself under `/demo-idp` (discovery, JWKS, authorize, token, userinfo, logout), signing
//! ES256 ID tokens with `acr` SpidL2 for the demo personas. The app signs in through it with
//! the same client code it uses for SPID and CIE. Embedded profile only; never in production.
//! Discovery, keys and tokens are `openidconnect`'s provider-side types, not hand-made JSON.
//!
//! State (codes, access tokens, the signing key) lives in this process: the embedded profile
//! is one process by design.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    Form, Json, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGenderClaim,
    CoreGrantType, CoreJsonCurveType, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType,
    CoreSubjectIdentifierType,
};
use openidconnect::{
    AccessToken, AdditionalClaims, AdditionalProviderMetadata, Audience, AuthUrl,
    AuthenticationContextClass, EndUserBirthday, EndUserEmail, EndUserFamilyName, EndUserGivenName,
    IdToken, IdTokenClaims, IssuerUrl, JsonWebKeyId, JsonWebKeySet, JsonWebKeySetUrl, Nonce,
    PrivateSigningKey, ProviderMetadata, ResponseTypes, Scope, SigningError, StandardClaims,
    SubjectIdentifier, TokenUrl, UserInfoClaims, UserInfoUrl,
};
use p256::ecdsa::{Signature, SigningKey, signature::Signer};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::config::{FISCAL_NUMBER_CLAIM, SPID_L2, Secret};

const CODE_LIFETIME: Duration = Duration::from_secs(60);
const TOKEN_LIFETIME_SECS: i64 = 300;

#[derive(Clone)]
pub struct DemoIdp {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub redirect_uri: String,
    post_logout_redirect_uri: String,
    inner: Arc<Inner>,
}

struct Inner {
    key: SigningKey,
    kid: String,
    codes: Mutex<HashMap<String, Grant>>,
    access_tokens: Mutex<HashMap<String, (&'static str, Instant)>>,
}

/// What an authorization code stands for until the token endpoint redeems it (once).
struct Grant {
    persona: &'static str,
    redirect_uri: String,
    nonce: Option<String>,
    code_challenge: String,
    issued: Instant,
}

impl std::fmt::Debug for DemoIdp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoIdp").field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

/// A fresh P-256 key. A random 32-byte string is a valid scalar but with negligible
/// probability (zero, or not below the group order): those draws are retried.
pub fn new_signing_key() -> SigningKey {
    loop {
        if let Ok(key) = SigningKey::from_slice(&rand::random::<[u8; 32]>()) {
            return key;
        }
    }
}

fn random_token() -> String {
    B64.encode(rand::random::<[u8; 32]>())
}

impl DemoIdp {
    pub fn new(public_url: &str) -> DemoIdp {
        let key = new_signing_key();
        let kid =
            B64.encode(&Sha256::digest(key.verifying_key().to_sec1_point(false).as_bytes())[..12]);
        DemoIdp {
            issuer: format!("{public_url}/demo-idp"),
            client_id: "siisl-demo".into(),
            client_secret: Secret::new(random_token()),
            redirect_uri: format!("{public_url}/auth/callback"),
            post_logout_redirect_uri: format!("{public_url}/"),
            inner: Arc::new(Inner {
                key,
                kid,
                codes: Mutex::new(HashMap::new()),
                access_tokens: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Every route of the provider (method, path), as `routes` mounts them.
    pub const ROUTES: &[(&str, &str)] = &[
        ("GET", "/demo-idp/.well-known/openid-configuration"),
        ("GET", "/demo-idp/jwks"),
        ("POST", "/demo-idp/authorize"),
        ("POST", "/demo-idp/token"),
        ("GET", "/demo-idp/userinfo"),
        ("GET", "/demo-idp/logout"),
    ];

    pub fn routes<S>(&self) -> Router<S> {
        Router::new()
            .route("/demo-idp/.well-known/openid-configuration", get(discovery))
            .route("/demo-idp/jwks", get(jwks))
            .route("/demo-idp/authorize", post(authorize))
            .route("/demo-idp/token", post(token))
            .route("/demo-idp/userinfo", get(userinfo))
            .route("/demo-idp/logout", get(logout))
            .with_state(self.clone())
    }

    fn signing_key(&self) -> Es256Key<'_> {
        Es256Key { key: &self.inner.key, kid: &self.inner.kid }
    }
}

/// The claims SPID and CIE add to the standard ones: the codice fiscale, as `TINIT-…`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SpidClaims {
    #[serde(rename = "https://attributes.eid.gov.it/fiscal_number")]
    pub fiscal_number: String,
}

impl AdditionalClaims for SpidClaims {}

/// An ID token as SPID and CIE providers send it.
pub type SpidIdToken = IdToken<
    SpidClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// A P-256 key signing ES256 JSON Web Tokens through `openidconnect` (which ships RSA, EdDSA
/// and HMAC signers, not ECDSA), published with its `kid`.
pub struct Es256Key<'a> {
    pub key: &'a SigningKey,
    pub kid: &'a str,
}

impl PrivateSigningKey for Es256Key<'_> {
    type VerificationKey = CoreJsonWebKey;

    fn sign(
        &self,
        signature_alg: &CoreJwsSigningAlgorithm,
        message: &[u8],
    ) -> Result<Vec<u8>, SigningError> {
        match signature_alg {
            CoreJwsSigningAlgorithm::EcdsaP256Sha256 => {
                let signature: Signature = self.key.sign(message);
                Ok(signature.to_bytes().to_vec())
            }
            other => Err(SigningError::UnsupportedAlg(format!("{other:?}"))),
        }
    }

    fn as_verification_key(&self) -> CoreJsonWebKey {
        let point = self.key.verifying_key().to_sec1_point(false);
        let coordinate = |c: Option<&[u8]>| c.map(<[u8]>::to_vec).unwrap_or_default();
        CoreJsonWebKey::new_ec(
            coordinate(point.x().map(|x| x.as_slice())),
            coordinate(point.y().map(|y| y.as_slice())),
            CoreJsonCurveType::P256,
            Some(JsonWebKeyId::new(self.kid.to_string())),
        )
    }
}

/// The JWKS publishing `key`'s public half.
pub fn jwks_of(key: &Es256Key<'_>) -> JsonWebKeySet<CoreJsonWebKey> {
    JsonWebKeySet::new(vec![key.as_verification_key()])
}

/// What discovery adds to the core metadata: the logout endpoint and PKCE's methods.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct DemoMetadata {
    end_session_endpoint: String,
    code_challenge_methods_supported: Vec<String>,
}

impl AdditionalProviderMetadata for DemoMetadata {}

type DemoProviderMetadata = ProviderMetadata<
    DemoMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

async fn discovery(State(idp): State<DemoIdp>) -> Response {
    let base = &idp.issuer;
    let url = |path: &str| format!("{base}{path}");
    let metadata = (|| -> Result<DemoProviderMetadata, url::ParseError> {
        Ok(DemoProviderMetadata::new(
            IssuerUrl::new(base.clone())?,
            AuthUrl::new(url("/authorize"))?,
            JsonWebKeySetUrl::new(url("/jwks"))?,
            vec![ResponseTypes::new(vec![CoreResponseType::Code])],
            vec![CoreSubjectIdentifierType::Pairwise],
            vec![CoreJwsSigningAlgorithm::EcdsaP256Sha256],
            DemoMetadata {
                end_session_endpoint: url("/logout"),
                code_challenge_methods_supported: vec!["S256".into()],
            },
        )
        .set_token_endpoint(Some(TokenUrl::new(url("/token"))?))
        .set_userinfo_endpoint(Some(UserInfoUrl::new(url("/userinfo"))?))
        .set_scopes_supported(Some(
            ["openid", "profile", "email"].map(|s| Scope::new(s.into())).to_vec(),
        ))
        .set_token_endpoint_auth_methods_supported(Some(vec![
            CoreClientAuthMethod::ClientSecretBasic,
            CoreClientAuthMethod::ClientSecretPost,
        ]))
        .set_acr_values_supported(Some(vec![AuthenticationContextClass::new(SPID_L2.into())]))
        .set_claims_supported(Some(
            ["sub", "given_name", "family_name", "birthdate", "email", "acr", FISCAL_NUMBER_CLAIM]
                .map(|c| CoreClaimName::new(c.into()))
                .to_vec(),
        )))
    })();
    match metadata {
        Ok(metadata) => Json(metadata).into_response(),
        Err(error) => {
            tracing::error!(%error, "the demo provider's URLs do not parse");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn jwks(State(idp): State<DemoIdp>) -> Json<JsonWebKeySet<CoreJsonWebKey>> {
    Json(jwks_of(&idp.signing_key()))
}

#[derive(Deserialize)]
struct AuthorizeForm {
    persona: String,
    client_id: String,
    redirect_uri: String,
    response_type: String,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: String,
    code_challenge_method: String,
}

/// The persona picker (a page of the app, `GET /demo-idp/authorize`) posts here.
async fn authorize(State(idp): State<DemoIdp>, Form(form): Form<AuthorizeForm>) -> Response {
    // Only the app's own callback: never redirect anywhere else.
    if form.client_id != idp.client_id || form.redirect_uri != idp.redirect_uri {
        return (StatusCode::BAD_REQUEST, "unknown client or redirect_uri").into_response();
    }
    let mut redirect = match url::Url::parse(&idp.redirect_uri) {
        Ok(url) => url,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let persona = contract::demo::persona(&form.persona);
    let problem = if form.response_type != "code" {
        Some("unsupported_response_type")
    } else if form.code_challenge_method != "S256" || form.code_challenge.is_empty() {
        Some("invalid_request")
    } else if persona.is_none() {
        Some("access_denied")
    } else {
        None
    };
    {
        let mut query = redirect.query_pairs_mut();
        match (problem, persona) {
            (None, Some(persona)) => {
                let code = random_token();
                if let Ok(mut codes) = idp.inner.codes.lock() {
                    codes.retain(|_, grant| grant.issued.elapsed() < CODE_LIFETIME);
                    codes.insert(
                        code.clone(),
                        Grant {
                            persona: persona.key,
                            redirect_uri: form.redirect_uri.clone(),
                            nonce: form.nonce.clone(),
                            code_challenge: form.code_challenge.clone(),
                            issued: Instant::now(),
                        },
                    );
                }
                query.append_pair("code", &code);
            }
            (problem, _) => {
                query.append_pair("error", problem.unwrap_or("access_denied"));
            }
        }
        if let Some(state) = &form.state {
            query.append_pair("state", state);
        }
    }
    Redirect::to(redirect.as_str()).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: String,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn token_error(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response()
}

/// Client credentials from HTTP Basic (`client_secret_basic`) or the form (`client_secret_post`).
fn client_credentials(headers: &HeaderMap, form: &TokenForm) -> Option<(String, String)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| base64::engine::general_purpose::STANDARD.decode(v).ok())
        .and_then(|v| String::from_utf8(v).ok())
        .and_then(|v| {
            let (id, secret) = v.split_once(':')?;
            let decode = |s: &str| {
                url::form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
            };
            Some((decode(id)?, decode(secret)?))
        });
    basic.or_else(|| Some((form.client_id.clone()?, form.client_secret.clone()?)))
}

async fn token(
    State(idp): State<DemoIdp>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let Some((client_id, secret)) = client_credentials(&headers, &form) else {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "invalid_client" })))
            .into_response();
    };
    if client_id != idp.client_id || secret != idp.client_secret.expose() {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "invalid_client" })))
            .into_response();
    }
    if form.grant_type != "authorization_code" {
        return token_error("unsupported_grant_type");
    }
    // Taking the code out makes it single-use: a replayed code finds nothing.
    let grant = idp.inner.codes.lock().ok().and_then(|mut codes| codes.remove(&form.code));
    let Some(grant) = grant else {
        return token_error("invalid_grant");
    };
    let challenge = B64.encode(Sha256::digest(form.code_verifier.as_bytes()));
    if grant.issued.elapsed() > CODE_LIFETIME
        || grant.redirect_uri != form.redirect_uri
        || challenge != grant.code_challenge
    {
        return token_error("invalid_grant");
    }
    let Some(persona) = contract::demo::persona(grant.persona) else {
        return token_error("invalid_grant");
    };
    let now = chrono::Utc::now();
    let (standard, spid) = persona_claims(&idp, persona);
    let Ok(issuer) = IssuerUrl::new(idp.issuer.clone()) else {
        return token_error("server_error");
    };
    let claims = IdTokenClaims::new(
        issuer,
        vec![Audience::new(idp.client_id.clone())],
        now + chrono::Duration::seconds(TOKEN_LIFETIME_SECS),
        now,
        standard,
        spid,
    )
    .set_auth_context_ref(Some(AuthenticationContextClass::new(SPID_L2.into())))
    .set_nonce(grant.nonce.map(Nonce::new));
    let access_token = random_token();
    let id_token = match SpidIdToken::new(
        claims,
        &idp.signing_key(),
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        Some(&AccessToken::new(access_token.clone())),
        None,
    ) {
        Ok(token) => token,
        Err(error) => {
            tracing::error!(%error, "the demo provider could not sign an ID token");
            return token_error("server_error");
        }
    };
    if let Ok(mut tokens) = idp.inner.access_tokens.lock() {
        tokens.retain(|_, (_, issued)| issued.elapsed().as_secs() < TOKEN_LIFETIME_SECS as u64);
        tokens.insert(access_token.clone(), (persona.key, Instant::now()));
    }
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME_SECS,
            "id_token": id_token,
        })),
    )
        .into_response()
}

/// The persona's identity claims; `sub` is pairwise (per client), as SPID's is.
fn persona_claims(
    idp: &DemoIdp,
    persona: &contract::demo::Persona,
) -> (StandardClaims<CoreGenderClaim>, SpidClaims) {
    let sub = Sha256::digest(format!("{}:{}", idp.client_id, persona.codice_fiscale).as_bytes());
    let standard = StandardClaims::new(SubjectIdentifier::new(B64.encode(&sub[..16])))
        .set_given_name(Some(EndUserGivenName::new(persona.given_name.into()).into()))
        .set_family_name(Some(EndUserFamilyName::new(persona.family_name.into()).into()))
        .set_birthdate(Some(EndUserBirthday::new(persona.birthdate.into())))
        .set_email((!persona.email.is_empty()).then(|| EndUserEmail::new(persona.email.into())));
    (standard, SpidClaims { fiscal_number: format!("TINIT-{}", persona.codice_fiscale) })
}

async fn userinfo(State(idp): State<DemoIdp>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let persona = token.and_then(|token| {
        let tokens = idp.inner.access_tokens.lock().ok()?;
        let (persona, issued) = tokens.get(token)?;
        (issued.elapsed().as_secs() < TOKEN_LIFETIME_SECS as u64).then_some(*persona)
    });
    match persona.and_then(contract::demo::persona) {
        Some(persona) => {
            let (standard, spid) = persona_claims(&idp, persona);
            Json(UserInfoClaims::new(standard, spid)).into_response()
        }
        None => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
        )
            .into_response(),
    }
}

#[derive(Deserialize)]
struct LogoutQuery {
    post_logout_redirect_uri: Option<String>,
}

/// RP-initiated logout: the demo keeps no login session of its own, so it only sends the
/// browser back — to the registered address only.
async fn logout(State(idp): State<DemoIdp>, Query(query): Query<LogoutQuery>) -> Redirect {
    match query.post_logout_redirect_uri {
        Some(uri) if uri == idp.post_logout_redirect_uri => Redirect::to(&uri),
        _ => Redirect::to("/"),
    }
}
