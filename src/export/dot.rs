//! Graphviz diagrams, written by kgx itself: sorted, deterministic, every label escaped.
//! Nodes are shaped and coloured by class, parallel facts between two entities share one edge,
//! long labels wrap, views are dashed edges with the claim as tooltip, and a legend explains
//! the shapes. Clusters group entities by source document or by organisation.

use crate::graph::select::Selection;
use crate::graph::KnowledgeGraph;
use crate::ontology::{Class, Ontology, Predicate};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// How to group entities into boxes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cluster {
    /// No grouping.
    #[default]
    None,
    /// One box per source document.
    Doc,
    /// One box per organisation, holding its people, teams and units.
    Org,
}

/// Diagram options.
#[derive(Clone, Debug, Default)]
pub struct DotOptions {
    /// The part of the graph to draw (all of it when `None`).
    pub selection: Option<Selection>,
    /// Grouping.
    pub cluster: Cluster,
    /// Leave the legend out.
    pub no_legend: bool,
}

/// Escapes text for a double-quoted DOT string: quotes and backslashes are escaped, newlines
/// become `\n`, other control characters are dropped. Nothing in a label can end the string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Shape and fill colour of a class.
pub fn style(c: Class) -> (&'static str, &'static str) {
    match c {
        Class::Person => ("ellipse", "#cfe2ff"),
        Class::Organization => ("box", "#e2e3e5"),
        Class::Media => ("box", "#f3e8ff"),
        Class::University => ("box", "#d1e7dd"),
        Class::Lab => ("box", "#b8ecd7"),
        Class::Company => ("box", "#ffe5d0"),
        Class::Team => ("box3d", "#fff3cd"),
        Class::Model => ("component", "#f8d7da"),
        Class::Place => ("house", "#e0cffc"),
        Class::Event => ("octagon", "#fde2f3"),
        Class::Topic => ("note", "#f8f9fa"),
    }
}

/// Wraps text at spaces to lines of about `width` characters (a word longer than that keeps
/// its own line).
pub fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in s.split_whitespace() {
        let n = w.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += n;
    }
    out
}

/// Graphviz rejects a quoted string longer than 16,384 bytes ("string too long"), so no
/// label or tooltip may grow with the text: a 20 KB quotation would otherwise make its topic's
/// tooltip, or the claims on an edge, too long to draw. In characters; escaping at most doubles
/// a byte and a character is at most four, so these stay far below the limit. The full text is
/// in JSON and RDF.
const MAX_TOOLTIP_CHARS: usize = 1500;
/// An edge's label lines (a role can be a long phrase).
const MAX_LABEL_LINE_CHARS: usize = 110;
/// Above this many entities, views are drawn without a label (see [`to_dot_with`]).
const TERSE_ABOVE: usize = 60;
/// Facts listed on one edge, before "… and N more".
const MAX_EDGE_LINES: usize = 8;

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The plain diagram of a whole graph.
pub fn to_dot(graph: &KnowledgeGraph, ontology: &Ontology) -> String {
    to_dot_with(graph, ontology, &DotOptions::default())
}

