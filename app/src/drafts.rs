//! The three-way merge the draft keeper (`components::DraftKeeper`) runs when a form's draft was
//! typed over a version the server has since replaced: pure, so it is tested here on the host.
//!
//! A form is a list of `(name, value)` pairs as the browser would send it (a checkbox group is
//! one name with several values). Values are compared per *field*: an autocomplete's hidden
//! `{name}_code` and `{name}_for` belong to the field `{name}`, so a choice takes all three.

use std::collections::{BTreeMap, BTreeSet};

/// A form's values, in form order.
pub type Snapshot = Vec<(String, String)>;

/// The field a control's name belongs to; `names` are all the names the form has.
pub fn field_of(name: &str, names: &BTreeSet<String>) -> String {
    for suffix in ["_code", "_for"] {
        if let Some(stem) = name.strip_suffix(suffix)
            && names.contains(stem)
        {
            return stem.to_string();
        }
    }
    name.to_string()
}

/// Values grouped by field, so a field is compared (and chosen) as a whole.
pub fn by_field(values: &Snapshot, names: &BTreeSet<String>) -> BTreeMap<String, Snapshot> {
    let mut out: BTreeMap<String, Snapshot> = BTreeMap::new();
    for (k, v) in values {
        out.entry(field_of(k, names)).or_default().push((k.clone(), v.clone()));
    }
    out
}

/// Merges what was typed (`mine`) with what the server has now (`theirs`), both grown from
/// `base`. A field changed on one side only takes that side; changed on both sides to the same
/// value, that value; changed on both to different values, it is a clash: the merge keeps
/// `mine` for it until the person chooses, and its field is listed.
pub fn merge(
    base: &Snapshot,
    mine: &Snapshot,
    theirs: &Snapshot,
    names: &BTreeSet<String>,
) -> (Snapshot, Vec<String>) {
    let (b, m, t) = (by_field(base, names), by_field(mine, names), by_field(theirs, names));
    let fields: BTreeSet<&String> = b.keys().chain(m.keys()).chain(t.keys()).collect();
    let empty = Snapshot::new();
    let mut merged = Snapshot::new();
    let mut clashes = Vec::new();
    for field in fields {
        let (bv, mv, tv) = (
            b.get(field).unwrap_or(&empty),
            m.get(field).unwrap_or(&empty),
            t.get(field).unwrap_or(&empty),
        );
        let chosen = if mv == bv || mv == tv {
            tv
        } else if tv == bv {
            mv
        } else {
            clashes.push(field.clone());
            mv
        };
        merged.extend(chosen.iter().cloned());
    }
    (merged, clashes)
}

