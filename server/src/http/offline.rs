//! What lets forms survive a dropped network or an expired session, on the server's side: the
//! service worker script (`GET /sw.js`), generated for this build, and the JSON answers the
//! draft keeper (`app::components::DraftKeeper`) gets instead of redirects.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use app::components::DRAFT_HEADER;
use app::state::AppState;
use axum::{
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};

/// The offline copies the worker keeps: the generic page and the CV's pages.
pub fn offline_copies() -> Vec<String> {
    let mut copies = vec!["/offline".to_string(), "/offline/cv".to_string()];
    copies.extend(app::pages::CV_SECTIONS.iter().map(|(slug, _)| format!("/offline/cv/{slug}")));
    copies
}

/// The files of this build the worker keeps: the hashed wasm, JS and CSS (named as the pages
/// name them) and the public files (fonts, icon, the no-script style).
pub fn build_assets(options: &LeptosOptions) -> Vec<String> {
    let pkg = options.site_pkg_dir.trim_matches('/');
    let name = &options.output_name;
    let hashes = if options.hash_files { read_hashes(options) } else { Vec::new() };
    let hashed = |kind: &str| {
        hashes.iter().find(|(k, _)| k == kind).map_or_else(
            || format!("/{pkg}/{name}.{kind}"),
            |(_, h)| format!("/{pkg}/{name}.{h}.{kind}"),
        )
    };
    let mut assets = vec![hashed("js"), hashed("wasm"), hashed("css")];
    let root = Path::new(&*options.site_root);
    let mut public = Vec::new();
    collect_public(root, root, pkg, &mut public);
    public.sort();
    assets.extend(public);
    assets
}

/// `kind: hash` lines of the build's hash file, found where Leptos finds it (beside the binary).
fn read_hashes(options: &LeptosOptions) -> Vec<(String, String)> {
    let path: PathBuf = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default()
        .join(&*options.hash_file);
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, h)| (k.trim().to_string(), h.trim().to_string()))
        .collect()
}

fn collect_public(root: &Path, dir: &Path, pkg: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(relative) = path.strip_prefix(root) else { continue };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if relative != pkg {
                collect_public(root, &path, pkg, out);
            }
        } else if [".woff2", ".svg", ".css"].iter().any(|ext| relative.ends_with(ext)) {
            out.push(format!("/{relative}"));
        }
    }
}

/// The worker script for this build. Its version is a digest of the assets' names, so a new
/// build (new hashes) is a new worker, which drops the old build's files when it takes over.
pub fn service_worker_script(options: &LeptosOptions) -> String {
    let assets = build_assets(options);
    let copies = offline_copies();
    let sections: Vec<&str> = app::pages::CV_SECTIONS.iter().map(|(slug, _)| *slug).collect();
    let digest = Sha256::digest(assets.join("\n"));
    let version: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    include_str!("sw.js")
        .replace("__VERSION__", &version)
        .replace("__ASSETS__", &json(&assets))
        .replace("__SHELLS__", &json(&copies))
        .replace("__SECTIONS__", &json(&sections))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// `GET /sw.js`: generated once per process (the build does not change under it).
pub async fn service_worker(State(state): State<AppState>) -> Response {
    static SCRIPT: OnceLock<String> = OnceLock::new();
    let script = SCRIPT.get_or_init(|| service_worker_script(&state.leptos_options));
    let mut response = (StatusCode::OK, script.clone()).into_response();
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    // Browsers check for a new worker at each visit; this makes them ask the server.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // A worker runs under its own script's policy: it may fetch this site, nothing else.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; connect-src 'self'"),
    );
    response
}

/// A form the draft keeper sent (`x-siisl-draft`) that succeeded gets `200 {"location": …}`
/// instead of the redirect a browser would follow, so the keeper knows it was saved and where
/// to go; every other answer is left as it is (401 signed out, 409 conflict, 422 refused…).
pub async fn draft_answers(request: Request, next: Next) -> Response {
    let from_keeper = request.headers().contains_key(DRAFT_HEADER);
    let response = next.run(request).await;
    if !from_keeper || !response.status().is_redirection() {
        return response;
    }
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/")
        .to_string();
    let mut answer = axum::Json(serde_json::json!({ "location": location })).into_response();
    for cookie in response.headers().get_all(header::SET_COOKIE) {
        answer.headers_mut().append(header::SET_COOKIE, cookie.clone());
    }
    answer
}
