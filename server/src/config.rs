//! Layered configuration: built-in defaults, then an optional TOML file, then `SIISL_*`
//! environment variables; the standard `LEPTOS_*` variables set the Leptos options.
//!
//! Every setting has one dotted name (`http.request_timeout_secs`) and one environment variable
//! (`SIISL_HTTP_REQUEST_TIMEOUT_SECS`). An unknown name in either place stops start-up: a typo
//! must not silently fall back to a default.

use std::{
    fmt,
    path::{Path, PathBuf},
    time::Duration,
};

use leptos::config::LeptosOptions;
use serde::Deserialize;

/// Environment variable naming the configuration file.
pub const CONFIG_FILE_VAR: &str = "SIISL_CONFIG";
/// The file read when `SIISL_CONFIG` is not set, if it exists.
pub const DEFAULT_CONFIG_FILE: &str = "siisl.toml";
const ENV_PREFIX: &str = "SIISL_";

/// Every setting: its dotted name, how its environment value is read, its default and what it
/// does. `docs/configuration.md` is generated from this table (see `reference_markdown`).
const SETTINGS: &[Setting] = &[
    Setting {
        name: "profile",
        kind: Kind::Text,
        default: "`embedded`",
        meaning: "`embedded`: SQLite file and demo features, visibly labelled as a demo. `production`: requires `database.url`, JSON logs, no demo features",
    },
    Setting {
        name: "data_dir",
        kind: Kind::Text,
        default: "`siisl-data`",
        meaning: "folder for the SQLite file and other local data; created if missing, must be writable",
    },
    Setting {
        name: "database.url",
        kind: Kind::Text,
        default: "`sqlite://<data_dir>/siisl.db?mode=rwc`",
        meaning: "`sqlite:…` or `postgres://user:password@host:port/db`; the password is never logged",
    },
    Setting {
        name: "database.max_connections",
        kind: Kind::Integer,
        default: "`10`",
        meaning: "connection pool size",
    },
    Setting {
        name: "database.connect_timeout_secs",
        kind: Kind::Integer,
        default: "`5`",
        meaning: "connecting and acquiring a connection",
    },
    Setting {
        name: "http.public_url",
        kind: Kind::Text,
        default: "`http://<LEPTOS_SITE_ADDR>`",
        meaning: "address users reach; `https://…` turns on HSTS and `Secure` cookies; must be `https://` in production",
    },
    Setting {
        name: "http.request_timeout_secs",
        kind: Kind::Integer,
        default: "`30`",
        meaning: "a request taking longer gets 408",
    },
    Setting {
        name: "http.body_limit_bytes",
        kind: Kind::Integer,
        default: "`1048576`",
        meaning: "a larger request body gets 413",
    },
    Setting {
        name: "http.shutdown_timeout_secs",
        kind: Kind::Integer,
        default: "`10`",
        meaning: "after SIGTERM/SIGINT, how long requests in flight may finish",
    },
    Setting {
        name: "http.header_timeout_secs",
        kind: Kind::Integer,
        default: "`10`",
        meaning: "a connection that has not sent a request's headers this long after opening, or after its last response, is closed",
    },
    Setting {
        name: "http.allow_plain_http",
        kind: Kind::Bool,
        default: "`false`",
        meaning: "production only: accept a plain `http://` public URL or provider issuer when its host is a loopback address (a TLS-terminating proxy on the same host); a warning is logged at every start",
    },
    Setting {
        name: "http.trusted_proxies",
        kind: Kind::Text,
        default: "none",
        meaning: "comma-separated addresses or CIDR networks of the load balancers / reverse proxies in front; only from them is `X-Forwarded-For` believed (read from the right), so rate limits and the audit trail see the real client",
    },
    Setting {
        name: "log.format",
        kind: Kind::Text,
        default: "`pretty` (embedded), `json` (production)",
        meaning: "log line format",
    },
    Setting {
        name: "log.filter",
        kind: Kind::Text,
        default: "`info`",
        meaning: "`tracing` filter, e.g. `info,sea_orm=debug`",
    },
    Setting {
        name: "rate_limit.sign_in_per_minute",
        kind: Kind::Integer,
        default: "`20`",
        meaning: "sign-ins started (`/auth/login/…`), and callbacks, per client address and minute; over it: 429 with `Retry-After`",
    },
    Setting {
        name: "rate_limit.global_per_minute",
        kind: Kind::Integer,
        default: "`600`",
        meaning: "any request, per client address and minute",
    },
    Setting {
        name: "rate_limit.one_time_code_per_minute",
        kind: Kind::Integer,
        default: "`10`",
        meaning: "one-time codes asked for and checked (`/pad/codice`, `/pad/verifica`), per client address and minute (each code also allows only 5 tries)",
    },
    Setting {
        name: "messages.email",
        kind: Kind::Text,
        default: "`demo` (embedded); required in production",
        meaning: "`smtp`: hand e-mails to the SMTP relay below (the host's or organisation's MTA, which does TLS onward). `demo`: keep them on `/demo/messaggi` (refused in production)",
    },
    Setting {
        name: "messages.smtp_host",
        kind: Kind::Text,
        default: "none",
        meaning: "the SMTP relay's host",
    },
    Setting {
        name: "messages.smtp_port",
        kind: Kind::Integer,
        default: "`25`",
        meaning: "the SMTP relay's port",
    },
    Setting {
        name: "messages.smtp_from",
        kind: Kind::Text,
        default: "none",
        meaning: "the sender address of e-mails",
    },
    Setting {
        name: "messages.sms",
        kind: Kind::Text,
        default: "`demo` (embedded); required in production",
        meaning: "`http`: an SMS gateway's HTTP API (`POST` JSON `{\"to\",\"text\"}`); `demo`: keep them on `/demo/messaggi`",
    },
    Setting {
        name: "messages.sms_url",
        kind: Kind::Text,
        default: "none",
        meaning: "the SMS gateway's URL",
    },
    Setting {
        name: "messages.sms_token",
        kind: Kind::Text,
        default: "none",
        meaning: "the SMS gateway's bearer token (never logged)",
    },
    Setting {
        name: "messages.poll_interval_secs",
        kind: Kind::Integer,
        default: "`2`",
        meaning: "how often the outbox worker looks for messages to send",
    },
    Setting {
        name: "rules.file",
        kind: Kind::Text,
        default: "none: the rules as enacted (`domain/src/rules.rs`)",
        meaning: "a TOML rule book (`siisl rules` prints the current one): versions with `valid_from`, `legal_reference` and the values; when a budget law changes a number, add a version instead of rebuilding. Versions out of date order are refused at start-up",
    },
    Setting {
        name: "demo.catalog_size",
        kind: Kind::Integer,
        default: "`50000` (embedded); refused above 0 in production",
        meaning: "live opportunities the demo catalogue is topped up to at start-up (the browser tests use 4,000)",
    },
    Setting {
        name: "api.token_lifetime_secs",
        kind: Kind::Integer,
        default: "`300`",
        meaning: "how long a platform's access token lives",
    },
    Setting {
        name: "api.rotation_overlap_secs",
        kind: Kind::Integer,
        default: "`86400`",
        meaning: "after a client's secret is changed, how long the previous one still works",
    },
    Setting {
        name: "outbound.gepi_url",
        kind: Kind::Text,
        default: "none (messages stay pending)",
        meaning: "where the delivery worker posts the messages for GePI",
    },
    Setting {
        name: "outbound.siu_url",
        kind: Kind::Text,
        default: "none (messages stay pending)",
        meaning: "where the delivery worker posts the messages for SIU",
    },
    Setting {
        name: "outbound.apl_url",
        kind: Kind::Text,
        default: "none (messages stay pending)",
        meaning: "where the delivery worker posts the messages for the employment agencies",
    },
    Setting {
        name: "outbound.token",
        kind: Kind::Text,
        default: "none",
        meaning: "sent as `Authorization: Bearer` with each delivery (never logged)",
    },
    Setting {
        name: "outbound.max_attempts",
        kind: Kind::Integer,
        default: "`10`",
        meaning: "attempts before a message is dead (retried only by hand)",
    },
    Setting {
        name: "outbound.backoff_base_secs",
        kind: Kind::Integer,
        default: "`5`",
        meaning: "the wait after the n-th failure is drawn between half and all of `base · 2^(n-1)`…",
    },
    Setting {
        name: "outbound.backoff_cap_secs",
        kind: Kind::Integer,
        default: "`3600`",
        meaning: "…and is at most this",
    },
    Setting {
        name: "outbound.poll_interval_ms",
        kind: Kind::Integer,
        default: "`1000`",
        meaning: "how often the delivery worker looks for due messages",
    },
    Setting {
        name: "outbound.lease_secs",
        kind: Kind::Integer,
        default: "`60`",
        meaning: "how long a claimed message is left to its worker (a worker claims one message at a time, and a send is cut off at 4/5 of the lease, at most 15 s)",
    },
    Setting {
        name: "outbound.failpoint",
        kind: Kind::Text,
        default: "none",
        meaning: "tests only, embedded profile only: `delivery-after-send` aborts the worker after a send and before it is recorded",
    },
    Setting {
        name: "auth.demo_idp",
        kind: Kind::Bool,
        default: "`true` (embedded), `false` (production, where `true` is refused)",
        meaning: "serve the built-in demo identity provider",
    },
    Setting {
        name: "auth.session_idle_timeout_secs",
        kind: Kind::Integer,
        default: "`1800`",
        meaning: "a session unused this long ends",
    },
    Setting {
        name: "auth.session_absolute_timeout_secs",
        kind: Kind::Integer,
        default: "`43200`",
        meaning: "a session ends this long after sign-in, whatever the activity",
    },
    // `*` is a provider id of the operator's choosing: lowercase letters and digits.
    Setting {
        name: "auth.providers.*.label",
        kind: Kind::Text,
        default: "the id",
        meaning: "the sign-in button's text",
    },
    Setting {
        name: "auth.providers.*.kind",
        kind: Kind::Text,
        default: "`other`",
        meaning: "`spid`, `cie` or `other` (the button's style)",
    },
    Setting {
        name: "auth.providers.*.issuer",
        kind: Kind::Text,
        default: "required",
        meaning: "the provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`)",
    },
    Setting {
        name: "auth.providers.*.client_id",
        kind: Kind::Text,
        default: "required",
        meaning: "the client id the provider gave SIISL",
    },
    Setting {
        name: "auth.providers.*.client_secret",
        kind: Kind::Text,
        default: "none",
        meaning: "client secret (`client_secret_basic`); never logged",
    },
    Setting {
        name: "auth.providers.*.redirect_url",
        kind: Kind::Text,
        default: "`<http.public_url>/auth/callback`",
        meaning: "the registered redirect URI",
    },
    Setting {
        name: "auth.providers.*.scopes",
        kind: Kind::Text,
        default: "`openid profile email`",
        meaning: "space-separated scopes",
    },
    Setting {
        name: "auth.providers.*.acr_values",
        kind: Kind::Text,
        default: "`https://www.spid.gov.it/SpidL2`",
        meaning: "requested level; the ID token's `acr` must be at least this (a higher SPID level passes, anything else must match; empty: no requirement)",
    },
    Setting {
        name: "auth.providers.*.fiscal_number_claim",
        kind: Kind::Text,
        default: "`https://attributes.eid.gov.it/fiscal_number`",
        meaning: "claim carrying the codice fiscale, in the ID token or userinfo; a `TINIT-` prefix is stripped, and a missing or invalid code refuses the sign-in",
    },
];

