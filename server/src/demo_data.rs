//! Demo data for the embedded profile, written through the same services an administrator
//! uses. Only what is missing is added, so changes made in the demo survive a restart.

use app::db::operator::{self, Registration};
use app::identity::CodiceFiscale;
use app::policy::Role;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// The demo personas who are operators (see `app::demo::PERSONAS`).
const OPERATORS: &[(&str, Role, &str, &str, &str)] = &[
    (
        "CNTFNC82M50H501U",
        Role::CaseManager,
        "social_services",
        "H501",
        "Servizi sociali - Comune di Roma",
    ),
    ("FRRMRC78E15L219Q", Role::CpiOperator, "cpi", "CPI-TO-01", "Centro per l'impiego di Torino"),
    ("GLLNNA70B48D612X", Role::Administrator, "platform", "", "SIISL"),
];

pub async fn seed<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
    for (cf, role, kind, code, name) in OPERATORS {
        if operator::Entity::find_by_id(*cf).one(db).await?.is_some() {
            continue;
        }
        let codice_fiscale = CodiceFiscale::parse(cf).map_err(|e| DbErr::Custom(e.to_string()))?;
        let registration = Registration {
            codice_fiscale,
            role: *role,
            organisation_kind: (*kind).to_string(),
            organisation_code: (*code).to_string(),
            organisation_name: (*name).to_string(),
            active: true,
        };
        operator::register(db, &registration, now).await?;
    }
    Ok(())
}
