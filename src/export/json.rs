//! JSON in the shape `../shared/eval/FORMAT.md` describes, plus evidence offsets and rules.

use crate::graph::KnowledgeGraph;
use petgraph::visit::EdgeRef;
use serde_json::{json, Map, Value};

/// The graph as a JSON value: `{"entities": [...], "relations": [...]}`.
pub fn to_json_value(graph: &KnowledgeGraph) -> Value {
    let g = graph.graph();
    let entities: Vec<Value> = g
        .node_indices()
        .map(|n| {
            let node = &g[n];
            json!({
                "id": format!("e{}", n.index() + 1),
                "label": node.label,
                "type": node.class.local_name(),
                "aliases": node.aliases.iter().collect::<Vec<_>>(),
            })
        })
        .collect();
    let relations: Vec<Value> = g
        .edge_references()
        .map(|e| {
            let f = e.weight();
            let mut attrs = Map::new();
            if let Some(r) = &f.role {
                attrs.insert("role".into(), json!(r));
            }
            if let Some(c) = &f.claim {
                attrs.insert("claim".into(), json!(c));
            }
            let evidence: Vec<Value> = f
                .evidence
                .iter()
                .map(|ev| {
                    json!({
                        "doc": ev.doc,
                        "sentence": ev.sentence,
                        "start": ev.span.start,
                        "end": ev.span.end,
                        "text": ev.text,
                        "trigger": [ev.trigger.start, ev.trigger.end],
                        "rule": ev.rule,
                    })
                })
                .collect();
            json!({
                "subject": format!("e{}", e.source().index() + 1),
                "predicate": f.predicate.local_name(),
                "object": format!("e{}", e.target().index() + 1),
                "confidence": (f64::from(f.confidence) * 100.0).round() / 100.0,
                "attributes": attrs,
                "evidence": evidence,
            })
        })
        .collect();
    json!({ "entities": entities, "relations": relations })
}

/// The graph as JSON text, pretty or on one line.
pub fn to_json(graph: &KnowledgeGraph, pretty: bool) -> String {
    let v = to_json_value(graph);
    if pretty {
        serde_json::to_string_pretty(&v).unwrap_or_default()
    } else {
        v.to_string()
    }
}