/// One row of `SETTINGS`.
struct Setting {
    name: &'static str,
    kind: Kind,
    /// The default, as the reference shows it (Markdown).
    default: &'static str,
    /// What the setting does (Markdown).
    meaning: &'static str,
}

/// Whether a dotted setting name matches a pattern of `SETTINGS` (`*` is one provider id).
fn matches_pattern(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<&str>, Vec<&str>) = (pattern.split('.').collect(), name.split('.').collect());
    p.len() == n.len()
        && p.iter().zip(&n).all(|(p, n)| if *p == "*" { is_provider_id(n) } else { p == n })
}

/// Provider ids appear in URLs and environment variable names: keep them plain.
fn is_provider_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Whether `name` is a known setting or a section that contains one.
fn is_known(name: &str) -> bool {
    SETTINGS.iter().any(|setting| matches_pattern(setting.name, name))
}

fn is_section(name: &str) -> bool {
    SETTINGS.iter().any(|Setting { name: pattern, .. }| {
        let depth = name.split('.').count();
        let prefix: Vec<&str> = pattern.split('.').take(depth).collect();
        pattern.split('.').count() > depth && matches_pattern(&prefix.join("."), name)
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
    Bool,
}

/// `embedded` runs everything in one process on a SQLite file with demo data; `production`
/// expects an external database and identity provider and turns every demo feature off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    Embedded,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// A value that must never reach a log line (it may carry a password).
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    profile: Option<Profile>,
    data_dir: Option<PathBuf>,
    #[serde(default)]
    database: RawDatabase,
    #[serde(default)]
    http: RawHttp,
    #[serde(default)]
    log: RawLog,
    #[serde(default)]
    auth: RawAuth,
    #[serde(default)]
    rate_limit: RawRateLimit,
    #[serde(default)]
    messages: RawMessages,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    demo: RawDemo,
    #[serde(default)]
    api: RawApi,
    #[serde(default)]
    outbound: RawOutbound,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutbound {
    gepi_url: Option<String>,
    siu_url: Option<String>,
    apl_url: Option<String>,
    token: Option<Secret>,
    max_attempts: Option<u32>,
    backoff_base_secs: Option<u64>,
    backoff_cap_secs: Option<u64>,
    poll_interval_ms: Option<u64>,
    lease_secs: Option<u64>,
    failpoint: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApi {
    token_lifetime_secs: Option<u64>,
    rotation_overlap_secs: Option<u64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDemo {
    catalog_size: Option<usize>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    file: Option<PathBuf>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMessages {
    email: Option<String>,
    smtp_host: Option<String>,
    smtp_port: Option<u16>,
    smtp_from: Option<String>,
    sms: Option<String>,
    sms_url: Option<String>,
    sms_token: Option<Secret>,
    poll_interval_secs: Option<u64>,
}

/// How e-mails leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailSender {
    /// Kept in the outbox and shown on the demo messages page (embedded profile only).
    Demo,
    /// Handed to an SMTP relay (typically the MTA of the host or the organisation, which
    /// does TLS and onward delivery).
    Smtp { host: String, port: u16, from: String },
}

/// How SMS leave.
#[derive(Clone, Debug)]
pub enum SmsSender {
    Demo,
    /// An SMS gateway's HTTP API: `POST <url>` with JSON `{"to": …, "text": …}` and a bearer token.
    Http {
        url: String,
        token: Option<Secret>,
    },
}

/// Where and how messages leave.
#[derive(Clone, Debug)]
pub struct OutboundSettings {
    /// The endpoints receiving messages (POST JSON), per destination; a destination without one
    /// keeps its messages pending.
    pub gepi_url: Option<String>,
    pub siu_url: Option<String>,
    pub apl_url: Option<String>,
    /// Sent as `Authorization: Bearer …`, when set.
    pub token: Option<Secret>,
    pub backoff: domain::delivery::Backoff,
    pub poll_interval: std::time::Duration,
    /// How long a claimed message is left to its worker.
    pub lease: std::time::Duration,
    /// A test hook: abort the process right after a message was sent and before it is
    /// recorded (`delivery-after-send`), to prove that nothing is lost or applied twice.
    pub failpoint: Option<String>,
}

impl OutboundSettings {
    /// How long one send may take: well inside the lease, so the lease outlives the send and
    /// the write that records its outcome; at most 15 seconds.
    pub fn send_timeout(&self) -> std::time::Duration {
        (self.lease * 4 / 5).min(std::time::Duration::from_secs(15))
    }

    pub fn enabled(&self) -> bool {
        self.gepi_url.is_some() || self.siu_url.is_some() || self.apl_url.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct MessageSettings {
    pub email: EmailSender,
    pub sms: SmsSender,
    /// How often the outbox worker looks for messages to send.
    pub poll_interval: Duration,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRateLimit {
    one_time_code_per_minute: Option<u32>,
    sign_in_per_minute: Option<u32>,
    global_per_minute: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuth {
    demo_idp: Option<bool>,
    session_idle_timeout_secs: Option<u64>,
    session_absolute_timeout_secs: Option<u64>,
    #[serde(default)]
    providers: std::collections::BTreeMap<String, RawProvider>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    label: Option<String>,
    kind: Option<ProviderKindSetting>,
    issuer: String,
    client_id: String,
    client_secret: Option<Secret>,
    redirect_url: Option<String>,
    scopes: Option<String>,
    acr_values: Option<String>,
    fiscal_number_claim: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKindSetting {
    Spid,
    Cie,
    Other,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: Option<Secret>,
    max_connections: Option<u32>,
    connect_timeout_secs: Option<u64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHttp {
    public_url: Option<String>,
    request_timeout_secs: Option<u64>,
    body_limit_bytes: Option<usize>,
    shutdown_timeout_secs: Option<u64>,
    header_timeout_secs: Option<u64>,
    allow_plain_http: Option<bool>,
    trusted_proxies: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLog {
    format: Option<LogFormat>,
    filter: Option<String>,
}

/// The validated configuration the server runs with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub profile: Profile,
    pub data_dir: PathBuf,
    pub database: DatabaseSettings,
    pub http: HttpSettings,
    pub log: LogSettings,
    pub auth: AuthSettings,
    pub rate_limit: RateLimitSettings,
    pub messages: MessageSettings,
    /// The rule values in force: `rules.file` when set, else the rules as enacted.
    pub rules: std::sync::Arc<domain::RuleBook>,
    /// Live opportunities the embedded demo keeps in its catalogue (0 in production).
    pub demo_catalog_size: usize,
    pub api: ApiSettings,
    pub outbound: OutboundSettings,
    pub leptos: LeptosOptions,
    /// What is accepted but worth an operator's attention (logged at start-up, printed by
    /// `check-config`).
    pub warnings: Vec<String>,
}

/// The machine API (INPS, GePI, SIU).
#[derive(Clone, Copy, Debug)]
pub struct ApiSettings {
    /// How long a client-credentials token lives.
    pub token_lifetime: Duration,
    /// How long a client's previous secret keeps working after a rotation.
    pub rotation_overlap: Duration,
}

/// Requests allowed per client address and minute.
#[derive(Clone, Copy, Debug)]
pub struct RateLimitSettings {
    /// Starting a sign-in, and completing one (counted apart).
    pub sign_in_per_minute: u32,
    /// Any request.
    pub global_per_minute: u32,
    /// Asking for and checking one-time codes (on top of each code's own 5 tries).
    pub one_time_code_per_minute: u32,
}

#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// Serve the built-in demo identity provider (embedded profile only).
    pub demo_idp: bool,
    pub session_idle_timeout: Duration,
    pub session_absolute_timeout: Duration,
    pub providers: Vec<ProviderSettings>,
}

/// One OpenID Connect provider (SPID, CIE, or any standard one).
#[derive(Clone, Debug)]
pub struct ProviderSettings {
    pub id: String,
    pub label: String,
    pub kind: ProviderKindSetting,
    /// Discovery happens at `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub redirect_url: String,
    pub scopes: Vec<String>,
    /// Requested, and the minimum accepted in the ID token's `acr` (empty: no requirement).
    pub acr_values: String,
    pub fiscal_number_claim: String,
}

/// SPID level 2, the level citizens and operators sign in with.
pub const SPID_L2: &str = "https://www.spid.gov.it/SpidL2";
/// Where SPID and CIE put the codice fiscale (as `TINIT-<CF>`).
pub const FISCAL_NUMBER_CLAIM: &str = "https://attributes.eid.gov.it/fiscal_number";

#[derive(Clone, Debug)]
pub struct DatabaseSettings {
    pub url: Secret,
    pub max_connections: u32,
    pub connect_timeout: Duration,
}

impl DatabaseSettings {
    pub fn is_sqlite(&self) -> bool {
        self.url.expose().starts_with("sqlite:")
    }
}

#[derive(Clone, Debug)]
pub struct HttpSettings {
    /// The address users reach the service at; `https` turns on HSTS and `Secure` cookies.
    pub public_url: String,
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    pub shutdown_timeout: Duration,
    /// How long a connection may take to send a request's headers, and how long it may stay
    /// idle between requests, before it is closed.
    pub header_timeout: Duration,
    /// Load balancers and reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: crate::http::proxy::TrustedProxies,
}

impl HttpSettings {
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Clone, Debug)]
pub struct LogSettings {
    pub format: LogFormat,
    pub filter: String,
}

/// Why the configuration was refused; the message names the setting.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("unknown setting `{name}` in {source_name}")]
    Unknown { name: String, source_name: String },
    #[error("setting `{name}` ({source_name}): {reason}")]
    Invalid { name: String, source_name: String, reason: String },
}

impl Settings {
    /// Reads the configuration from the process environment and the configuration file.
    pub fn load() -> Result<Settings, ConfigError> {
        Settings::from_sources(std::env::vars())
    }

    /// Reads the configuration from the given environment (tests pass their own).
    pub fn from_sources(
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        let env: Vec<(String, String)> = env.into_iter().collect();
        let lookup = |key: &str| env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());

        let file = match lookup(CONFIG_FILE_VAR) {
            Some(path) => Some(PathBuf::from(path)),
            None => Some(PathBuf::from(DEFAULT_CONFIG_FILE)).filter(|p| p.exists()),
        };
        let mut table = match &file {
            Some(path) => read_file(path)?,
            None => toml::Table::new(),
        };
        if let Some(path) = &file {
            check_known(&table, "", &path.display().to_string())?;
        }
        overlay_env(&mut table, &env)?;

        let raw: RawSettings = serde_path_to_error::deserialize(toml::Value::Table(table))
            .map_err(|e| {
                let name = e.path().to_string();
                ConfigError::Invalid {
                    source_name: env_name(&name) + " or configuration file",
                    name,
                    reason: e.into_inner().message().to_string(),
                }
            })?;
        let leptos = leptos_options(&lookup)?;
        Settings::validate(raw, leptos)
    }

    fn validate(raw: RawSettings, leptos: LeptosOptions) -> Result<Settings, ConfigError> {
        let invalid = |name: &str, reason: String| ConfigError::Invalid {
            name: name.to_string(),
            source_name: env_name(name) + " or configuration file",
            reason,
        };
        let profile = raw.profile.unwrap_or(Profile::Embedded);
        let data_dir = raw.data_dir.unwrap_or_else(|| PathBuf::from("siisl-data"));
        if data_dir.as_os_str().is_empty() {
            return Err(invalid("data_dir", "must not be empty".into()));
        }
        let url = match raw.database.url {
            Some(url) => url,
            None if profile == Profile::Production => {
                return Err(invalid("database.url", "required in the production profile".into()));
            }
            None => Secret::new(default_sqlite_url(&data_dir)),
        };
        check_database_url(url.expose()).map_err(|reason| invalid("database.url", reason))?;

        let mut warnings = Vec::new();
        let public_url =
            raw.http.public_url.unwrap_or_else(|| format!("http://{}", leptos.site_addr));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(invalid("http.public_url", "must start with http:// or https://".into()));
        }
        // In production, people and providers reach SIISL over TLS only. Plain http is allowed
        // on request for loopback addresses (a TLS-terminating proxy on the same host, a
        // provider reached through one), and said so at every start.
        let allow_plain_http = raw.http.allow_plain_http.unwrap_or(false);
        let plain_http = |name: &str, url: &str, warnings: &mut Vec<String>| {
            if profile != Profile::Production || url.starts_with("https://") {
                return Ok(());
            }
            if allow_plain_http && is_loopback_url(url) {
                warnings.push(format!(
                    "{name} is plain http ({url}): allowed by http.allow_plain_http for a \
                     loopback address; nothing may reach it but through a TLS proxy"
                ));
                return Ok(());
            }
            Err(invalid(
                name,
                "must be an https:// URL in the production profile (plain http only on a \
                 loopback address, with http.allow_plain_http = true)"
                    .into(),
            ))
        };
        plain_http("http.public_url", &public_url, &mut warnings)?;
        let positive = |name: &str, value: u64| {
            if value == 0 { Err(invalid(name, "must be greater than 0".into())) } else { Ok(value) }
        };
        let max_connections = raw.database.max_connections.unwrap_or(10);
        positive("database.max_connections", max_connections.into())?;
        let body_limit_bytes = raw.http.body_limit_bytes.unwrap_or(1024 * 1024);
        positive("http.body_limit_bytes", body_limit_bytes as u64)?;

        let demo_idp = raw.auth.demo_idp.unwrap_or(profile == Profile::Embedded);
        if demo_idp && profile == Profile::Production {
            return Err(invalid(
                "auth.demo_idp",
                "the demo identity provider is refused in the production profile".into(),
            ));
        }
        let demo_catalog_size = match (profile, raw.demo.catalog_size) {
            (Profile::Production, Some(n)) if n > 0 => {
                return Err(invalid(
                    "demo.catalog_size",
                    "the demo catalogue is refused in the production profile".into(),
                ));
            }
            (Profile::Production, _) => 0,
            (Profile::Embedded, size) => size.unwrap_or(50_000),
        };

        let idle = positive(
            "auth.session_idle_timeout_secs",
            raw.auth.session_idle_timeout_secs.unwrap_or(30 * 60),
        )?;
        let absolute = positive(
            "auth.session_absolute_timeout_secs",
            raw.auth.session_absolute_timeout_secs.unwrap_or(12 * 3600),
        )?;
        let mut providers = Vec::new();
        for (id, p) in raw.auth.providers {
            let name = |key: &str| format!("auth.providers.{id}.{key}");
            if !is_provider_id(&id) || id == "demo" {
                return Err(invalid(
                    &format!("auth.providers.{id}"),
                    "a provider id is lowercase letters and digits, and not `demo`".into(),
                ));
            }
            if !(p.issuer.starts_with("https://") || p.issuer.starts_with("http://")) {
                return Err(invalid(&name("issuer"), "must be an http(s) URL".into()));
            }
            plain_http(&name("issuer"), &p.issuer, &mut warnings)?;
            if p.acr_values.as_deref().is_some_and(|acr| acr.trim().is_empty()) {
                warnings.push(format!(
                    "{} is empty: the provider chooses the authentication level (citizens and \
                     operators need SPID level 2, {SPID_L2})",
                    name("acr_values")
                ));
            }
            providers.push(ProviderSettings {
                label: p.label.unwrap_or_else(|| id.clone()),
                kind: p.kind.unwrap_or(ProviderKindSetting::Other),
                issuer: p.issuer,
                client_id: p.client_id,
                client_secret: p.client_secret,
                redirect_url: p.redirect_url.unwrap_or_else(|| {
                    format!("{}/auth/callback", public_url.trim_end_matches('/'))
                }),
                scopes: p
                    .scopes
                    .unwrap_or_else(|| "openid profile email".into())
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                acr_values: p.acr_values.unwrap_or_else(|| SPID_L2.into()),
                fiscal_number_claim: p
                    .fiscal_number_claim
                    .unwrap_or_else(|| FISCAL_NUMBER_CLAIM.into()),
                id,
            });
        }
        let auth = AuthSettings {
            demo_idp,
            session_idle_timeout: Duration::from_secs(idle),
            session_absolute_timeout: Duration::from_secs(absolute),
            providers,
        };

        let rate_limit = RateLimitSettings {
            sign_in_per_minute: positive(
                "rate_limit.sign_in_per_minute",
                raw.rate_limit.sign_in_per_minute.unwrap_or(20).into(),
            )? as u32,
            global_per_minute: positive(
                "rate_limit.global_per_minute",
                raw.rate_limit.global_per_minute.unwrap_or(600).into(),
            )? as u32,
            one_time_code_per_minute: positive(
                "rate_limit.one_time_code_per_minute",
                raw.rate_limit.one_time_code_per_minute.unwrap_or(10).into(),
            )? as u32,
        };

        let demo_allowed = profile == Profile::Embedded;
        let email =
            match raw.messages.email.as_deref().unwrap_or(if demo_allowed { "demo" } else { "" }) {
                "demo" if demo_allowed => EmailSender::Demo,
                "smtp" => EmailSender::Smtp {
                    host: raw.messages.smtp_host.filter(|h| !h.is_empty()).ok_or_else(|| {
                        invalid("messages.smtp_host", "required when messages.email is smtp".into())
                    })?,
                    port: raw.messages.smtp_port.unwrap_or(25),
                    from: raw.messages.smtp_from.filter(|f| f.contains('@')).ok_or_else(|| {
                        invalid("messages.smtp_from", "an e-mail address is required".into())
                    })?,
                },
                other => {
                    return Err(invalid(
                        "messages.email",
                        if other.is_empty() {
                            "required in the production profile (smtp)".to_string()
                        } else {
                            format!(
                                "`{other}` is not one of: smtp{}",
                                if demo_allowed { ", demo" } else { "" }
                            )
                        },
                    ));
                }
            };
        let sms =
            match raw.messages.sms.as_deref().unwrap_or(if demo_allowed { "demo" } else { "" }) {
                "demo" if demo_allowed => SmsSender::Demo,
                "http" => SmsSender::Http {
                    url: raw
                        .messages
                        .sms_url
                        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                        .ok_or_else(|| {
                            invalid("messages.sms_url", "an http(s) URL is required".into())
                        })?,
                    token: raw.messages.sms_token,
                },
                other => {
                    return Err(invalid(
                        "messages.sms",
                        if other.is_empty() {
                            "required in the production profile (http)".to_string()
                        } else {
                            format!(
                                "`{other}` is not one of: http{}",
                                if demo_allowed { ", demo" } else { "" }
                            )
                        },
                    ));
                }
            };
        let messages = MessageSettings {
            email,
            sms,
            poll_interval: Duration::from_secs(positive(
                "messages.poll_interval_secs",
                raw.messages.poll_interval_secs.unwrap_or(2),
            )?),
        };

        let rules = match &raw.rules.file {
            None => domain::RuleBook::standard(),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    invalid("rules.file", format!("cannot read {}: {e}", path.display()))
                })?;
                toml::from_str::<domain::RuleBook>(&text).map_err(|e| {
                    invalid("rules.file", format!("{}: {}", path.display(), e.message()))
                })?
            }
        };

        let api = ApiSettings {
            token_lifetime: Duration::from_secs(positive(
                "api.token_lifetime_secs",
                raw.api.token_lifetime_secs.unwrap_or(300),
            )?),
            rotation_overlap: Duration::from_secs(
                raw.api.rotation_overlap_secs.unwrap_or(24 * 3600),
            ),
        };

        let endpoint = |name: &str, value: Option<String>| -> Result<Option<String>, ConfigError> {
            match value.filter(|v| !v.trim().is_empty()) {
                None => Ok(None),
                Some(v)
                    if url::Url::parse(&v)
                        .is_ok_and(|u| matches!(u.scheme(), "http" | "https")) =>
                {
                    Ok(Some(v))
                }
                Some(v) => Err(invalid(name, format!("`{v}` is not an http(s) URL"))),
            }
        };
        let raw_out = raw.outbound;
        let outbound = OutboundSettings {
            gepi_url: endpoint("outbound.gepi_url", raw_out.gepi_url)?,
            siu_url: endpoint("outbound.siu_url", raw_out.siu_url)?,
            apl_url: endpoint("outbound.apl_url", raw_out.apl_url)?,
            token: raw_out.token,
            backoff: domain::delivery::Backoff {
                base: Duration::from_secs(positive(
                    "outbound.backoff_base_secs",
                    raw_out.backoff_base_secs.unwrap_or(5),
                )?),
                cap: Duration::from_secs(positive(
                    "outbound.backoff_cap_secs",
                    raw_out.backoff_cap_secs.unwrap_or(3_600),
                )?),
                max_attempts: positive(
                    "outbound.max_attempts",
                    raw_out.max_attempts.unwrap_or(10).into(),
                )? as u32,
            },
            poll_interval: Duration::from_millis(positive(
                "outbound.poll_interval_ms",
                raw_out.poll_interval_ms.unwrap_or(1_000),
            )?),
            lease: Duration::from_secs(positive(
                "outbound.lease_secs",
                raw_out.lease_secs.unwrap_or(60),
            )?),
            failpoint: match raw_out.failpoint.filter(|f| !f.is_empty()) {
                None => None,
                Some(f) if f == "delivery-after-send" && profile == Profile::Embedded => Some(f),
                Some(f) => {
                    return Err(invalid(
                        "outbound.failpoint",
                        format!(
                            "`{f}`: only delivery-after-send, and only in the embedded profile"
                        ),
                    ));
                }
            },
        };

        Ok(Settings {
            demo_catalog_size,
            api,
            outbound,
            auth,
            rate_limit,
            messages,
            rules: std::sync::Arc::new(rules),
            profile,
            data_dir,
            database: DatabaseSettings {
                url,
                max_connections,
                connect_timeout: Duration::from_secs(positive(
                    "database.connect_timeout_secs",
                    raw.database.connect_timeout_secs.unwrap_or(5),
                )?),
            },
            http: HttpSettings {
                public_url,
                request_timeout: Duration::from_secs(positive(
                    "http.request_timeout_secs",
                    raw.http.request_timeout_secs.unwrap_or(30),
                )?),
                body_limit_bytes,
                shutdown_timeout: Duration::from_secs(positive(
                    "http.shutdown_timeout_secs",
                    raw.http.shutdown_timeout_secs.unwrap_or(10),
                )?),
                header_timeout: Duration::from_secs(positive(
                    "http.header_timeout_secs",
                    raw.http.header_timeout_secs.unwrap_or(10),
                )?),
                trusted_proxies: crate::http::proxy::TrustedProxies::parse(
                    raw.http.trusted_proxies.as_deref().unwrap_or(""),
                )
                .map_err(|reason| invalid("http.trusted_proxies", reason))?,
            },
            log: LogSettings {
                format: raw.log.format.unwrap_or(match profile {
                    Profile::Embedded => LogFormat::Pretty,
                    Profile::Production => LogFormat::Json,
                }),
                filter: raw.log.filter.unwrap_or_else(|| "info".into()),
            },
            leptos,
            warnings,
        })
    }

    /// Creates the data directory if needed and checks that it is writable. Called once the
    /// rest of the configuration is known to be good, so a bad setting creates nothing.
    pub fn prepare_data_dir(&self) -> Result<(), ConfigError> {
        let fail = |reason: String| ConfigError::Invalid {
            name: "data_dir".into(),
            source_name: format!("{}", self.data_dir.display()),
            reason,
        };
        std::fs::create_dir_all(&self.data_dir).map_err(|e| fail(format!("cannot create: {e}")))?;
        let probe = self.data_dir.join(".write-check");
        std::fs::write(&probe, b"ok").map_err(|e| fail(format!("not writable: {e}")))?;
        std::fs::remove_file(&probe).map_err(|e| fail(format!("not writable: {e}")))?;
        Ok(())
    }
}

/// Whether `url`'s host is a loopback address (or `localhost`).
fn is_loopback_url(url: &str) -> bool {
    match url::Url::parse(url).ok().and_then(|url| url.host().map(|h| h.to_owned())) {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The environment variable for a dotted setting name.
fn env_name(name: &str) -> String {
    format!("{ENV_PREFIX}{}", name.replace('.', "_").to_uppercase())
}

/// The configuration reference, `docs/configuration.md`, generated from `SETTINGS` so that it
/// cannot drift from what start-up accepts (a test compares the two).
pub fn reference_markdown() -> String {
    let mut out = String::from(REFERENCE_HEAD);
    out.push_str("| setting | environment variable | default | meaning |\n|---|---|---|---|\n");
    for setting in SETTINGS {
        let (name, env) = match setting.name.split_once(".*.") {
            Some((section, key)) => (
                format!("{section}.<id>.{key}"),
                format!("{}_<ID>_{}", env_name(section), key.to_uppercase()),
            ),
            None => (setting.name.to_string(), env_name(setting.name)),
        };
        let kind = match setting.kind {
            Kind::Text => "",
            Kind::Integer => " (integer)",
            Kind::Bool => " (`true`/`false`)",
        };
        out.push_str(&format!(
            "| `{name}`{kind} | `{env}` | {} | {} |\n",
            setting.default, setting.meaning
        ));
    }
    out.push_str(REFERENCE_TAIL);
    out
}

const REFERENCE_HEAD: &str = "# Configuration

<!-- Generated from the settings table in server/src/config.rs; `SIISL_WRITE_DOCS=1 cargo test
     -p server --lib reference` rewrites it, and the same test fails when it is stale. -->

Layered: built-in defaults, then an optional TOML file, then environment variables. The file is
the one named by `SIISL_CONFIG`, or else `./siisl.toml` if it exists. Every setting has a dotted
name for the file and an environment variable. An unknown setting (a typo) in either place, an
unparsable value or an unusable data directory stops start-up with one message that names the
setting, before anything is created. `siisl check-config` validates the configuration and prints
it with secrets redacted.

";

const REFERENCE_TAIL: &str = r#"
`<id>` is a sign-in provider's id (lowercase letters and digits, at most 40): each provider gets
its own button on `/accedi`.

## Example

```toml
profile = "production"

[database]
url = "postgres://siisl:secret@db.internal:5432/siisl"
max_connections = 20

[http]
public_url = "https://siisl.example.gov.it"

[auth.providers.spid]
label = "Entra con SPID"
kind = "spid"
issuer = "https://spid-oidc.example.it"
client_id = "https://siisl.example.gov.it"
client_secret = "…"
```

or, for any standard provider (Keycloak, a test `oidc-provider`, …), with environment variables:

```sh
SIISL_AUTH_PROVIDERS_KEYCLOAK_ISSUER=https://sso.example.org/realms/siisl \
SIISL_AUTH_PROVIDERS_KEYCLOAK_CLIENT_ID=siisl \
SIISL_AUTH_PROVIDERS_KEYCLOAK_CLIENT_SECRET=… \
SIISL_AUTH_PROVIDERS_KEYCLOAK_ACR_VALUES= \
SIISL_AUTH_PROVIDERS_KEYCLOAK_FISCAL_NUMBER_CLAIM=fiscal_number \
target/release/siisl serve
```

The app discovers a provider at `<issuer>/.well-known/openid-configuration` and signs in with the
authorization code flow and PKCE; register `http.public_url` + `/auth/callback` as the redirect URI
and `http.public_url` + `/` as the post-logout redirect URI at the provider.

## Leptos variables

The standard Leptos variables are honoured: `LEPTOS_SITE_ADDR` (listen address, default
`127.0.0.1:3000`), `LEPTOS_SITE_ROOT` (built site, default `target/site`), `LEPTOS_SITE_PKG_DIR`
(`pkg`), `LEPTOS_OUTPUT_NAME` (set by the build), `LEPTOS_ENV` (`DEV`/`PROD`), `LEPTOS_HASH_FILES`
and `LEPTOS_HASH_FILE_NAME` (by default file hashing is on when the build left `hash.txt` beside
the binary).
"#;

fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("siisl.db").display())
}

/// Accepts `sqlite:` and `postgres:`/`postgresql:` URLs that the drivers can parse.
fn check_database_url(url: &str) -> Result<(), String> {
    use sea_orm::sqlx::{postgres::PgConnectOptions, sqlite::SqliteConnectOptions};
    let without_secret = || redact_url(url);
    if url.starts_with("sqlite:") {
        url.parse::<SqliteConnectOptions>()
            .map(|_| ())
            .map_err(|e| format!("cannot parse `{}`: {e}", without_secret()))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        url.parse::<PgConnectOptions>()
            .map(|_| ())
            .map_err(|e| format!("cannot parse `{}`: {e}", without_secret()))
    } else {
        Err(format!("`{}` is neither a sqlite: nor a postgres:// URL", without_secret()))
    }
}

/// The URL with any password replaced, fit for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => {
                    format!("{}://{user}:***@{}", &url[..scheme_end], &url[at + 1..])
                }
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn read_file(path: &Path) -> Result<toml::Table, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::File { path: path.to_path_buf(), reason: e.to_string() })?;
    text.parse::<toml::Table>().map_err(|e| ConfigError::File {
        path: path.to_path_buf(),
        reason: e.message().to_string(),
    })
}

