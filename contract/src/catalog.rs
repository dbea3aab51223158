//! The catalogue's search state and results, shared by the pages and the server functions.
//!
//! The whole search lives in the URL (`/opportunita?q=…&tipo=…&dove=…`), so a results page is
//! server-rendered, can be shared and bookmarked, and works without JavaScript. Parsing never
//! fails: a value that makes no sense is dropped and a [`Notice`] tells the person why, so bad
//! parameters give a normal page, never an error.

use domain::NaiveDate;
use domain::catalog::{Contract, Kind};
use serde::{Deserialize, Serialize};

/// Results per page: what a phone shows in a few screens and keeps a page light.
pub const PAGE_SIZE: u32 = 10;
/// Deepest page served; further on, people should narrow the search.
pub const MAX_PAGE: u32 = 100;
/// Longest text query kept (longer ones are cut, and the page says so).
pub const MAX_TEXT: usize = 200;
/// Radius bounds in km, and the values the form offers.
pub const MAX_RADIUS_KM: u16 = 200;
pub const RADII_KM: [u16; 7] = [5, 10, 20, 30, 50, 80, 100];
/// Minimum weekly hours (percent of full time) the form offers.
pub const HOURS_PCT: [u8; 5] = [20, 50, 60, 80, 100];
/// The `dove` value meaning "around my home" (signed-in people).
pub const HOME: &str = "casa";
/// Longest piece of a refused value echoed back in a notice.
const ECHO: usize = 40;

/// Where to search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Where {
    /// A municipality, by cadastral code.
    Municipality(String),
    /// A province, by its two-letter code.
    Province(String),
    /// The signed-in person's municipality (from the CV, else the household's).
    Home,
    /// Text not resolved yet (no JavaScript): the server looks it up in the list.
    Text(String),
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Best text match first; newest first when there is no text.
    #[default]
    Relevance,
    Distance,
    Newest,
    /// "Suggested for you": by affinity with the signed-in person's CV (`domain::matching`).
    Affinity,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Distance, Sort::Newest, Sort::Affinity];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "rilevanza",
            Sort::Distance => "distanza",
            Sort::Newest => "recenti",
            Sort::Affinity => "affinita",
        }
    }
}

/// A search, as the URL says it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogQuery {
    pub text: String,
    /// Empty: every kind. Sorted, no repeats.
    pub kinds: Vec<Kind>,
    pub place: Option<Where>,
    pub radius_km: Option<u16>,
    pub contract: Option<Contract>,
    /// At least this share of full time.
    pub min_hours_pct: Option<u8>,
    pub starts_from: Option<NaiveDate>,
    pub starts_by: Option<NaiveDate>,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
}

/// Why part of a search was ignored or changed, with the refused value where it helps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    TextCut,
    TooManyWords,
    UnknownKind(String),
    UnknownPlace(String),
    /// The text matches several places: the person picks one.
    AmbiguousPlace(String, Vec<(String, String)>),
    HomeNeedsSignIn,
    HomeUnknown,
    BadRadius(String),
    RadiusNeedsPlace,
    /// A radius around a province makes no sense: the province is searched whole.
    RadiusNeedsMunicipality,
    UnknownContract(String),
    BadHours(String),
    BadDate(String),
    DatesReversed,
    UnknownSort(String),
    DistanceNeedsPlace,
    /// Sorting by affinity needs a signed-in person with a CV.
    AffinityNeedsCv,
    BadPage(String),
    /// The page asked for is past the last one: the last one is shown.
    PageBeyond(u32),
    Unavailable,
}

fn echo(value: &str) -> String {
    value.chars().take(ECHO).collect()
}

