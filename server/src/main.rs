//! `siisl`: the SIISL server.
//!
//! ```text
//! siisl [serve]       migrate, then serve (the default)
//! siisl migrate       apply migrations and load reference data, then exit
//! siisl check-config  validate the configuration and print it (secrets redacted)
//! siisl rules         print the rule values in force, as a `rules.file` to start from
//! siisl demo-data     migrate, then add the demo operators and households that are missing
//! siisl refresh-due-dates  recompute every household's next due date and warn organisations
//!                          of ads about to expire (run daily)
//! siisl verify-pacts  check every stored pact against its SHA-256; exit 1 if any differs
//! siisl seed-catalog [SIZE] [--seed N]  add SIZE generated demo opportunities (default
//!                     1000), print counts per kind and region
//! siisl seal-audit   link the audit entries written until 10 seconds ago into the hash chain
//!                     (the server does this every 10 seconds)
//! siisl verify-audit  recompute the audit trail's hash chain; exit 1 naming the first entry
//!                     that does not match
//! siisl deliver [--once]  run only the delivery worker of the platform outbox (`--once`: until
//!                     nothing is due); `serve` runs it too
//! siisl api-client PLATFORM NAME  register a platform's API client (inps, gepi or siu);
//!                     prints its client_id and its secret, which is shown only this once
//! siisl advance-candidacy ID [STATUS] [--note TEXT]  move a candidacy as its organiser
//!                     would (default: the next step forward); demo stand-in for the
//!                     employers' side, refused in production
//! ```

use std::process::ExitCode;

