//! Helpers shared by the integration tests.

use kgx::graph::KnowledgeGraph;
use kgx::{Document, Pipeline};
use petgraph::visit::EdgeRef;
use std::sync::OnceLock;

/// The example articles (`examples/*.txt`), sorted.
pub fn example_articles() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::embedded().expect("embedded ontology loads"))
}

/// Readable facts: `[subject]Class --predicate--> [object]Class {role|claim}`.
pub fn facts(text: &str) -> Vec<String> {
    let doc = Document::new("t", text);
    let mut g = KnowledgeGraph::new();
    g.add(&doc, &pipeline().run(&doc).facts());
    render(&g)
}

/// The entities found: `label/Class [alias, alias]`, sorted.
pub fn entities(text: &str) -> Vec<String> {
    let doc = Document::new("t", text);
    let mut g = KnowledgeGraph::new();
    g.add(&doc, &pipeline().run(&doc).facts());
    let mut out: Vec<String> = g
        .graph()
        .node_weights()
        .map(|n| {
            let aliases: Vec<&str> = n.aliases.iter().map(String::as_str).collect();
            format!(
                "{}/{} [{}]",
                n.label,
                n.class.local_name(),
                aliases.join(", ")
            )
        })
        .collect();
    out.sort();
    out
}

pub fn render(g: &KnowledgeGraph) -> Vec<String> {
    let gr = g.graph();
    let mut out: Vec<String> = gr
        .edge_references()
        .map(|e| {
            let (s, o, f) = (&gr[e.source()], &gr[e.target()], e.weight());
            let extra = f
                .role
                .as_deref()
                .or(f.claim.as_deref())
                .map(|x| format!(" {{{x}}}"))
                .unwrap_or_default();
            format!(
                "[{}]{} --{}--> [{}]{}{}",
                s.label,
                s.class.local_name(),
                f.predicate.local_name(),
                o.label,
                o.class.local_name(),
                extra
            )
        })
        .collect();
    out.sort();
    out
}

/// Asserts that some fact line contains every fragment.
#[track_caller]
pub fn assert_fact(text: &str, fragments: &[&str]) {
    let all = facts(text);
    assert!(
        all.iter().any(|f| fragments.iter().all(|x| f.contains(x))),
        "no fact with {fragments:?} in {text:?}; got:\n{}",
        all.join("\n")
    );
}

/// Asserts that no fact line contains every fragment.
#[track_caller]
pub fn assert_no_fact(text: &str, fragments: &[&str]) {
    let all = facts(text);
    assert!(
        !all.iter().any(|f| fragments.iter().all(|x| f.contains(x))),
        "unexpected fact with {fragments:?} in {text:?}; got:\n{}",
        all.join("\n")
    );
}

/// The text of the sentence a piece of JSON evidence names, from the graph's sentence table.
pub fn evidence_sentence<'a>(graph: &'a serde_json::Value, ev: &serde_json::Value) -> &'a str {
    graph["sentences"]
        .as_array()
        .expect("a sentence table")
        .iter()
        .find(|s| s["doc"] == ev["doc"] && s["sentence"] == ev["sentence"])
        .and_then(|s| s["text"].as_str())
        .expect("the evidence's sentence is in the table")
}

/// Whether Graphviz (`dot`, `sfdp`) is installed (scripts/test.sh installs it); a test that
/// needs it says so on stderr, naming itself, and passes without it.
pub fn graphviz_available(test: &str) -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIPPED: {test}: Graphviz is not installed (apt-get install graphviz); diagrams not laid out");
    }
    found
}
