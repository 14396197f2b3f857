//! Layout rules that keep the data flowing one way (see src/lib.rs), checked by reading the
//! sources: which crates each file may use, and which of kgx's own modules each module may
//! import (`crate::…` paths, `use` lines or inline).
//!
//! The rules bind library code. A file's unit tests (everything after its first
//! `#[cfg(test)]`) may build a whole pipeline to test their stage, so they are not scanned;
//! the binary (`main.rs`, `cli.rs`) reaches the library only through `kgx::…`, which the
//! compiler checks against the public API.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string();
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn library_sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
}

#[test]
fn crates_are_used_only_where_the_layout_allows() {
    let files = library_sources();
    let rules: &[(&str, &[&str])] = &[
        (
            "oxigraph",
            &[
                "src/ontology/load.rs",
                // The typed IRI constants (`NamedNodeRef`), like oxrdf's own `vocab`.
                "src/ontology/vocab.rs",
                "src/export/rdf.rs",
                "src/export/rdf_writer.rs",
                "src/query/",
                "src/serve/",
            ],
        ),
        ("spareval", &["src/query/"]),
        ("petgraph", &["src/graph/", "src/export/"]),
        ("clap", &["src/main.rs", "src/cli.rs"]),
        ("anyhow", &["src/main.rs"]),
    ];
    for (krate, allowed) in rules {
        for (path, text) in &files {
            let uses = text
                .lines()
                .any(|l| l.trim_start().starts_with("use ") && l.contains(&format!("{krate}::")));
            if uses {
                assert!(
                    allowed.iter().any(|a| path.starts_with(a)),
                    "{path} uses {krate}"
                );
            }
        }
    }
}

/// Which of kgx's modules each module may import. An entry is a module ("ontology") or a path
/// inside one ("ontology::dep": that module only). Read down the table: each layer knows the
/// ones above it that it is listed with, never one below.
const LAYERS: &[(&str, &[&str])] = &[
    // Leaves: byte spans, frozen identifiers, word tables.
    ("span", &[]),
    ("identifier", &[]),
    ("word_table", &[]),
    // The crate's error type wraps the models' weight-loading error (`#[from]`), and nothing
    // else of them.
    ("error", &["model::perceptron"]),
    ("document", &["error"]),
    // The vocabulary: a leaf but for its error type and the word tables it is built of.
    ("ontology", &["error", "word_table"]),
    // Text owns its containers: no vocabulary, only the UD relation labels its tokens carry
    // (`ontology::dep`, which imports nothing).
    ("text", &["ontology::dep", "span", "word_table"]),
    // The learned backbone reads tokens and the vocabulary's classes.
    ("model", &["error", "ontology", "text"]),
    ("mention", &["model", "ontology", "span", "text"]),
    ("resolve", &["mention", "ontology"]),
    (
        "relation",
        &["mention", "model", "ontology", "resolve", "span", "text"],
    ),
    // The graph learns nothing of extraction: documents, vocabulary, spans, identifiers.
    (
        "graph",
        &["document", "identifier", "ontology", "span", "word_table"],
    ),
    // The pipeline runs the stages and turns their analysis into the graph's neutral facts.
    (
        "pipeline",
        &[
            "document", "error", "graph", "mention", "model", "ontology", "relation", "resolve",
            "span", "text",
        ],
    ),
    // Exporters see only the graph, the vocabulary and the document (plus the error type,
    // spans and the frozen identifiers their IRIs come from).
    (
        "export",
        &[
            "document",
            "error",
            "graph",
            "identifier",
            "ontology",
            "span",
        ],
    ),
    ("render", &["error"]),
    // The store writes its files atomically the way exports do (`export::temporary_path`).
    ("store", &["error", "export", "identifier"]),
    // Query decides what a data path holds: RDF, or articles in a document format
    // (`query::Input`, `document::InputFormat`).
    (
        "query",
        &["document", "error", "export", "ontology", "store"],
    ),
    ("corpus", &["document", "error", "pipeline"]),
    (
        "eval",
        &["document", "error", "export", "graph", "pipeline"],
    ),
    (
        "serve",
        &[
            "document", "error", "export", "graph", "ontology", "pipeline", "query", "render",
        ],
    ),
];

/// Names the crate root re-exports (`crate::Error`), and the module each comes from.
const FACADE: &[(&str, &str)] = &[
    ("Error", "error"),
    ("OntologyError", "error"),
    ("Document", "document"),
    ("Pipeline", "pipeline"),
    ("Analysis", "pipeline"),
    ("Parse", "pipeline"),
    ("KnowledgeGraph", "graph"),
    ("Ontology", "ontology"),
    ("Class", "ontology"),
    ("Predicate", "ontology"),
    ("Span", "span"),
    ("Format", "export"),
    ("to_json", "export"),
    ("to_dot", "export"),
    ("Dataset", "query"),
];

/// The module a source file belongs to ("src/text/pos.rs" → "text"); `None` for the crate
/// root and the binary.
fn module_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("src/")?;
    let name = rest.split('/').next()?.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main" | "cli")).then_some(name)
}