use server::config::{Settings, redact_url};
use server::{db, startup, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".to_string());
    if !matches!(
        command.as_str(),
        "serve"
            | "migrate"
            | "check-config"
            | "rules"
            | "demo-data"
            | "refresh-due-dates"
            | "verify-pacts"
            | "seed-catalog"
            | "advance-candidacy"
            | "seal-audit"
            | "verify-audit"
            | "api-client"
            | "deliver"
    ) {
        eprintln!(
            "siisl: unknown command `{command}` (expected serve, migrate, check-config, rules, demo-data, refresh-due-dates, verify-pacts, seal-audit, verify-audit, seed-catalog, api-client, deliver or advance-candidacy)"
        );
        return ExitCode::from(2);
    }

    // Configuration first: a bad setting stops here, before anything is created.
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("siisl: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    if command == "check-config" {
        for warning in &settings.warnings {
            eprintln!("siisl: warning: {warning}");
        }
        println!("{settings:#?}");
        return ExitCode::SUCCESS;
    }
    if command == "rules" {
        // The rule book in force, as a `rules.file` to start from when the law changes.
        return match toml::to_string_pretty(&*settings.rules) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("siisl: {error}");
                ExitCode::FAILURE
            }
        };
    }
    if let Err(error) = settings.prepare_data_dir() {
        eprintln!("siisl: configuration error: {error}");
        return ExitCode::from(2);
    }
    telemetry::init(&settings.log);
    for warning in &settings.warnings {
        tracing::warn!("configuration: {warning}");
    }

    match run(&command, settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("siisl: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: &str, settings: Settings) -> anyhow::Result<()> {
    if matches!(command, "demo-data" | "seed-catalog" | "advance-candidacy")
        && settings.profile == server::config::Profile::Production
    {
        // Fictitious households and ads have no place in a real database, and in production
        // candidacies move on the organisers' side, not from a command line.
        anyhow::bail!("demo data is refused in the production profile (setting profile)");
    }
    let seed_args = if command == "seed-catalog" { Some(seed_arguments()?) } else { None };
    let advance_args =
        if command == "advance-candidacy" { Some(advance_arguments()?) } else { None };
    let client_args = if command == "api-client" { Some(client_arguments()?) } else { None };
    let url = redact_url(settings.database.url.expose());
    let db = db::connect(&settings.database).await.map_err(|e| {
        anyhow::anyhow!("cannot open the database {url} (setting database.url): {e}")
    })?;
    db::migrate(&db).await?;
    if settings.profile == server::config::Profile::Embedded || command == "demo-data" {
        let seeded = server::demo_data::seed(&db, chrono::Utc::now()).await?;
        tracing::info!(
            operators = seeded.operators,
            households = seeded.households,
            "demo data added"
        );
        if command == "demo-data" {
            println!(
                "demo data: {} operators and {} households added",
                seeded.operators, seeded.households
            );
            return Ok(());
        }
    }
    match command {
        "refresh-due-dates" => {
            let ctx = store::welfare::Ctx::with_rules(
                chrono::Utc::now(),
                "refresh-due-dates",
                settings.rules.clone(),
            );
            let count = store::welfare::refresh_all_due_dates(&db, &ctx).await?;
            println!("next due dates recomputed for {count} households");
            let warned =
                store::publishing::warn_expiring(&db, ctx.today(), chrono::Utc::now()).await?;
            println!("{warned} organisations told that an ad of theirs expires within 7 days");
            return Ok(());
        }
        "seed-catalog" => {
            let (size, seed) = seed_args.unwrap_or((1_000, server::demo_catalog::DEMO_SEED));
            let started = std::time::Instant::now();
            let ads = server::demo_catalog::seed(&db, size, seed, chrono::Utc::now()).await?;
            print!("{}", server::demo_catalog::report(&ads));
            let today = domain::calendar::rome_date(chrono::Utc::now());
            let live = store::catalog::live_count(&db, today).await?;
            println!(
                "published in {:.1} s; {live} opportunities are live today (expired ones stay stored but are not searched)",
                started.elapsed().as_secs_f64()
            );
            return Ok(());
        }
        "advance-candidacy" => {
            let (id, to, note) = advance_args.unwrap_or_default();
            let line = server::demo_data::advance_candidacy(
                &db,
                id,
                to,
                note.as_deref(),
                chrono::Utc::now(),
            )
            .await?;
            println!("{line}");
            return Ok(());
        }
        "api-client" => {
            let Some((platform, name)) = client_args else {
                anyhow::bail!("usage: siisl api-client PLATFORM NAME");
            };
            let now = chrono::Utc::now();
            let issued = store::interop::create_client(&db, &name, platform, "cli", now)
                .await
                .map_err(|e| anyhow::anyhow!("the client was not registered: {e}"))?;
            let event = store::audit::Event {
                actor_account_id: Some("cli".into()),
                target: Some(format!("{} created ({})", issued.client.client_id, platform.code())),
                ..Default::default()
            };
            store::audit::record(
                &db,
                store::audit::Action::ApiClientChanged,
                store::audit::SUCCESS,
                event,
                now,
            )
            .await?;
            // The secret goes to standard output only, for the operator to hand over.
            println!("client_id={}", issued.client.client_id);
            println!("client_secret={}", issued.secret);
            return Ok(());
        }
        "deliver" => {
            if !settings.outbound.enabled() {
                anyhow::bail!("no platform endpoint is configured (settings outbound.*_url)");
            }
            let once = std::env::args().any(|a| a == "--once");
            server::delivery::run(db.clone(), settings.outbound.clone(), once).await;
            return Ok(());
        }
        "seal-audit" => {
            let sealed = server::audit_chain::seal_settled(&db).await?;
            println!("{sealed} audit entries sealed");
            return Ok(());
        }
        "verify-audit" => {
            let report = store::audit::verify(&db).await?;
            println!(
                "{} audit entries checked, {} not sealed yet; head {}",
                report.checked, report.pending, report.head
            );
            match report.broken {
                None => return Ok(()),
                Some(store::audit::Break::Mismatch(id)) => anyhow::bail!(
                    "the audit chain breaks at entry {id}: it, or the entry before it, was changed or removed"
                ),
                Some(store::audit::Break::Unsealed(id)) => anyhow::bail!(
                    "the audit chain breaks at entry {id}: it was added inside the sealed chain"
                ),
            }
        }
        "verify-pacts" => {
            let (checked, tampered) = store::welfare::verify_pacts(&db).await?;
            for pact in &tampered {
                println!("MISMATCH {} id {}", pact.table, pact.id);
            }
            println!("{checked} pacts checked, {} do not match their hash", tampered.len());
            if !tampered.is_empty() {
                anyhow::bail!("{} stored pacts do not match their hash", tampered.len());
            }
            return Ok(());
        }
        _ => {}
    }
    if command == "migrate" {
        tracing::info!(database = %url, "migrations applied");
        return Ok(());
    }
    if settings.demo_catalog_size > 0 {
        let added =
            server::demo_catalog::top_up(&db, settings.demo_catalog_size, chrono::Utc::now())
                .await?;
        tracing::info!(added, "demo catalogue topped up");
        // Candidacies need ads to apply to: seeded once the catalogue has them.
        let candidacies = server::demo_data::seed_candidacies(&db, chrono::Utc::now()).await?;
        tracing::info!(candidacies, "demo candidacies added");
    }

    let addr = settings.leptos.site_addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (setting LEPTOS_SITE_ADDR): {e}"))?;
    let app = startup::build_app(&settings, db.clone());
    let _outbox = server::outbox::spawn(db.clone(), settings.messages.clone());
    let _delivery = server::delivery::spawn(db.clone(), settings.outbound.clone());
    let _sealing = server::audit_chain::spawn(db.clone());
    // Parse the reference lists now rather than on the first autocomplete request.
    tokio::task::spawn_blocking(|| {
        store::vocabulary::vocabulary();
    });
    tracing::info!(%addr, profile = ?settings.profile, database = %url, "SIISL listening");
    let limits = startup::ConnectionLimits::of(&settings.http);
    startup::serve(listener, app, limits, startup::shutdown_signal()).await?;
    db.close().await?;
    Ok(())
}

/// `advance-candidacy ID [STATUS] [--note TEXT]`.
fn advance_arguments()
-> anyhow::Result<(i64, Option<domain::candidacy::CandidacyStatus>, Option<String>)> {
    let mut id = None;
    let mut to = None;
    let mut note = None;
    let mut args = std::env::args().skip(2);
    while let Some(arg) = args.next() {
        if arg == "--note" {
            note = Some(args.next().unwrap_or_default());
        } else if id.is_none() {
            id =
                Some(arg.parse().map_err(|_| anyhow::anyhow!("ID must be a number, not `{arg}`"))?);
        } else {
            let codes: Vec<&str> =
                domain::candidacy::ALL_CANDIDACY_STATUSES.iter().map(|s| s.code()).collect();
            to = Some(domain::candidacy::CandidacyStatus::from_code(&arg).ok_or_else(|| {
                anyhow::anyhow!("STATUS must be one of {}, not `{arg}`", codes.join(", "))
            })?);
        }
    }
    let id = id.ok_or_else(|| {
        anyhow::anyhow!("usage: siisl advance-candidacy ID [STATUS] [--note TEXT]")
    })?;
    Ok((id, to, note))
}

/// `api-client PLATFORM NAME`.
fn client_arguments() -> anyhow::Result<(store::interop::Platform, String)> {
    let mut args = std::env::args().skip(2);
    let usage =
        || anyhow::anyhow!("usage: siisl api-client PLATFORM NAME (PLATFORM: inps, gepi or siu)");
    let platform = args.next().ok_or_else(usage)?;
    let platform = store::interop::Platform::from_code(&platform).ok_or_else(usage)?;
    let name = args.collect::<Vec<_>>().join(" ");
    if name.trim().is_empty() {
        return Err(usage());
    }
    Ok((platform, name))
}

/// `seed-catalog [SIZE] [--seed N]`.
fn seed_arguments() -> anyhow::Result<(usize, u64)> {
    let mut size = 1_000;
    let mut seed = server::demo_catalog::DEMO_SEED;
    let mut args = std::env::args().skip(2);
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            let value = args.next().unwrap_or_default();
            seed = value
                .parse()
                .map_err(|_| anyhow::anyhow!("--seed wants a number, not `{value}`"))?;
        } else {
            size =
                arg.parse().map_err(|_| anyhow::anyhow!("SIZE must be a number, not `{arg}`"))?;
        }
    }
    Ok((size, seed))
}
