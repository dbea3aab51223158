//! The one rule for text (`domain::text`) applied to every form and JSON body before any
//! handler or server function reads it: a body holding NUL, another control character or a
//! bidirectional override is refused with 422 naming the field, and accepted text reaches the
//! handler normalised to NFC. Handlers keep their own field checks (lengths, formats); none of
//! them has to remember this one.

use app::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use contract::auth::CurrentUser;
use domain::text::{Lines, TextProblem};
use serde_json::Value;

use crate::api::problem::Problem;

/// Fields whose values may span lines: the pages' text areas and the machine API's free-text
/// fields (a PaIS summary, a note). Every other field holds one line.
pub const MULTI_LINE_FIELDS: &[&str] =
    &["description", "aspirations", "testo", "note", "summary", "reason", "detail"];

/// What a field may hold, by its name (the last key of a JSON path).
pub fn lines_of(field: &str) -> Lines {
    if MULTI_LINE_FIELDS.contains(&field) { Lines::Many } else { Lines::One }
}

/// A field that broke the rule: its name (a JSON path for JSON bodies) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub field: String,
    pub problem: TextProblem,
}

/// Checks every key and string of a JSON document and normalises the strings in place;
/// `Ok(true)` when normalising changed one.
pub fn clean_json(value: &mut Value) -> Result<bool, Refused> {
    clean_json_at(value, "", None)
}

fn clean_json_at(value: &mut Value, path: &str, key: Option<&str>) -> Result<bool, Refused> {
    match value {
        Value::String(text) => {
            let lines = key.map_or(Lines::One, lines_of);
            let accepted = domain::text::accept(text, lines)
                .map_err(|problem| Refused { field: field_name(path), problem })?;
            let changed = accepted != *text;
            if changed {
                *text = accepted;
            }
            Ok(changed)
        }
        Value::Array(items) => {
            let mut changed = false;
            for (i, item) in items.iter_mut().enumerate() {
                changed |= clean_json_at(item, &format!("{path}[{i}]"), key)?;
            }
            Ok(changed)
        }
        Value::Object(fields) => {
            let mut changed = false;
            for (name, item) in fields.iter_mut() {
                let at = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                if let Some(problem) = domain::text::problem(name, Lines::One) {
                    return Err(Refused { field: field_name(&at), problem });
                }
                changed |= clean_json_at(item, &at, Some(name))?;
            }
            Ok(changed)
        }
        _ => Ok(false),
    }
}

fn field_name(path: &str) -> String {
    if path.is_empty() { "(body)".to_string() } else { path.escape_debug().collect() }
}

/// Checks every field of a URL-encoded form; `Ok(Some(body))` when normalising changed it.
pub fn clean_form(body: &[u8]) -> Result<Option<Vec<u8>>, Refused> {
    let mut changed = false;
    let mut pairs = Vec::new();
    for (name, value) in url::form_urlencoded::parse(body) {
        if let Some(problem) = domain::text::problem(&name, Lines::One) {
            return Err(Refused { field: name.escape_debug().collect(), problem });
        }
        let accepted = domain::text::accept(&value, lines_of(&name))
            .map_err(|problem| Refused { field: name.escape_debug().collect(), problem })?;
        changed |= accepted != value;
        pairs.push((name, accepted));
    }
    if !changed {
        return Ok(None);
    }
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in &pairs {
        serializer.append_pair(name, value);
    }
    Ok(Some(serializer.finish().into_bytes()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Form,
    Json,
}

fn body_kind(headers: &HeaderMap) -> Option<BodyKind> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())?;
    match media.as_str() {
        "application/x-www-form-urlencoded" => Some(BodyKind::Form),
        "application/json" => Some(BodyKind::Json),
        _ => None,
    }
}

