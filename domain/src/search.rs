//! The text analysis behind catalogue search, done here once so that SQLite's FTS5 and
//! PostgreSQL's text search index and match exactly the same words: text is folded (lowercase,
//! no accents, punctuation to spaces), Italian stop words are dropped and each word loses its
//! gender and number ending ([`stem`]), so "magazzinieri", "Magazziniere" and "magazzinière"
//! are one term. The engines then only see plain `[a-z0-9]` words separated by spaces.

/// Most words of a query looked at; the rest are ignored (the page says so).
pub const MAX_QUERY_TERMS: usize = 8;
/// Longest word kept: longer "words" are noise (and PostgreSQL refuses huge lexemes).
const MAX_WORD: usize = 40;

/// Lowercase, accents removed, anything not a letter or digit a space: "Caffè-Bar" and
/// "caffe bar" fold the same.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.push(base);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words too common to tell one ad from another (articles, prepositions, conjunctions).
const STOP_WORDS: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche", "che", "chi", "ci", "col",
    "come", "con", "da", "dagli", "dai", "dal", "dalla", "dalle", "dallo", "dei", "degli", "del",
    "della", "delle", "dello", "di", "e", "ed", "fra", "gli", "i", "il", "in", "la", "le", "lo",
    "ma", "negli", "nei", "nel", "nella", "nelle", "nello", "non", "o", "od", "per", "piu", "si",
    "su", "sui", "sul", "sulla", "sulle", "tra", "un", "una", "uno",
];

/// A light Italian stemmer (J. Savoy's plural and gender rules, as in Lucene's
/// ItalianLightStemmer): it removes the final vowel, and the `i`/`h` before it that spelling
/// adds ("cuoco"/"cuochi", "pulizia"/"pulizie", "operaio"/"operai"). Snowball's full stemmer was
/// tried and rejected: it reads "magazziniere" as a verb in "-ere" and stems it apart from its
/// plural "magazzinieri". Job titles vary by number and gender, rarely by derivation.
pub fn stem(word: &str) -> &str {
    let bytes = word.as_bytes();
    let n = bytes.len();
    // Short words stay whole, so a stem keeps at least three letters.
    if n < 4 || !word.is_ascii() {
        return word;
    }
    let before = bytes[n - 2];
    let cut = match bytes[n - 1] {
        b'e' | b'i' if before == b'i' || before == b'h' => 2,
        b'a' | b'o' if before == b'i' => 2,
        b'a' | b'e' | b'i' | b'o' => 1,
        _ => 0,
    };
    // Never leave fewer than three letters ("zia" is not "z").
    if n - cut < 3 { word } else { &word[..n - cut] }
}

/// Only ASCII letters and digits reach the engines, so no word can mean anything to a query
/// parser (FTS5 operators, tsquery syntax) and both tokenizers split the same way.
fn plain(word: &str) -> bool {
    !word.is_empty() && word.len() <= MAX_WORD && word.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The terms of a text, in order, repeats kept: what the index stores for an ad.
pub fn terms(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !STOP_WORDS.contains(w))
        .map(|w| stem(w).to_string())
        .filter(|w| plain(w))
        .collect()
}

/// Common English words of job searches and the Italian the ads are written in: the catalogue
/// is Italian, and a person searching in English should still find "magazziniere" by
/// "warehouse". `""`: a word that narrows nothing ("worker", "job") and is dropped.
const ENGLISH: &[(&str, &str)] = &[
    ("accountant", "contabile"),
    ("accounting", "contabilita"),
    ("assistant", ""),
    ("baker", "panettiere"),
    ("bricklayer", "muratore"),
    ("builder", "muratore"),
    ("care", "assistenza"),
    ("caregiver", "assistenza"),
    ("carer", "assistenza"),
    ("cashier", "cassiere"),
    ("chef", "cuoco"),
    ("cleaner", "pulizie"),
    ("cleaning", "pulizie"),
    ("community", "collettivita"),
    ("cook", "cuoco"),
    ("course", "corso"),
    ("courses", "corso"),
    ("driver", "autista"),
    ("electrician", "elettricista"),
    ("english", "inglese"),
    ("farm", "agricolo"),
    ("forklift", "carrellista"),
    ("gardener", "giardiniere"),
    ("hairdresser", "parrucchiere"),
    ("internship", "tirocinio"),
    ("job", ""),
    ("jobs", ""),
    ("kitchen", "cucina"),
    ("labourer", "operaio"),
    ("mechanic", "meccanico"),
    ("nurse", "infermiere"),
    ("plumber", "idraulico"),
    ("project", "progetto"),
    ("sales", "commesso"),
    ("shop", "commesso"),
    ("training", "formazione"),
    ("waiter", "cameriere"),
    ("waitress", "cameriere"),
    ("warehouse", "magazziniere"),
    ("welder", "saldatore"),
    ("worker", ""),
];

