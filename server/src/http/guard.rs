//! Request guards that run before any handler: refusing cross-site state changes (CSRF) and
//! rate limiting per client address. Each refusal leaves an audit entry.

use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
    time::Instant,
};

use app::state::AppState;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use store::audit;

use crate::config::RateLimitSettings;
use crate::http::window::{WINDOW, WindowCounter};

/// What the guards need: the app (for the audit trail), the site's own origin, the limiter.
#[derive(Clone)]
pub struct Guards {
    pub app: AppState,
    /// `scheme://host[:port]` of `http.public_url`.
    pub origin: String,
    pub limiter: Arc<RateLimiter>,
    /// Refusals already audited in this window (see `record_refusal`).
    pub refusals: Arc<WindowCounter<RefusalKey>>,
}

/// What makes two refusals the same for the audit trail: the action, the client's address, the
/// account (if any) and the route pattern (empty where the route does not matter).
pub type RefusalKey = (&'static str, Option<IpAddr>, Option<String>, String);

impl Guards {
    pub fn new(app: AppState, origin: String, rate_limit: RateLimitSettings) -> Guards {
        Guards {
            app,
            origin,
            limiter: Arc::new(RateLimiter::new(rate_limit)),
            refusals: Arc::new(WindowCounter::new()),
        }
    }

    /// Audits a refusal once per window for the same action, address, account and route: a
    /// flood of refused requests cannot flood the audit trail (nor its memory here).
    pub async fn record_refusal(
        &self,
        action: audit::Action,
        outcome: &str,
        route: &str,
        event: audit::Event,
    ) {
        let ip = event.client_ip.as_deref().and_then(|ip| ip.parse::<IpAddr>().ok());
        let key = (
            action.code(),
            ip.map(limited_address),
            event.actor_account_id.clone(),
            route.to_string(),
        );
        if self.refusals.count(&key, Instant::now()).0 == 1 {
            record_audit(&self.app, action, outcome, event).await;
        }
    }
}

/// The facts about a request that audit entries carry.
pub fn audit_event(headers: &HeaderMap, client: Option<IpAddr>) -> audit::Event {
    audit::Event {
        request_id: headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(64).collect()),
        client_ip: client.map(|ip| ip.to_string()),
        ..audit::Event::default()
    }
}

/// Appends to the audit trail now. A failure is logged, never shown to the person: the request
/// it describes has already been decided.
pub async fn record_audit(
    app: &AppState,
    action: audit::Action,
    outcome: &str,
    event: audit::Event,
) {
    if let Err(error) = audit::record(&app.db, action, outcome, event, chrono::Utc::now()).await {
        tracing::error!(%error, action = action.code(), "writing the audit trail failed");
    }
}

fn client_ip(request: &Request) -> Option<IpAddr> {
    address_of(request.extensions())
}

/// The client's address: resolved behind trusted proxies when they are configured (see
/// `http::proxy`), otherwise the socket's peer.
fn address_of(extensions: &axum::http::Extensions) -> Option<IpAddr> {
    extensions
        .get::<super::proxy::ClientAddr>()
        .map(|client| client.0)
        .or_else(|| extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip()))
}

/// Refuses a state-changing request that a browser says comes from another site. Browsers send
/// `Sec-Fetch-Site` (modern) or at least `Origin` on every cross-origin POST; a request with
/// neither is not from a browser page, so no cookie-riding attack is possible through it.
pub async fn refuse_cross_site(
    State(guards): State<Guards>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_site(request.headers(), &guards.origin) {
        return next.run(request).await;
    }
    let mut event = audit_event(request.headers(), client_ip(&request));
    event.target = Some(format!("{} {}", request.method(), request.uri().path()));
    tracing::warn!(target_path = %request.uri().path(), "cross-site request refused");
    // Audited by route pattern, not by path: a flood of made-up paths is one entry a minute.
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(unmatched)", |matched| matched.as_str());
    let route = format!("{} {route}", request.method());
    guards.record_refusal(audit::Action::CrossSiteRequest, "refused", &route, event).await;
    (StatusCode::FORBIDDEN, "richiesta da un altro sito rifiutata / cross-site request refused")
        .into_response()
}

fn is_same_site(headers: &HeaderMap, origin: &str) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (header("sec-fetch-site"), header("origin")) {
        // Fetch metadata, when the browser sends it, is the authority (`none`: typed or
        // bookmarked by the person themselves). It also holds behind a proxy that rewrites hosts.
        (Some(site), _) => site == "same-origin" || site == "none",
        (None, Some(request_origin)) => request_origin == origin,
        (None, None) => true,
    }
}

const TOKEN_PATH: &str = "/api/v1/oauth/token";

/// Fixed one-minute windows per (bucket, client), in bounded memory (`http::window`). IPv6
/// clients count by their /64 network: one host holds a whole /64 and could otherwise pick a
/// new address for every request.
pub struct RateLimiter {
    settings: RateLimitSettings,
    windows: WindowCounter<(Bucket, IpAddr)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Bucket {
    Global,
    SignInStart,
    SignInCallback,
    /// Asking for and checking one-time codes.
    OneTimeCode,
    /// The machine API's token endpoint (guessing client secrets).
    TokenRequest,
}

/// The address rate limits count by: itself for IPv4, its /64 network for IPv6.
pub fn limited_address(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(std::net::Ipv6Addr::from(segments))
            }
        },
    }
}

