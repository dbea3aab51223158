//! Who may do what: the roles, and the rules routes are given. Pure, so pages (to hide what a
//! role cannot use) and the server (which decides) read the same rules.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Anyone signed in who is not a registered operator.
    Citizen,
    /// A municipality's social-services case manager.
    CaseManager,
    /// A job-centre (CPI) operator.
    CpiOperator,
    Administrator,
    /// A person acting for an organisation that publishes (employer, agency, training body,
    /// Comune): which one is in `CurrentUser::organisation`.
    Organisation,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Citizen,
        Role::CaseManager,
        Role::CpiOperator,
        Role::Administrator,
        Role::Organisation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::CaseManager => "case_manager",
            Role::CpiOperator => "cpi_operator",
            Role::Administrator => "administrator",
            Role::Organisation => "organisation",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// Where someone with this role starts: after signing in, and from the site's menu.
    pub fn home(self) -> &'static str {
        match self {
            // Sends people who have not registered yet to the registration.
            Role::Citizen => "/il-mio-siisl",
            Role::CaseManager | Role::CpiOperator => "/operatore",
            Role::Administrator => "/amministrazione/operatori",
            Role::Organisation => "/organizzazione",
        }
    }
}

/// What a route requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Someone signed in with one of these roles.
    Roles(&'static [Role]),
    /// A platform's machine client holding a bearer token with this scope (the machine API);
    /// never a person.
    Machine(&'static str),
}

/// Administrators of the platform.
pub const ADMINISTRATORS: Rule = Rule::Roles(&[Role::Administrator]);
/// The citizen's own pages and forms (operators see them only through the read-only view,
/// in which the request's role is the citizen's).
pub const CITIZENS: Rule = Rule::Roles(&[Role::Citizen]);
/// Those who follow a caseload: only what is assigned to them (the queries say so).
pub const OPERATORS: Rule = Rule::Roles(&[Role::CaseManager, Role::CpiOperator]);

/// People acting for an organisation: only their organisation's ads, candidacies and people
/// (the queries are scoped by the organisation the session acts for).
pub const PUBLISHERS: Rule = Rule::Roles(&[Role::Organisation]);
/// A person, on their own behalf or for an organisation (choosing which one).
pub const PEOPLE: Rule = Rule::Roles(&[Role::Citizen, Role::Organisation]);

/// What a server function does to what it reaches. An operator's read-only view of a citizen
/// may call only those that read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Reads,
    Writes,
}

/// A server function's rule, kept beside the function in its page (`app`): its path (taken from
/// the function's own type, so the two cannot drift apart), the method it answers, who may call
/// it and what it does. The server's policy reads them through `app::pages::server_fn_rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerFnRule {
    pub path: &'static str,
    /// `GET` or `POST`, as the function's input encoding makes it.
    pub method: &'static str,
    pub rule: Rule,
    pub effect: Effect,
}

impl Rule {
    /// Whether a request by someone with `role` (`None`: not signed in) may pass.
    pub fn permits(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Rule::Public, _) => true,
            (_, None) => false,
            (Rule::SignedIn, Some(_)) => true,
            (Rule::Roles(allowed), Some(role)) => allowed.contains(&role),
            (Rule::Machine(_), Some(_)) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_deny_what_they_do_not_name() {
        assert!(Rule::Public.permits(None));
        assert!(!Rule::SignedIn.permits(None));
        assert!(Role::ALL.into_iter().all(|r| Rule::SignedIn.permits(Some(r))));
        let admins = Rule::Roles(&[Role::Administrator]);
        assert!(admins.permits(Some(Role::Administrator)));
        assert!(!admins.permits(Some(Role::Citizen)));
        assert!(!admins.permits(None));
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
    }
}
