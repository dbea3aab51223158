//! `siisl-simulator`: plays INPS, GePI and SIU against a SIISL server, for the demo and as the
//! far end of tests.
//!
//! ```text
//! siisl-simulator serve [--port 4000] [--state FILE] [--fail-first N] [--delay-ms 0]
//!                       [--siisl URL [--gepi CLIENT_ID:SECRET] [--siu CLIENT_ID:SECRET]]
//!                       [--step-ms 1000]
//!     receives SIISL's outbound messages on POST /gepi/messages, /siu/messages, /apl/messages,
//!     applying each Idempotency-Key once (kept in FILE across restarts), and answering the
//!     first N requests 503 (to exercise retries), each answer sent --delay-ms after the message
//!     was received and recorded (a slow far end). With --siisl, the platforms answer what they
//!     receive through SIISL's API: with GePI's credentials, a household received is taken in
//!     charge, convoked, met and its PaIS signed; with SIU's, an attivabile received signs a PSP
//!     at the job centre and a first activity is planned (an SFL beneficiary's participation
//!     starts). GET /applied lists what was applied.
//!
//! siisl-simulator advance PROTOCOL --siisl URL --inps ID:SECRET --gepi ID:SECRET [--step-ms 1000]
//!     moves one household along: INPS's assessment and acceptance (when still to come), then,
//!     once the PAD nucleo is signed on SIISL (it waits for it), GePI's taking in charge,
//!     convocation, meeting and PaIS. Each step is printed as it lands.
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};

#[derive(Clone, Debug)]
struct Credentials {
    client_id: String,
    secret: String,
}

fn credentials(value: &str) -> Option<Credentials> {
    let (client_id, secret) = value.split_once(':')?;
    Some(Credentials { client_id: client_id.into(), secret: secret.into() })
}

/// The platforms' side of SIISL's API.
#[derive(Clone)]
struct Siisl {
    base: String,
    client: reqwest::Client,
    step: Duration,
}

