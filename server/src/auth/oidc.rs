//! The OpenID Connect relying party: authorization code flow with PKCE, `state` and `nonce`
//! bound to the browser, and every check on the ID token (signature against the provider's
//! JWKS, `iss`, `aud`, `exp`, `nonce`, `acr`). Provider tokens stay on the server.

use std::{collections::HashMap, sync::Arc, time::Instant};

use base64::Engine as _;
use contract::auth::SignInError;
use contract::identity::CodiceFiscale;
use openidconnect::{
    AccessToken, AdditionalProviderMetadata, AuthenticationContextClass, AuthorizationCode,
    ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, ProviderMetadata, RedirectUrl, Scope,
    TokenResponse,
    core::{
        CoreAuthDisplay, CoreAuthenticationFlow, CoreClaimName, CoreClaimType, CoreClient,
        CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
        CoreJweKeyManagementAlgorithm, CoreResponseMode, CoreResponseType,
        CoreSubjectIdentifierType,
    },
};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::Provider;

/// Provider metadata, with the logout endpoint that core discovery leaves out.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LogoutMetadata {
    pub end_session_endpoint: Option<String>,
}

impl AdditionalProviderMetadata for LogoutMetadata {}

pub type Metadata = ProviderMetadata<
    LogoutMetadata,
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

/// How long discovered metadata (and the JWKS in it) is trusted before it is fetched again.
const METADATA_TTL: std::time::Duration = std::time::Duration::from_secs(3600);

/// Discovery documents per provider, fetched on first use (so the app can sign in through the
/// demo provider it serves itself) and kept for an hour.
pub struct Discovery {
    http: reqwest::Client,
    cache: tokio::sync::Mutex<HashMap<String, (Instant, Arc<Metadata>)>>,
}

impl Discovery {
    pub fn new() -> Discovery {
        let http = reqwest::Client::builder()
            // The OpenID spec forbids following redirects on these calls.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Discovery { http, cache: tokio::sync::Mutex::new(HashMap::new()) }
    }

