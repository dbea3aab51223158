//! The catalogue's services: publishing ads (validated in full first, so nothing half-written
//! is stored), renewing them, and searching.
//!
//! Search runs one SQL query for the page and one for the count, built here for both
//! backends. Text matching uses each engine's own full-text index (FTS5 on SQLite, a GIN
//! `tsvector` index on PostgreSQL) over terms analysed once in Rust (`domain::search`), and
//! everything that orders rows is plain SQL arithmetic both engines compute alike: relevance is
//! how many query terms the title has, distance the projection in `domain::catalog`, ties go
//! to the newest and then the highest id. So both backends return the same rows in the same
//! order (`server/tests/integration/catalog.rs` checks a fixed set of queries).

use chrono::{DateTime, NaiveDate, Utc};
use domain::catalog::{self as rules, Ad, Kind, Point};
use domain::cv::Problem;
use domain::search;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, Statement, TransactionSession, Value,
};

use super::entity::{opportunity, opportunity_skill, opportunity_text};
use crate::vocabulary::vocabulary;
use contract::auth::CurrentUser;
use contract::catalog::{
    Card, CatalogQuery, Detail, MAX_PAGE, Notice, PAGE_SIZE, Results, Sort, Where,
};
use contract::cv::SuggestionKind;

/// Counting stops here: beyond it the page says "more than", and a text search ranks the
/// newest this many matches (the pages stop there too: `MAX_PAGE` × `PAGE_SIZE`).
pub const COUNT_CAP: u64 = 1_000;
/// How many of the newest ads a search finds are scored when sorting by affinity: each costs
/// its row, its skills and a score, and the budget is that of any search.
pub const SUGGESTION_CANDIDATES: i64 = 500;
/// Ads inserted per statement when publishing many (well under both engines' parameter limits).
const BATCH: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The ad at `index` has problems; nothing was stored.
    #[error("ad {index} has {} problem(s)", .problems.len())]
    Invalid { index: usize, problems: Vec<Problem> },
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn analysed(ad: &Ad) -> (String, String) {
    let v = vocabulary();
    let occupation =
        ad.occupation_code.as_deref().and_then(|c| v.label(SuggestionKind::Occupation, c));
    let place =
        ad.municipality_code.as_deref().and_then(|c| v.label(SuggestionKind::Municipality, c));
    let skills: Vec<&str> =
        ad.skills.iter().filter_map(|s| v.label(SuggestionKind::Skill, s)).collect();
    let title_terms = search::index_text(&[&ad.title, occupation.unwrap_or("")]);
    let mut parts = vec![
        ad.title.as_str(),
        occupation.unwrap_or(""),
        ad.organisation.as_str(),
        ad.description.as_str(),
        ad.topic.as_deref().unwrap_or(""),
        place.unwrap_or(""),
    ];
    parts.extend(skills);
    (title_terms, search::index_text(&parts))
}

/// Who publishes ads: an organisation, with its own id for the ad when its system sends it by
/// API; `None` for the generated catalogue.
#[derive(Clone, Copy, Debug, Default)]
pub struct Publisher<'a> {
    pub organisation_id: Option<i64>,
    pub external_id: Option<&'a str>,
}

/// The ad's row and its search terms.
fn active_model(
    ad: &Ad,
    publisher: Publisher<'_>,
    now: DateTime<Utc>,
) -> (opportunity::ActiveModel, String) {
    let v = vocabulary();
    let point = ad.municipality_code.as_deref().and_then(|c| v.point(c));
    let (title_terms, search_terms) = analysed(ad);
    let model = opportunity::ActiveModel {
        kind: Set(ad.kind.code().to_string()),
        title: Set(ad.title.trim().to_string()),
        organisation: Set(ad.organisation.trim().to_string()),
        occupation_code: Set(ad.occupation_code.clone()),
        municipality_code: Set(ad.municipality_code.clone()),
        province_code: Set(ad
            .municipality_code
            .as_deref()
            .and_then(|c| v.province_of(c))
            .map(str::to_string)),
        latitude: Set(point.map(|p| p.lat)),
        longitude: Set(point.map(|p| p.lon)),
        online: Set(ad.online),
        contract: Set(ad.contract.map(|c| c.code().to_string())),
        duration_months: Set(ad.duration_months),
        hours_pct: Set(ad.hours_pct),
        total_hours: Set(ad.total_hours),
        pay_monthly: Set(ad.pay_monthly),
        eqf_level: Set(ad.eqf_level),
        topic: Set(ad.topic.clone()),
        starts_on: Set(ad.starts_on),
        ends_on: Set(ad.ends_on),
        published_on: Set(ad.published_on),
        expires_on: Set(ad.expires_on),
        renewed: Set(false),
        title_terms: Set(title_terms),
        created_at: Set(now),
        organisation_id: Set(publisher.organisation_id),
        external_id: Set(publisher.external_id.map(str::to_string)),
        state: Set(rules::AdState::Live.code().to_string()),
        state_reason: Set(None),
        seats: Set(ad.seats),
        expiry_warned: Set(false),
        updated_at: Set(Some(now)),
        ..Default::default()
    };
    (model, search_terms)
}

