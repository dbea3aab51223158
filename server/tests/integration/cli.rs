//! The `siisl` binary: subcommands and refusal of bad configuration.

use std::process::Command;

use crate::common::TempDir;

fn siisl(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_siisl"));
    command.args(args);
    // A clean slate: none of the developer's own SIISL_* settings leak in.
    for (key, _) in
        std::env::vars().filter(|(k, _)| k.starts_with("SIISL_") || k.starts_with("LEPTOS_"))
    {
        command.env_remove(key);
    }
    command.envs(env.iter().copied());
    command.output().unwrap()
}

#[test]
fn migrate_creates_the_sqlite_database_in_the_data_directory() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let out = siisl(&["migrate"], &[("SIISL_DATA_DIR", data.to_str().unwrap())]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(data.join("siisl.db").exists());
    // Running it again is harmless.
    let again = siisl(&["migrate"], &[("SIISL_DATA_DIR", data.to_str().unwrap())]);
    assert!(again.status.success());
}

#[test]
fn bad_configuration_stops_start_up_naming_the_setting_and_creates_nothing() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("SIISL_DATABASE_URL", "not a url")], "database.url"),
        (&[("SIISL_DATABASE_URL", "postgres://u:pw@[::1/x")], "database.url"),
        (&[("SIISL_DATABSE_URL", "sqlite://x.db")], "SIISL_DATABSE_URL"),
        (&[("LEPTOS_SITE_ADDR", "nowhere")], "LEPTOS_SITE_ADDR"),
    ];
    for (env, named) in cases {
        let mut env = env.to_vec();
        env.push(("SIISL_DATA_DIR", data));
        let out = siisl(&["serve"], &env);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(named), "{named} not named in: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one clear message: {stderr}");
        assert!(!std::path::Path::new(data).exists(), "nothing created for {named}");
    }
}

#[test]
fn unknown_setting_in_the_configuration_file_is_refused() {
    let dir = TempDir::new();
    let file = dir.path().join("siisl.toml");
    std::fs::write(&file, "profile = \"embedded\"\n[database]\nurll = \"sqlite://x.db\"\n")
        .unwrap();
    let out = siisl(&["serve"], &[("SIISL_CONFIG", file.to_str().unwrap())]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("database.urll"), "{stderr}");
}

#[test]
fn unwritable_data_directory_stops_start_up() {
    let dir = TempDir::new();
    // A path below a regular file can never be created, even by root.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let data = blocker.join("data");
    let out = siisl(&["serve"], &[("SIISL_DATA_DIR", data.to_str().unwrap())]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("data_dir"), "{stderr}");
}

#[tokio::test]
async fn demo_data_twice_then_pacts_verify_until_one_is_tampered_with() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let env = [("SIISL_DATA_DIR", data.to_str().unwrap())];
    let first = siisl(&["demo-data"], &env);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(stdout.contains("3 operators and 12 households added"), "{stdout}");
    let second = siisl(&["demo-data"], &env);
    assert!(String::from_utf8_lossy(&second.stdout).contains("0 operators and 0 households added"));

    let refreshed = siisl(&["refresh-due-dates"], &env);
    assert!(String::from_utf8_lossy(&refreshed.stdout).contains("recomputed for 12 households"));

    let verified = siisl(&["verify-pacts"], &env);
    assert!(verified.status.success());
    assert!(String::from_utf8_lossy(&verified.stdout).contains("9 pacts checked, 0 do not match"));

    // Someone edits a stored pact behind the application's back.
    let url = format!("sqlite://{}", data.join("siisl.db").display());
    let conn = sea_orm::Database::connect(&url).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &conn,
        "UPDATE pad_nucleo SET content_json = replace(content_json, 'Via', 'Viale') WHERE id = 1",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();
    let tampered = siisl(&["verify-pacts"], &env);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&tampered.stdout).contains("MISMATCH pad_nucleo id 1"));
}

/// A valid production configuration (messages must really leave there).
const PRODUCTION: &[(&str, &str)] = &[
    ("SIISL_PROFILE", "production"),
    ("SIISL_DATABASE_URL", "sqlite::memory:"),
    ("SIISL_HTTP_PUBLIC_URL", "https://siisl.example"),
    ("SIISL_MESSAGES_EMAIL", "smtp"),
    ("SIISL_MESSAGES_SMTP_HOST", "127.0.0.1"),
    ("SIISL_MESSAGES_SMTP_FROM", "noreply@siisl.example"),
    ("SIISL_MESSAGES_SMS", "http"),
    ("SIISL_MESSAGES_SMS_URL", "https://sms.example/send"),
];

#[test]
fn demo_data_is_refused_in_production() {
    let out = siisl(&["demo-data"], PRODUCTION);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refused in the production profile"));
}

#[test]
fn the_rule_book_prints_as_a_file_that_configuration_reads_back() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let printed = siisl(&["rules"], &[("SIISL_DATA_DIR", data)]);
    assert!(printed.status.success());
    let text = String::from_utf8(printed.stdout).unwrap();
    assert!(
        text.contains("first_meeting_days = 120") && text.contains("legal_reference"),
        "{text}"
    );
    let standard: domain::RuleBook = toml::from_str(&text).unwrap();
    assert_eq!(standard, domain::RuleBook::standard(), "printing and reading back changes nothing");

    // A law that shortens the first-meeting deadline: the edited file is the rule book in force.
    let file = dir.path().join("rules.toml");
    std::fs::write(&file, text.replace("first_meeting_days = 120", "first_meeting_days = 100"))
        .unwrap();
    let env = [("SIISL_DATA_DIR", data), ("SIISL_RULES_FILE", file.to_str().unwrap())];
    let edited = siisl(&["rules"], &env);
    assert!(String::from_utf8_lossy(&edited.stdout).contains("first_meeting_days = 100"));

    // Versions out of order are refused at start-up, naming the setting.
    let standard = domain::RuleBook::standard();
    let mut versions = standard.versions().to_vec();
    versions.reverse();
    let reversed = format!(
        "{}{}",
        toml::to_string(&serde_json::json!({ "versions": [versions[0]] })).unwrap(),
        toml::to_string(&serde_json::json!({ "versions": [versions[1]] })).unwrap()
    );
    std::fs::write(&file, reversed).unwrap();
    let refused = siisl(&["check-config"], &env);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("rules.file") && stderr.contains("is not after"), "{stderr}");
}