impl CatalogQuery {
    /// Reads the URL's parameters (decoded pairs, in order). Unknown parameters are ignored,
    /// as links from elsewhere may carry tracking ones.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Self, Vec<Notice>) {
        let mut q = CatalogQuery { page: 1, ..Default::default() };
        let mut notices = Vec::new();
        let (mut place_text, mut place_code, mut place_for) = (None, None, None);
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "q" => {
                    if value.chars().count() > MAX_TEXT {
                        notices.push(Notice::TextCut);
                    }
                    q.text = value.chars().take(MAX_TEXT).collect::<String>().trim().to_string();
                }
                "tipo" if value.is_empty() => {}
                "tipo" => match Kind::parse(value) {
                    Some(kind) if !q.kinds.contains(&kind) => q.kinds.push(kind),
                    Some(_) => {}
                    None => notices.push(Notice::UnknownKind(echo(value))),
                },
                "dove" => place_text = Some(value.to_string()),
                "dove_code" => place_code = Some(value.to_string()),
                "dove_for" => place_for = Some(value.to_string()),
                "raggio" if value.is_empty() => {}
                "raggio" => match value.parse::<u16>() {
                    Ok(km) if (1..=MAX_RADIUS_KM).contains(&km) => q.radius_km = Some(km),
                    _ => notices.push(Notice::BadRadius(echo(value))),
                },
                "contratto" if value.is_empty() => {}
                "contratto" => match Contract::parse(value) {
                    Some(c) => q.contract = Some(c),
                    None => notices.push(Notice::UnknownContract(echo(value))),
                },
                "ore" if value.is_empty() => {}
                "ore" => match value.parse::<u8>() {
                    Ok(pct) if (1..=100).contains(&pct) => q.min_hours_pct = Some(pct),
                    _ => notices.push(Notice::BadHours(echo(value))),
                },
                "inizio_dal" | "inizio_entro" if value.is_empty() => {}
                "inizio_dal" | "inizio_entro" => {
                    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                        Ok(date) if key == "inizio_dal" => q.starts_from = Some(date),
                        Ok(date) => q.starts_by = Some(date),
                        Err(_) => notices.push(Notice::BadDate(echo(value))),
                    }
                }
                "ordine" if value.is_empty() => {}
                "ordine" => match Sort::ALL.into_iter().find(|s| s.code() == value) {
                    Some(sort) => q.sort = sort,
                    None => notices.push(Notice::UnknownSort(echo(value))),
                },
                "pagina" if value.is_empty() => {}
                "pagina" => match value.parse::<u64>() {
                    Ok(n) if n >= 1 => {
                        let page = u32::try_from(n).unwrap_or(u32::MAX);
                        if page > MAX_PAGE {
                            notices.push(Notice::PageBeyond(MAX_PAGE));
                        }
                        q.page = page.min(MAX_PAGE);
                    }
                    _ => notices.push(Notice::BadPage(echo(value))),
                },
                _ => {}
            }
        }
        q.kinds.sort();
        q.place = place_from(place_text, place_code, place_for);
        if let (Some(from), Some(by)) = (q.starts_from, q.starts_by)
            && from > by
        {
            notices.push(Notice::DatesReversed);
            q.starts_by = None;
        }
        q.check_place(&mut notices);
        (q, notices)
    }

    /// Drops what needs a place when there is none. A typed name is not judged yet: the server
    /// looks it up first and checks again.
    pub fn check_place(&mut self, notices: &mut Vec<Notice>) {
        if matches!(self.place, Some(Where::Text(_))) {
            return;
        }
        let point = matches!(self.place, Some(Where::Municipality(_) | Where::Home));
        if self.radius_km.is_some() && !point {
            notices.push(if matches!(self.place, Some(Where::Province(_))) {
                Notice::RadiusNeedsMunicipality
            } else {
                Notice::RadiusNeedsPlace
            });
            self.radius_km = None;
        }
        if self.sort == Sort::Distance && !point {
            notices.push(Notice::DistanceNeedsPlace);
            self.sort = Sort::Relevance;
        }
    }

    /// The canonical URL query (without `?`), `page` replaced; what links and the form use.
    pub fn to_query(&self, page: u32) -> String {
        let mut out = Vec::new();
        if !self.text.is_empty() {
            out.push(("q", self.text.clone()));
        }
        for kind in &self.kinds {
            out.push(("tipo", kind.code().to_string()));
        }
        match &self.place {
            Some(Where::Municipality(code) | Where::Province(code) | Where::Text(code)) => {
                out.push(("dove", code.clone()));
            }
            Some(Where::Home) => out.push(("dove", HOME.to_string())),
            None => {}
        }
        if let Some(km) = self.radius_km {
            out.push(("raggio", km.to_string()));
        }
        if let Some(c) = self.contract {
            out.push(("contratto", c.code().to_string()));
        }
        if let Some(pct) = self.min_hours_pct {
            out.push(("ore", pct.to_string()));
        }
        if let Some(d) = self.starts_from {
            out.push(("inizio_dal", d.format("%Y-%m-%d").to_string()));
        }
        if let Some(d) = self.starts_by {
            out.push(("inizio_entro", d.format("%Y-%m-%d").to_string()));
        }
        if self.sort != Sort::Relevance {
            out.push(("ordine", self.sort.code().to_string()));
        }
        if page > 1 {
            out.push(("pagina", page.to_string()));
        }
        out.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }

    /// The search's URL.
    pub fn href(&self, page: u32) -> String {
        let query = self.to_query(page);
        if query.is_empty() { "/opportunita".into() } else { format!("/opportunita?{query}") }
    }

    /// The same search sorted differently, from its first page.
    pub fn with_sort(&self, sort: Sort) -> CatalogQuery {
        CatalogQuery { sort, page: 1, ..self.clone() }
    }

    /// Whether the centre of a radius or distance is known.
    pub fn has_point(&self) -> bool {
        matches!(self.place, Some(Where::Municipality(_) | Where::Home))
    }
}