/// Inserts a batch of ads' rows and returns their ids in order. Written out rather than with
/// `insert_many` because on PostgreSQL the row carries the full-text vector, which has no Rust
/// type: it is cast from the analysed terms in the statement.
async fn insert_rows<C: ConnectionTrait>(
    db: &C,
    rows: &[(opportunity::ActiveModel, String)],
) -> Result<Vec<i64>, DbErr> {
    use sea_orm::{ActiveModelTrait, IdenStatic, Iterable};
    let mut sql = Sql::new(db.get_database_backend());
    let columns: Vec<opportunity::Column> =
        opportunity::Column::iter().filter(|c| !matches!(c, opportunity::Column::Id)).collect();
    let postgres = sql.backend == DbBackend::Postgres;
    let mut names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
    if postgres {
        names.push("search_vector");
    }
    sql.push(&format!("INSERT INTO opportunity ({}) VALUES ", names.join(", ")));
    for (i, (model, terms)) in rows.iter().enumerate() {
        let mut values = Vec::with_capacity(names.len());
        for column in &columns {
            let value = model
                .get(*column)
                .into_value()
                .ok_or_else(|| DbErr::Custom(format!("{} not set", column.as_str())))?;
            values.push(sql.bind(value));
        }
        if postgres {
            let p = sql.bind(terms.as_str());
            values.push(format!("CAST({p} AS tsvector)"));
        }
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.push(&values.join(", "));
        sql.push(")");
    }
    sql.push(" RETURNING id");
    db.query_all_raw(sql.statement())
        .await?
        .iter()
        .map(|row| row.try_get::<i64>("", "id"))
        .collect()
}

/// Publishes ads: every one is checked first, then all are written in one transaction (all or
/// none). Returns their ids in order.
pub async fn publish_many<C: crate::welfare::Writer>(
    db: &C,
    ads: &[Ad],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, PublishError> {
    for (index, ad) in ads.iter().enumerate() {
        let problems = ad.check(vocabulary());
        if !problems.is_empty() {
            return Err(PublishError::Invalid { index, problems });
        }
    }
    let txn = crate::welfare::begin_write(db).await.map_err(|e| match e {
        crate::welfare::ServiceError::Db(e) => e,
        other => DbErr::Custom(other.to_string()),
    })?;
    let ids = insert_ads(&txn, ads, Publisher::default(), now).await?;
    txn.commit().await?;
    Ok(ids)
}

/// Writes checked ads (row, text, skills) in the caller's transaction; their ids in order.
pub(crate) async fn insert_ads<C: ConnectionTrait>(
    txn: &C,
    ads: &[Ad],
    publisher: Publisher<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let mut ids = Vec::with_capacity(ads.len());
    for chunk in ads.chunks(BATCH) {
        let rows: Vec<_> = chunk.iter().map(|ad| active_model(ad, publisher, now)).collect();
        let keys = insert_rows(txn, &rows).await?;
        if keys.len() != chunk.len() {
            return Err(DbErr::Custom("inserted rows and returned keys differ".into()));
        }
        let texts: Vec<opportunity_text::ActiveModel> = chunk
            .iter()
            .zip(&keys)
            .zip(rows)
            .map(|((ad, id), (_, terms))| opportunity_text::ActiveModel {
                opportunity_id: Set(*id),
                description: Set(ad.description.trim().to_string()),
                search_terms: Set(terms),
            })
            .collect();
        opportunity_text::Entity::insert_many(texts).exec_without_returning(txn).await?;
        insert_skills(txn, chunk.iter().zip(&keys)).await?;
        ids.extend(keys);
    }
    Ok(ids)
}

/// The skills rows of ads (each ad's keys once).
async fn insert_skills<'a, C: ConnectionTrait>(
    txn: &C,
    ads: impl Iterator<Item = (&'a Ad, &'a i64)>,
) -> Result<(), DbErr> {
    let skills: Vec<opportunity_skill::ActiveModel> = ads
        .flat_map(|(ad, id)| {
            let mut keys: Vec<&String> = ad.skills.iter().collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().map(move |skill| opportunity_skill::ActiveModel {
                opportunity_id: Set(*id),
                skill_key: Set(skill.clone()),
            })
        })
        .collect();
    for batch in skills.chunks(BATCH * 2) {
        opportunity_skill::Entity::insert_many(batch.to_vec()).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Rewrites a published ad's text, facts and skills in the caller's transaction (its dates of
/// publication, state and owner stay). The ad has been checked.
pub(crate) async fn rewrite_ad<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    ad: &Ad,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::ActiveModelTrait;
    let (mut row, terms) = active_model(ad, Publisher::default(), now);
    row.id = Set(id);
    // What the edit does not touch.
    for column in [
        opportunity::Column::CreatedAt,
        opportunity::Column::OrganisationId,
        opportunity::Column::ExternalId,
        opportunity::Column::State,
        opportunity::Column::StateReason,
        opportunity::Column::Renewed,
        opportunity::Column::ExpiryWarned,
        opportunity::Column::PublishedOn,
    ] {
        row.not_set(column);
    }
    row.update(txn).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE opportunity SET search_vector = CAST($1 AS tsvector) WHERE id = $2",
            [terms.clone().into(), id.into()],
        ))
        .await?;
    }
    opportunity_text::Entity::update_many()
        .col_expr(opportunity_text::Column::Description, Expr::value(ad.description.trim()))
        .col_expr(opportunity_text::Column::SearchTerms, Expr::value(terms))
        .filter(opportunity_text::Column::OpportunityId.eq(id))
        .exec(txn)
        .await?;
    opportunity_skill::Entity::delete_many()
        .filter(opportunity_skill::Column::OpportunityId.eq(id))
        .exec(txn)
        .await?;
    insert_skills(txn, std::iter::once((ad, &id))).await
}