#[test]
fn seed_catalog_reports_kinds_and_regions_and_is_refused_in_production() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let env = [("SIISL_DATA_DIR", data.to_str().unwrap()), ("SIISL_LOG_FILTER", "warn")];
    let out = siisl(&["seed-catalog", "400", "--seed", "7"], &env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("400 opportunities\nby kind:\n"), "{stdout}");
    for line in ["lavoro", "corso", "tirocinio", "puc", "by region:", "Lombardia", "are live today"]
    {
        assert!(stdout.contains(line), "{line} not in: {stdout}");
    }
    let bad = siisl(&["seed-catalog", "many"], &env);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SIZE must be a number"));

    let production = siisl(&["seed-catalog", "10"], PRODUCTION);
    assert!(!production.status.success());
    assert!(
        String::from_utf8_lossy(&production.stderr).contains("refused in the production profile")
    );
}

#[tokio::test]
async fn advance_candidacy_moves_one_step_as_the_organiser_and_refuses_what_the_machine_forbids() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let env = [("SIISL_DATA_DIR", data.to_str().unwrap()), ("SIISL_LOG_FILTER", "warn")];
    // A catalogue (and, in the embedded profile, the demo personas with Sara's CV).
    assert!(siisl(&["seed-catalog", "200"], &env).status.success());
    let url = format!("sqlite://{}", data.join("siisl.db").display());
    let conn = sea_orm::Database::connect(&url).await.unwrap();
    let now = chrono::Utc::now();
    let today = domain::calendar::rome_date(now);
    let ad = <store::entity::opportunity::Entity as sea_orm::EntityTrait>::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.published_on <= today && o.expires_on >= today)
        .unwrap();
    let sara = contract::demo::persona("sara").unwrap().codice_fiscale;
    let ctx = store::welfare::Ctx::new(now, format!("citizen:{sara}"));
    let id = store::candidacy::apply(&conn, &ctx, sara, ad.id).await.unwrap().id.to_string();
    conn.close().await.unwrap();

    let step = siisl(&["advance-candidacy", &id], &env);
    assert!(step.status.success(), "{}", String::from_utf8_lossy(&step.stderr));
    assert!(
        String::from_utf8_lossy(&step.stdout)
            .contains(&format!("candidacy {id}: sent -> in_review"))
    );
    let skip = siisl(&["advance-candidacy", &id, "accepted"], &env);
    assert!(!skip.status.success());
    assert!(String::from_utf8_lossy(&skip.stderr).contains("cannot go from in_review to accepted"));
    let noted = siisl(&["advance-candidacy", &id, "interview", "--note", "Lunedì alle 10"], &env);
    assert!(noted.status.success(), "{}", String::from_utf8_lossy(&noted.stderr));
    let bad = siisl(&["advance-candidacy", &id, "hired"], &env);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("STATUS must be one of"));
    let missing = siisl(&["advance-candidacy", "999999"], &env);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no candidacy 999999"));

    let conn = sea_orm::Database::connect(&url).await.unwrap();
    let mine = store::candidacy::of_person(&conn, sara, today).await.unwrap();
    assert_eq!(mine[0].status, domain::candidacy::CandidacyStatus::Interview);
    assert_eq!(mine[0].steps.last().unwrap().note.as_deref(), Some("Lunedì alle 10"));

    let production = siisl(&["advance-candidacy", &id], PRODUCTION);
    assert!(
        String::from_utf8_lossy(&production.stderr).contains("refused in the production profile")
    );
}

#[tokio::test]
async fn verify_audit_passes_a_sealed_trail_and_names_the_entry_that_was_altered() {
    let dir = TempDir::new();
    let data = dir.path().join("data");
    let env = [("SIISL_DATA_DIR", data.to_str().unwrap()), ("SIISL_LOG_FILTER", "warn")];
    assert!(siisl(&["migrate"], &env).status.success());
    let url = format!("sqlite://{}", data.join("siisl.db").display());
    let conn = sea_orm::Database::connect(&url).await.unwrap();
    let an_hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    for target in ["a", "b", "c", "d"] {
        let event = store::audit::Event { target: Some(target.into()), ..Default::default() };
        store::audit::record(&conn, store::audit::Action::SignIn, "success", event, an_hour_ago)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();

    let sealed = siisl(&["seal-audit"], &env);
    assert!(String::from_utf8_lossy(&sealed.stdout).contains("4 audit entries sealed"));
    let verified = siisl(&["verify-audit"], &env);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stderr));
    assert!(
        String::from_utf8_lossy(&verified.stdout)
            .contains("4 audit entries checked, 0 not sealed yet")
    );

    let conn = sea_orm::Database::connect(&url).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &conn,
        "UPDATE audit_event SET outcome = 'refused' WHERE id = 3",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();
    let broken = siisl(&["verify-audit"], &env);
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stdout).contains("2 audit entries checked"));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("breaks at entry 3"));
}