impl RateLimiter {
    pub fn new(settings: RateLimitSettings) -> RateLimiter {
        RateLimiter { settings, windows: WindowCounter::new() }
    }

    /// Counts a request; `Err(seconds to wait, first refusal in this window)` when over.
    fn check(&self, bucket: Bucket, ip: IpAddr, now: Instant) -> Result<(), (u64, bool)> {
        let limit = match bucket {
            Bucket::Global => self.settings.global_per_minute,
            Bucket::SignInStart | Bucket::SignInCallback | Bucket::TokenRequest => {
                self.settings.sign_in_per_minute
            }
            Bucket::OneTimeCode => self.settings.one_time_code_per_minute,
        };
        let (count, start) = self.windows.count(&(bucket, limited_address(ip)), now);
        if count <= limit {
            Ok(())
        } else {
            let wait = WINDOW.saturating_sub(now.duration_since(start)).as_secs().max(1);
            Err((wait, count == limit + 1))
        }
    }

    /// Counts one event of the global bucket for `ip` (the limiter benchmark's entry point).
    pub fn check_global(&self, ip: IpAddr, now: Instant) -> bool {
        self.check(Bucket::Global, ip, now).is_ok()
    }

    /// Addresses (per bucket) held in memory.
    pub fn len(&self) -> usize {
        self.windows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.windows.is_empty()
    }
}

/// 429 with `Retry-After` past the limits. Only the first refusal of a window is audited, so a
/// flood cannot flood the audit trail too.
pub async fn rate_limit(State(guards): State<Guards>, request: Request, next: Next) -> Response {
    let Some(ip) = client_ip(&request) else {
        return next.run(request).await;
    };
    let path = request.uri().path();
    if path.starts_with("/api/v1/") && path != TOKEN_PATH {
        // The platforms' events: each request carries a bearer token checked by the policy,
        // and one platform legitimately sends thousands a minute from one address.
        return next.run(request).await;
    }
    let mut buckets = vec![Bucket::Global];
    if path == TOKEN_PATH {
        buckets.push(Bucket::TokenRequest);
    } else if path.starts_with("/auth/login/") {
        buckets.push(Bucket::SignInStart);
    } else if path == "/auth/callback" {
        buckets.push(Bucket::SignInCallback);
    } else if path == "/pad/codice" || path == "/pad/verifica" {
        buckets.push(Bucket::OneTimeCode);
    }
    let now = Instant::now();
    for bucket in buckets {
        if let Err((wait, first)) = guards.limiter.check(bucket, ip, now) {
            if first {
                let mut event = audit_event(request.headers(), Some(ip));
                event.target = Some(path.chars().take(200).collect());
                record_audit(&guards.app, audit::Action::RateLimited, "refused", event).await;
            }
            let mut response =
                (StatusCode::TOO_MANY_REQUESTS, "troppe richieste / too many requests")
                    .into_response();
            if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return response;
        }
    }
    next.run(request).await
}

/// The client's address, when the server knows it (it always does when serving sockets).
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(address_of(&parts.extensions)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn cross_site_requests_are_told_apart_from_same_site_ones() {
        let me = "https://siisl.example";
        assert!(is_same_site(&headers(&[("sec-fetch-site", "same-origin")]), me));
        assert!(is_same_site(&headers(&[("origin", "https://siisl.example")]), me));
        assert!(is_same_site(&headers(&[]), me), "not a browser: no ambient cookies to ride");
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "cross-site")]), me));
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "same-site")]), me));
        assert!(!is_same_site(&headers(&[("origin", "https://evil.example")]), me));
        assert!(!is_same_site(&headers(&[("origin", "null")]), me));
        assert!(
            is_same_site(
                &headers(&[("sec-fetch-site", "same-origin"), ("origin", "http://localhost:3000")]),
                me
            ),
            "the same page reached under another host name"
        );
    }

    #[test]
    fn the_limit_resets_after_a_minute() {
        let limiter = RateLimiter::new(RateLimitSettings {
            sign_in_per_minute: 2,
            global_per_minute: 100,
            one_time_code_per_minute: 5,
        });
        let ip: IpAddr = [127, 0, 0, 1].into();
        let t0 = Instant::now();
        assert!(limiter.check(Bucket::SignInStart, ip, t0).is_ok());
        assert!(limiter.check(Bucket::SignInStart, ip, t0).is_ok());
        assert_eq!(limiter.check(Bucket::SignInStart, ip, t0), Err((60, true)));
        assert_eq!(limiter.check(Bucket::SignInStart, ip, t0), Err((60, false)));
        assert!(limiter.check(Bucket::SignInCallback, ip, t0).is_ok(), "buckets are separate");
        assert!(limiter.check(Bucket::SignInStart, ip, t0 + WINDOW).is_ok());
    }

    #[test]
    fn an_ipv6_host_counts_as_its_64_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::7".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(limited_address(a), limited_address(b));
        assert_ne!(limited_address(a), limited_address(other));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(limited_address(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
