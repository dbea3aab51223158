//! The reference lists a CV is coded against (server only), loaded once from the files in
//! `data/` compiled into the binary (see `data/SOURCES.md`): ISTAT CP2011 occupations and
//! the ministry's job titles, ESCO skills, municipalities and provinces.
//!
//! Searching them is what the autocomplete and the no-JavaScript fallback both call. The lists
//! are small (about 17,000 labels), so a scan over pre-folded labels answers in well under a
//! millisecond and needs no index.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use domain::catalog::Point;

use contract::cv::{Suggestion, SuggestionKind};

const OCCUPATIONS_CSV: &str = include_str!("../../data/occupations.csv");
const JOB_TITLES_CSV: &str = include_str!("../../data/occupations_voci.csv");
const SKILLS_CSV: &str = include_str!("../../data/skills.csv");

/// Most suggestions one search returns: what fits a phone screen above the keyboard.
pub const MAX_SUGGESTIONS: usize = 8;
/// Longest query looked at; longer input is cut, not refused.
const MAX_QUERY: usize = 80;

/// Among occupations, job titles sort before the names of their CP2011 units.
const TITLE_RANK: u32 = 0;
const UNIT_RANK: u32 = 1;

struct Entry {
    code: String,
    label: String,
    detail: String,
    /// Label folded for matching (see [`fold`]), split into words.
    words: Vec<String>,
    folded: String,
    /// Lower sorts first among equally good matches.
    rank: u32,
}

pub struct Vocabulary {
    occupations: Vec<Entry>,
    /// CP2011 units (level 5) by code: their label.
    units: HashMap<String, String>,
    skills: Vec<Entry>,
    skill_labels: HashMap<String, String>,
    municipalities: Vec<Entry>,
    municipality_labels: HashMap<String, String>,
    provinces: Vec<Entry>,
    province_labels: HashMap<String, String>,
    /// Cadastral code → province code.
    municipality_province: HashMap<String, String>,
    /// Municipalities then provinces ("Provincia di …"), for the catalogue's "where".
    places: Vec<Entry>,
    /// Cadastral code → the municipality's centroid and region.
    municipality_points: HashMap<String, (Point, String)>,
    /// Province code → its name.
    province_names: HashMap<String, String>,
    /// Province code → "Provincia di …".
    province_place_labels: HashMap<String, String>,
}

/// Lowercase, accents removed, punctuation to spaces (shared with catalogue search).
pub use domain::search::fold;

fn entry(code: String, label: String, detail: String, rank: u32) -> Entry {
    let folded = fold(&label);
    let words = folded.split(' ').map(str::to_string).collect();
    Entry { code, label, detail, words, folded, rank }
}

#[derive(Deserialize)]
struct OccupationRow {
    code: String,
    level: u8,
    label_it: String,
}

#[derive(Deserialize)]
struct JobTitleRow {
    unit_code_cp2011: String,
    is_unit_generic: u8,
    label_it: String,
}

#[derive(Deserialize)]
struct SkillRow {
    skill_key: String,
    label_it: String,
    category: String,
    rank_in_it_job_ads: u32,
}

