//! Errors of the machine API as RFC 9457 problem details (`application/problem+json`): a
//! stable `type`, the HTTP `status`, and for bad input the `field` that was wrong, so a
//! platform's integrator can fix the message without reading logs.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// A problem detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Problem {
    /// What kind of problem, as a URI reference that stays the same across releases.
    #[serde(rename = "type")]
    #[schema(example = "/api/v1/problems/invalid-field")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// The JSON path of the field that was wrong (`members[0].birth_date`), when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub field: Option<String>,
    /// A stable code for what was wrong with the field (`required`, `unknown`, `in_future`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub code: Option<String>,
}

impl Problem {
    fn new(status: StatusCode, kind: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("/api/v1/problems/{kind}"),
            title: title.to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            field: None,
            code: None,
        }
    }

    /// 400: the body is not JSON at all.
    pub fn malformed(detail: impl Into<String>) -> Problem {
        let mut problem =
            Problem::new(StatusCode::BAD_REQUEST, "malformed-body", "Malformed body", detail);
        problem.field = Some("(body)".into());
        problem
    }

    /// 422: the body is JSON, but `field` is missing, of the wrong type or refused.
    pub fn invalid(
        field: impl Into<String>,
        code: impl Into<String>,
        detail: impl Into<String>,
    ) -> Problem {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-field",
            "Invalid field",
            detail,
        );
        problem.field = Some(field.into());
        problem.code = Some(code.into());
        problem
    }

    /// 409: the event contradicts the current state, or its id was used for another body.
    pub fn conflict(
        field: impl Into<String>,
        code: impl Into<String>,
        detail: impl Into<String>,
    ) -> Problem {
        let mut problem = Problem::new(StatusCode::CONFLICT, "conflict", "Conflict", detail);
        problem.field = Some(field.into());
        problem.code = Some(code.into());
        problem
    }

    /// 415: not `application/json`.
    pub fn unsupported_media_type() -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "send the event as application/json",
        )
    }

    /// 401: no token, an unknown one, or an expired one.
    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNAUTHORIZED, "invalid-token", "Invalid token", detail)
    }

    /// 403: a valid token without the scope this event needs.
    pub fn insufficient_scope(scope: &str) -> Problem {
        let mut problem = Problem::new(
            StatusCode::FORBIDDEN,
            "insufficient-scope",
            "Insufficient scope",
            format!("this event needs a token with scope `{scope}`"),
        );
        problem.code = Some(scope.to_string());
        problem
    }

    /// 404: no such route in the API.
    pub fn not_found() -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", "no such route")
    }

    /// 405: the route exists, for other methods.
    pub fn method_not_allowed(allowed: &str) -> Problem {
        Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            format!("this route answers {allowed}"),
        )
    }

    /// 503: the database could not be reached; the platform should send the event again.
    pub fn unavailable() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Service unavailable",
            "the event was not applied; send it again later",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = (status, axum::Json(&self)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"siisl-api\", error=\"invalid_token\""),
            );
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}