#[derive(Debug, thiserror::Error)]
pub enum RenewError {
    #[error("no such ad")]
    NotFound,
    #[error("the ad cannot be renewed: {}", .0.code())]
    Refused(rules::RenewalProblem),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Renews an ad once, in the last 7 days before it expires, for two more months. A
/// conditional update: of two renewals racing, one wins and the other is refused.
pub async fn renew<C: ConnectionTrait>(
    db: &C,
    id: i64,
    today: NaiveDate,
) -> Result<NaiveDate, RenewError> {
    let ad = opportunity::Entity::find_by_id(id).one(db).await?.ok_or(RenewError::NotFound)?;
    let expires = rules::renewal(ad.expires_on, ad.renewed, today).map_err(RenewError::Refused)?;
    let updated = opportunity::Entity::update_many()
        .col_expr(opportunity::Column::ExpiresOn, Expr::value(expires))
        .col_expr(opportunity::Column::Renewed, Expr::value(true))
        .filter(opportunity::Column::Id.eq(id))
        .filter(opportunity::Column::Renewed.eq(false))
        .filter(opportunity::Column::ExpiresOn.eq(ad.expires_on))
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(expires)
    } else {
        Err(RenewError::Refused(rules::RenewalProblem::AlreadyRenewed))
    }
}

/// SQL text with its bound values, placeholders in the backend's style.
pub(crate) struct Sql {
    pub(crate) backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub(crate) fn new(backend: DbBackend) -> Sql {
        Sql { backend, text: String::new(), values: Vec::new() }
    }

    /// Binds a value and returns its placeholder.
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_string(),
        }
    }

    pub(crate) fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    pub(crate) fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// What the search filters and orders on, once the place is resolved.
struct Plan<'a> {
    query: &'a CatalogQuery,
    terms: Vec<String>,
    today: NaiveDate,
    center: Option<Point>,
    /// The home municipality, when searching "home" without a radius.
    home: Option<String>,
    /// "Suggested for you" without a place: the person's home and reach (online ads too).
    reach: Option<(Point, f64)>,
    /// Leave PUC out: they concern ADI beneficiaries only, whom the Comune assigns (R28).
    without_puc: bool,
}

