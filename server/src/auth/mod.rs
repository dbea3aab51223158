//! Sign-in with OpenID Connect (SPID, CIE, the demo provider or any standard provider) and
//! server-side sessions.
//!
//! Routes: `GET /auth/login/{provider}` starts a sign-in, `GET /auth/callback` completes it,
//! `POST /auth/esci` signs out, `POST /auth/sessioni/termina` ends one of one's other sessions.

pub mod cookies;
pub mod oidc;
pub mod routes;
pub mod session;

use std::sync::Arc;

use app::state::{AuthInfo, DemoIdpClient};
use contract::auth::{ProviderButton, ProviderKind};
use store::session::SessionPolicy;

use crate::config::{
    FISCAL_NUMBER_CLAIM, ProviderKindSetting, ProviderSettings, SPID_L2, Settings,
};

/// A provider the server can sign people in with.
#[derive(Clone, Debug)]
pub struct Provider {
    pub settings: ProviderSettings,
    pub kind: ProviderKind,
}

/// Everything sign-in needs, shared by the handlers.
pub struct Auth {
    pub providers: Vec<Provider>,
    pub policy: SessionPolicy,
    pub secure_cookies: bool,
    pub public_url: String,
    pub demo_idp: Option<crate::demo_idp::DemoIdp>,
    pub(crate) oidc: oidc::Discovery,
}

impl Auth {
    pub fn new(settings: &Settings) -> Arc<Auth> {
        let public_url = settings.http.public_url.trim_end_matches('/').to_string();
        let mut providers: Vec<Provider> = Vec::new();
        let demo_idp = settings.auth.demo_idp.then(|| crate::demo_idp::DemoIdp::new(&public_url));
        if let Some(demo) = &demo_idp {
            providers.push(Provider {
                kind: ProviderKind::Demo,
                settings: ProviderSettings {
                    id: "demo".into(),
                    label: "Demo (SPID / CIE)".into(),
                    kind: ProviderKindSetting::Other,
                    issuer: demo.issuer.clone(),
                    client_id: demo.client_id.clone(),
                    client_secret: Some(demo.client_secret.clone()),
                    redirect_url: demo.redirect_uri.clone(),
                    scopes: vec!["openid".into(), "profile".into(), "email".into()],
                    acr_values: SPID_L2.into(),
                    fiscal_number_claim: FISCAL_NUMBER_CLAIM.into(),
                },
            });
        }
        providers.extend(settings.auth.providers.iter().map(|p| Provider {
            kind: match p.kind {
                ProviderKindSetting::Spid => ProviderKind::Spid,
                ProviderKindSetting::Cie => ProviderKind::Cie,
                ProviderKindSetting::Other => ProviderKind::Other,
            },
            settings: p.clone(),
        }));
        Arc::new(Auth {
            providers,
            policy: SessionPolicy {
                idle_timeout: chrono::Duration::from_std(settings.auth.session_idle_timeout)
                    .unwrap_or(chrono::Duration::minutes(30)),
                absolute_timeout: chrono::Duration::from_std(
                    settings.auth.session_absolute_timeout,
                )
                .unwrap_or(chrono::Duration::hours(12)),
            },
            secure_cookies: settings.http.is_https(),
            public_url,
            demo_idp,
            oidc: oidc::Discovery::new(),
        })
    }

    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.settings.id == id)
    }

    /// What pages need: the buttons, the session policy, the demo client.
    pub fn info(&self) -> AuthInfo {
        AuthInfo {
            providers: self
                .providers
                .iter()
                .map(|p| ProviderButton {
                    id: p.settings.id.clone(),
                    label: p.settings.label.clone(),
                    kind: p.kind,
                })
                .collect(),
            sessions: self.policy,
            provider_origins: {
                let mut origins: Vec<String> = self
                    .providers
                    .iter()
                    .filter_map(|p| url::Url::parse(&p.settings.issuer).ok())
                    .map(|url| url.origin().ascii_serialization())
                    .filter(|origin| *origin != self.public_url)
                    .collect();
                origins.sort();
                origins.dedup();
                origins
            },
            demo_idp: self.demo_idp.as_ref().map(|demo| DemoIdpClient {
                client_id: demo.client_id.clone(),
                redirect_uri: demo.redirect_uri.clone(),
            }),
        }
    }
}