/// The diagram of (part of) a graph.
pub fn to_dot_with(graph: &KnowledgeGraph, ontology: &Ontology, options: &DotOptions) -> String {
    let g = graph.graph();
    let all;
    let selection = match &options.selection {
        Some(s) => s,
        None => {
            all = Selection {
                nodes: g.node_indices().collect(),
                edges: g.edge_indices().collect(),
            };
            &all
        }
    };
    let mut nodes: Vec<NodeIndex> = selection.nodes.iter().copied().collect();
    nodes.sort_by(|a, b| {
        (g[*a].class, &g[*a].label, a.index()).cmp(&(g[*b].class, &g[*b].label, b.index()))
    });

    // A large diagram's dashed edges go unlabelled ("holds view" on each of a hundred edges
    // is most of the ink); the legend says what they are.
    let terse = nodes.len() > TERSE_ABOVE;
    let mut out = String::from("digraph kgx {\n");
    // overlap, sep, K and splines are read by the force-directed layouts (sfdp, neato, fdp)
    // that draw large graphs: nodes pushed apart until they no longer overlap, with room for
    // an edge's label between them, and edges routed around nodes. dot reads only splines.
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.7, pad=0.3, newrank=true, overlap=prism, sep=\"+35\", K=1, splines=true, tooltip=\"kgx\"];\n");
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", color=\"#555555\", penwidth=1.1, margin=\"0.12,0.06\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#666666\", fontcolor=\"#333333\", arrowsize=0.7];\n");

    let node_line = |n: NodeIndex| {
        let node = &g[n];
        let (shape, color) = style(node.class);
        let class_label = ontology
            .classes
            .get(&node.class)
            .map_or("", |c| c.label.as_str());
        let width = if node.class == Class::Topic { 28 } else { 22 };
        format!(
            "n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{}\"];",
            n.index(),
            escape(&wrap(&shorten(&node.label, 110), width)),
            escape(&shorten(
                &format!("{class_label}: {}", node.label),
                MAX_TOOLTIP_CHARS
            )),
        )
    };

    // Clusters. Without --cluster, a team still sits with its organisation: the two share an
    // unlabelled dotted box (dot and fdp draw it; sfdp and neato, which know no clusters, are
    // pulled together by an invisible edge below).
    let homes = team_homes(graph, selection);
    let groups = match options.cluster {
        Cluster::None => homes
            .iter()
            .flat_map(|(&team, &org)| [(team, org), (org, org)])
            .map(|(n, org)| (n, format!("\u{0}{}", org.index())))
            .collect(),
        Cluster::Org => {
            let mut groups = cluster_of(graph, selection, Cluster::Org);
            for (&team, &org) in &homes {
                groups.insert(team, g[org].label.clone());
            }
            groups
        }
        Cluster::Doc => cluster_of(graph, selection, Cluster::Doc),
    };
    let mut by_group: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    let mut loose = Vec::new();
    for &n in &nodes {
        match groups.get(&n) {
            Some(k) => by_group.entry(k.clone()).or_default().push(n),
            None => loose.push(n),
        }
    }
    for (i, (name, members)) in by_group.iter().enumerate() {
        // A team's box (named by a key no label starts with) has no title.
        if name.starts_with('\u{0}') {
            let _ = writeln!(
                out,
                "  subgraph cluster_{i} {{\n    label=\"\"; style=\"rounded,dotted\"; color=\"#bbbbbb\";"
            );
        } else {
            let _ = writeln!(
                out,
                "  subgraph cluster_{i} {{\n    label=\"{}\"; style=\"rounded,dashed\"; color=\"#999999\"; fontcolor=\"#555555\";",
                escape(&wrap(&shorten(name, 110), 40))
            );
        }
        for &n in members {
            let _ = writeln!(out, "    {}", node_line(n));
        }
        out.push_str("  }\n");
    }
    for n in loose {
        let _ = writeln!(out, "  {}", node_line(n));
    }

    // Edges: the facts between two entities share one edge, and their views another, dashed
    // (a view is an opinion, not a tie: it stays told apart from the facts beside it).
    let mut merged: BTreeMap<(usize, usize, bool), Vec<petgraph::graph::EdgeIndex>> =
        BTreeMap::new();
    for &e in &selection.edges {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let view = g[e].predicate == Predicate::HoldsView;
        merged
            .entry((s.index(), t.index(), view))
            .or_default()
            .push(e);
    }
    for ((s, t, _), edges) in merged {
        let mut lines: BTreeSet<String> = BTreeSet::new();
        let mut claims = Vec::new();
        let mut views = 0;
        for &e in &edges {
            let f = &g[e];
            if f.predicate == Predicate::HoldsView {
                views += 1;
                if let Some(c) = &f.claim {
                    claims.push(shorten(c, 300));
                }
                continue;
            }
            let mut line = ontology.predicate_label(f.predicate).to_string();
            // The role shows once, on the affiliation; "leads" needs no repeat of it.
            if let Some(r) = f
                .role
                .as_ref()
                .filter(|_| f.predicate == Predicate::AffiliatedWith)
            {
                line = format!("{line} ({r})");
            }
            lines.insert(wrap(&shorten(&line, MAX_LABEL_LINE_CHARS), 26));
        }
        if views > 0 && !(terse && views == 1) {
            lines.insert(match (views, terse) {
                (1, _) => "holds view".to_string(),
                (_, false) => format!("holds {views} views"),
                (_, true) => format!("{views} views"),
            });
        }
        let only_views = views == edges.len();
        let more = lines.len().saturating_sub(MAX_EDGE_LINES);
        let mut label = lines
            .into_iter()
            .take(MAX_EDGE_LINES)
            .collect::<Vec<_>>()
            .join("\n");
        if more > 0 {
            label.push_str(&format!("\n… and {more} more"));
        }
        let tooltip = if claims.is_empty() {
            label.clone()
        } else {
            shorten(&claims.join("\n— "), MAX_TOOLTIP_CHARS)
        };
        let _ = writeln!(
            out,
            "  n{s} -> n{t} [label=\"{}\", tooltip=\"{}\"{}];",
            escape(&label),
            escape(&tooltip),
            if only_views {
                ", style=dashed, color=\"#999999\""
            } else {
                ""
            },
        );
    }

    // A team and its organisation, kept side by side by layouts that ignore clusters.
    for (team, org) in &homes {
        let _ = writeln!(
            out,
            "  n{} -> n{} [style=invis, weight=4];",
            team.index(),
            org.index()
        );
    }

    if !options.no_legend && !nodes.is_empty() {
        let present: BTreeSet<Class> = nodes.iter().map(|&n| g[n].class).collect();
        out.push_str("  subgraph cluster_legend {\n    label=\"Legend\"; style=\"rounded\"; color=\"#bbbbbb\"; fontcolor=\"#555555\"; fontsize=10;\n");
        let mut previous: Option<&str> = None;
        for c in present {
            let (shape, color) = style(c);
            let name = c.local_name();
            let label = ontology.classes.get(&c).map_or(name, |i| i.label.as_str());
            let label = if terse && c == Class::Topic {
                format!("{label}\n(dashed edge:\nholds view)")
            } else {
                label.to_string()
            };
            let label = label.as_str();
            let _ = writeln!(
                out,
                "    legend_{name} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", fontsize=9, tooltip=\"{}\"];",
                escape(label),
                escape(label)
            );
            if let Some(p) = previous {
                let _ = writeln!(out, "    legend_{p} -> legend_{name} [style=invis];");
            }
            previous = Some(name);
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

/// The organisation each drawn team belongs to: the one it is part of, else the one its
/// leader is affiliated with (the most confident such fact; then the first by label). Both
/// must be drawn.
fn team_homes(graph: &KnowledgeGraph, selection: &Selection) -> BTreeMap<NodeIndex, NodeIndex> {
    let g = graph.graph();
    let drawn = |n: NodeIndex| selection.nodes.contains(&n);
    // For each team, the best (kind, confidence, label) so far: part-of before a leader's
    // affiliation, then the higher confidence, then the label.
    let mut best: BTreeMap<NodeIndex, (u8, std::cmp::Reverse<u32>, &str, NodeIndex)> =
        BTreeMap::new();
    let mut offer = |team: NodeIndex, kind: u8, confidence: f32, org: NodeIndex| {
        if !drawn(team) || !drawn(org) {
            return;
        }
        let rank = (
            kind,
            std::cmp::Reverse((confidence * 1e6) as u32),
            g[org].label.as_str(),
            org,
        );
        if best.get(&team).is_none_or(|b| rank < *b) {
            best.insert(team, rank);
        }
    };
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let f = &g[e];
        if f.predicate == Predicate::PartOf
            && g[s].class == Class::Team
            && g[t].class.is_organization()
        {
            offer(s, 0, f.confidence, t);
        } else if f.predicate == Predicate::Leads && g[t].class == Class::Team {
            for a in g.edges(s) {
                let fact = a.weight();
                if fact.predicate == Predicate::AffiliatedWith
                    && g[a.target()].class.is_organization()
                {
                    offer(t, 1, fact.confidence.min(f.confidence), a.target());
                }
            }
        }
    }
    best.into_iter().map(|(t, (.., o))| (t, o)).collect()
}

/// The cluster name of each selected node, if clustering.
fn cluster_of(
    graph: &KnowledgeGraph,
    selection: &Selection,
    cluster: Cluster,
) -> BTreeMap<NodeIndex, String> {
    let g = graph.graph();
    let mut out = BTreeMap::new();
    match cluster {
        Cluster::None => {}
        Cluster::Doc => {
            for &e in &selection.edges {
                let (s, t) = g.edge_endpoints(e).expect("edge exists");
                if let Some(ev) = g[e].evidence.first() {
                    for n in [s, t] {
                        out.entry(n).or_insert_with(|| ev.doc.to_string());
                    }
                }
            }
        }
        Cluster::Org => {
            for &n in &selection.nodes {
                if g[n].class.is_organization() {
                    out.insert(n, g[n].label.clone());
                }
            }
            for &e in &selection.edges {
                let f = &g[e];
                if matches!(f.predicate, Predicate::AffiliatedWith | Predicate::PartOf) {
                    let (s, t) = g.edge_endpoints(e).expect("edge exists");
                    if g[t].class.is_organization() && !g[s].class.is_organization() {
                        out.entry(s).or_insert_with(|| g[t].label.clone());
                    } else if f.predicate == Predicate::PartOf && g[t].class.is_organization() {
                        out.insert(s, g[t].label.clone());
                    }
                }
            }
        }
    }
    out.retain(|n, _| selection.nodes.contains(n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_labels_inside_their_string() {
        assert_eq!(escape("a\"b\\c\nd\u{7}"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn long_labels_wrap_at_spaces() {
        assert_eq!(
            wrap("AI Model Algorithm Research Center of Pazhou", 20),
            "AI Model Algorithm\nResearch Center of\nPazhou"
        );
    }
}
