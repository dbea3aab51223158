//! A realistic demo catalogue, generated from the reference data and published through the
//! same service (`store::catalog::publish_many`) and checks any publisher's ads go through.
//!
//! Places are drawn in proportion to population (so provinces get ads in proportion to theirs),
//! occupations by a plausible mix of Italian hiring (many warehouse, shop, kitchen, cleaning and
//! care jobs; few managers), and dates around "today": some ads are already past their expiry,
//! and stay stored but unsearchable. The generator is a seeded SplitMix64, so a size and a seed
//! always give the same catalogue (tests and benchmarks rely on it).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use contract::cv::SuggestionKind;
use domain::catalog::{Ad, Contract, Kind, latest_expiry};
use sea_orm::DatabaseConnection;
use store::catalog::{PublishError, publish_many};
use store::vocabulary::vocabulary;

/// SplitMix64: tiny, fast, and stable across versions, unlike a library generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.below(u64::try_from(hi - lo + 1).unwrap_or(1))).unwrap_or(0)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[usize::try_from(self.below(items.len() as u64)).unwrap_or(0)]
    }
}

/// Draws indexes in proportion to weights (cumulative sums and a binary search).
struct Weighted {
    cumulative: Vec<u64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = u64>) -> Weighted {
        let mut total = 0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weighted { cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let x = rng.below(total);
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// Frequent job titles in Italian ads, with a weight; each is looked up in the ISTAT list.
const COMMON_JOBS: &[(&str, u64)] = &[
    ("Magazziniere", 40),
    ("Addetto alle pulizie", 35),
    ("Cameriere", 35),
    ("Commesso", 30),
    ("Cuoco", 25),
    ("Aiuto cuoco", 15),
    ("Operaio generico", 30),
    ("Autista", 20),
    ("Carrellista", 15),
    ("Muratore", 15),
    ("Elettricista", 12),
    ("Idraulico", 8),
    ("Impiegato amministrativo", 20),
    ("Contabile", 8),
    ("Receptionist", 8),
    ("Operatore socio sanitario", 18),
    ("Infermiere", 10),
    ("Badante", 12),
    ("Barista", 20),
    ("Saldatore", 10),
    ("Addetto al call center", 10),
    ("Cassiere", 15),
    ("Giardiniere", 6),
    ("Meccanico", 10),
    ("Programmatore", 8),
    ("Pizzaiolo", 8),
    ("Parrucchiere", 5),
    ("Educatore", 6),
    ("Tornitore", 5),
    ("Facchino", 10),
];

/// Share of the remaining jobs by CP2011 major group (1 managers … 8 elementary occupations).
const GROUP_WEIGHTS: [(char, u64); 8] =
    [('1', 1), ('2', 8), ('3', 14), ('4', 10), ('5', 24), ('6', 16), ('7', 11), ('8', 16)];

const SURNAMES: &[&str] = &[
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
    "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
];
const SECTORS: [&str; 9] = [
    "Servizi",
    "Consulting",
    "Tecnologie",
    "Servizi amministrativi",
    "Commercio",
    "Agricola",
    "Costruzioni",
    "Logistica",
    "Servizi integrati",
];
const FORMS: &[&str] = &["S.r.l.", "S.p.A.", "S.n.c.", "Soc. Coop.", "S.r.l.s."];
const TITLE_EXTRAS: &[&str] = &[
    "",
    "",
    "",
    "",
    " - turno notturno",
    " part-time",
    " con patente B",
    " - anche prima esperienza",
    " (categorie protette)",
    " - settore alimentare",
];
const DUTIES: [&str; 9] = [
    "coordinare il personale e i risultati dell'unità",
    "svolgere attività specialistiche e di consulenza",
    "supportare il gruppo tecnico in attività operative e di controllo",
    "gestire pratiche, documenti e rapporti con clienti e fornitori",
    "accogliere i clienti e curare vendita, servizio e ordine del punto vendita",
    "eseguire lavorazioni, installazioni e piccole manutenzioni",
    "condurre macchinari e impianti nel rispetto delle procedure di sicurezza",
    "svolgere attività di carico, scarico, pulizia e movimentazione",
    "svolgere le mansioni previste dal ruolo",
];

const COURSES: &[(&str, &str, i32, i32)] = &[
    ("Sicurezza sui luoghi di lavoro - formazione generale", "sicurezza", 2, 8),
    ("Conduzione di carrelli elevatori (patentino muletto)", "logistica", 2, 12),
    ("HACCP per addetti alla manipolazione degli alimenti", "ristorazione", 2, 12),
    ("Inglese livello B1", "lingue", 3, 60),
    ("Italiano per stranieri livello A2", "lingue", 2, 80),
    ("Competenze digitali di base", "informatica", 2, 40),
    ("Contabilità e paghe", "amministrazione", 4, 120),
    ("Operatore socio sanitario (OSS)", "sanità e assistenza", 3, 1000),
    ("Saldatura a filo e TIG", "meccanica", 3, 200),
    ("Aiuto cuoco", "ristorazione", 3, 300),
    ("Marketing digitale e social media", "comunicazione", 4, 80),
    ("Programmazione web", "informatica", 5, 400),
    ("Addetto alla logistica di magazzino", "logistica", 3, 150),
    ("Manutenzione del verde", "agricoltura", 3, 120),
    ("Assistenza familiare (badante)", "sanità e assistenza", 3, 120),
    ("Elettricista installatore", "impianti", 3, 400),
];

const PUC: &[(&str, &str)] = &[
    ("Cura del verde pubblico e dei parchi", "ambientale"),
    ("Supporto alla biblioteca comunale", "culturale"),
    ("Accompagnamento di anziani e persone fragili", "sociale"),
    ("Sorveglianza all'uscita delle scuole", "sociale"),
    ("Custodia e apertura di musei e siti culturali", "culturale"),
    ("Pulizia di spiagge, sentieri e aree pubbliche", "tutela dei beni comuni"),
    ("Supporto alle attività sportive comunali", "formativo"),
    ("Allestimento di eventi e manifestazioni", "artistico"),
    ("Raccolta e distribuzione di beni di prima necessità", "sociale"),
];

struct Lists {
    places: Vec<(String, String)>,
    place_weights: Weighted,
    common: Vec<(String, String)>,
    common_weights: Weighted,
    /// Job titles by CP2011 major group: (title, unit).
    by_group: BTreeMap<char, Vec<(String, String)>>,
    group_weights: Weighted,
    /// The skills that fit each CP2011 group or demo course (`data/occupation_skills.csv`).
    fitting: BTreeMap<String, Vec<String>>,
}

/// Which skills fit which CP2011 group (and demo course): see `data/SOURCES.md`.
const OCCUPATION_SKILLS: &str = include_str!("../../data/occupation_skills.csv");

fn fitting_skills() -> BTreeMap<String, Vec<String>> {
    let mut fitting: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(OCCUPATION_SKILLS.as_bytes());
    for record in reader.records().flatten() {
        if let (Some(group), Some(skill)) = (record.get(0), record.get(1)) {
            fitting.entry(group.to_string()).or_default().push(skill.to_string());
        }
    }
    fitting
}

fn lists() -> Lists {
    let v = vocabulary();
    let mut places = Vec::new();
    let mut weights = Vec::new();
    for m in store::reference::bundled_municipalities().unwrap_or_default() {
        weights.push(u64::try_from(m.population.unwrap_or(0).max(1)).unwrap_or(1));
        places.push((m.cadastral_code, m.name));
    }
    let mut common = Vec::new();
    let mut common_w = Vec::new();
    for (title, weight) in COMMON_JOBS {
        if let Some(hit) = v.search(SuggestionKind::Occupation, title, 1).into_iter().next() {
            common.push(((*title).to_string(), hit.code));
            common_w.push(*weight);
        }
    }
    let mut by_group: BTreeMap<char, Vec<(String, String)>> = BTreeMap::new();
    for (label, unit) in v.job_titles() {
        if let Some(group) = unit.chars().next() {
            by_group.entry(group).or_default().push((label.to_string(), unit.to_string()));
        }
    }
    let groups: Vec<u64> =
        GROUP_WEIGHTS.iter().map(|(g, w)| if by_group.contains_key(g) { *w } else { 0 }).collect();
    Lists {
        places,
        place_weights: Weighted::new(weights),
        common,
        common_weights: Weighted::new(common_w),
        by_group,
        group_weights: Weighted::new(groups),
        fitting: fitting_skills(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn employer(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(SURNAMES), rng.pick(&SECTORS), rng.pick(FORMS))
}

/// `n` different skills that fit `group`: the most specific group of the mapping that holds a
/// prefix of it ("5.2.2.1.0" → "5.2" → "5"), or a course's own entry.
fn skills(rng: &mut Rng, l: &Lists, group: &str, n: usize) -> Vec<String> {
    let mut key = group;
    let fitting = loop {
        if let Some(list) = l.fitting.get(key) {
            break list.as_slice();
        }
        match key.rsplit_once('.') {
            Some((parent, _)) => key = parent,
            None => break &[],
        }
    };
    let mut pool: Vec<&String> = fitting.iter().collect();
    let mut out = Vec::new();
    while out.len() < n && !pool.is_empty() {
        let i = usize::try_from(rng.below(pool.len() as u64)).unwrap_or(0);
        out.push(pool.swap_remove(i).clone());
    }
    out
}

fn dates(rng: &mut Rng, today: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    // Published in the last 60 days, for 30 to 61 days: about a quarter are already expired.
    let published = today - Duration::days(rng.range(0, 60));
    let expires = (published + Duration::days(rng.range(30, 61))).min(latest_expiry(published));
    let starts = published + Duration::days(rng.range(7, 75));
    (published, expires, starts)
}

fn ad(rng: &mut Rng, l: &Lists, today: NaiveDate) -> Ad {
    let v = vocabulary();
    let (code, town) = &l.places[l.place_weights.draw(rng)];
    let (published_on, expires_on, starts_on) = dates(rng, today);
    let roll = rng.below(100);
    let kind = match roll {
        0..62 => Kind::Job,
        62..76 => Kind::Course,
        76..90 => Kind::Internship,
        _ => Kind::Puc,
    };
    let mut ad = Ad {
        kind,
        title: String::new(),
        organisation: String::new(),
        description: String::new(),
        occupation_code: None,
        municipality_code: Some(code.clone()),
        online: false,
        contract: None,
        duration_months: None,
        hours_pct: None,
        total_hours: None,
        pay_monthly: None,
        eqf_level: None,
        topic: None,
        starts_on,
        ends_on: None,
        published_on,
        expires_on,
        skills: Vec::new(),
        seats: None,
    };
    match kind {
        Kind::Job | Kind::Internship => {
            let (title, unit) = if rng.chance(45) {
                l.common[l.common_weights.draw(rng)].clone()
            } else {
                let group = GROUP_WEIGHTS[l.group_weights.draw(rng)].0;
                l.by_group.get(&group).map(|t| rng.pick(t).clone()).unwrap_or_default()
            };
            let group = unit.chars().next().and_then(|c| c.to_digit(10)).unwrap_or(9) as usize;
            let duty = DUTIES[group.clamp(1, 9) - 1];
            let who = employer(rng);
            let how_many = usize::try_from(rng.range(3, 6)).unwrap_or(3);
            let wanted = skills(rng, l, &unit, how_many);
            let wanted_labels: Vec<&str> =
                wanted.iter().filter_map(|s| v.label(SuggestionKind::Skill, s)).collect();
            let full_time = rng.chance(65);
            let hours = if full_time { 100 } else { *rng.pick(&[50, 60, 62, 75, 80, 87]) };
            ad.occupation_code = Some(unit);
            ad.hours_pct = Some(hours);
            ad.skills = wanted;
            ad.organisation = who.clone();
            if kind == Kind::Job {
                let contract = match rng.below(100) {
                    0..25 => Contract::Permanent,
                    25..65 => Contract::FixedTerm,
                    65..73 => Contract::Apprenticeship,
                    73..90 => Contract::Agency,
                    _ => Contract::Seasonal,
                };
                ad.contract = Some(contract);
                if contract.is_temporary() {
                    let months = if contract == Contract::Seasonal { (2, 6) } else { (1, 24) };
                    ad.duration_months =
                        Some(i32::try_from(rng.range(months.0, months.1)).unwrap_or(6));
                }
                if rng.chance(70) {
                    let base = 1_150 + 150 * i64::try_from(9 - group.min(8)).unwrap_or(0);
                    let pay = (base + rng.range(0, 400)) * i64::from(hours) / 100;
                    ad.pay_monthly = Some(i32::try_from(pay / 10 * 10).unwrap_or(1_200));
                }
                ad.title = format!("{}{}", capitalised(&title), rng.pick(TITLE_EXTRAS));
                ad.description = format!(
                    "{who} cerca {title} per la sede di {town}. La persona dovrà {duty}. \
                     Requisiti graditi: {}. Si offre contratto {}{}, orario al {hours}% del \
                     tempo pieno e inserimento in un gruppo di lavoro stabile.",
                    wanted_labels.join(", "),
                    contract_text(contract),
                    ad.duration_months.map(|m| format!(" di {m} mesi")).unwrap_or_default(),
                    title = title.to_lowercase(),
                );
            } else {
                ad.duration_months = Some(i32::try_from(rng.range(3, 12)).unwrap_or(6));
                ad.pay_monthly = Some(i32::try_from(rng.range(50, 80) * 10).unwrap_or(600));
                ad.title = format!("Tirocinio come {}", title.to_lowercase());
                ad.description = format!(
                    "Tirocinio extracurricolare presso {who} a {town}: imparerai a {duty}, \
                     affiancato da un tutor aziendale. Competenze che svilupperai: {}. \
                     Indennità mensile di partecipazione secondo la normativa regionale.",
                    wanted_labels.join(", "),
                );
            }
        }
        Kind::Course => {
            let (title, topic, eqf, hours) = *rng.pick(COURSES);
            ad.online = rng.chance(30);
            if ad.online {
                ad.municipality_code = None;
            }
            ad.title = title.to_string();
            ad.topic = Some(topic.to_string());
            ad.eqf_level = Some(eqf);
            ad.total_hours = Some(hours);
            ad.ends_on = Some(starts_on + Duration::days(i64::from(hours / 4).max(1)));
            ad.organisation = if rng.chance(50) {
                format!("Centro di formazione professionale di {town}")
            } else {
                format!("Ente di formazione {} {}", rng.pick(SURNAMES), rng.pick(FORMS))
            };
            ad.skills = skills(rng, l, &format!("corso:{title}"), 2);
            ad.description = format!(
                "Corso gratuito di {hours} ore ({}), area {topic}. Al termine si ottiene un \
                 attestato di frequenza valido in tutta Italia. Riservato a persone in cerca di \
                 lavoro e beneficiari di ADI e SFL.",
                if ad.online { "online".to_string() } else { format!("in presenza a {town}") },
            );
        }
        Kind::Puc => {
            let (title, topic) = *rng.pick(PUC);
            ad.title = title.to_string();
            ad.topic = Some(topic.to_string());
            ad.organisation = format!("Comune di {town}");
            ad.hours_pct = Some(*rng.pick(&[20, 25, 30, 40]));
            let months = rng.range(3, 12);
            ad.duration_months = Some(i32::try_from(months).unwrap_or(6));
            ad.ends_on = Some(starts_on + Duration::days(months * 30));
            ad.description = format!(
                "Progetto utile alla collettività del Comune di {town}, ambito {topic}. Per i \
                 beneficiari di ADI, da 8 a 16 ore a settimana, con copertura assicurativa a \
                 carico del Comune."
            );
        }
    }
    ad
}

fn contract_text(c: Contract) -> &'static str {
    match c {
        Contract::Permanent => "a tempo indeterminato",
        Contract::FixedTerm => "a tempo determinato",
        Contract::Apprenticeship => "di apprendistato",
        Contract::Agency => "in somministrazione",
        Contract::Seasonal => "stagionale",
    }
}

/// `size` ads for the catalogue, deterministic for a given seed and day.
pub fn generate(size: usize, seed: u64, today: NaiveDate) -> Vec<Ad> {
    let l = lists();
    let mut rng = Rng::new(seed);
    let mut ads: Vec<Ad> = (0..size).map(|_| ad(&mut rng, &l, today)).collect();
    // Published in date order, as real ads are (one at a time, on their day): ids then follow
    // publication, which "newest first" relies on.
    ads.sort_by_key(|ad| ad.published_on);
    ads
}

/// Counts per region and per kind, for the seeding command's report.
pub fn report(ads: &[Ad]) -> String {
    let v = vocabulary();
    let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for ad in ads {
        let region =
            ad.municipality_code.as_deref().and_then(|c| v.region_of(c)).unwrap_or("(online)");
        *regions.entry(region).or_default() += 1;
        *kinds.entry(ad.kind.code()).or_default() += 1;
    }
    let mut out = format!("{} opportunities\nby kind:\n", ads.len());
    for (kind, n) in kinds {
        out.push_str(&format!("  {kind:<12} {n:>8}\n"));
    }
    out.push_str("by region:\n");
    for (region, n) in regions {
        out.push_str(&format!("  {region:<30} {n:>8}\n"));
    }
    out
}

/// Generates and publishes `size` ads, in transactions of a few thousand.
pub async fn seed(
    db: &DatabaseConnection,
    size: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<Vec<Ad>, PublishError> {
    let today = domain::calendar::rome_date(now);
    let ads = generate(size, seed, today);
    for chunk in ads.chunks(5_000) {
        publish_many(db, chunk, now).await?;
    }
    Ok(ads)
}

/// The embedded demo's catalogue: tops it up to `size` live ads, so a long-running demo never
/// runs dry as ads expire. Returns how many were added.
pub async fn top_up(
    db: &DatabaseConnection,
    size: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let today = domain::calendar::rome_date(now);
    let live = usize::try_from(store::catalog::live_count(db, today).await?).unwrap_or(usize::MAX);
    // About a quarter of generated ads are already expired: ask for enough that about `size`
    // are live, and top up again once a quarter of those have expired.
    if live >= size * 3 / 4 {
        return Ok(0);
    }
    let missing = (size - live) * 4 / 3 + 1;
    seed(db, missing, DEMO_SEED ^ live as u64, now).await?;
    Ok(missing)
}

/// The demo catalogue's seed (any fixed number: the same catalogue at every fresh start).
pub const DEMO_SEED: u64 = 20_261_126;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_catalogue_and_every_ad_is_valid() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let a = generate(2_000, 7, today);
        assert_eq!(a, generate(2_000, 7, today));
        for ad in &a {
            assert!(ad.check(vocabulary()).is_empty(), "{ad:?}: {:?}", ad.check(vocabulary()));
        }
        let jobs = a.iter().filter(|ad| ad.kind == Kind::Job).count();
        assert!((1_100..1_400).contains(&jobs), "{jobs}");
        let warehouse = a.iter().filter(|ad| ad.title.starts_with("Magazziniere")).count();
        assert!(warehouse > 20, "{warehouse}");
        // Lombardy (about a sixth of Italians) gets about a sixth of the places.
        let lombardy = a
            .iter()
            .filter(|ad| {
                ad.municipality_code.as_deref().and_then(|c| vocabulary().region_of(c))
                    == Some("Lombardia")
            })
            .count();
        assert!((250..420).contains(&lombardy), "{lombardy}");
        assert!(report(&a).contains("Lombardia"));
    }

    #[test]
    fn ads_ask_for_skills_that_fit_their_occupation() {
        let fitting = fitting_skills();
        let v = vocabulary();
        for (group, skills) in &fitting {
            for skill in skills {
                assert!(v.label(SuggestionKind::Skill, skill).is_some(), "{group}: {skill}");
            }
        }
        for major in '1'..='9' {
            assert!(fitting.contains_key(&major.to_string()), "major group {major}");
        }
        for (title, ..) in COURSES {
            assert!(fitting.contains_key(&format!("corso:{title}")), "{title}");
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let ads = generate(2_000, 7, today);
        // A warehouse ad asks for warehouse skills, never for CNC lasers or fluid dynamics.
        let odd = [
            "essere-addetto-a-macchine-per-il-taglio-laser-cnc",
            "software-cae",
            "biologia",
            "fluidodinamica-computazionale-cfd",
        ];
        for ad in ads.iter().filter(|ad| ad.title.starts_with("Magazziniere")) {
            assert!(ad.skills.iter().all(|s| !odd.contains(&s.as_str())), "{ad:?}");
            assert!(
                ad.skills.iter().any(|s| s.contains("magazzino")
                    || s.contains("turni")
                    || s.contains("istruzioni")
                    || s.contains("gruppo")
                    || s.contains("tempo")
                    || s.contains("fogli")
                    || s.contains("computer")
                    || s.contains("dettagli")
                    || s.contains("fornitori")),
                "{ad:?}"
            );
        }
        for ad in ads.iter().filter(|ad| ad.kind == Kind::Job || ad.kind == Kind::Internship) {
            assert!(!ad.skills.is_empty(), "{ad:?}");
        }
    }
}
