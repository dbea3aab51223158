//! Sign-in sessions (only a hash of the token is kept).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub account_id: String,
    pub provider: String,
    pub user_agent: String,
    pub id_token: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The role signed in with (`contract::policy::Role` code).
    pub role: String,
    /// An operator's read-only view of this citizen (`None`: their own pages).
    pub viewing_codice_fiscale: Option<String>,
    /// The data access (with its reason) that opened the view.
    pub viewing_access_id: Option<i64>,
    /// The organisation the person acts for (role `organisation`).
    pub acting_for: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id"
    )]
    Account,
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