/// `merged` with each clash settled: `keep_mine[i]` says whose value the clash `clashes[i]` takes.
pub fn settle(
    merged: &Snapshot,
    mine: &Snapshot,
    theirs: &Snapshot,
    clashes: &[String],
    keep_mine: &[bool],
    names: &BTreeSet<String>,
) -> Snapshot {
    let (mine, theirs) = (by_field(mine, names), by_field(theirs, names));
    let mut chosen = by_field(merged, names);
    for (field, keep) in clashes.iter().zip(keep_mine) {
        let side = if *keep { &mine } else { &theirs };
        chosen.insert(field.clone(), side.get(field).cloned().unwrap_or_default());
    }
    chosen.into_values().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn snap(pairs: &[(&str, &str)]) -> Snapshot {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn names(s: &[&Snapshot]) -> BTreeSet<String> {
        s.iter().flat_map(|s| s.iter().map(|(k, _)| k.clone())).collect()
    }

    fn value<'a>(s: &'a Snapshot, name: &str) -> Vec<&'a str> {
        s.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    #[test]
    fn one_sided_changes_merge_and_two_sided_ones_clash() {
        let base = snap(&[("phone", ""), ("address", "Via A"), ("nationality", "")]);
        let mine = snap(&[("phone", "333"), ("address", "Via A"), ("nationality", "italiana")]);
        let theirs = snap(&[("phone", "444"), ("address", "Via B"), ("nationality", "")]);
        let all = names(&[&base, &mine, &theirs]);
        let (merged, clashes) = merge(&base, &mine, &theirs, &all);
        assert_eq!(clashes, vec!["phone".to_string()]);
        assert_eq!(value(&merged, "address"), ["Via B"], "theirs alone changed it");
        assert_eq!(value(&merged, "nationality"), ["italiana"], "mine alone changed it");
        assert_eq!(value(&merged, "phone"), ["333"], "a clash keeps mine until chosen");
        let settled = settle(&merged, &mine, &theirs, &clashes, &[false], &all);
        assert_eq!(value(&settled, "phone"), ["444"]);
        assert_eq!(value(&settled, "nationality"), ["italiana"]);
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_clash() {
        let base = snap(&[("phone", "")]);
        let both = snap(&[("phone", "333")]);
        let (merged, clashes) = merge(&base, &both, &both, &names(&[&base]));
        assert!(clashes.is_empty());
        assert_eq!(merged, both);
    }

    #[test]
    fn an_autocomplete_and_its_code_are_one_field() {
        let base = snap(&[
            ("municipality", "Roma"),
            ("municipality_code", "H501"),
            ("municipality_for", "Roma"),
        ]);
        let mine = snap(&[
            ("municipality", "Milano"),
            ("municipality_code", "F205"),
            ("municipality_for", "Milano"),
        ]);
        let theirs = snap(&[
            ("municipality", "Torino"),
            ("municipality_code", "L219"),
            ("municipality_for", "Torino"),
        ]);
        let all = names(&[&base]);
        let (merged, clashes) = merge(&base, &mine, &theirs, &all);
        assert_eq!(clashes, vec!["municipality".to_string()], "one clash, not three");
        let settled = settle(&merged, &mine, &theirs, &clashes, &[false], &all);
        assert_eq!(value(&settled, "municipality_code"), ["L219"], "the code follows the choice");
    }

    #[test]
    fn a_checkbox_group_is_compared_as_a_whole() {
        let base = snap(&[("licence", "B")]);
        let mine = snap(&[("licence", "A"), ("licence", "B")]);
        let theirs = snap(&[("licence", "B")]);
        let (merged, clashes) = merge(&base, &mine, &theirs, &names(&[&base, &mine]));
        assert!(clashes.is_empty());
        assert_eq!(value(&merged, "licence"), ["A", "B"]);
        // Unticking everything is a change too.
        let none = Snapshot::new();
        let (merged, clashes) = merge(&base, &none, &theirs, &names(&[&base]));
        assert!(clashes.is_empty());
        assert!(value(&merged, "licence").is_empty());
    }

    fn form() -> impl Strategy<Value = Snapshot> {
        proptest::collection::vec(("[a-c]", "[xyz]{0,2}"), 0..6)
            .prop_map(|pairs| pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    proptest! {
        /// Nobody's edit is lost: every field of the merge equals mine or theirs, a field that
        /// differs from theirs and from mine cannot appear, and an untouched side never wins
        /// over a change.
        #[test]
        fn nothing_is_lost_or_invented(base in form(), mine in form(), theirs in form()) {
            let all = names(&[&base, &mine, &theirs]);
            let (merged, clashes) = merge(&base, &mine, &theirs, &all);
            let (b, m, t, r) = (by_field(&base, &all), by_field(&mine, &all), by_field(&theirs, &all), by_field(&merged, &all));
            let empty = Snapshot::new();
            for field in &all {
                let get = |x: &BTreeMap<String, Snapshot>| x.get(field).cloned().unwrap_or_else(|| empty.clone());
                let (bv, mv, tv, rv) = (get(&b), get(&m), get(&t), get(&r));
                prop_assert!(rv == mv || rv == tv);
                if mv != bv && tv == bv { prop_assert_eq!(&rv, &mv); }
                if tv != bv && mv == bv { prop_assert_eq!(&rv, &tv); }
                prop_assert_eq!(clashes.contains(field), mv != bv && tv != bv && mv != tv);
            }
            // Mine against an unchanged server is mine; an unchanged draft takes the server.
            let (same, none) = merge(&base, &mine, &base, &all);
            prop_assert!(none.is_empty());
            prop_assert_eq!(by_field(&same, &all), by_field(&mine, &all));
            let (same, none) = merge(&base, &base, &theirs, &all);
            prop_assert!(none.is_empty());
            prop_assert_eq!(by_field(&same, &all), by_field(&theirs, &all));
        }
    }
}
