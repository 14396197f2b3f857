//! Facts for a person to read: one block per fact, sorted by subject, relation and object — the
//! fact, its role or claim, and the sentence that states it (document, sentence counted from 1).
//!
//! ```text
//! Qiu Xipeng (person) —affiliated with→ Fudan University (university)
//!     role: professor
//!     seed-moss, sentence 2: "Qiu Xipeng, a professor at Fudan University, said …"
//! ```

use crate::graph::KnowledgeGraph;
use crate::ontology::Ontology;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

/// Longest evidence sentence shown, in characters (the whole one is in JSON and RDF).
const MAX_SENTENCE_CHARS: usize = 160;

/// One line of text: a label, role or claim can span lines of the article ("small\nmodels"),
/// and a line break inside it would end the fact's block early.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The graph's facts as readable text (empty for a graph without facts).
pub fn to_text(graph: &KnowledgeGraph, ontology: &Ontology) -> String {
    let g = graph.graph();
    let entity = |n: petgraph::graph::NodeIndex| {
        let node = &g[n];
        let class = ontology
            .classes
            .get(&node.class)
            .map_or(node.class.local_name(), |c| c.label.as_str());
        format!("{} ({class})", one_line(&node.label))
    };
    let mut facts: Vec<(String, String, String, String)> = g
        .edge_references()
        .map(|e| {
            let fact = e.weight();
            let mut block = String::new();
            if let Some(role) = &fact.role {
                let _ = writeln!(block, "    role: {}", one_line(role));
            }
            if let Some(claim) = &fact.claim {
                let _ = writeln!(block, "    claim: {}", one_line(claim));
            }
            if let Some(ev) = fact.evidence.first() {
                let sentence = one_line(&ev.text);
                let shown: String = sentence.chars().take(MAX_SENTENCE_CHARS).collect();
                let (shown, cut) = if shown.len() < sentence.len() {
                    // A cut just after a space would leave two spaces before the "…".
                    (shown.trim_end(), " …")
                } else {
                    (shown.as_str(), "")
                };
                let _ = write!(
                    block,
                    "    {}, sentence {}: \"{shown}{cut}\"",
                    ev.doc,
                    ev.sentence + 1
                );
                match fact.evidence.len() {
                    1 => block.push('\n'),
                    n => {
                        let _ = writeln!(block, " (and {} more)", n - 1);
                    }
                }
            }
            (
                entity(e.source()),
                ontology.predicate_label(fact.predicate).to_string(),
                entity(e.target()),
                block,
            )
        })
        .collect();
    facts.sort();
    let mut out = String::new();
    for (subject, predicate, object, block) in facts {
        let _ = writeln!(out, "{subject} —{predicate}→ {object}");
        out.push_str(&block);
    }
    out
}
