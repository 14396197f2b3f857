//! Selecting part of a graph for a diagram: a focus entity and its neighbourhood, chosen
//! relations and classes, a confidence floor, views on or off.

use super::KnowledgeGraph;
use crate::ontology::{normalize_name, Class, Predicate};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeSet, VecDeque};

/// What to keep.
#[derive(Clone, Debug)]
pub struct Filter {
    /// Keep only this entity (label or alias) and its neighbourhood.
    pub focus: Option<String>,
    /// How many steps from the focus.
    pub depth: usize,
    /// Keep only these predicates (all when empty).
    pub relations: Vec<Predicate>,
    /// Keep only entities of these classes or their subclasses (all when empty).
    pub types: Vec<Class>,
    /// Drop facts below this confidence.
    pub min_confidence: f32,
    /// Keep holdsView facts and topics.
    pub views: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            focus: None,
            depth: 1,
            relations: Vec::new(),
            types: Vec::new(),
            min_confidence: 0.0,
            views: true,
        }
    }
}

/// The kept nodes and edges, in index order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Kept nodes.
    pub nodes: BTreeSet<NodeIndex>,
    /// Kept edges.
    pub edges: BTreeSet<EdgeIndex>,
}

fn class_matches(c: Class, wanted: &[Class]) -> bool {
    wanted.is_empty()
        || wanted
            .iter()
            .any(|&w| w == c || (w == Class::Organization && c.is_organization()))
}

/// The part of `graph` the filter keeps. A focus that names no entity selects nothing.
pub fn select(graph: &KnowledgeGraph, filter: &Filter) -> Selection {
    let g = graph.graph();
    let edge_ok = |e: EdgeIndex| {
        let f = &g[e];
        (filter.relations.is_empty() || filter.relations.contains(&f.predicate))
            && f.confidence >= filter.min_confidence
            && (filter.views || f.predicate != Predicate::HoldsView)
    };
    let node_ok = |n: NodeIndex| {
        let c = g[n].class;
        class_matches(c, &filter.types) && (filter.views || c != Class::Topic)
    };
    let mut nodes: BTreeSet<NodeIndex> = g.node_indices().filter(|&n| node_ok(n)).collect();
    if let Some(name) = &filter.focus {
        let key = normalize_name(name);
        let start = g.node_indices().find(|&n| {
            normalize_name(&g[n].label) == key
                || g[n].aliases.iter().any(|a| normalize_name(a) == key)
        });
        let mut reached = BTreeSet::new();
        if let Some(start) = start {
            let mut queue = VecDeque::from([(start, 0)]);
            reached.insert(start);
            while let Some((n, d)) = queue.pop_front() {
                if d == filter.depth {
                    continue;
                }
                for dir in [Direction::Outgoing, Direction::Incoming] {
                    for e in g.edges_directed(n, dir) {
                        if !edge_ok(e.id()) {
                            continue;
                        }
                        let m = if dir == Direction::Outgoing {
                            e.target()
                        } else {
                            e.source()
                        };
                        if nodes.contains(&m) && reached.insert(m) {
                            queue.push_back((m, d + 1));
                        }
                    }
                }
            }
        }
        nodes = reached;
    }
    let edges: BTreeSet<EdgeIndex> = g
        .edge_indices()
        .filter(|&e| {
            let (s, t) = g.edge_endpoints(e).expect("edge exists");
            edge_ok(e) && nodes.contains(&s) && nodes.contains(&t)
        })
        .collect();
    // An entity left with no fact is noise in a diagram (the focus itself stays).
    {
        let linked: BTreeSet<NodeIndex> = edges
            .iter()
            .flat_map(|&e| {
                let (s, t) = g.edge_endpoints(e).expect("edge exists");
                [s, t]
            })
            .collect();
        let focus = filter.focus.as_ref().map(|f| normalize_name(f));
        nodes.retain(|&n| {
            linked.contains(&n) || focus.as_deref() == Some(normalize_name(&g[n].label).as_str())
        });
    }
    Selection { nodes, edges }
}
