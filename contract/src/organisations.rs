//! Organisations that publish on SIISL and the roles people hold in them: the vocabulary pages,
//! server functions and the data layer share.

use serde::{Deserialize, Serialize};

/// What an organisation is; each kind publishes what it may (PUC only Comuni).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    /// A company or sole trader hiring (DM 174/2024).
    Employer,
    /// An accredited employment agency (APL).
    Agency,
    /// A training body, for courses.
    TrainingBody,
    /// A municipality, for community projects (PUC).
    Comune,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 4] = [
        OrganisationKind::Employer,
        OrganisationKind::Agency,
        OrganisationKind::TrainingBody,
        OrganisationKind::Comune,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Employer => "employer",
            OrganisationKind::Agency => "agency",
            OrganisationKind::TrainingBody => "training_body",
            OrganisationKind::Comune => "comune",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// What a person may do for an organisation: its administrator also invites and removes people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationRole {
    Administrator,
    Member,
}

impl OrganisationRole {
    pub fn code(self) -> &'static str {
        match self {
            OrganisationRole::Administrator => "administrator",
            OrganisationRole::Member => "member",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationRole> {
        [OrganisationRole::Administrator, OrganisationRole::Member]
            .into_iter()
            .find(|role| role.code() == code)
    }
}

/// Where an organisation's request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrganisationStatus {
    /// Waiting for a SIISL administrator.
    Pending,
    Approved,
    Refused,
}

impl OrganisationStatus {
    pub fn code(self) -> &'static str {
        match self {
            OrganisationStatus::Pending => "pending",
            OrganisationStatus::Approved => "approved",
            OrganisationStatus::Refused => "refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(kind.code()), Some(kind));
        }
        for role in [OrganisationRole::Administrator, OrganisationRole::Member] {
            assert_eq!(OrganisationRole::from_code(role.code()), Some(role));
        }
        assert_eq!(OrganisationKind::from_code("caf"), None);
    }
}
