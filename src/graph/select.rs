//! Selecting part of a graph for a diagram: a focus entity and its neighbourhood, chosen
//! relations and classes, a confidence floor, views on or off.

use super::KnowledgeGraph;
use crate::ontology::{normalize_name, Class, Predicate};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

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

/// The `n` most connected entities of a selection and the facts between them: entities rank by
/// how many other entities they share a fact with; among equals, one that shares a fact with
/// those already chosen comes first (so that ties do not scatter the picture), then the one
/// with more facts, then by label (the choice is the same on every run). An entity that shares
/// no fact with the others chosen is not drawn, and the next in rank is taken, until `n` are
/// drawn (or the selection runs out). With a `focus`, nearness to it ranks first, so the focus
/// and its nearest neighbours are always among those drawn.
pub fn top(
    graph: &KnowledgeGraph,
    selection: &Selection,
    n: usize,
    focus: Option<&str>,
) -> Selection {
    let g = graph.graph();
    let mut neighbours: BTreeMap<NodeIndex, BTreeSet<NodeIndex>> = BTreeMap::new();
    let mut facts: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    for &e in &selection.edges {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        for (a, b) in [(s, t), (t, s)] {
            neighbours.entry(a).or_default().insert(b);
            *facts.entry(a).or_default() += 1;
        }
    }
    let degree = |v: NodeIndex| neighbours.get(&v).map_or(0, BTreeSet::len);
    // Steps from the focus over the selection's facts (all equal without a focus).
    let mut distance: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    if let Some(key) = focus.map(normalize_name) {
        let start = selection.nodes.iter().copied().find(|&v| {
            normalize_name(&g[v].label) == key
                || g[v].aliases.iter().any(|a| normalize_name(a) == key)
        });
        if let Some(start) = start {
            let mut queue = VecDeque::from([start]);
            distance.insert(start, 0);
            while let Some(v) = queue.pop_front() {
                let d = distance[&v];
                for &m in neighbours.get(&v).into_iter().flatten() {
                    if let std::collections::btree_map::Entry::Vacant(slot) = distance.entry(m) {
                        slot.insert(d + 1);
                        queue.push_back(m);
                    }
                }
            }
        }
    }
    let near = |v: NodeIndex| distance.get(&v).copied().unwrap_or(usize::MAX);
    let mut ranked: Vec<NodeIndex> = selection.nodes.iter().copied().collect();
    ranked.sort_by_cached_key(|&v| {
        (
            near(v),
            std::cmp::Reverse(degree(v)),
            std::cmp::Reverse(facts.get(&v).copied().unwrap_or(0)),
            g[v].label.clone(),
            v,
        )
    });
    // Chosen entities, and those of them that share a fact with another chosen one (the ones
    // drawn): entities are taken in rank order until `n` are drawn, passing over one that
    // would make it more than `n`.
    let mut kept: BTreeSet<NodeIndex> = BTreeSet::new();
    let mut drawn: BTreeSet<NodeIndex> = BTreeSet::new();
    let mut passed = vec![false; ranked.len()];
    let rank: BTreeMap<NodeIndex, usize> =
        ranked.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    // Where each run of equal degree ends in the ranking.
    let mut block_end = vec![ranked.len(); ranked.len()];
    for i in (0..ranked.len().saturating_sub(1)).rev() {
        let (a, b) = (ranked[i], ranked[i + 1]);
        if (near(a), degree(a)) == (near(b), degree(b)) {
            block_end[i] = block_end[i + 1];
        } else {
            block_end[i] = i + 1;
        }
    }
    // Ranks of the entities not yet taken that share a fact with one chosen.
    let mut linked_to_kept: BTreeSet<usize> = BTreeSet::new();
    let mut first = 0;
    while drawn.len() < n {
        // The first of the highest degree left, preferring one linked to the chosen.
        while first < ranked.len() && passed[first] {
            first += 1;
        }
        if first == ranked.len() {
            break;
        }
        let i = linked_to_kept
            .range(first..block_end[first])
            .next()
            .copied()
            .unwrap_or(first);
        let pick = ranked[i];
        linked_to_kept.remove(&i);
        passed[i] = true;
        let partners: Vec<NodeIndex> = neighbours
            .get(&pick)
            .into_iter()
            .flatten()
            .copied()
            .filter(|m| kept.contains(m))
            .collect();
        let newly_drawn = partners.iter().filter(|m| !drawn.contains(m)).count()
            + usize::from(!partners.is_empty());
        if drawn.len() + newly_drawn > n {
            continue;
        }
        kept.insert(pick);
        if !partners.is_empty() {
            drawn.insert(pick);
            drawn.extend(partners);
        }
        for m in neighbours.get(&pick).into_iter().flatten() {
            if let Some(&r) = rank.get(m).filter(|&&r| !passed[r]) {
                linked_to_kept.insert(r);
            }
        }
    }
    let edges: BTreeSet<EdgeIndex> = selection
        .edges
        .iter()
        .copied()
        .filter(|&e| {
            let (s, t) = g.edge_endpoints(e).expect("edge exists");
            kept.contains(&s) && kept.contains(&t)
        })
        .collect();
    let linked: BTreeSet<NodeIndex> = edges
        .iter()
        .flat_map(|&e| {
            let (s, t) = g.edge_endpoints(e).expect("edge exists");
            [s, t]
        })
        .collect();
    Selection {
        nodes: kept.intersection(&linked).copied().collect(),
        edges,
    }
}