/// Refuses any key in the file that is not a known setting.
fn check_known(table: &toml::Table, prefix: &str, source_name: &str) -> Result<(), ConfigError> {
    for (key, value) in table {
        let name = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::Table(inner) if is_section(&name) => {
                check_known(inner, &name, source_name)?
            }
            _ if is_known(&name) => {}
            _ => {
                return Err(ConfigError::Unknown { name, source_name: source_name.to_string() });
            }
        }
    }
    Ok(())
}

/// The dotted setting an environment variable names, if any. Provider settings read
/// `SIISL_AUTH_PROVIDERS_<ID>_<KEY>`, the id being lowercase letters and digits.
fn setting_for_env(key: &str) -> Option<(String, Kind)> {
    SETTINGS.iter().find_map(|Setting { name: pattern, kind, .. }| {
        if let Some((before, after)) = pattern.split_once(".*.") {
            let prefix = format!("{}_", env_name(before));
            let rest = key.strip_prefix(&prefix)?;
            let (id, field) = rest.split_once('_')?;
            let id = id.to_ascii_lowercase();
            (field == after.to_uppercase() && is_provider_id(&id))
                .then(|| (format!("{before}.{id}.{after}"), *kind))
        } else {
            (env_name(pattern) == key).then(|| (pattern.to_string(), *kind))
        }
    })
}

