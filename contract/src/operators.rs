//! The operator form: what an administrator submits, and its validation (pure, so the same
//! rules could run in the browser).

use serde::{Deserialize, Serialize};

use crate::identity::CodiceFiscale;
use crate::policy::Role;

/// The organisation kinds an operator can belong to.
pub const ORGANISATION_KINDS: [&str; 3] = ["social_services", "cpi", "platform"];
/// Roles an operator can have (citizens are not registered).
pub const OPERATOR_ROLES: [Role; 3] = [Role::CaseManager, Role::CpiOperator, Role::Administrator];

/// The form as submitted: plain strings, so whatever was typed can be shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorForm {
    pub codice_fiscale: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name: String,
    pub role: String,
    pub organisation_kind: String,
    #[serde(default)]
    pub organisation_code: String,
    pub organisation_name: String,
    /// A checkbox: present ("true") when ticked.
    #[serde(default)]
    pub active: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    InvalidCodiceFiscale,
    TooLong,
    NotAChoice,
}

/// Field-by-field errors; `None` where the field is fine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorFormErrors {
    pub codice_fiscale: Option<FieldError>,
    pub given_name: Option<FieldError>,
    pub family_name: Option<FieldError>,
    pub role: Option<FieldError>,
    pub organisation_kind: Option<FieldError>,
    pub organisation_code: Option<FieldError>,
    pub organisation_name: Option<FieldError>,
}

/// A submitted form that failed validation, for the page to show again.
#[derive(Clone, Debug, Default)]
pub struct OperatorFormState {
    pub form: OperatorForm,
    pub errors: OperatorFormErrors,
}

/// A valid operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidOperator {
    pub codice_fiscale: CodiceFiscale,
    pub given_name: String,
    pub family_name: String,
    pub role: Role,
    pub organisation_kind: &'static str,
    pub organisation_code: String,
    pub organisation_name: String,
    pub active: bool,
}

pub fn validate(form: &OperatorForm) -> Result<ValidOperator, OperatorFormErrors> {
    let mut errors = OperatorFormErrors::default();
    let codice_fiscale = match form.codice_fiscale.trim() {
        "" => {
            errors.codice_fiscale = Some(FieldError::Required);
            None
        }
        cf => CodiceFiscale::parse(cf)
            .map_err(|_| errors.codice_fiscale = Some(FieldError::InvalidCodiceFiscale))
            .ok(),
    };
    let name = |value: &str, error: &mut Option<FieldError>| {
        let value = value.trim().to_string();
        if value.is_empty() {
            *error = Some(FieldError::Required);
        } else if value.chars().count() > 200 {
            *error = Some(FieldError::TooLong);
        }
        value
    };
    let given_name = name(&form.given_name, &mut errors.given_name);
    let family_name = name(&form.family_name, &mut errors.family_name);
    let role = Role::from_code(&form.role).filter(|role| OPERATOR_ROLES.contains(role));
    if role.is_none() {
        errors.role = Some(FieldError::NotAChoice);
    }
    let kind = ORGANISATION_KINDS.into_iter().find(|kind| *kind == form.organisation_kind);
    if kind.is_none() {
        errors.organisation_kind = Some(FieldError::NotAChoice);
    }
    let code = form.organisation_code.trim().to_string();
    if code.chars().count() > 20 {
        errors.organisation_code = Some(FieldError::TooLong);
    }
    let name = form.organisation_name.trim().to_string();
    if name.is_empty() {
        errors.organisation_name = Some(FieldError::Required);
    } else if name.chars().count() > 200 {
        errors.organisation_name = Some(FieldError::TooLong);
    }
    match (codice_fiscale, role, kind) {
        (Some(codice_fiscale), Some(role), Some(organisation_kind))
            if errors == OperatorFormErrors::default() =>
        {
            Ok(ValidOperator {
                codice_fiscale,
                given_name,
                family_name,
                role,
                organisation_kind,
                organisation_code: code,
                organisation_name: name,
                active: form.active.is_some(),
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OperatorForm {
        OperatorForm {
            codice_fiscale: "rssmra80a41h501y".into(),
            given_name: " Maria ".into(),
            family_name: "Rossi".into(),
            role: "case_manager".into(),
            organisation_kind: "social_services".into(),
            organisation_code: "H501".into(),
            organisation_name: " Servizi sociali - Roma ".into(),
            active: Some("true".into()),
        }
    }

    #[test]
    fn a_complete_form_is_valid_and_normalised() {
        let valid = validate(&form()).unwrap();
        assert_eq!(valid.codice_fiscale.as_str(), "RSSMRA80A41H501Y");
        assert_eq!(valid.role, Role::CaseManager);
        assert_eq!(valid.organisation_name, "Servizi sociali - Roma");
        assert_eq!((valid.given_name.as_str(), valid.family_name.as_str()), ("Maria", "Rossi"));
        assert!(valid.active);
    }

    #[test]
    fn each_bad_field_gets_its_own_error() {
        let bad = OperatorForm {
            codice_fiscale: "RSSMRA80A41H501X".into(),
            given_name: " ".into(),
            family_name: "R".repeat(201),
            role: "citizen".into(),
            organisation_kind: "bank".into(),
            organisation_code: "X".repeat(21),
            organisation_name: "".into(),
            active: None,
        };
        let errors = validate(&bad).unwrap_err();
        assert_eq!(errors.codice_fiscale, Some(FieldError::InvalidCodiceFiscale));
        assert_eq!(errors.given_name, Some(FieldError::Required));
        assert_eq!(errors.family_name, Some(FieldError::TooLong));
        assert_eq!(errors.role, Some(FieldError::NotAChoice), "citizens are not operators");
        assert_eq!(errors.organisation_kind, Some(FieldError::NotAChoice));
        assert_eq!(errors.organisation_code, Some(FieldError::TooLong));
        assert_eq!(errors.organisation_name, Some(FieldError::Required));
    }

    #[test]
    fn an_unticked_checkbox_means_suspended() {
        let valid = validate(&OperatorForm { active: None, ..form() }).unwrap();
        assert!(!valid.active);
    }
}
