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

/// A small deterministic generator for randomized tests (no external crates needed).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
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