impl Plan<'_> {
    /// `(lon - lon0) * scale` squared plus `(lat - lat0)` squared: see `rules::squared_degrees`.
    fn squared_distance(&self, sql: &mut Sql, center: Point) -> String {
        let scale = rules::longitude_scale(center);
        let (lon0, s1, lon1, s2) =
            (sql.bind(center.lon), sql.bind(scale), sql.bind(center.lon), sql.bind(scale));
        let (lat0, lat1) = (sql.bind(center.lat), sql.bind(center.lat));
        format!(
            "((o.longitude - {lon0}) * {s1}) * ((o.longitude - {lon1}) * {s2}) + (o.latitude - {lat0}) * (o.latitude - {lat1})"
        )
    }

    /// Within `km` of `center`: a latitude/longitude box an index can use, then the circle.
    fn within(&self, sql: &mut Sql, center: Point, km: f64) -> String {
        let (lat_min, lat_max, lon_min, lon_max) = rules::bounding_box(center, km);
        let (a, b, c, d) =
            (sql.bind(lat_min), sql.bind(lat_max), sql.bind(lon_min), sql.bind(lon_max));
        let d2 = self.squared_distance(sql, center);
        let r2 = sql.bind(rules::squared_radius(km));
        format!(
            "o.latitude BETWEEN {a} AND {b} AND o.longitude BETWEEN {c} AND {d} AND {d2} <= {r2}"
        )
    }

    /// The FROM clause, and the column that walks it newest first. A text search on SQLite
    /// starts from the FTS5 index (its rowid is the ad's id).
    fn source(&self, sql: &mut Sql) -> &'static str {
        if self.terms.is_empty() || sql.backend == DbBackend::Postgres {
            sql.push("opportunity o");
            "o.id"
        } else {
            // CROSS JOIN keeps the index outside, read newest first, so LIMIT stops it early.
            sql.push("opportunity_fts CROSS JOIN opportunity o ON o.id = opportunity_fts.rowid");
            "opportunity_fts.rowid"
        }
    }

    fn filters(&self, sql: &mut Sql) {
        let q = self.query;
        let (today1, today2) = (sql.bind(self.today), sql.bind(self.today));
        sql.push(&format!(
            " WHERE o.published_on <= {today1} AND o.expires_on >= {today2} AND o.state = 'live'"
        ));
        if !self.terms.is_empty() {
            match sql.backend {
                DbBackend::Postgres => {
                    let p = sql.bind(self.terms.join(" & "));
                    sql.push(&format!(" AND o.search_vector @@ to_tsquery('simple', {p})"));
                }
                _ => {
                    // Each term quoted: FTS5 reads a bare word like AND or NEAR as an operator.
                    let expr: Vec<String> = self.terms.iter().map(|t| format!("\"{t}\"")).collect();
                    let p = sql.bind(expr.join(" "));
                    sql.push(&format!(" AND opportunity_fts MATCH {p}"));
                }
            }
        }
        if !q.kinds.is_empty() {
            let list: Vec<String> = q.kinds.iter().map(|k| sql.bind(k.code())).collect();
            sql.push(&format!(" AND o.kind IN ({})", list.join(", ")));
        }
        if self.without_puc {
            let puc = sql.bind(Kind::Puc.code());
            sql.push(&format!(" AND o.kind <> {puc}"));
        }
        match (&q.place, q.radius_km, self.center) {
            (Some(Where::Province(code)), _, _) => {
                let p = sql.bind(code.as_str());
                sql.push(&format!(" AND o.province_code = {p}"));
            }
            (Some(Where::Municipality(_) | Where::Home), Some(km), Some(center)) => {
                let within = self.within(sql, center, f64::from(km));
                sql.push(&format!(" AND {within}"));
            }
            (None, _, _) if let Some((home, km)) = self.reach => {
                // Online courses are within anyone's reach. Measured: without them, both
                // engines sort every ad in the box instead of walking the newest first, and
                // are slower, not faster.
                let within = self.within(sql, home, km);
                sql.push(&format!(" AND (o.online OR ({within}))"));
            }
            (Some(Where::Municipality(code)), None, _) => {
                let p = sql.bind(code.as_str());
                sql.push(&format!(" AND o.municipality_code = {p}"));
            }
            (Some(Where::Home), None, _) => {
                if let Some(code) = &self.home {
                    let p = sql.bind(code.as_str());
                    sql.push(&format!(" AND o.municipality_code = {p}"));
                }
            }
            _ => {}
        }
        if let Some(contract) = q.contract {
            let p = sql.bind(contract.code());
            sql.push(&format!(" AND o.contract = {p}"));
        }
        if let Some(pct) = q.min_hours_pct {
            let p = sql.bind(i32::from(pct));
            sql.push(&format!(" AND o.hours_pct >= {p}"));
        }
        if let Some(from) = q.starts_from {
            let p = sql.bind(from);
            sql.push(&format!(" AND o.starts_on >= {p}"));
        }
        if let Some(by) = q.starts_by {
            let p = sql.bind(by);
            sql.push(&format!(" AND o.starts_on <= {p}"));
        }
    }
}