/// Writes `SIISL_*` variables over the file's values, refusing unknown ones.
fn overlay_env(table: &mut toml::Table, env: &[(String, String)]) -> Result<(), ConfigError> {
    for (key, value) in env {
        if !key.starts_with(ENV_PREFIX) || key == CONFIG_FILE_VAR {
            continue;
        }
        let Some((name, kind)) = setting_for_env(key) else {
            return Err(ConfigError::Unknown {
                name: key.clone(),
                source_name: "the environment".into(),
            });
        };
        let refuse = |reason: String| ConfigError::Invalid {
            name: name.clone(),
            source_name: key.clone(),
            reason,
        };
        let parsed = match kind {
            Kind::Text => toml::Value::String(value.clone()),
            Kind::Integer => value
                .trim()
                .parse::<i64>()
                .map(toml::Value::Integer)
                .map_err(|_| refuse(format!("`{value}` is not a whole number")))?,
            Kind::Bool => value
                .trim()
                .parse::<bool>()
                .map(toml::Value::Boolean)
                .map_err(|_| refuse(format!("`{value}` is not true or false")))?,
        };
        let mut parts: Vec<&str> = name.split('.').collect();
        let leaf = parts.pop().unwrap_or_default();
        let mut node = &mut *table;
        for part in parts {
            let entry = node
                .entry(part.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            match entry {
                toml::Value::Table(inner) => node = inner,
                _ => {
                    return Err(ConfigError::Invalid {
                        name: part.to_string(),
                        source_name: key.clone(),
                        reason: "is a value in the file, not a section".into(),
                    });
                }
            }
        }
        node.insert(leaf.to_string(), parsed);
    }
    Ok(())
}

/// Leptos options from the standard `LEPTOS_*` variables. File hashing is on whenever the
/// build left its hash file beside the binary, so the binary runs the same without cargo-leptos.
fn leptos_options(lookup: &dyn Fn(&str) -> Option<String>) -> Result<LeptosOptions, ConfigError> {
    let invalid = |name: &str, reason: String| ConfigError::Invalid {
        name: name.to_string(),
        source_name: "the environment".into(),
        reason,
    };
    let output_name = lookup("LEPTOS_OUTPUT_NAME")
        .or_else(|| option_env!("LEPTOS_OUTPUT_NAME").map(str::to_string))
        .unwrap_or_else(|| "siisl".to_string());
    let site_addr: std::net::SocketAddr = lookup("LEPTOS_SITE_ADDR")
        .unwrap_or_else(|| "127.0.0.1:3000".to_string())
        .parse()
        .map_err(|e| invalid("LEPTOS_SITE_ADDR", format!("not an address: {e}")))?;
    let hash_file = lookup("LEPTOS_HASH_FILE_NAME").unwrap_or_else(|| "hash.txt".to_string());
    let hash_files = match lookup("LEPTOS_HASH_FILES") {
        Some(value) => value
            .parse::<bool>()
            .map_err(|_| invalid("LEPTOS_HASH_FILES", format!("`{value}` is not true or false")))?,
        None => std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(&hash_file).exists()))
            .unwrap_or(false),
    };
    let env = match lookup("LEPTOS_ENV").as_deref() {
        None | Some("DEV") | Some("dev") | Some("development") => leptos::config::Env::DEV,
        Some("PROD") | Some("prod") | Some("production") => leptos::config::Env::PROD,
        Some(other) => {
            return Err(invalid("LEPTOS_ENV", format!("`{other}` is not DEV or PROD")));
        }
    };
    Ok(LeptosOptions::builder()
        .output_name(output_name)
        .site_root(lookup("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()))
        .site_pkg_dir(lookup("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".to_string()))
        .site_addr(site_addr)
        .env(env)
        .hash_file(std::sync::Arc::<str>::from(hash_file))
        .hash_files(hash_files)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_configuration_reference_is_generated_from_the_settings_table() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/configuration.md");
        let generated = reference_markdown();
        if std::env::var_os("SIISL_WRITE_DOCS").is_some() {
            std::fs::write(&path, &generated).expect("docs/configuration.md is writable");
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == generated,
            "docs/configuration.md is stale: `SIISL_WRITE_DOCS=1 cargo test -p server --lib reference`"
        );
        // Every setting start-up accepts is documented, each with its environment variable.
        for setting in SETTINGS {
            let shown = setting.name.replace(".*.", ".<id>.");
            assert!(current.contains(&format!("`{shown}`")), "{shown}");
        }
        assert!(current.contains("`SIISL_AUTH_PROVIDERS_<ID>_CLIENT_ID`"));
    }

    #[test]
    fn defaults_give_the_embedded_sqlite_profile() {
        let s = Settings::from_sources(env(&[])).expect("defaults are valid");
        assert_eq!(s.profile, Profile::Embedded);
        assert!(s.database.is_sqlite());
        assert_eq!(s.leptos.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.log.format, LogFormat::Pretty);
    }

    #[test]
    fn environment_overrides_and_leptos_variables_are_honoured() {
        let s = Settings::from_sources(env(&[
            ("SIISL_DATABASE_URL", "postgres://u:p@127.0.0.1/db"),
            ("SIISL_HTTP_REQUEST_TIMEOUT_SECS", "7"),
            ("LEPTOS_SITE_ADDR", "127.0.0.1:4000"),
        ]))
        .expect("valid");
        assert!(!s.database.is_sqlite());
        assert_eq!(s.http.request_timeout, Duration::from_secs(7));
        assert_eq!(s.leptos.site_addr.to_string(), "127.0.0.1:4000");
    }

    #[test]
    fn unknown_environment_setting_is_named() {
        let err = Settings::from_sources(env(&[("SIISL_DATABSE_URL", "x")])).unwrap_err();
        assert!(err.to_string().contains("SIISL_DATABSE_URL"), "{err}");
    }

    #[test]
    fn unparsable_database_url_is_named_without_its_password() {
        let err = Settings::from_sources(env(&[("SIISL_DATABASE_URL", "mysql://u:secret@h/db")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("database.url"), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn non_numeric_value_is_refused() {
        let err =
            Settings::from_sources(env(&[("SIISL_HTTP_BODY_LIMIT_BYTES", "lots")])).unwrap_err();
        assert!(err.to_string().contains("http.body_limit_bytes"), "{err}");
    }

    #[test]
    fn production_requires_a_database_url_and_logs_json() {
        let err = Settings::from_sources(env(&[("SIISL_PROFILE", "production")])).unwrap_err();
        assert!(err.to_string().contains("database.url"), "{err}");
        // Messages must really leave in production: the demo outbox is refused.
        let err = Settings::from_sources(env(&[
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("messages.email"), "{err}");
        let err = Settings::from_sources(env(&[
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
            ("SIISL_MESSAGES_EMAIL", "demo"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("messages.email"), "{err}");
        let s = Settings::from_sources(env(&[
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
            ("SIISL_MESSAGES_EMAIL", "smtp"),
            ("SIISL_MESSAGES_SMTP_HOST", "127.0.0.1"),
            ("SIISL_MESSAGES_SMTP_FROM", "noreply@siisl.example"),
            ("SIISL_MESSAGES_SMS", "http"),
            ("SIISL_MESSAGES_SMS_URL", "https://sms.example/api/send"),
            ("SIISL_MESSAGES_SMS_TOKEN", "gateway-token"),
        ]))
        .expect("valid");
        assert_eq!(s.log.format, LogFormat::Json);
        assert_eq!(
            s.messages.email,
            EmailSender::Smtp {
                host: "127.0.0.1".into(),
                port: 25,
                from: "noreply@siisl.example".into()
            }
        );
        assert!(!format!("{s:?}").contains("gateway-token"), "the SMS token is never printed");
    }

    #[test]
    fn production_refuses_plain_http_but_on_loopback_when_asked_and_warns_of_an_empty_acr() {
        let base = [
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
            ("SIISL_MESSAGES_EMAIL", "smtp"),
            ("SIISL_MESSAGES_SMTP_HOST", "127.0.0.1"),
            ("SIISL_MESSAGES_SMTP_FROM", "noreply@siisl.example"),
            ("SIISL_MESSAGES_SMS", "http"),
            ("SIISL_MESSAGES_SMS_URL", "https://sms.example/api/send"),
        ];
        let with = |extra: &[(&str, &str)]| {
            let mut all = base.to_vec();
            all.extend_from_slice(extra);
            Settings::from_sources(env(&all))
        };
        let err = with(&[("SIISL_HTTP_PUBLIC_URL", "http://siisl.example")]).unwrap_err();
        assert!(err.to_string().contains("http.public_url"), "{err}");
        let err = with(&[]).unwrap_err();
        assert!(err.to_string().contains("http.public_url"), "the default is plain http: {err}");
        let err = with(&[
            ("SIISL_HTTP_PUBLIC_URL", "http://siisl.example"),
            ("SIISL_HTTP_ALLOW_PLAIN_HTTP", "true"),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("loopback"), "only on loopback: {err}");
        let s = with(&[
            ("SIISL_HTTP_PUBLIC_URL", "http://127.0.0.1:3000"),
            ("SIISL_HTTP_ALLOW_PLAIN_HTTP", "true"),
        ])
        .expect("a proxy on the same host");
        assert!(s.warnings.iter().any(|w| w.contains("http.public_url")), "{:?}", s.warnings);

        let provider = [
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
            ("SIISL_AUTH_PROVIDERS_SPID_ISSUER", "http://id.example"),
            ("SIISL_AUTH_PROVIDERS_SPID_CLIENT_ID", "siisl"),
        ];
        let err = with(&provider).unwrap_err();
        assert!(err.to_string().contains("auth.providers.spid.issuer"), "{err}");
        let s = with(&[
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
            ("SIISL_AUTH_PROVIDERS_SPID_ISSUER", "https://id.example"),
            ("SIISL_AUTH_PROVIDERS_SPID_CLIENT_ID", "siisl"),
            ("SIISL_AUTH_PROVIDERS_SPID_ACR_VALUES", ""),
        ])
        .expect("valid");
        assert!(s.warnings.iter().any(|w| w.contains("acr_values")), "{:?}", s.warnings);
        assert!(
            with(&[("SIISL_HTTP_PUBLIC_URL", "https://siisl.example")])
                .unwrap()
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn file_keys_are_checked_and_environment_wins() {
        let dir = std::env::temp_dir().join(format!("siisl-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("siisl.toml");
        std::fs::write(&file, "[http]\nrequest_timeout_secs = 3\nbody_limit_bytes = 100\n")
            .expect("write");
        let path = file.display().to_string();
        let s = Settings::from_sources(env(&[
            (CONFIG_FILE_VAR, &path),
            ("SIISL_HTTP_REQUEST_TIMEOUT_SECS", "9"),
        ]))
        .expect("valid");
        assert_eq!(s.http.request_timeout, Duration::from_secs(9));
        assert_eq!(s.http.body_limit_bytes, 100);

        std::fs::write(&file, "[http]\nrequest_timeot_secs = 3\n").expect("write");
        let err = Settings::from_sources(env(&[(CONFIG_FILE_VAR, &path)])).unwrap_err();
        assert!(err.to_string().contains("http.request_timeot_secs"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn providers_come_from_the_file_and_the_environment() {
        let dir = std::env::temp_dir().join(format!("siisl-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("siisl.toml");
        std::fs::write(
            &file,
            "[auth.providers.spid]\nlabel = \"Entra con SPID\"\nkind = \"spid\"\n\
             issuer = \"https://id.example\"\nclient_id = \"siisl\"\n",
        )
        .expect("write");
        let path = file.display().to_string();
        let s = Settings::from_sources(env(&[
            (CONFIG_FILE_VAR, &path),
            ("SIISL_AUTH_PROVIDERS_SPID_CLIENT_SECRET", "s3cret"),
            ("SIISL_AUTH_PROVIDERS_CIE_ISSUER", "https://cie.example"),
            ("SIISL_AUTH_PROVIDERS_CIE_CLIENT_ID", "siisl-cie"),
        ]))
        .expect("valid");
        let spid = &s.auth.providers[1];
        assert_eq!((spid.id.as_str(), spid.kind), ("spid", ProviderKindSetting::Spid));
        assert_eq!(spid.client_secret.as_ref().map(Secret::expose), Some("s3cret"));
        assert_eq!(spid.acr_values, SPID_L2);
        assert_eq!(spid.fiscal_number_claim, FISCAL_NUMBER_CLAIM);
        assert_eq!(spid.redirect_url, "http://127.0.0.1:3000/auth/callback");
        assert_eq!(s.auth.providers[0].id, "cie");
        assert!(!format!("{s:?}").contains("s3cret"), "secrets never print");

        std::fs::write(
            &file,
            "[auth.providers.spid]\nissuer = \"https://x\"\nclient_id = \"a\"\nclientid = \"b\"\n",
        )
        .expect("write");
        let err = Settings::from_sources(env(&[(CONFIG_FILE_VAR, &path)])).unwrap_err();
        assert!(err.to_string().contains("auth.providers.spid.clientid"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_demo_provider_is_refused_in_production() {
        let err = Settings::from_sources(env(&[
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
            ("SIISL_AUTH_DEMO_IDP", "true"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("auth.demo_idp"), "{err}");
    }

    #[test]
    fn the_demo_catalogue_is_embedded_only() {
        let err = Settings::from_sources(env(&[
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
            ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
            ("SIISL_DEMO_CATALOG_SIZE", "100"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("demo.catalog_size"), "{err}");
        let embedded = Settings::from_sources(env(&[("SIISL_DEMO_CATALOG_SIZE", "300")])).unwrap();
        assert_eq!(embedded.demo_catalog_size, 300);
        assert_eq!(Settings::from_sources(env(&[])).unwrap().demo_catalog_size, 50_000);
    }

    #[test]
    fn redaction_hides_only_the_password() {
        assert_eq!(redact_url("postgres://u:pw@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }
}