/// A query word in Italian: itself, or the Italian of a common English job word.
fn in_italian(word: &str) -> &str {
    ENGLISH.binary_search_by_key(&word, |(en, _)| en).map_or(word, |i| ENGLISH[i].1)
}

/// The distinct terms of a query, at most [`MAX_QUERY_TERMS`], and whether some were left out.
/// Common English job words are searched in Italian (see [`ENGLISH`]).
pub fn query_terms(text: &str) -> (Vec<String>, bool) {
    let folded = fold(text);
    let italian: Vec<&str> = folded.split(' ').map(in_italian).collect();
    let mut out: Vec<String> = Vec::new();
    let mut cut = false;
    for term in terms(&italian.join(" ")) {
        if out.contains(&term) {
            continue;
        }
        if out.len() == MAX_QUERY_TERMS {
            cut = true;
            break;
        }
        out.push(term);
    }
    (out, cut)
}

/// The indexed form of a text: its terms joined by single spaces, with a space at each end so
/// "does the title contain this term" is a plain substring test (` term `) on every backend.
pub fn index_text(parts: &[&str]) -> String {
    let mut out = String::from(" ");
    for part in parts {
        for term in terms(part) {
            out.push_str(&term);
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_accents_and_case_meet() {
        let one = terms("Magazziniere");
        assert_eq!(one, terms("magazzinieri"));
        assert_eq!(one, terms("MAGAZZINIÈRE"));
        assert_eq!(terms("addetta alle pulizie"), terms("Addetto pulizia"));
        assert_eq!(terms("città"), terms("citta"));
        assert_eq!(terms("cuoco"), terms("cuochi"));
        assert_eq!(terms("operaia"), terms("operai"));
        assert_eq!(terms("corso"), terms("corsi"));
        assert_eq!(terms("infermiera"), terms("infermieri"));
        // Short words and words ending in a consonant stay whole.
        assert_eq!(terms("bar ore b2 haccp"), ["bar", "ore", "b2", "haccp"]);
    }

    #[test]
    fn english_job_words_are_searched_in_italian() {
        assert!(ENGLISH.windows(2).all(|w| w[0].0 < w[1].0), "sorted, for the binary search");
        assert_eq!(query_terms("warehouse worker").0, terms("magazziniere"));
        assert_eq!(query_terms("English course").0, terms("inglese corso"));
        assert_eq!(query_terms("Cook").0, terms("cuoco"));
        // Italian words are left alone.
        assert_eq!(query_terms("magazziniere").0, terms("magazziniere"));
    }

    #[test]
    fn stop_words_and_punctuation_go() {
        assert_eq!(terms("il, la; di!"), Vec::<String>::new());
        assert_eq!(terms("operaio/a (turni)"), ["opera", "turn"]);
    }

    #[test]
    fn only_plain_words_survive() {
        for word in terms("'; DROP TABLE opportunity; -- \"x\" OR 1=1 * NEAR(a b) & | ! :") {
            assert!(plain(&word), "{word}");
        }
        assert!(terms(&"x".repeat(5000)).is_empty());
    }

    #[test]
    fn queries_keep_distinct_terms_up_to_the_limit() {
        let (terms, cut) = query_terms("cuoco cuochi aiuto cuoco");
        assert_eq!(terms.len(), 2);
        assert!(!cut);
        let (terms, cut) = query_terms("uno due tre quattro cinque sei sette otto nove dieci");
        assert_eq!(terms.len(), MAX_QUERY_TERMS);
        assert!(cut);
    }

    #[test]
    fn the_index_text_is_space_delimited() {
        let text = index_text(&["Magazziniere notturno", "Milano"]);
        assert!(text.starts_with(' ') && text.ends_with(' '));
        assert!(text.contains(&format!(" {} ", terms("magazzinieri")[0])));
    }
}