impl Plan<'_> {
    /// The ORDER BY terms before the newest-first tie-break.
    fn order(&self, sql: &mut Sql) -> String {
        match (self.query.sort, self.center, self.terms.is_empty()) {
            (Sort::Distance, Some(center), _) => {
                format!("{} ASC, ", self.squared_distance(sql, center))
            }
            (Sort::Relevance, _, false) => {
                let position = if sql.backend == DbBackend::Postgres { "strpos" } else { "instr" };
                let hits: Vec<String> = self
                    .terms
                    .iter()
                    .map(|t| {
                        let p = sql.bind(format!(" {t} "));
                        format!("CASE WHEN {position}(o.title_terms, {p}) > 0 THEN 1 ELSE 0 END")
                    })
                    .collect();
                format!("({}) DESC, ", hits.join(" + "))
            }
            _ => String::new(),
        }
    }

    fn limit_offset(&self, sql: &mut Sql) -> (String, String) {
        (
            sql.bind(i64::from(PAGE_SIZE)),
            sql.bind(i64::from(self.query.page.saturating_sub(1)) * i64::from(PAGE_SIZE)),
        )
    }

    /// A page of a text search: the newest `COUNT_CAP + 1` matching ads are the candidates
    /// (found by walking the full-text index from the newest id, so a common word costs no
    /// more than a rare one), ranked, with their number in every row. Ids follow publication,
    /// so the newest id is the latest ad.
    async fn ranked_candidates<C: ConnectionTrait>(&self, db: &C) -> Result<Vec<Row>, DbErr> {
        let mut sql = Sql::new(db.get_database_backend());
        sql.push(&format!("SELECT {CARD_COLUMNS}, COUNT(*) OVER () AS total FROM (SELECT {CARD_COLUMNS}, o.title_terms FROM "));
        let newest = self.source(&mut sql);
        self.filters(&mut sql);
        let cap = sql.bind(i64::try_from(COUNT_CAP + 1).unwrap_or(i64::MAX));
        sql.push(&format!(" ORDER BY {newest} DESC LIMIT {cap}) o"));
        let order = self.order(&mut sql);
        let (limit, offset) = self.limit_offset(&mut sql);
        sql.push(&format!(
            " ORDER BY {order}o.published_on DESC, o.id DESC LIMIT {limit} OFFSET {offset}"
        ));
        Row::find_by_statement(sql.statement()).all(db).await
    }

    /// "Suggested for you": the newest `SUGGESTION_CANDIDATES` ads the search finds (within
    /// the person's reach when no place is given), each scored by
    /// `domain::matching::affinity`, best first (ties: newest, then highest id).
    async fn suggested<C: ConnectionTrait>(
        &self,
        db: &C,
        seeker: &domain::matching::Seeker,
    ) -> Result<Vec<(Row, u32)>, DbErr> {
        let backend = db.get_database_backend();
        let mut sql = Sql::new(backend);
        // Each candidate's skills in the same statement: a correlated subquery runs only for
        // the rows the LIMIT keeps, and saves a second round trip with 500 parameters.
        let skills = match backend {
            DbBackend::Postgres => "string_agg(s.skill_key, ',')",
            _ => "group_concat(s.skill_key, ',')",
        };
        sql.push(&format!(
            "SELECT {CARD_COLUMNS}, CAST(0 AS BIGINT) AS total, \
             (SELECT {skills} FROM opportunity_skill s WHERE s.opportunity_id = o.id) AS skills FROM "
        ));
        let newest = self.source(&mut sql);
        self.filters(&mut sql);
        let cap = sql.bind(SUGGESTION_CANDIDATES);
        sql.push(&format!(" ORDER BY {newest} DESC LIMIT {cap}"));
        let rows = Candidate::find_by_statement(sql.statement()).all(db).await?;
        let mut scored: Vec<(Row, u32)> = rows
            .into_iter()
            .map(|Candidate { row, skills }| {
                // Skill keys are slugs ([a-z0-9-]): a comma cannot occur inside one.
                let skills = skills
                    .map(|list| list.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                let offer = domain::matching::Offer {
                    kind: Kind::parse(&row.kind).unwrap_or(Kind::Job),
                    occupation_code: row.occupation_code.clone(),
                    skills,
                    point: row.latitude.zip(row.longitude).map(|(lat, lon)| Point { lat, lon }),
                    online: row.online,
                    contract: row.contract.as_deref().and_then(domain::catalog::Contract::parse),
                    hours_pct: row.hours_pct,
                    pay_monthly: row.pay_monthly,
                    eqf_level: row.eqf_level,
                    starts_on: row.starts_on,
                };
                let score = domain::matching::affinity(seeker, &offer).score;
                (row, score)
            })
            .collect();
        scored.sort_by(|(a, sa), (b, sb)| {
            sb.cmp(sa).then(b.published_on.cmp(&a.published_on)).then(b.id.cmp(&a.id))
        });
        Ok(scored)
    }
}