/// The place the URL names: a pick from the autocomplete when it still matches the text shown,
/// else the text itself (a code, `casa`, or a name to look up).
fn place_from(
    text: Option<String>,
    code: Option<String>,
    picked_for: Option<String>,
) -> Option<Where> {
    let text = text.unwrap_or_default();
    let code = match (code, picked_for) {
        (Some(code), Some(for_text)) if !code.is_empty() && for_text.trim() == text => code,
        _ => text.clone(),
    };
    if code.is_empty() {
        return None;
    }
    let bytes = code.as_bytes();
    Some(if code == HOME {
        Where::Home
    } else if bytes.len() == 4
        && bytes[0].is_ascii_uppercase()
        && bytes[1..].iter().all(u8::is_ascii_digit)
    {
        Where::Municipality(code)
    } else if bytes.len() == 2 && bytes.iter().all(u8::is_ascii_uppercase) {
        Where::Province(code)
    } else {
        Where::Text(code.chars().take(80).collect())
    })
}

/// `application/x-www-form-urlencoded` encoding of a value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One opportunity in a results list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: i64,
    pub kind: Kind,
    pub title: String,
    pub organisation: String,
    /// "Milano (MI)"; `None` for an online course.
    pub place: Option<String>,
    /// Rounded km from the search's centre.
    pub distance_km: Option<u32>,
    pub contract: Option<Contract>,
    pub duration_months: Option<i32>,
    pub hours_pct: Option<i32>,
    pub total_hours: Option<i32>,
    pub pay_monthly: Option<i32>,
    pub starts_on: NaiveDate,
    pub published_on: NaiveDate,
    /// The affinity with the signed-in person's CV, when sorting by it.
    pub affinity: Option<u32>,
    /// The signed-in person has applied for it.
    pub applied: bool,
}

