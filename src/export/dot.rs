//! A plain Graphviz diagram, written by kgx itself: sorted, deterministic, every label escaped.

use crate::graph::KnowledgeGraph;
use crate::ontology::{Class, Ontology, Predicate};
use petgraph::visit::EdgeRef;
use std::fmt::Write;

/// Escapes text for a double-quoted DOT string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn style(c: Class) -> (&'static str, &'static str) {
    match c {
        Class::Person => ("ellipse", "#cfe2ff"),
        Class::Organization | Class::Media => ("box", "#e2e3e5"),
        Class::University => ("box", "#d1e7dd"),
        Class::Lab => ("box", "#c3f0e0"),
        Class::Company => ("box", "#ffe5d0"),
        Class::Team => ("box3d", "#fff3cd"),
        Class::Model => ("component", "#f8d7da"),
        Class::Place => ("house", "#e0cffc"),
        Class::Event => ("octagon", "#fde2f3"),
        Class::Topic => ("note", "#f8f9fa"),
    }
}

fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in s.split_whitespace() {
        if line > 0 && line + w.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += w.len();
    }
    out
}

/// The graph as DOT.
pub fn to_dot(graph: &KnowledgeGraph, ontology: &Ontology) -> String {
    let g = graph.graph();
    let mut out = String::from("digraph kgx {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", style=filled];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let mut nodes: Vec<_> = g.node_indices().collect();
    nodes.sort_by(|a, b| (g[*a].class, &g[*a].label).cmp(&(g[*b].class, &g[*b].label)));
    for n in nodes {
        let node = &g[n];
        let (shape, color) = style(node.class);
        let _ = writeln!(
            out,
            "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{}\"];",
            n.index(),
            escape(&wrap(&node.label, 24)),
            escape(
                ontology
                    .classes
                    .get(&node.class)
                    .map_or("", |c| c.label.as_str())
            ),
        );
    }
    let mut edges: Vec<_> = g.edge_references().collect();
    edges.sort_by_key(|e| (e.source().index(), e.target().index(), e.weight().predicate));
    for e in edges {
        let f = e.weight();
        let mut label = ontology.predicate_label(f.predicate).to_string();
        if let Some(r) = &f.role {
            label = format!("{label} ({r})");
        }
        let tooltip = f.claim.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "  n{} -> n{} [label=\"{}\", tooltip=\"{}\"{}];",
            e.source().index(),
            e.target().index(),
            escape(&wrap(&label, 28)),
            escape(tooltip),
            if f.predicate == Predicate::HoldsView {
                ", style=dashed"
            } else {
                ""
            },
        );
    }
    out.push_str("}\n");
    out
}