/// A suggestion candidate: its card columns and its skill keys, comma-separated.
#[derive(Debug, FromQueryResult)]
struct Candidate {
    #[sea_orm(nested)]
    row: Row,
    skills: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct Row {
    id: i64,
    kind: String,
    title: String,
    organisation: String,
    municipality_code: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    contract: Option<String>,
    duration_months: Option<i32>,
    hours_pct: Option<i32>,
    total_hours: Option<i32>,
    pay_monthly: Option<i32>,
    starts_on: NaiveDate,
    published_on: NaiveDate,
    occupation_code: Option<String>,
    online: bool,
    eqf_level: Option<i32>,
    /// How many candidates the search has (text searches; 0 otherwise).
    total: i64,
}

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

/// The municipality a signed-in person lives in: the CV's, else their household's.
pub async fn home_of<C: ConnectionTrait>(
    db: &C,
    user: &CurrentUser,
) -> Result<Option<String>, DbErr> {
    if let Some(cv) = crate::cv::load(db, &user.codice_fiscale).await?
        && let Some(code) = cv.cv.personal_information.municipality
    {
        return Ok(Some(code));
    }
    crate::citizen::home_municipality(db, &user.codice_fiscale).await
}

/// Resolves the search's place: a typed name is looked up, codes are checked, "home" is
/// read for the signed-in person. Returns the municipality code of the centre, if any, and
/// what to call the place.
async fn resolve_place<C: ConnectionTrait>(
    db: &C,
    query: &mut CatalogQuery,
    notices: &mut Vec<Notice>,
    user: Option<&CurrentUser>,
) -> Result<(Option<String>, Option<String>), DbErr> {
    let v = vocabulary();
    let place = query.place.take();
    let (place, centre) = match place {
        Some(Where::Text(text)) => match v.resolve(SuggestionKind::Place, &text) {
            Ok(found) if found.code.len() == 2 => (Some(Where::Province(found.code)), None),
            Ok(found) => (Some(Where::Municipality(found.code.clone())), Some(found.code)),
            Err(candidates) if candidates.is_empty() => {
                notices.push(Notice::UnknownPlace(text.chars().take(40).collect()));
                (None, None)
            }
            Err(candidates) => {
                let options = candidates.into_iter().map(|c| (c.code, c.label)).collect();
                notices.push(Notice::AmbiguousPlace(text.chars().take(40).collect(), options));
                (None, None)
            }
        },
        Some(Where::Municipality(code)) if v.point(&code).is_some() => {
            (Some(Where::Municipality(code.clone())), Some(code))
        }
        Some(Where::Province(code)) if v.province_name(&code).is_some() => {
            (Some(Where::Province(code)), None)
        }
        Some(Where::Municipality(code) | Where::Province(code)) => {
            notices.push(Notice::UnknownPlace(code));
            (None, None)
        }
        Some(Where::Home) => match user {
            None => {
                notices.push(Notice::HomeNeedsSignIn);
                (None, None)
            }
            Some(user) => match home_of(db, user).await?.filter(|c| v.point(c).is_some()) {
                Some(code) => (Some(Where::Home), Some(code)),
                None => {
                    notices.push(Notice::HomeUnknown);
                    (None, None)
                }
            },
        },
        None => (None, None),
    };
    let label = match (&place, &centre) {
        (Some(Where::Province(code)), _) => v.label(SuggestionKind::Place, code),
        (_, Some(code)) => v.label(SuggestionKind::Municipality, code),
        _ => None,
    }
    .map(str::to_string);
    query.place = place;
    query.check_place(notices);
    Ok((centre, label))
}

fn card(row: Row, center: Option<Point>) -> Card {
    let v = vocabulary();
    let place = row
        .municipality_code
        .as_deref()
        .and_then(|c| v.label(SuggestionKind::Municipality, c))
        .map(str::to_string);
    let distance_km = match (center, row.latitude, row.longitude) {
        (Some(c), Some(lat), Some(lon)) => {
            Some(rounded_km(rules::distance_km(c, Point { lat, lon })))
        }
        _ => None,
    };
    Card {
        id: row.id,
        kind: Kind::parse(&row.kind).unwrap_or(Kind::Job),
        title: row.title,
        organisation: row.organisation,
        place,
        distance_km,
        contract: row.contract.as_deref().and_then(domain::catalog::Contract::parse),
        duration_months: row.duration_months,
        hours_pct: row.hours_pct,
        total_hours: row.total_hours,
        pay_monthly: row.pay_monthly,
        starts_on: row.starts_on,
        published_on: row.published_on,
        affinity: None,
        applied: false,
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn rounded_km(km: f64) -> u32 {
    // Distances are at most a few thousand km; the cast cannot overflow.
    km.round().clamp(0.0, 100_000.0) as u32
}

const CARD_COLUMNS: &str = "o.id, o.kind, o.title, o.organisation, o.municipality_code, \
    o.latitude, o.longitude, o.contract, o.duration_months, o.hours_pct, o.total_hours, \
    o.pay_monthly, o.starts_on, o.published_on, o.occupation_code, o.online, o.eqf_level";

/// What the count of matches makes of the pages: (total shown, whether it was capped, pages).
/// A page past the last becomes the last, with a notice.
fn paging(found: u64, query: &mut CatalogQuery, notices: &mut Vec<Notice>) -> (u64, bool, u32) {
    let total_capped = found > COUNT_CAP;
    let total = found.min(COUNT_CAP);
    let pages =
        u32::try_from(total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(MAX_PAGE).min(MAX_PAGE);
    if pages > 0 && query.page > pages {
        notices.retain(|n| !matches!(n, Notice::PageBeyond(_)));
        notices.push(Notice::PageBeyond(pages));
        query.page = pages;
    }
    (total, total_capped, pages)
}

/// One page of results for a parsed search; a citizen's cards say which they applied for.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    query: CatalogQuery,
    notices: Vec<Notice>,
    user: Option<&CurrentUser>,
    today: NaiveDate,
) -> Result<Results, DbErr> {
    let mut results = search_page(db, query, notices, user, today).await?;
    if let Some(user) = user.filter(|u| u.role == contract::policy::Role::Citizen) {
        let ids: Vec<i64> = results.cards.iter().map(|c| c.id).collect();
        let applied = super::candidacy::applied_among(db, &user.codice_fiscale, &ids).await?;
        for card in &mut results.cards {
            card.applied = applied.contains(&card.id);
        }
    }
    Ok(results)
}

async fn search_page<C: ConnectionTrait>(
    db: &C,
    mut query: CatalogQuery,
    mut notices: Vec<Notice>,
    user: Option<&CurrentUser>,
    today: NaiveDate,
) -> Result<Results, DbErr> {
    let (centre_code, place_label) = resolve_place(db, &mut query, &mut notices, user).await?;
    let (terms, cut) = search::query_terms(&query.text);
    if cut {
        notices.push(Notice::TooManyWords);
    }
    let center = centre_code.as_deref().and_then(|c| vocabulary().point(c));
    let home = matches!(query.place, Some(Where::Home)).then(|| centre_code.clone()).flatten();
    let seeker = match (query.sort, user) {
        (Sort::Affinity, Some(user)) => super::matching::seeker(db, user).await?,
        _ => None,
    };
    if query.sort == Sort::Affinity && seeker.is_none() {
        notices.push(Notice::AffinityNeedsCv);
        query.sort = Sort::Relevance;
    }
    if let Some(seeker) = seeker {
        // Without a place, the person's reach around home (unless it is "anywhere").
        let reach = seeker
            .home
            .filter(|_| query.place.is_none())
            .map(|home| (home, f64::from(seeker.reach_km())))
            .filter(|(_, km)| *km <= f64::from(contract::catalog::MAX_RADIUS_KM));
        let center = center.or(reach.map(|(home, _)| home));
        // PUC are suggested only to ADI beneficiaries, to whom they apply (R28).
        let benefit = match user {
            Some(user) => super::matching::benefit_of(db, user).await?,
            None => None,
        };
        let without_puc = benefit.as_deref() != Some("adi");
        let plan = Plan { query: &query, terms, today, center, home, reach, without_puc };
        let scored = plan.suggested(db, &seeker).await?;
        let (total, total_capped, pages) = paging(scored.len() as u64, &mut query, &mut notices);
        let skip = usize::try_from(query.page.saturating_sub(1) * PAGE_SIZE).unwrap_or(0);
        let cards = scored
            .into_iter()
            .skip(skip)
            .take(PAGE_SIZE as usize)
            .map(|(row, score)| Card { affinity: Some(score), ..card(row, center) })
            .collect();
        return Ok(Results {
            query,
            notices,
            place_label,
            total,
            total_capped,
            pages,
            cards,
            signed_in: true,
        });
    }
    let backend = db.get_database_backend();
    let text = !terms.is_empty();
    let mut rows = Vec::new();
    let total = if text {
        rows = Plan {
            query: &query,
            terms: terms.clone(),
            today,
            center,
            home: home.clone(),
            reach: None,
            without_puc: false,
        }
        .ranked_candidates(db)
        .await?;
        match rows.first() {
            Some(r) => r.total,
            None if query.page > 1 => {
                // Past the last page: the first page tells how many there are.
                let first = CatalogQuery { page: 1, ..query.clone() };
                Plan {
                    query: &first,
                    terms: terms.clone(),
                    today,
                    center,
                    home: home.clone(),
                    reach: None,
                    without_puc: false,
                }
                .ranked_candidates(db)
                .await?
                .first()
                .map_or(0, |r| r.total)
            }
            None => 0,
        }
    } else {
        let mut count = Sql::new(backend);
        count.push("SELECT COUNT(*) AS n FROM (SELECT 1 FROM opportunity o");
        Plan {
            query: &query,
            terms: terms.clone(),
            today,
            center,
            home: home.clone(),
            reach: None,
            without_puc: false,
        }
        .filters(&mut count);
        let cap = count.bind(i64::try_from(COUNT_CAP + 1).unwrap_or(i64::MAX));
        count.push(&format!(" LIMIT {cap}) c"));
        Count::find_by_statement(count.statement()).one(db).await?.map_or(0, |c| c.n)
    };
    let requested = query.page;
    let (total, total_capped, pages) =
        paging(u64::try_from(total).unwrap_or(0), &mut query, &mut notices);
    let beyond = query.page != requested;
    let plan = Plan { query: &query, terms, today, center, home, reach: None, without_puc: false };
    if text && beyond {
        rows = plan.ranked_candidates(db).await?;
    } else if !text {
        let mut page = Sql::new(backend);
        page.push(&format!("SELECT {CARD_COLUMNS}, CAST(0 AS BIGINT) AS total FROM opportunity o"));
        plan.filters(&mut page);
        let order = plan.order(&mut page);
        let (limit, offset) = plan.limit_offset(&mut page);
        page.push(&format!(
            " ORDER BY {order}o.published_on DESC, o.id DESC LIMIT {limit} OFFSET {offset}"
        ));
        rows = Row::find_by_statement(page.statement()).all(db).await?;
    }
    let cards = rows.into_iter().map(|r| card(r, plan.center)).collect();
    Ok(Results {
        query,
        notices,
        place_label,
        total,
        total_capped,
        pages,
        cards,
        signed_in: user.is_some(),
    })
}

/// An opportunity's page; `None` when there is no such opportunity (or it is not published yet).
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    id: i64,
    query: &CatalogQuery,
    user: Option<&CurrentUser>,
    today: NaiveDate,
) -> Result<Option<Detail>, DbErr> {
    let Some(row) = opportunity::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if row.published_on > today {
        return Ok(None);
    }
    let mut query = query.clone();
    let mut notices = Vec::new();
    let (centre, origin) = resolve_place(db, &mut query, &mut notices, user).await?;
    let v = vocabulary();
    let center = centre.as_deref().and_then(|c| v.point(c));
    let skill_keys = super::matching::skills_of(db, id).await?;
    let skills = skill_keys
        .iter()
        .map(|k| v.label(SuggestionKind::Skill, k).unwrap_or(k).to_string())
        .collect();
    // Paused, closed or suspended ads are off the market like expired ones.
    let expired = row.state != rules::AdState::Live.code()
        || !rules::is_live(row.published_on, row.expires_on, today);
    // An expired ad is no longer offered: nothing to weigh.
    let for_you = if expired {
        None
    } else {
        super::matching::for_you(db, user, &super::matching::offer(&row, skill_keys), today).await?
    };
    // Operators never apply: they see the page as it is published.
    let apply = match user {
        None => Some(super::candidacy::apply_state(db, None, &row, today).await?),
        Some(u) if u.role == contract::policy::Role::Citizen => {
            Some(super::candidacy::apply_state(db, Some(&u.codice_fiscale), &row, today).await?)
        }
        Some(_) => None,
    };
    let occupation = row
        .occupation_code
        .as_deref()
        .and_then(|c| v.label(SuggestionKind::Occupation, c))
        .map(str::to_string);
    let region = row.municipality_code.as_deref().and_then(|c| v.region_of(c)).map(str::to_string);
    let description = opportunity_text::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|t| t.description)
        .unwrap_or_default();
    let (online, eqf_level, topic, ends_on, expires_on) =
        (row.online, row.eqf_level, row.topic.clone(), row.ends_on, row.expires_on);
    let mut card = card(
        Row {
            id: row.id,
            kind: row.kind,
            title: row.title,
            organisation: row.organisation,
            municipality_code: row.municipality_code,
            latitude: row.latitude,
            longitude: row.longitude,
            contract: row.contract,
            duration_months: row.duration_months,
            hours_pct: row.hours_pct,
            total_hours: row.total_hours,
            pay_monthly: row.pay_monthly,
            starts_on: row.starts_on,
            published_on: row.published_on,
            occupation_code: row.occupation_code.clone(),
            online: row.online,
            eqf_level: row.eqf_level,
            total: 0,
        },
        center,
    );
    card.applied = matches!(apply, Some(contract::candidacy::ApplyState::Applied { .. }));
    Ok(Some(Detail {
        card,
        description,
        occupation,
        skills,
        region,
        online,
        eqf_level,
        topic,
        ends_on,
        expires_on,
        expired,
        origin: center.and(origin),
        for_you,
        apply,
    }))
}

/// How many live opportunities there are, by kind (the seeding command's report and the
/// embedded demo's top-up).
pub async fn live_count<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    opportunity::Entity::find()
        .filter(opportunity::Column::PublishedOn.lte(today))
        .filter(opportunity::Column::ExpiresOn.gte(today))
        .filter(opportunity::Column::State.eq(rules::AdState::Live.code()))
        .count(db)
        .await
}