impl Siisl {
    async fn token(&self, who: &Credentials) -> Result<String, String> {
        let answer = self
            .client
            .post(format!("{}/api/v1/oauth/token", self.base))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", who.client_id.as_str()),
                ("client_secret", who.secret.as_str()),
            ])
            .send()
            .await
            .map_err(|e| format!("token: {e}"))?;
        if !answer.status().is_success() {
            return Err(format!("token: HTTP {}", answer.status()));
        }
        let body: Value = answer.json().await.map_err(|e| format!("token: {e}"))?;
        body["access_token"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| "token: no access_token".into())
    }

    /// Sends one event; `Ok(status)` for any answer with a body.
    async fn send(
        &self,
        token: &str,
        path: &str,
        body: Value,
    ) -> Result<(StatusCode, Value), String> {
        let answer = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(|e| format!("{path}: {e}"))?;
        let status =
            StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
        let value = answer.json().await.unwrap_or(Value::Null);
        Ok((status, value))
    }

    /// Sends an event that must land (applied now or before).
    async fn step(&self, token: &str, what: &str, path: &str, body: Value) -> Result<(), String> {
        let (status, answer) = self.send(token, path, body).await?;
        if status != StatusCode::OK {
            return Err(format!("{what}: HTTP {status} {answer}"));
        }
        println!("simulator: {what}: {}", answer["status"].as_str().unwrap_or("?"));
        tokio::time::sleep(self.step).await;
        Ok(())
    }

    /// GePI takes the household in charge, convokes it, meets it and signs the PaIS. A household
    /// whose pact is not signed yet cannot be convoked: the convocation waits for the citizen.
    async fn social_services(&self, gepi: &Credentials, protocol: &str) -> Result<(), String> {
        let token = self.token(gepi).await?;
        let today = domain::calendar::rome_date(chrono::Utc::now());
        let id = |n: &str| format!("sim-gepi-{protocol}-{n}");
        self.step(
            &token,
            "GePI: taken in charge",
            "/api/v1/gepi/taking-in-charge",
            json!({
                "event_id": id("received"), "protocol": protocol, "stage": "received",
                "occurred_on": today, "office": "Servizi sociali (simulatore GePI)",
            }),
        )
        .await?;
        let appointment = chrono::Utc::now() + chrono::Duration::days(7);
        let convocation = json!({
            "event_id": id("convocation"), "protocol": protocol,
            "issuer_name": "Servizi sociali (simulatore GePI)", "purpose": "first_meeting",
            "appointment_at": appointment, "place": "Sportello sociale, via del Comune 1",
        });
        let mut told = false;
        loop {
            let (status, answer) =
                self.send(&token, "/api/v1/gepi/convocations", convocation.clone()).await?;
            if status == StatusCode::UNPROCESSABLE_ENTITY && answer["field"] == "application" {
                if !told {
                    println!(
                        "simulator: waiting for the PAD nucleo of {protocol} to be signed on SIISL…"
                    );
                    told = true;
                }
                tokio::time::sleep(Duration::from_secs(2)).await;
                continue;
            }
            if status != StatusCode::OK {
                return Err(format!("GePI: convocation: HTTP {status} {answer}"));
            }
            println!("simulator: GePI: convocation: {}", answer["status"].as_str().unwrap_or("?"));
            tokio::time::sleep(self.step).await;
            break;
        }
        self.step(
            &token,
            "GePI: meeting held",
            "/api/v1/gepi/meetings",
            json!({
                "event_id": id("meeting"), "protocol": protocol, "held_on": today,
                "outcome": "held", "convocation_event_id": id("convocation"),
            }),
        )
        .await?;
        self.step(&token, "GePI: PaIS signed", "/api/v1/gepi/pais", json!({
            "event_id": id("pais"), "protocol": protocol, "signed_on": today,
            "summary": "Patto per l'inclusione: sostegno al reddito, orientamento ai servizi del territorio e verifica trimestrale.",
            "operator_name": "Assistente sociale (simulatore GePI)",
            "activities": [{"title": "Colloquio di orientamento", "provider": "Servizi sociali", "starts_on": today}],
        }))
        .await
    }

    /// The job centre meets an attivabile it received: the PSP is signed with a first activity,
    /// which is then reported planned; for an SFL beneficiary, their participation starts.
    async fn job_centre(
        &self,
        siu: &Credentials,
        protocol: &str,
        codice_fiscale: &str,
        sfl: bool,
    ) -> Result<(), String> {
        let token = self.token(siu).await?;
        let today = domain::calendar::rome_date(chrono::Utc::now());
        let id = |n: &str| format!("sim-siu-{protocol}-{codice_fiscale}-{n}");
        let activity = "Corso di orientamento al lavoro";
        self.step(&token, "SIU: PSP signed", "/api/v1/siu/psp", json!({
            "event_id": id("psp"), "protocol": protocol, "codice_fiscale": codice_fiscale,
            "signed_on": today,
            "summary": "Patto di servizio personalizzato: orientamento, bilancio delle competenze e ricerca attiva del lavoro.",
            "operator_name": "Operatore CPI (simulatore SIU)",
            "activities": [{"title": activity, "provider": "Centro per l'impiego", "starts_on": today, "hours_per_week": 10}],
        }))
        .await?;
        self.step(
            &token,
            "SIU: activity planned",
            "/api/v1/siu/activities",
            json!({
                "event_id": id("activity"), "protocol": protocol, "codice_fiscale": codice_fiscale,
                "title": activity, "status": "planned", "occurred_on": today,
            }),
        )
        .await?;
        if sfl {
            self.step(&token, "SIU: SFL participation", "/api/v1/siu/sfl-participation", json!({
                "event_id": id("participation"), "protocol": protocol,
                "codice_fiscale": codice_fiscale, "status": "participating", "occurred_on": today,
                "activity_title": activity,
            }))
            .await?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// serve

struct Far {
    applied: HashSet<String>,
    order: Vec<Value>,
    duplicates: u64,
    fail_first: u64,
    state_file: Option<PathBuf>,
}

#[derive(Clone)]
struct AppState {
    far: Arc<Mutex<Far>>,
    /// SIISL's API, when the platforms answer what they receive.
    siisl: Option<Siisl>,
    gepi: Option<Credentials>,
    siu: Option<Credentials>,
    /// How long each answer waits (after the message is recorded).
    delay: Duration,
}

async fn receive(
    State(state): State<AppState>,
    Path(platform): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if !matches!(platform.as_str(), "gepi" | "siu" | "apl") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(key) =
        headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string)
    else {
        return (StatusCode::BAD_REQUEST, "Idempotency-Key required").into_response();
    };
    let first = {
        let Ok(mut far) = state.far.lock() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        if far.fail_first > 0 {
            far.fail_first -= 1;
            return (StatusCode::SERVICE_UNAVAILABLE, "simulated outage").into_response();
        }
        if far.applied.contains(&key) {
            far.duplicates += 1;
            false
        } else {
            // Written down before answering: an answer means it is kept, across restarts too.
            if let Some(path) = &far.state_file {
                let line = format!("{key}\t{platform}\t{}\n", body["type"].as_str().unwrap_or(""));
                let written = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .and_then(|mut f| f.write_all(line.as_bytes()).and_then(|()| f.sync_all()));
                if written.is_err() {
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
            far.applied.insert(key.clone());
            far.order.push(json!({
                "key": key, "platform": platform, "type": body["type"],
                "protocol": body["inps_protocol"], "agency": headers.get("x-siisl-agency").and_then(|v| v.to_str().ok()),
            }));
            true
        }
    };
    tokio::time::sleep(state.delay).await;
    if !first {
        return Json(json!({"status": "duplicate"})).into_response();
    }
    let (Some(siisl), Some(protocol)) = (state.siisl.clone(), body["inps_protocol"].as_str())
    else {
        return Json(json!({"status": "applied"})).into_response();
    };
    let protocol = protocol.to_string();
    match (platform.as_str(), body["type"].as_str(), state.gepi, state.siu) {
        ("gepi", Some("household_referred"), Some(gepi), _) => {
            tokio::spawn(async move {
                if let Err(error) = siisl.social_services(&gepi, &protocol).await {
                    eprintln!("simulator: GePI could not drive {protocol}: {error}");
                }
            });
        }
        ("siu", Some("attivabile_referred"), _, Some(siu)) => {
            let member = body["member"]["codice_fiscale"].as_str().unwrap_or_default().to_string();
            let sfl = body["programme"] == "sfl";
            tokio::spawn(async move {
                if let Err(error) = siisl.job_centre(&siu, &protocol, &member, sfl).await {
                    eprintln!("simulator: SIU could not drive {protocol} {member}: {error}");
                }
            });
        }
        _ => {}
    }
    Json(json!({"status": "applied"})).into_response()
}

async fn list_applied(State(state): State<AppState>) -> Response {
    let Ok(far) = state.far.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    Json(json!({"applied": far.applied.len(), "duplicates": far.duplicates, "messages": far.order}))
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// advance

async fn advance(
    siisl: &Siisl,
    protocol: &str,
    inps: &Credentials,
    gepi: &Credentials,
) -> Result<(), String> {
    let token = siisl.token(inps).await?;
    let id = |n: &str| format!("sim-inps-{protocol}-{n}");
    for (what, path, body) in [
        (
            "INPS: assessment started",
            "/api/v1/inps/application-status",
            json!({"event_id": id("assessment"), "protocol": protocol, "status": "under_assessment"}),
        ),
        (
            "INPS: application accepted",
            "/api/v1/inps/assessment-outcomes",
            json!({"event_id": id("outcome"), "protocol": protocol, "outcome": "accepted",
                "reason": "Requisiti verificati (simulatore INPS)", "monthly_amount_cents": 50000}),
        ),
    ] {
        let (status, answer) = siisl.send(&token, path, body).await?;
        match status {
            StatusCode::OK => {
                println!("simulator: {what}: {}", answer["status"].as_str().unwrap_or("?"))
            }
            // Already past this step (the status machine refuses going back).
            StatusCode::CONFLICT => println!("simulator: {what}: already past this step"),
            other => return Err(format!("{what}: HTTP {other} {answer}")),
        }
        tokio::time::sleep(siisl.step).await;
    }
    siisl.social_services(gepi, protocol).await?;
    println!(
        "simulator: {protocol} went through outcome, taking in charge, convocation, meeting and PaIS"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn usage() -> ! {
    eprintln!(
        "usage: siisl-simulator serve [--port P] [--state FILE] [--fail-first N] [--delay-ms MS] [--siisl URL [--gepi ID:SECRET] [--siu ID:SECRET]] [--step-ms MS]\n       siisl-simulator advance PROTOCOL --siisl URL --inps ID:SECRET --gepi ID:SECRET [--step-ms MS]"
    );
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let step = Duration::from_millis(
        option(&args, "--step-ms").and_then(|v| v.parse().ok()).unwrap_or(1_000),
    );
    let siisl = option(&args, "--siisl").map(|base| Siisl {
        base: base.trim_end_matches('/').to_string(),
        client: reqwest::Client::new(),
        step,
    });
    match args.get(1).map(String::as_str) {
        Some("serve") => {
            let port: u16 = option(&args, "--port").and_then(|v| v.parse().ok()).unwrap_or(4_000);
            let state_file = option(&args, "--state").map(PathBuf::from);
            let applied: HashSet<String> = state_file
                .as_ref()
                .and_then(|p| std::fs::read_to_string(p).ok())
                .map(|text| {
                    text.lines().filter_map(|l| l.split('\t').next()).map(str::to_string).collect()
                })
                .unwrap_or_default();
            let far = Far {
                applied,
                order: Vec::new(),
                duplicates: 0,
                fail_first: option(&args, "--fail-first").and_then(|v| v.parse().ok()).unwrap_or(0),
                state_file,
            };
            let state = AppState {
                far: Arc::new(Mutex::new(far)),
                siisl,
                gepi: option(&args, "--gepi").and_then(|v| credentials(&v)),
                siu: option(&args, "--siu").and_then(|v| credentials(&v)),
                delay: Duration::from_millis(
                    option(&args, "--delay-ms").and_then(|v| v.parse().ok()).unwrap_or(0),
                ),
            };
            let app = Router::new()
                .route("/{platform}/messages", post(receive))
                .route("/applied", get(list_applied))
                .with_state(state);
            let Ok(listener) = tokio::net::TcpListener::bind(("127.0.0.1", port)).await else {
                eprintln!("simulator: cannot listen on 127.0.0.1:{port}");
                std::process::exit(1)
            };
            println!("simulator: listening on http://127.0.0.1:{port}");
            if axum::serve(listener, app).await.is_err() {
                std::process::exit(1)
            }
        }
        Some("advance") => {
            let (Some(protocol), Some(siisl), Some(inps), Some(gepi)) = (
                args.get(2).filter(|p| !p.starts_with("--")),
                siisl,
                option(&args, "--inps").and_then(|v| credentials(&v)),
                option(&args, "--gepi").and_then(|v| credentials(&v)),
            ) else {
                usage()
            };
            if let Err(error) = advance(&siisl, protocol, &inps, &gepi).await {
                eprintln!("simulator: {error}");
                std::process::exit(1)
            }
        }
        _ => usage(),
    }
}