/// A page of results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The search as understood (the place resolved, bad values dropped).
    pub query: CatalogQuery,
    pub notices: Vec<Notice>,
    /// What `query.place` is called ("Milano (MI)", "Provincia di Milano").
    pub place_label: Option<String>,
    pub total: u64,
    /// `total` is a lower bound: counting stops there.
    pub total_capped: bool,
    pub pages: u32,
    pub cards: Vec<Card>,
    pub signed_in: bool,
}

/// An opportunity's own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub card: Card,
    pub description: String,
    /// CP2011 unit label.
    pub occupation: Option<String>,
    pub skills: Vec<String>,
    pub region: Option<String>,
    pub online: bool,
    pub eqf_level: Option<i32>,
    pub topic: Option<String>,
    pub ends_on: Option<NaiveDate>,
    pub expires_on: NaiveDate,
    pub expired: bool,
    /// Where `card.distance_km` is measured from.
    pub origin: Option<String>,
    /// For a signed-in person with a CV: how the offer suits them.
    pub for_you: Option<ForYou>,
    /// Whether the person reading may apply (`None` for operators, who never apply).
    pub apply: Option<crate::candidacy::ApplyState>,
}

/// How an opportunity suits the signed-in person (skill and occupation names, not codes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForYou {
    pub affinity: domain::matching::Affinity,
    /// R27, for job offers.
    pub congruity: Option<domain::matching::Congruity>,
    /// R28: a PUC of at least 8 hours a week that may not be refused.
    pub puc_binding: bool,
    /// Whether the person's home is known (distance counts only then).
    pub has_home: bool,
    /// The benefit the person has now (`adi`, `sfl`): refusing a congruous offer has
    /// consequences only then.
    pub benefit: Option<String>,
}

