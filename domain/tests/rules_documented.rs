//! Every rule id the repository cites (code, tests, docs, journeys) has its entry, with the law
//! behind it, in `docs/rules.md`; and the rule book the engine encodes is all there too.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root").to_path_buf()
}

/// The rule ids in `text`: "R" and one to three digits, not part of a longer word ("R17" yes,
/// "AR17", "R17x", "SR1" no).
fn rule_ids(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices('R') {
        if i > 0 && word(bytes[i - 1]) {
            continue;
        }
        let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = i + 1 + digits;
        if (1..=3).contains(&digits) && (end == bytes.len() || !word(bytes[end])) {
            found.insert(text[i..end].to_string());
        }
    }
    found
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            // Built output, installed packages and the browser tests' reports are not ours.
            if !matches!(
                name.as_ref(),
                "target" | "node_modules" | "pkg" | "test-results" | "playwright-report"
            ) && !name.starts_with('.')
            {
                walk(&path, files);
            }
        } else if ["rs", "ts", "mjs", "md", "scss", "sql", "sh", "py", "toml"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext))
        {
            files.push(path);
        }
    }
}

#[test]
fn every_rule_id_cited_in_the_repository_is_documented() {
    let root = repository();
    let rules = std::fs::read_to_string(root.join("docs/rules.md")).expect("docs/rules.md");
    // An entry is a table row that starts with the id.
    let documented: BTreeSet<String> = rules
        .lines()
        .filter_map(|line| line.strip_prefix("| R"))
        .filter_map(|rest| rest.split_once(' ').map(|(digits, _)| format!("R{digits}")))
        .collect();
    assert!(documented.len() >= 20, "the rule book is there: {documented:?}");

    let mut files = Vec::new();
    for dir in
        ["app", "server", "domain", "frontend", "migrations", "end2end", "style", "scripts", "docs"]
    {
        walk(&root.join(dir), &mut files);
    }
    files.extend(["README.md", "ARCHITECTURE.md"].map(|f| root.join(f)));
    let mut missing = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        for id in rule_ids(&text) {
            if !documented.contains(&id) {
                missing.push(format!("{id} in {}", file.strip_prefix(&root).unwrap().display()));
            }
        }
    }
    assert!(files.len() > 50, "the walk found the sources: {}", files.len());
    assert!(missing.is_empty(), "cited but not in docs/rules.md: {missing:?}");

    for rule in domain::rules::ALL_RULES {
        assert!(documented.contains(rule.code()), "{} is encoded but not documented", rule.code());
    }
}

#[test]
fn rule_ids_are_whole_words() {
    let ids = rule_ids("R17, (R8) AR17 R17x SR1 R1234 R_ R9.");
    assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["R17", "R8", "R9"]);
}

/// Documents outside the repository that older text cited (spelled in pieces so that this file
/// does not cite them itself).
const OUTSIDE: [&str; 2] = [concat!("RULES", ".md"), concat!("..", "/shared")];

#[test]
fn no_file_points_outside_the_repository() {
    let root = repository();
    let mut files = Vec::new();
    for dir in ["app", "server", "domain", "frontend", "migrations", "end2end", "docs", "scripts"] {
        walk(&root.join(dir), &mut files);
    }
    files.extend(["README.md", "ARCHITECTURE.md", "Makefile"].map(|f| root.join(f)));
    let outside: Vec<String> = files
        .iter()
        .filter(|file| {
            std::fs::read_to_string(file)
                .is_ok_and(|text| OUTSIDE.iter().any(|needle| text.contains(needle)))
        })
        .map(|file| file.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(outside.is_empty(), "these cite a document that is not in the repository: {outside:?}");
}