fn load() -> Vocabulary {
    let mut units = HashMap::new();
    let mut occupations = Vec::new();
    let mut reader = csv::Reader::from_reader(OCCUPATIONS_CSV.as_bytes());
    // The files are compiled in; a test checks every row parses (`the_bundled_lists_are_complete`).
    for row in reader.deserialize::<OccupationRow>().flatten() {
        if row.level == 5 {
            units.insert(row.code.clone(), row.label_it.clone());
            // Unit names rank after job titles: people recognise "Magazziniere" sooner than
            // "Personale addetto a compiti di controllo, verifica e professioni assimilate".
            occupations.push(entry(row.code, row.label_it, String::new(), UNIT_RANK));
        }
    }
    let mut seen = HashSet::new();
    let mut reader = csv::Reader::from_reader(JOB_TITLES_CSV.as_bytes());
    for row in reader.deserialize::<JobTitleRow>().flatten() {
        // The generic title repeats the unit's name.
        if row.is_unit_generic == 1 || !units.contains_key(&row.unit_code_cp2011) {
            continue;
        }
        if seen.insert((row.unit_code_cp2011.clone(), fold(&row.label_it))) {
            let detail = units[&row.unit_code_cp2011].clone();
            occupations.push(entry(row.unit_code_cp2011, row.label_it, detail, TITLE_RANK));
        }
    }
    let mut skills = Vec::new();
    let mut skill_labels = HashMap::new();
    let mut reader = csv::Reader::from_reader(SKILLS_CSV.as_bytes());
    for row in reader.deserialize::<SkillRow>().flatten() {
        skill_labels.insert(row.skill_key.clone(), row.label_it.clone());
        skills.push(entry(row.skill_key, row.label_it, row.category, row.rank_in_it_job_ads));
    }
    let comuni = crate::reference::bundled_municipalities().unwrap_or_default();
    let mut municipalities = Vec::new();
    let mut municipality_labels = HashMap::new();
    let mut province_names = BTreeMap::new();
    let mut municipality_province = HashMap::new();
    let mut municipality_points = HashMap::new();
    let mut places = Vec::new();
    for m in comuni {
        municipality_province.insert(m.cadastral_code.clone(), m.province_code.clone());
        municipality_points.insert(
            m.cadastral_code.clone(),
            (Point { lat: m.latitude, lon: m.longitude }, m.region_name.clone()),
        );
        let label = format!("{} ({})", m.name, m.province_code);
        municipality_labels.insert(m.cadastral_code.clone(), label.clone());
        province_names.insert(m.province_code.clone(), m.province_name.clone());
        // Bigger places first: "Roma" before "Romagnano Sesia".
        let rank = u32::MAX - m.population.unwrap_or(0).max(0) as u32;
        let mut e = entry(m.cadastral_code, label, m.region_name, rank);
        // Match on the name only, not the province code in brackets.
        e.folded = fold(&m.name);
        e.words = e.folded.split(' ').map(str::to_string).collect();
        let mut place = entry(e.code.clone(), e.label.clone(), e.detail.clone(), e.rank);
        place.folded = e.folded.clone();
        place.words = e.words.clone();
        places.push(place);
        municipalities.push(e);
    }
    let mut provinces = Vec::new();
    let mut province_labels = HashMap::new();
    let mut province_place_labels = HashMap::new();
    for (code, name) in &province_names {
        province_labels.insert(code.clone(), format!("{name} ({code})"));
        let mut e = entry(code.clone(), name.clone(), String::new(), 0);
        e.words.push(fold(code));
        provinces.push(e);
        // After every municipality that matches as well: "Milano" the city before the province.
        province_place_labels.insert(code.clone(), format!("Provincia di {name}"));
        let mut p = entry(code.clone(), format!("Provincia di {name}"), String::new(), u32::MAX);
        // Found by its name alone or as "Provincia di …"; a bare name resolves to the city.
        p.folded = fold(name);
        places.push(p);
    }
    Vocabulary {
        occupations,
        units,
        skills,
        skill_labels,
        municipalities,
        municipality_labels,
        provinces,
        province_labels,
        municipality_province,
        places,
        municipality_points,
        province_names: province_names.into_iter().collect(),
        province_place_labels,
    }
}

/// The lists, parsed on first use.
pub fn vocabulary() -> &'static Vocabulary {
    static LISTS: OnceLock<Vocabulary> = OnceLock::new();
    LISTS.get_or_init(load)
}

/// How well `entry` matches the folded query words: `None` when some word is not the start of
/// a word of the label; otherwise lower is better (whole label starts with the query first).
fn score(entry: &Entry, query: &str, words: &[&str]) -> Option<u8> {
    if !words.iter().all(|w| entry.words.iter().any(|lw| lw.starts_with(w))) {
        return None;
    }
    Some(if entry.folded == query {
        0
    } else if entry.folded.starts_with(query) {
        1
    } else if entry.words.first().is_some_and(|first| first.starts_with(words[0])) {
        2
    } else {
        3
    })
}