/// The middleware: forms and JSON bodies pass only when every field keeps the rule.
pub async fn text_rule(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(kind) = body_kind(request.headers()) else {
        // Multipart uploads (a CV import) are checked by their handler with `clean_json`.
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    // The body-limit layer outside has already bounded what can be read here.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let cleaned = match kind {
        BodyKind::Form => clean_form(&bytes).map(|changed| changed.map(Bytes::from)),
        BodyKind::Json => match serde_json::from_slice::<Value>(&bytes) {
            // Not JSON at all: the handler says so in its own words.
            Err(_) => Ok(None),
            Ok(mut value) => clean_json(&mut value)
                .map(|changed| changed.then(|| Bytes::from(value.to_string()))),
        },
    };
    match cleaned {
        Ok(changed) => {
            let mut parts = parts;
            let body = changed.unwrap_or(bytes);
            parts.headers.remove(header::CONTENT_LENGTH);
            next.run(Request::from_parts(parts, Body::from(body))).await
        }
        Err(refused) => refuse(state, parts, refused).await,
    }
}

async fn refuse(state: AppState, parts: axum::http::request::Parts, refused: Refused) -> Response {
    let path = parts.uri.path().to_string();
    let detail = format!("{}: {}", refused.field, refused.problem.code());
    tracing::info!(%path, field = %refused.field, problem = refused.problem.code(), "text refused");
    if path.starts_with("/api/v1/") {
        return Problem::invalid(
            refused.field,
            refused.problem.code(),
            "text must not contain control characters or bidirectional overrides",
        )
        .into_response();
    }
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let from_script = path.starts_with("/api/")
        || parts.headers.contains_key(app::components::DRAFT_HEADER)
        || parts.method != axum::http::Method::POST;
    let Some(user) = user.filter(|_| !from_script) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, detail).into_response();
    };
    // A person's form: a page saying which field to correct, with the way back to the form
    // (the draft keeper still holds what was typed).
    let refusal = app::shell::InputRefusal {
        field: refused.field,
        problem: refused.problem.code().to_string(),
        back: crate::page_routes::page_for(&path),
    };
    // Rendered at the form's own path: the refusal page stands in for any route there.
    crate::http::render::render_page(
        state,
        user,
        &parts.headers,
        &path,
        StatusCode::UNPROCESSABLE_ENTITY,
        refusal,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_normalised_or_refused_naming_the_field() {
        assert_eq!(clean_form(b"email=a%40b.it&phone=333"), Ok(None));
        assert_eq!(
            clean_form(b"email=a%00b"),
            Err(Refused { field: "email".into(), problem: TextProblem::ControlCharacter })
        );
        assert_eq!(
            clean_form(b"convocation_address=Via%20Roma%E2%80%AE1"),
            Err(Refused { field: "convocation_address".into(), problem: TextProblem::BidiControl })
        );
        assert_eq!(
            clean_form(b"organisation_name=a%0Ab"),
            Err(Refused {
                field: "organisation_name".into(),
                problem: TextProblem::ControlCharacter
            })
        );
        // A text area sends CR LF; it is stored as LF. "e" + combining accent becomes "é".
        assert_eq!(
            clean_form(b"description=uno%0D%0Adue&given_name=Jose%CC%81").unwrap().unwrap(),
            b"description=uno%0Adue&given_name=Jos%C3%A9".to_vec()
        );
    }

    #[test]
    fn json_is_checked_at_every_depth_and_named_by_its_path() {
        let mut body =
            serde_json::json!({"members": [{"given_name": "Ana"}, {"given_name": "B\u{7}"}]});
        assert_eq!(
            clean_json(&mut body),
            Err(Refused {
                field: "members[1].given_name".into(),
                problem: TextProblem::ControlCharacter
            })
        );
        let mut body = serde_json::json!({"note": "riga 1\nriga 2", "place": "Sede\u{202E}"});
        assert_eq!(
            clean_json(&mut body),
            Err(Refused { field: "place".into(), problem: TextProblem::BidiControl })
        );
        let mut body = serde_json::json!({"a\u{0}": 1});
        assert!(clean_json(&mut body).is_err(), "keys too");
        let mut body = serde_json::json!({"summary": "caffe\u{301}"});
        assert_eq!(clean_json(&mut body), Ok(true));
        assert_eq!(body["summary"], "caff\u{e9}");
    }
}
