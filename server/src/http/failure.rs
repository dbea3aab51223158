//! One error path for the form handlers: a handler returns [`Handled`] and uses `?` on what
//! its helpers and the services return; what a failure becomes for the person (status and
//! page) is decided here, once.
//!
//! A handler still answers a refusal it can explain on its form itself (the form again, each
//! field with its error): those are answers, not failures. What reaches this module is what
//! the form cannot show: an answer a helper already made (a redirect to the registration, the
//! PAD page with its gate's refusal), a service refusal no field explains, or the database.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use store::welfare::ServiceError;

/// What a handler answers.
pub type Handled = Result<Response, Failure>;

#[derive(Debug)]
pub enum Failure {
    /// An answer a helper already made for the person.
    Answer(Response),
    /// A service refused, for a reason the handler's form does not show.
    Refused(ServiceError),
    /// The data layer failed; the message is for the log only.
    Unavailable(String),
}

impl Failure {
    pub fn unavailable(error: impl std::fmt::Display) -> Failure {
        Failure::Unavailable(error.to_string())
    }
}

impl From<Response> for Failure {
    fn from(answer: Response) -> Failure {
        Failure::Answer(answer)
    }
}

/// A bare status: an answer with nothing more to say (a refusal the policy should have made).
impl From<StatusCode> for Failure {
    fn from(status: StatusCode) -> Failure {
        Failure::Answer(status.into_response())
    }
}

impl From<sea_orm::DbErr> for Failure {
    fn from(error: sea_orm::DbErr) -> Failure {
        Failure::unavailable(error)
    }
}

impl From<ServiceError> for Failure {
    fn from(error: ServiceError) -> Failure {
        match error {
            ServiceError::Db(error) => Failure::unavailable(error),
            refused => Failure::Refused(refused),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        // Plain text: `http::middleware::error_pages` turns it into the site's page for
        // browsers (401, 403, 503), and it reads well anywhere else.
        let (status, text) = match self {
            Failure::Answer(answer) => return answer,
            Failure::Unavailable(error) => return unavailable(error),
            Failure::Refused(ServiceError::Db(error)) => return unavailable(error),
            Failure::Refused(ServiceError::NotFound(_)) => {
                (StatusCode::NOT_FOUND, "non trovato / not found")
            }
            Failure::Refused(ServiceError::NotApplicant) => {
                (StatusCode::FORBIDDEN, "non consentito / not allowed")
            }
            Failure::Refused(ServiceError::Invalid { .. }) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "dati non validi / invalid data")
            }
            Failure::Refused(
                ServiceError::Transition { .. }
                | ServiceError::AlreadyRecorded
                | ServiceError::Conflict,
            ) => (StatusCode::CONFLICT, "non più possibile / no longer possible"),
        };
        (status, text).into_response()
    }
}

/// The answer when the data layer fails: logged with the cause, a 503 for the person (the
/// cause can name tables or values, so it stays in the log).
fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "a request failed");
    (StatusCode::SERVICE_UNAVAILABLE, "servizio non disponibile / service unavailable")
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_service_refusal_has_its_status() {
        let status = |error: ServiceError| Failure::from(error).into_response().status();
        assert_eq!(status(ServiceError::NotFound("household")), StatusCode::NOT_FOUND);
        assert_eq!(status(ServiceError::NotApplicant), StatusCode::FORBIDDEN);
        assert_eq!(
            status(ServiceError::Invalid { field: "did", problem: "required" }),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(status(ServiceError::Conflict), StatusCode::CONFLICT);
        assert_eq!(status(ServiceError::AlreadyRecorded), StatusCode::CONFLICT);
        assert_eq!(
            status(ServiceError::Db(sea_orm::DbErr::Custom("down".into()))),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let answer = Failure::from(StatusCode::SEE_OTHER.into_response()).into_response();
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    }
}