fn search_in<'a>(entries: &'a [Entry], query: &str, limit: usize) -> Vec<&'a Entry> {
    let query: String = fold(&query.chars().take(MAX_QUERY).collect::<String>());
    if query.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = query.split(' ').collect();
    let mut hits: Vec<(u8, u32, usize, &Entry)> = entries
        .iter()
        .filter_map(|e| score(e, &query, &words).map(|s| (s, e.rank, e.label.len(), e)))
        .collect();
    hits.sort_by(|a, b| {
        (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then_with(|| a.3.label.cmp(&b.3.label))
    });
    hits.into_iter().take(limit).map(|h| h.3).collect()
}

impl Vocabulary {
    pub fn search(&self, kind: SuggestionKind, query: &str, limit: usize) -> Vec<Suggestion> {
        let entries = match kind {
            SuggestionKind::Occupation => &self.occupations,
            SuggestionKind::Skill => &self.skills,
            SuggestionKind::Municipality => &self.municipalities,
            SuggestionKind::Province => &self.provinces,
            SuggestionKind::Place => &self.places,
        };
        search_in(entries, query, limit)
            .into_iter()
            .map(|e| Suggestion {
                code: e.code.clone(),
                label: e.label.clone(),
                detail: e.detail.clone(),
            })
            .collect()
    }

    /// What a typed text stands for when the browser did not pick a suggestion (no
    /// JavaScript): the one entry whose label is exactly the text, else the single match.
    /// `Err` carries the candidates to choose from (empty: nothing matches).
    pub fn resolve(&self, kind: SuggestionKind, text: &str) -> Result<Suggestion, Vec<Suggestion>> {
        let found = self.search(kind, text, MAX_SUGGESTIONS);
        let folded = fold(text);
        if let Some(exact) = found.iter().find(|s| fold(&s.label) == folded) {
            return Ok(exact.clone());
        }
        // A place typed by its bare name ("Torino") is the municipality of that name, the
        // biggest if several share it; its province is "Provincia di Torino".
        if kind == SuggestionKind::Place
            && let Some(first) = search_in(&self.places, text, 1).first()
            && first.folded == folded
        {
            return Ok(Suggestion {
                code: first.code.clone(),
                label: first.label.clone(),
                detail: first.detail.clone(),
            });
        }
        if found.len() == 1 {
            return Ok(found[0].clone());
        }
        Err(found)
    }

    /// The province a municipality (cadastral code) is in.
    pub fn province_of(&self, municipality: &str) -> Option<&str> {
        self.municipality_province.get(municipality).map(String::as_str)
    }

    /// Every province, code and name, by name.
    pub fn provinces(&self) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> =
            self.provinces.iter().map(|p| (p.code.clone(), p.label.clone())).collect();
        all.sort_by(|a, b| a.1.cmp(&b.1));
        all
    }

    pub fn label(&self, kind: SuggestionKind, code: &str) -> Option<&str> {
        match kind {
            SuggestionKind::Occupation => self.units.get(code),
            SuggestionKind::Skill => self.skill_labels.get(code),
            SuggestionKind::Municipality => self.municipality_labels.get(code),
            SuggestionKind::Province => self.province_labels.get(code),
            SuggestionKind::Place if code.len() == 2 => self.province_place_labels.get(code),
            SuggestionKind::Place => self.municipality_labels.get(code),
        }
        .map(String::as_str)
    }

    /// The ministry's job titles with their CP2011 unit, in list order (what the autocomplete
    /// offers before the units' own names; the demo catalogue titles its ads with them).
    pub fn job_titles(&self) -> impl Iterator<Item = (&str, &str)> {
        self.occupations
            .iter()
            .filter(|e| e.rank == TITLE_RANK)
            .map(|e| (e.label.as_str(), e.code.as_str()))
    }

    /// Every skill key with its rank by frequency in Italian job ads (1 = most frequent).
    pub fn skills_by_frequency(&self) -> impl Iterator<Item = (&str, u32)> {
        self.skills.iter().map(|e| (e.code.as_str(), e.rank))
    }

    /// A municipality's centroid.
    pub fn point(&self, municipality: &str) -> Option<Point> {
        self.municipality_points.get(municipality).map(|(p, _)| *p)
    }

    /// A municipality's region.
    pub fn region_of(&self, municipality: &str) -> Option<&str> {
        self.municipality_points.get(municipality).map(|(_, r)| r.as_str())
    }

    /// A province's name ("Milano" for `MI`).
    pub fn province_name(&self, code: &str) -> Option<&str> {
        self.province_names.get(code).map(String::as_str)
    }
}