/// Reads a raw URL query (`a=1&b=2`, still percent-encoded), as the server receives it.
pub fn parse_url_query(raw: &str) -> (CatalogQuery, Vec<Notice>) {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
    CatalogQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

// The tests decode URLs as the server does (`parse_url_query`).
#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> (CatalogQuery, Vec<Notice>) {
        parse_url_query(raw)
    }

    #[test]
    fn a_full_search_round_trips() {
        let raw = "q=magazziniere+notturno&tipo=lavoro&tipo=tirocinio&dove=F205&raggio=30&contratto=determinato&ore=60&inizio_dal=2026-12-01&inizio_entro=2027-01-31&ordine=distanza&pagina=3";
        let (q, notices) = parse(raw);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(q.text, "magazziniere notturno");
        assert_eq!(q.kinds, [Kind::Job, Kind::Internship]);
        assert_eq!(q.place, Some(Where::Municipality("F205".into())));
        assert_eq!((q.radius_km, q.min_hours_pct, q.page), (Some(30), Some(60), 3));
        assert_eq!(q.to_query(3), raw);
        assert_eq!(parse(&q.to_query(3)).0, q);
    }

    #[test]
    fn bad_values_become_notices_never_errors() {
        let (q, notices) = parse(
            "raggio=-5&tipo=astronave&contratto=x&ore=150&inizio_dal=ieri&ordine=caso&pagina=1000000000",
        );
        assert_eq!(q.radius_km, None);
        assert!(q.kinds.is_empty() && q.contract.is_none() && q.min_hours_pct.is_none());
        assert_eq!(q.page, MAX_PAGE);
        assert!(notices.contains(&Notice::BadRadius("-5".into())));
        assert!(notices.contains(&Notice::UnknownKind("astronave".into())));
        assert!(notices.contains(&Notice::PageBeyond(MAX_PAGE)));
        assert_eq!(notices.len(), 7, "{notices:?}");
        let (q, notices) = parse("pagina=0&raggio=abc");
        assert_eq!(q.page, 1);
        assert_eq!(notices.len(), 2);
    }

    #[test]
    fn huge_text_is_cut_and_echoes_are_short() {
        let long = "a".repeat(5000);
        let (q, notices) = parse(&format!("q={long}&tipo={long}"));
        assert_eq!(q.text.len(), MAX_TEXT);
        assert!(notices.contains(&Notice::TextCut));
        assert!(notices.contains(&Notice::UnknownKind("a".repeat(ECHO))));
    }

    #[test]
    fn a_radius_needs_a_municipality_or_home() {
        let (q, notices) = parse("raggio=30&ordine=distanza");
        assert_eq!((q.radius_km, q.sort), (None, Sort::Relevance));
        assert_eq!(notices, [Notice::RadiusNeedsPlace, Notice::DistanceNeedsPlace]);
        let (q, notices) = parse("dove=MI&raggio=30");
        assert_eq!(q.place, Some(Where::Province("MI".into())));
        assert_eq!(notices, [Notice::RadiusNeedsMunicipality]);
        let (q, _) = parse("dove=casa&raggio=30");
        assert_eq!((q.place, q.radius_km), (Some(Where::Home), Some(30)));
    }

    #[test]
    fn an_autocomplete_pick_counts_only_for_the_text_it_was_made_for() {
        let (q, _) = parse("dove=Milano+%28MI%29&dove_code=F205&dove_for=Milano+%28MI%29");
        assert_eq!(q.place, Some(Where::Municipality("F205".into())));
        let (q, _) = parse("dove=Monza&dove_code=F205&dove_for=Milano+%28MI%29");
        assert_eq!(q.place, Some(Where::Text("Monza".into())));
    }

    #[test]
    fn a_typed_place_keeps_its_radius_until_looked_up() {
        let (q, notices) = parse("dove=Torino&raggio=30");
        assert_eq!((q.place, q.radius_km), (Some(Where::Text("Torino".into())), Some(30)));
        assert!(notices.is_empty());
    }

    #[test]
    fn reversed_dates_drop_the_end() {
        let (q, notices) = parse("inizio_dal=2027-01-31&inizio_entro=2026-12-01");
        assert_eq!(q.starts_by, None);
        assert_eq!(notices, [Notice::DatesReversed]);
    }

    proptest::proptest! {
        /// Any search the page can express survives being written to a URL and read back.
        #[test]
        fn every_search_round_trips_through_its_url(
            text in "[a-zA-Zàèéìòù '\\-\"%&=+#?]{0,40}",
            kinds in proptest::sample::subsequence(Kind::ALL.to_vec(), 0..=4),
            place in 0u8..4,
            radius in proptest::option::of(1u16..=MAX_RADIUS_KM),
            contract in proptest::option::of(proptest::sample::select(Contract::ALL.to_vec())),
            hours in proptest::option::of(1u8..=100),
            start in proptest::option::of(0i64..2_000),
            sort in proptest::sample::select(Sort::ALL.to_vec()),
            page in 1u32..=MAX_PAGE,
        ) {
            let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let mut q = CatalogQuery {
                text: text.trim().to_string(),
                kinds,
                place: match place {
                    0 => None,
                    1 => Some(Where::Municipality("F205".into())),
                    2 => Some(Where::Province("MI".into())),
                    _ => Some(Where::Home),
                },
                radius_km: radius,
                contract,
                min_hours_pct: hours,
                starts_from: start.map(|d| base + chrono::Duration::days(d)),
                starts_by: start.map(|d| base + chrono::Duration::days(d + 30)),
                sort,
                page,
            };
            q.check_place(&mut Vec::new());
            let url = q.to_query(page);
            let (back, notices) = parse(&url);
            proptest::prop_assert!(notices.is_empty(), "{:?} from {}", notices, url);
            proptest::prop_assert_eq!(back, q);
        }
    }

    #[test]
    fn encoding_keeps_sql_and_markup_inert() {
        assert_eq!(encode("a b&c=d'\"<x>"), "a+b%26c%3Dd%27%22%3Cx%3E");
        let (q, _) = parse(&format!("q={}", encode("'; DROP TABLE opportunity; --")));
        assert_eq!(q.text, "'; DROP TABLE opportunity; --");
    }
}