/// The library part of a file: comments dropped, unit tests cut off.
fn library_code(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::` path in the code, as written up to its first brace or non-path character;
/// a brace group (`crate::{a, b::c}`) gives one path per member.
fn crate_paths(code: &str) -> Vec<String> {
    let is_path = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `kgx_crate::` and the like
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for member in inner.split(',') {
                let member: String = member.trim().chars().take_while(|&c| is_path(c)).collect();
                if !member.is_empty() {
                    out.push(member.trim_end_matches(':').to_string());
                }
            }
        } else {
            let path: String = rest.chars().take_while(|&c| is_path(c)).collect();
            out.push(path.trim_end_matches(':').to_string());
        }
    }
    out
}

/// The path as its module names it: "text::pos::Pos" stays, a name the crate root re-exports
/// gets its module ("Error::Io" → "error::Error::Io"); `None` for a path into no known module.
fn module_path(path: &str) -> Option<String> {
    let first = path.split("::").next()?;
    if LAYERS.iter().any(|(m, _)| *m == first) {
        return Some(path.to_string());
    }
    FACADE
        .iter()
        .find(|(name, _)| *name == first)
        .map(|(_, m)| format!("{m}::{path}"))
}

/// Whether a rule admits the path: the module itself or a path inside it. A rule on a path
/// inside a module ("ontology::dep") needs the import to spell that path out.
fn allowed(rules: &[&str], path: &str) -> bool {
    rules
        .iter()
        .any(|rule| path == *rule || path.starts_with(&format!("{rule}::")))
}

#[test]
fn every_module_imports_only_what_its_layer_allows() {
    let rules: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut problems = Vec::new();
    for (path, text) in library_sources() {
        let Some(module) = module_of(&path) else {
            continue;
        };
        let Some(allowed_here) = rules.get(module) else {
            problems.push(format!("{path}: module {module} has no row in LAYERS"));
            continue;
        };
        for import in crate_paths(&library_code(&text)) {
            let Some(import) = module_path(&import) else {
                problems.push(format!(
                    "{path}: crate::{import} names no module in LAYERS or FACADE"
                ));
                continue;
            };
            if import.split("::").next() == Some(module) {
                continue;
            }
            if !allowed(allowed_here, &import) {
                problems.push(format!("{path}: {module} may not import crate::{import}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layer_table_has_no_cycle() {
    // Whole-module entries only: `error` → `model::perceptron` names one leaf file (the
    // weights' error type), which imports nothing of the crate.
    // Each row may name only rows above it: the table reads as a topological order.
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for (module, to) in LAYERS {
        for t in to.iter().filter(|t| !t.contains("::")) {
            assert!(
                done.contains(t),
                "{module} may import {t}, which comes later in LAYERS"
            );
        }
        done.insert(module);
    }
}

#[test]
fn text_owns_its_containers() {
    // Inside text/: the tagger's lexicon (pos) knows no tokens, sentences split before
    // tokens exist, and quotations read tokens.
    let rules: &[(&str, &[&str])] = &[
        ("src/text/sentence.rs", &[]),
        ("src/text/pos.rs", &[]),
        ("src/text/token.rs", &["sentence", "pos"]),
        ("src/text/quote.rs", &["sentence", "token"]),
    ];
    let siblings = ["sentence", "pos", "token", "quote"];
    for (path, text) in library_sources() {
        let Some((_, may)) = rules.iter().find(|(p, _)| *p == path) else {
            continue;
        };
        let code = library_code(&text);
        for sibling in siblings {
            let named = code.contains(&format!("super::{sibling}"))
                || code.contains(&format!("crate::text::{sibling}"));
            assert!(
                !named || may.contains(&sibling) || path.ends_with(&format!("{sibling}.rs")),
                "{path} imports text::{sibling}"
            );
        }
    }
}

#[test]
fn the_reader_finds_paths() {
    let code = "use crate::text::pos::Pos;\nlet x = crate::Error::Io;\nuse crate::{document, ontology::dep::Dep};";
    assert_eq!(
        crate_paths(code),
        [
            "text::pos::Pos",
            "Error::Io",
            "document",
            "ontology::dep::Dep"
        ]
    );
    assert!(allowed(&["ontology::dep"], "ontology::dep::Dep"));
    assert!(!allowed(&["ontology::dep"], "ontology::WordMap"));
    assert!(!allowed(&["ontology::dep"], "ontology::depth"));
    assert_eq!(library_code("a // crate::x\n#[cfg(test)]\ncrate::y"), "a ");
    assert_eq!(
        module_path("Error::Io").as_deref(),
        Some("error::Error::Io")
    );
}

#[test]
fn identifiers_know_no_stage() {
    // Ids and IRIs are a pure function of their input, frozen: they must not follow any stage.
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/identifier.rs"))
            .unwrap();
    assert!(
        crate_paths(&library_code(&text)).is_empty(),
        "src/identifier.rs imports from the crate"
    );
}

#[test]
fn only_the_products_namespaces_are_public() {
    // The stages stay crate-private (benches and tests reach them through `kgx::stages`);
    // making one public again is a decision for src/lib.rs's comment, and for this list.
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared = |prefix: &str| -> Vec<String> {
        lib.lines()
            .filter_map(|l| l.strip_prefix(prefix)?.strip_suffix(';'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        declared("pub mod "),
        [
            "corpus", "document", "eval", "export", "graph", "model", "query", "render", "serve",
            "store",
        ]
    );
    let private = declared("pub(crate) mod ");
    for stage in [
        "text", "mention", "resolve", "relation", "pipeline", "ontology",
    ] {
        assert!(
            private.iter().any(|m| m == stage),
            "{stage} is not crate-private"
        );
    }
    // The door is for benchmarks, the fuzzer and tests; the binary is a client of the API.
    for bin in ["src/main.rs", "src/cli.rs"] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(bin)).unwrap();
        assert!(!text.contains("kgx::stages"), "{bin} uses kgx::stages");
    }
}
