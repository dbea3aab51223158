//! Reference data shipped with the product (see `data/SOURCES.md` for origin and licence).

use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, TransactionSession,
    TransactionTrait,
};

use crate::entity::municipality;

/// ISTAT's list of municipalities, compiled into the binary so a deployment is one file.
const COMUNI_CSV: &str = include_str!("../../data/comuni.csv");

/// Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("reference data file is malformed: {0}")]
    Malformed(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

#[derive(Debug, serde::Deserialize)]
struct ComuneRow {
    istat_code: String,
    name: String,
    province_code: String,
    province_name: String,
    region_name: String,
    cadastral_code: String,
    latitude: f64,
    longitude: f64,
    population: Option<i32>,
}

/// Parses the bundled municipality list.
pub fn bundled_municipalities() -> Result<Vec<municipality::Model>, ReferenceError> {
    let mut reader = csv::Reader::from_reader(COMUNI_CSV.as_bytes());
    reader
        .deserialize::<ComuneRow>()
        .map(|row| {
            let row = row.map_err(|e| ReferenceError::Malformed(e.to_string()))?;
            Ok(municipality::Model {
                cadastral_code: row.cadastral_code,
                istat_code: row.istat_code,
                name: row.name,
                province_code: row.province_code,
                province_name: row.province_name,
                region_name: row.region_name,
                latitude: row.latitude,
                longitude: row.longitude,
                population: row.population,
            })
        })
        .collect()
}

/// Loads the municipality list into an empty table, all or nothing. Returns the rows added
/// (0 when the table was already filled).
#[tracing::instrument(skip(db))]
pub async fn load_municipalities<C>(db: &C) -> Result<usize, ReferenceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if municipality::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let rows = bundled_municipalities()?;
    let txn = db.begin().await?;
    for chunk in rows.chunks(BATCH) {
        let models = chunk.iter().cloned().map(|m| municipality::ActiveModel {
            cadastral_code: Set(m.cadastral_code),
            istat_code: Set(m.istat_code),
            name: Set(m.name),
            province_code: Set(m.province_code),
            province_name: Set(m.province_name),
            region_name: Set(m.region_name),
            latitude: Set(m.latitude),
            longitude: Set(m.longitude),
            population: Set(m.population),
        });
        municipality::Entity::insert_many(models).exec(&txn).await?;
    }
    txn.commit().await?;
    tracing::info!(rows = rows.len(), "municipalities loaded");
    Ok(rows.len())
}