    pub async fn metadata(&self, provider: &Provider) -> Result<Arc<Metadata>, SignInError> {
        let id = &provider.settings.id;
        let mut cache = self.cache.lock().await;
        if let Some((fetched, metadata)) = cache.get(id)
            && fetched.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(provider.settings.issuer.clone())
            .map_err(|_| SignInError::ProviderUnavailable)?;
        let metadata = Metadata::discover_async(issuer, &self.http).await.map_err(|e| {
            tracing::warn!(provider = %id, error = %e, "OpenID discovery failed");
            SignInError::ProviderUnavailable
        })?;
        let metadata = Arc::new(metadata);
        cache.insert(id.clone(), (Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    /// Forgets what was discovered about `provider` and discovers it again.
    async fn refresh(&self, provider: &Provider) -> Result<Arc<Metadata>, SignInError> {
        self.cache.lock().await.remove(&provider.settings.id);
        self.metadata(provider).await
    }

    fn client(
        provider: &Provider,
        metadata: &Metadata,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        SignInError,
    > {
        let redirect = RedirectUrl::new(provider.settings.redirect_url.clone())
            .map_err(|_| SignInError::ProviderUnavailable)?;
        Ok(CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(provider.settings.client_id.clone()),
            provider
                .settings
                .client_secret
                .as_ref()
                .map(|s| ClientSecret::new(s.expose().to_string())),
        )
        .set_redirect_uri(redirect))
    }

    /// The provider's authorization URL and the values to remember for the callback.
    pub async fn start(&self, provider: &Provider) -> Result<Started, SignInError> {
        let metadata = self.metadata(provider).await?;
        let client = Discovery::client(provider, &metadata)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in provider.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if !provider.settings.acr_values.is_empty() {
            request = request.add_auth_context_value(AuthenticationContextClass::new(
                provider.settings.acr_values.clone(),
            ));
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code and checks everything; returns who signed in.
    pub async fn complete(
        &self,
        provider: &Provider,
        code: &str,
        expected_nonce: &str,
        pkce_verifier: &str,
    ) -> Result<Completed, SignInError> {
        let metadata = self.metadata(provider).await?;
        let client = Discovery::client(provider, &metadata)?;
        let token = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|_| SignInError::ProviderUnavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::warn!(provider = %provider.settings.id, error = %e, "code exchange refused");
                SignInError::CodeRejected
            })?;
        let id_token = token.id_token().ok_or(SignInError::TokenInvalid)?;
        let nonce = Nonce::new(expected_nonce.to_string());
        let refused = |e: ClaimsVerificationError| {
            tracing::warn!(provider = %provider.settings.id, error = %e, "ID token refused");
            token_error(&e)
        };
        let mut metadata = metadata;
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims,
            // Signed with a key we have not seen: the provider rotated its keys. Fetch its
            // metadata and JWKS again and check once more. The token came from the provider's
            // token endpoint, not from the browser, so this cannot be used to make us refetch
            // at will.
            Err(ClaimsVerificationError::SignatureVerification(
                openidconnect::SignatureVerificationError::NoMatchingKey,
            )) => {
                tracing::info!(provider = %provider.settings.id, "unknown signing key: fetching the provider's keys again");
                metadata = self.refresh(provider).await?;
                let fresh = Discovery::client(provider, &metadata)?;
                id_token.claims(&fresh.id_token_verifier(), &nonce).map_err(refused)?
            }
            Err(e) => return Err(refused(e)),
        };
        check_acr(&provider.settings.acr_values, claims.auth_context_ref().map(|a| a.as_str()))?;

        // Standard claims from the ID token, the rest (and the fiscal number, wherever the
        // provider puts it) from the raw payload and from userinfo.
        let raw_token = serde_json::to_value(id_token).ok();
        let mut extra =
            raw_token.as_ref().and_then(|v| v.as_str()).and_then(jwt_payload).unwrap_or_default();
        let claim = &provider.settings.fiscal_number_claim;
        if (!extra.contains_key(claim) || !extra.contains_key("given_name"))
            && let Some(info) = self.userinfo(&metadata, token.access_token()).await
        {
            for (key, value) in info {
                extra.entry(key).or_insert(value);
            }
        }
        let text = |key: &str| extra.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let fiscal = text(claim).ok_or(SignInError::FiscalNumberMissing)?;
        let codice_fiscale = parse_fiscal_number(&fiscal)?;
        Ok(Completed {
            identity: store::account::Identity {
                codice_fiscale,
                given_name: text("given_name").unwrap_or_default(),
                family_name: text("family_name").unwrap_or_default(),
                birthdate: text("birthdate"),
                email: text("email"),
            },
            id_token: raw_token.and_then(|v| v.as_str().map(str::to_string)),
            end_session_endpoint: metadata.additional_metadata().end_session_endpoint.clone(),
        })
    }

    async fn userinfo(
        &self,
        metadata: &Metadata,
        access_token: &AccessToken,
    ) -> Option<serde_json::Map<String, serde_json::Value>> {
        let url = metadata.userinfo_endpoint()?.url().clone();
        let response = self.http.get(url).bearer_auth(access_token.secret()).send().await.ok()?;
        if !response.status().is_success() {
            tracing::warn!(status = %response.status(), "userinfo refused");
            return None;
        }
        // Signed (JWT) userinfo responses are not supported yet: they are skipped.
        response.json().await.ok()
    }

    /// The provider's logout endpoint, if it offers RP-initiated logout.
    pub async fn end_session_endpoint(&self, provider: &Provider) -> Option<String> {
        self.metadata(provider).await.ok()?.additional_metadata().end_session_endpoint.clone()
    }
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery::new()
    }
}

pub struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

pub struct Completed {
    pub identity: store::account::Identity,
    pub id_token: Option<String>,
    pub end_session_endpoint: Option<String>,
}

/// Compares the `state` returned by the provider with the one sent, in constant time.
pub fn state_matches(expected: &str, returned: &str) -> bool {
    expected.len() == returned.len() && bool::from(expected.as_bytes().ct_eq(returned.as_bytes()))
}

fn token_error(error: &ClaimsVerificationError) -> SignInError {
    match error {
        ClaimsVerificationError::Expired(_) => SignInError::TokenExpired,
        ClaimsVerificationError::InvalidAudience(_) => SignInError::TokenAudience,
        ClaimsVerificationError::InvalidIssuer(_) => SignInError::TokenIssuer,
        ClaimsVerificationError::InvalidNonce(_) => SignInError::TokenNonce,
        ClaimsVerificationError::SignatureVerification(_) => SignInError::TokenSignature,
        _ => SignInError::TokenInvalid,
    }
}

/// SPID's levels of assurance, in order.
const SPID_LEVELS: [&str; 3] = [
    "https://www.spid.gov.it/SpidL1",
    "https://www.spid.gov.it/SpidL2",
    "https://www.spid.gov.it/SpidL3",
];

/// `acr` must be at least the required level: a higher SPID level passes; any other value must
/// match exactly. An empty requirement accepts anything.
pub fn check_acr(required: &str, actual: Option<&str>) -> Result<(), SignInError> {
    if required.is_empty() {
        return Ok(());
    }
    let actual = actual.ok_or(SignInError::AcrTooLow)?;
    let level = |acr: &str| SPID_LEVELS.iter().position(|l| *l == acr);
    let sufficient = match (level(required), level(actual)) {
        (Some(required), Some(actual)) => actual >= required,
        _ => required == actual,
    };
    if sufficient { Ok(()) } else { Err(SignInError::AcrTooLow) }
}

/// `TINIT-RSSMRA80A41H501Y` (or a bare code) → a validated codice fiscale.
pub fn parse_fiscal_number(value: &str) -> Result<CodiceFiscale, SignInError> {
    let code = value.strip_prefix("TINIT-").unwrap_or(value);
    CodiceFiscale::parse(code).map_err(|_| SignInError::FiscalNumberInvalid)
}

/// The claims of an already verified JWT, for the ones the typed claims do not carry.
fn jwt_payload(jwt: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_higher_spid_level_satisfies_a_lower_requirement() {
        let [l1, l2, l3] = SPID_LEVELS;
        assert!(check_acr(l2, Some(l2)).is_ok());
        assert!(check_acr(l2, Some(l3)).is_ok());
        assert_eq!(check_acr(l2, Some(l1)), Err(SignInError::AcrTooLow));
        assert_eq!(check_acr(l2, None), Err(SignInError::AcrTooLow));
        assert_eq!(check_acr(l2, Some("urn:other")), Err(SignInError::AcrTooLow));
        assert!(check_acr("urn:custom", Some("urn:custom")).is_ok());
        assert!(check_acr("", None).is_ok());
    }

    #[test]
    fn fiscal_numbers_lose_their_prefix_and_are_validated() {
        assert_eq!(
            parse_fiscal_number("TINIT-RSSMRA80A41H501Y").map(|cf| cf.to_string()),
            Ok("RSSMRA80A41H501Y".to_string())
        );
        assert!(parse_fiscal_number("RSSMRA80A41H501Y").is_ok());
        assert_eq!(
            parse_fiscal_number("TINIT-RSSMRA80A41H501X"),
            Err(SignInError::FiscalNumberInvalid)
        );
    }

    #[test]
    fn state_comparison_needs_an_exact_match() {
        assert!(state_matches("abc", "abc"));
        assert!(!state_matches("abc", "abd"));
        assert!(!state_matches("abc", "abcd"));
    }
}