impl domain::cv::Vocabulary for Vocabulary {
    fn is_occupation(&self, code: &str) -> bool {
        self.units.contains_key(code)
    }
    fn is_skill(&self, key: &str) -> bool {
        self.skill_labels.contains_key(key)
    }
    fn is_municipality(&self, code: &str) -> bool {
        self.municipality_labels.contains_key(code)
    }
    fn is_province(&self, code: &str) -> bool {
        self.province_labels.contains_key(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lists_are_complete() {
        let v = vocabulary();
        assert_eq!(v.units.len(), 800, "CP2011 level-5 units");
        assert!(v.occupations.len() > 7_000, "units and job titles");
        assert_eq!(v.skills.len(), 350);
        assert_eq!(v.municipalities.len(), 7_894);
        assert_eq!(v.provinces.len(), v.provinces().len());
        assert!(v.provinces.len() >= 107);
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("  Caffè-Bar  ÀRTI "), "caffe bar arti");
    }

    #[test]
    fn job_titles_find_their_unit() {
        let v = vocabulary();
        let hits = v.search(SuggestionKind::Occupation, "magazzinier", 8);
        assert!(!hits.is_empty());
        assert!(hits[0].label.to_lowercase().starts_with("magazzinier"), "{hits:?}");
        assert!(v.units.contains_key(&hits[0].code));
        assert!(!hits[0].detail.is_empty());
    }

    #[test]
    fn words_match_in_any_order_and_without_accents() {
        let v = vocabulary();
        let hits = v.search(SuggestionKind::Occupation, "cuoco aiuto", 8);
        assert!(hits.iter().any(|h| fold(&h.label).contains("aiuto cuoco")), "{hits:?}");
        let roma = v.search(SuggestionKind::Municipality, "roma", 3);
        assert_eq!(roma[0].code, "H501");
        let forli = v.search(SuggestionKind::Municipality, "forli", 3);
        assert!(forli[0].label.starts_with("Forlì"), "{forli:?}");
    }

    #[test]
    fn places_are_municipalities_then_provinces() {
        let v = vocabulary();
        let milano = v.search(SuggestionKind::Place, "milano", 8);
        assert_eq!(milano[0].code, "F205");
        assert!(milano.iter().any(|p| p.code == "MI" && p.label == "Provincia di Milano"));
        assert_eq!(v.label(SuggestionKind::Place, "MI"), Some("Provincia di Milano"));
        assert_eq!(v.label(SuggestionKind::Place, "F205"), Some("Milano (MI)"));
        assert_eq!(v.province_name("MI"), Some("Milano"));
        assert_eq!(v.resolve(SuggestionKind::Place, "torino").unwrap().code, "L219");
        assert_eq!(v.resolve(SuggestionKind::Place, "Provincia di Torino").unwrap().code, "TO");
        assert_eq!(v.region_of("F205"), Some("Lombardia"));
        assert!(v.point("F205").is_some_and(|p| (p.lat - 45.46).abs() < 0.1));
    }

    #[test]
    fn resolving_takes_an_exact_label_or_a_single_match() {
        let v = vocabulary();
        assert_eq!(v.resolve(SuggestionKind::Province, "torino").unwrap().code, "TO");
        assert_eq!(v.resolve(SuggestionKind::Skill, "inglese").unwrap().code, "inglese");
        assert!(v.resolve(SuggestionKind::Skill, "zzzz").unwrap_err().is_empty());
        assert!(v.resolve(SuggestionKind::Occupation, "addetto").unwrap_err().len() > 1);
    }

    #[test]
    fn empty_or_huge_queries_are_harmless() {
        let v = vocabulary();
        assert!(v.search(SuggestionKind::Skill, " -- ", 8).is_empty());
        let long = "a".repeat(10_000);
        assert!(v.search(SuggestionKind::Occupation, &long, 8).is_empty());
    }
}
