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

/// Every setting: dotted name and how its environment value is read.
const SETTINGS: &[(&str, Kind)] = &[
    ("profile", Kind::Text),
    ("data_dir", Kind::Text),
    ("database.url", Kind::Text),
    ("database.max_connections", Kind::Integer),
    ("database.connect_timeout_secs", Kind::Integer),
    ("http.public_url", Kind::Text),
    ("http.request_timeout_secs", Kind::Integer),
    ("http.body_limit_bytes", Kind::Integer),
    ("http.shutdown_timeout_secs", Kind::Integer),
    ("log.format", Kind::Text),
    ("log.filter", Kind::Text),
];

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
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
    pub leptos: LeptosOptions,
}

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
    Invalid {
        name: String,
        source_name: String,
        reason: String,
    },
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
                return Err(invalid(
                    "database.url",
                    "required in the production profile".into(),
                ));
            }
            None => Secret::new(default_sqlite_url(&data_dir)),
        };
        check_database_url(url.expose()).map_err(|reason| invalid("database.url", reason))?;

        let public_url = raw
            .http
            .public_url
            .unwrap_or_else(|| format!("http://{}", leptos.site_addr));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(invalid(
                "http.public_url",
                "must start with http:// or https://".into(),
            ));
        }
        let positive = |name: &str, value: u64| {
            if value == 0 {
                Err(invalid(name, "must be greater than 0".into()))
            } else {
                Ok(value)
            }
        };
        let max_connections = raw.database.max_connections.unwrap_or(10);
        positive("database.max_connections", max_connections.into())?;
        let body_limit_bytes = raw.http.body_limit_bytes.unwrap_or(1024 * 1024);
        positive("http.body_limit_bytes", body_limit_bytes as u64)?;

        Ok(Settings {
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
            },
            log: LogSettings {
                format: raw.log.format.unwrap_or(match profile {
                    Profile::Embedded => LogFormat::Pretty,
                    Profile::Production => LogFormat::Json,
                }),
                filter: raw.log.filter.unwrap_or_else(|| "info".into()),
            },
            leptos,
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

/// The environment variable for a dotted setting name.
fn env_name(name: &str) -> String {
    format!("{ENV_PREFIX}{}", name.replace('.', "_").to_uppercase())
}

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
        Err(format!(
            "`{}` is neither a sqlite: nor a postgres:// URL",
            without_secret()
        ))
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
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    text.parse::<toml::Table>().map_err(|e| ConfigError::File {
        path: path.to_path_buf(),
        reason: e.message().to_string(),
    })
}

/// Refuses any key in the file that is not a known setting.
fn check_known(table: &toml::Table, prefix: &str, source_name: &str) -> Result<(), ConfigError> {
    for (key, value) in table {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(inner)
                if SETTINGS
                    .iter()
                    .any(|(s, _)| s.starts_with(&format!("{name}."))) =>
            {
                check_known(inner, &name, source_name)?
            }
            _ if SETTINGS.iter().any(|(s, _)| *s == name) => {}
            _ => {
                return Err(ConfigError::Unknown {
                    name,
                    source_name: source_name.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Writes `SIISL_*` variables over the file's values, refusing unknown ones.
fn overlay_env(table: &mut toml::Table, env: &[(String, String)]) -> Result<(), ConfigError> {
    for (key, value) in env {
        if !key.starts_with(ENV_PREFIX) || key == CONFIG_FILE_VAR {
            continue;
        }
        let Some((name, kind)) = SETTINGS.iter().find(|(name, _)| env_name(name) == *key) else {
            return Err(ConfigError::Unknown {
                name: key.clone(),
                source_name: "the environment".into(),
            });
        };
        let parsed = match kind {
            Kind::Text => toml::Value::String(value.clone()),
            Kind::Integer => value
                .trim()
                .parse::<i64>()
                .map(toml::Value::Integer)
                .map_err(|_| ConfigError::Invalid {
                    name: (*name).to_string(),
                    source_name: key.clone(),
                    reason: format!("`{value}` is not a whole number"),
                })?,
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
        Some(value) => value.parse::<bool>().map_err(|_| {
            invalid(
                "LEPTOS_HASH_FILES",
                format!("`{value}` is not true or false"),
            )
        })?,
        None => std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(&hash_file).exists()))
            .unwrap_or(false),
    };
    let env = match lookup("LEPTOS_ENV").as_deref() {
        None | Some("DEV") | Some("dev") | Some("development") => leptos::config::Env::DEV,
        Some("PROD") | Some("prod") | Some("production") => leptos::config::Env::PROD,
        Some(other) => {
            return Err(invalid(
                "LEPTOS_ENV",
                format!("`{other}` is not DEV or PROD"),
            ));
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
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
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
        let s = Settings::from_sources(env(&[
            ("SIISL_PROFILE", "production"),
            ("SIISL_DATABASE_URL", "postgres://127.0.0.1/db"),
        ]))
        .expect("valid");
        assert_eq!(s.log.format, LogFormat::Json);
    }

    #[test]
    fn file_keys_are_checked_and_environment_wins() {
        let dir = std::env::temp_dir().join(format!("siisl-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("siisl.toml");
        std::fs::write(
            &file,
            "[http]\nrequest_timeout_secs = 3\nbody_limit_bytes = 100\n",
        )
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
        assert!(
            err.to_string().contains("http.request_timeot_secs"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn redaction_hides_only_the_password() {
        assert_eq!(
            redact_url("postgres://u:pw@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }
}
