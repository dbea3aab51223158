//! The walls between the layers that the compiler does not keep by itself (ARCHITECTURE.md,
//! "Code map"): no module of any crate imports, directly or through others, a module that
//! imports it back; pages, components and the shared types never touch the database; the
//! server's handlers reach data only through `store`'s services.
//!
//! The module graph is read from the sources: every `crate::…` and `super::…` path a file names
//! is an edge to the deepest module it reaches (a file is a module; `mod.rs` is its folder's).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace's crates and where their modules live.
const CRATES: &[&str] =
    &["app/src", "contract/src", "domain/src", "migrations/src", "server/src", "store/src"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

type Module = Vec<String>;

/// The module a source file is: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`; `lib.rs` and
/// `main.rs` the root. Binaries under `src/bin` are crates of their own and are left out.
fn module_of(src: &Path, file: &Path) -> Option<Module> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    if parts.last().is_some_and(|p| p == "mod") || parts == ["lib"] || parts == ["main"] {
        parts.pop();
    }
    Some(parts)
}

/// The text of a file without comments and without its unit tests (a test module may use
/// anything).
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: `crate::a::b::C` as `[a, b, C]`, `super::x` resolved against
/// the file's own module; `crate::{a, b::c}` as one path per item.
fn paths_in(code: &str, module: &Module) -> Vec<Module> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !word(bytes[i - 1]);
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        if at_word_start && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            // Read `seg::seg::…`, with a brace group at the end.
            let mut j = i;
            let mut segments: Vec<String> = Vec::new();
            loop {
                let start = j;
                while j < bytes.len() && word(bytes[j]) {
                    j += 1;
                }
                segments.push(bytes[start..j].iter().collect());
                if bytes.get(j) == Some(&':') && bytes.get(j + 1) == Some(&':') {
                    j += 2;
                    if bytes.get(j) == Some(&'{') {
                        let close = bytes[j..].iter().position(|&c| c == '}').map_or(j, |p| j + p);
                        let group: String = bytes[j + 1..close].iter().collect();
                        for item in group.split(',') {
                            let mut path = segments.clone();
                            path.extend(item.trim().split("::").map(|s| s.trim().to_string()));
                            out.push(path);
                        }
                        segments.clear();
                        j = close;
                        break;
                    }
                } else {
                    break;
                }
            }
            if !segments.is_empty() {
                out.push(segments);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.into_iter()
        .filter_map(|path| {
            let mut base: Module = Vec::new();
            let mut rest = path.as_slice();
            if rest.first().is_some_and(|s| s == "crate") {
                rest = &rest[1..];
            } else {
                base = module.clone();
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            base.extend(rest.iter().filter(|s| !s.is_empty()).cloned());
            Some(base)
        })
        .collect()
}

/// Module → the modules it names (not its own ancestors or descendants).
fn module_graph(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Module, PathBuf> =
        files.into_iter().filter_map(|f| Some((module_of(src, &f)?, f))).collect();
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, file) in &modules {
        let edges = graph.entry(module.clone()).or_default();
        for path in paths_in(&code_of(file), module) {
            let target = (0..=path.len())
                .rev()
                .map(|k| path[..k].to_vec())
                .find(|p| modules.contains_key(p));
            if let Some(target) = target
                && !target.starts_with(module)
                && !module.starts_with(&target)
            {
                edges.insert(target);
            }
        }
    }
    graph
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'g Module, usize>,
        low: BTreeMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g Module) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    component.push(w.join("::"));
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_module_of_any_crate_imports_a_module_that_imports_it_back() {
    let root = workspace();
    let mut found = Vec::new();
    for krate in CRATES {
        let mut graph = module_graph(&root.join(krate));
        if *krate == "store/src" {
            // sea-orm declares a relation on both tables (`has_many` needs the other side's
            // `belongs_to`): the entity modules mirror the schema's foreign keys, not layering.
            for (module, edges) in graph.iter_mut() {
                if module.first().is_some_and(|m| m == "entity") {
                    edges.retain(|t| t.first().is_none_or(|m| m != "entity"));
                }
            }
        }
        found.extend(cycles(&graph).into_iter().map(|c| format!("{krate}: {}", c.join(" ↔ "))));
    }
    assert!(found.is_empty(), "import cycles between modules:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    // The check above passes only if it can fail: two modules naming each other are found.
    let graph: BTreeMap<Module, BTreeSet<Module>> = [
        (vec!["a".to_string()], BTreeSet::from([vec!["b".to_string()]])),
        (vec!["b".to_string()], BTreeSet::from([vec!["a".to_string()]])),
        (vec!["c".to_string()], BTreeSet::from([vec!["a".to_string()]])),
    ]
    .into();
    assert_eq!(cycles(&graph), vec![vec!["a".to_string(), "b".to_string()]]);
    let module = vec!["pages".to_string(), "cv".to_string()];
    assert_eq!(
        paths_in("use super::citizen::T; use crate::{request::use_lang, i18n};", &module),
        vec![
            vec!["pages".to_string(), "citizen".to_string(), "T".to_string()],
            vec!["request".to_string(), "use_lang".to_string()],
            vec!["i18n".to_string()],
        ]
    );
}

/// Files under `dir` (relative to the workspace) whose code contains one of `needles`.
fn files_naming(dir: &str, needles: &[&str]) -> Vec<String> {
    let root = workspace();
    let mut files = Vec::new();
    rust_files(&root.join(dir), &mut files);
    files
        .into_iter()
        .filter_map(|file| {
            let code = code_of(&file);
            let hits: Vec<&str> = needles.iter().copied().filter(|n| code.contains(n)).collect();
            (!hits.is_empty())
                .then(|| format!("{} names {hits:?}", file.strip_prefix(&root).unwrap().display()))
        })
        .collect()
}

#[test]
fn pages_components_and_shared_types_never_touch_the_database() {
    // The compiler keeps most of this (`store::entity` is private and `contract` has no
    // database dependency); this names the rule and catches a query built by hand.
    let mut found = files_naming("app/src", &["sea_orm", "store::entity", "Entity::find", "DbErr"]);
    found.extend(files_naming("contract/src", &["sea_orm", "store::", "axum", "leptos"]));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn server_handlers_reach_data_only_through_the_services() {
    let found = files_naming(
        "server/src",
        &["store::entity", "Entity::find", "Entity::insert", "Entity::update", "Entity::delete"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}
