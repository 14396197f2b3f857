//! The merged knowledge graph over petgraph: one node per entity, one edge per distinct fact,
//! each fact with every piece of evidence that states it.

mod facts;
pub mod provenance;
pub mod select;

pub use facts::{DocumentFacts, Entity, Object, Statement};
pub use provenance::{Merge, MergeReason};

use crate::document::{Document, Metadata};
use crate::ontology::{normalize_name, Class, Predicate};
use crate::span::Span;
use crate::word_table::{FastMap, FastSet};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// An entity node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Display label.
    pub label: String,
    /// Class.
    pub class: Class,
    /// Other names.
    pub aliases: BTreeSet<String>,
    /// Why each other name, or the same name in other articles, was merged into this node:
    /// name → reason → where.
    pub merges: BTreeMap<String, BTreeMap<MergeReason, Merge>>,
    /// The document the node was first seen in (its number in the graph).
    first_doc: Option<u32>,
}

/// The document being added: its id and its number in the graph.
#[derive(Clone, Copy)]
struct Source<'a> {
    id: &'a Arc<str>,
    number: u32,
}

/// Where a fact is stated.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Document id (shared by every piece of evidence from the document).
    pub doc: Arc<str>,
    /// Sentence index in the document.
    pub sentence: usize,
    /// The sentence's byte span.
    pub span: Span,
    /// The sentence's span in characters (Unicode code points), as RDF selectors count.
    pub char_span: Span,
    /// The sentence text (shared by the facts of one sentence).
    pub text: Arc<str>,
    /// The trigger's byte span.
    pub trigger: Span,
    /// The rule that fired.
    pub rule: &'static str,
}

/// A fact edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Predicate.
    pub predicate: Predicate,
    /// Role (affiliations).
    pub role: Option<String>,
    /// Claim (views).
    pub claim: Option<String>,
    /// The highest confidence of its evidence.
    pub confidence: f32,
    /// Every statement of it.
    pub evidence: Vec<Evidence>,
}

/// The merged graph.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Fact>,
    nodes: FastMap<(u8, String), NodeIndex>,
    /// Facts by subject, predicate, object and claim key (0 without a claim).
    edges: FastMap<(NodeIndex, Predicate, NodeIndex, u64), EdgeIndex>,
    /// Evidence already attached (fact, document number, sentence, trigger), so that
    /// re-adding a document does not duplicate it.
    seen: FastSet<(EdgeIndex, u32, usize, usize)>,
    /// Document ids, numbered in order of arrival.
    documents: FastMap<Arc<str>, u32>,
    /// Metadata of the documents that came with some (JSON Lines input), by document id.
    metadata: BTreeMap<String, Metadata>,
}

/// Two claims are the same when their letters and digits, lowercased, are: the frozen hash
/// ([`crate::identifier::fnv1a64_continue`]) of those, computed without allocating (claims are
/// whole clauses, and every fact with one is keyed). ASCII letters and digits count as their
/// byte, other letters and digits as their lowercase code points' four little-endian bytes.
fn claim_key(claim: &str) -> u64 {
    use crate::identifier::{fnv1a64, fnv1a64_continue};
    let mut h = fnv1a64(b"");
    for c in claim.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                h = fnv1a64_continue(h, &[c.to_ascii_lowercase() as u8]);
            }
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                h = fnv1a64_continue(h, &(l as u32).to_le_bytes());
            }
        }
    }
    // Never 0, which stands for "no claim".
    h | 1
}

fn family(c: Class) -> u8 {
    if c.is_organization() {
        0
    } else {
        c as u8 + 1
    }
}

impl Node {
    /// Every merge: the name, why, and where.
    pub fn merge_notes(&self) -> impl Iterator<Item = (&str, MergeReason, &Merge)> {
        self.merges
            .iter()
            .flat_map(|(name, reasons)| reasons.iter().map(move |(r, m)| (name.as_str(), *r, m)))
    }
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &DiGraph<Node, Fact> {
        &self.graph
    }

    fn node(
        &mut self,
        label: &str,
        class: Class,
        aliases: &BTreeSet<String>,
        merges: &[(&str, MergeReason)],
        source: Option<Source>,
    ) -> NodeIndex {
        let key = (family(class), normalize_name(label));
        let graph = &mut self.graph;
        let idx = *self.nodes.entry(key).or_insert_with(|| {
            graph.add_node(Node {
                label: label.to_string(),
                class,
                aliases: BTreeSet::new(),
                merges: BTreeMap::new(),
                first_doc: source.map(|s| s.number),
            })
        });
        let node = &mut self.graph[idx];
        for a in aliases {
            if *a != node.label {
                node.aliases.insert(a.clone());
            }
        }
        if let Some(source) = source {
            let mut note = |name: &str, reason: MergeReason| {
                // Looked up by &str first: a name seen before costs no allocation.
                let reasons = match node.merges.get_mut(name) {
                    Some(r) => r,
                    None => node.merges.entry(name.to_string()).or_default(),
                };
                let merge = reasons.entry(reason).or_insert_with(|| Merge {
                    first_doc: source.id.clone(),
                    docs: 0,
                    last_doc: u32::MAX,
                });
                if merge.last_doc != source.number {
                    merge.last_doc = source.number;
                    merge.docs += 1;
                }
            };
            for &(name, reason) in merges {
                note(name, reason);
            }
            // Another article's entity of the same name joins this node.
            if node.first_doc.is_some_and(|d| d != source.number) {
                note(label, MergeReason::OtherArticle);
            }
        }
        // A more specific class from a later article refines "Organization".
        if node.class == Class::Organization && class.is_organization() {
            node.class = class;
        }
        idx
    }

    /// Metadata of the documents that came with some, by document id.
    pub fn metadata(&self) -> &BTreeMap<String, Metadata> {
        &self.metadata
    }

    /// Adds one document's entities and facts: the entities that some fact names or that
    /// stand alone, and every fact between two distinct nodes (merged with the same fact
    /// already present, its evidence added).
    pub fn add(&mut self, doc: &Document, facts: &DocumentFacts) {
        if !doc.metadata.is_empty() {
            self.metadata.insert(doc.id.clone(), doc.metadata.clone());
        }
        let doc_id: Arc<str> = match self.documents.get_key_value(doc.id.as_str()) {
            Some((id, _)) => id.clone(),
            None => Arc::from(doc.id.as_str()),
        };
        let next = self.documents.len() as u32;
        let doc_number = *self.documents.entry(doc_id.clone()).or_insert(next);
        let ents = &facts.entities;
        let mut idx: Vec<Option<NodeIndex>> = vec![None; ents.len()];
        let mut used = vec![false; ents.len()];
        for r in &facts.statements {
            used[r.subject] = true;
            if let Object::Entity(o) = r.object {
                used[o] = true;
            }
        }
        for (i, e) in ents.iter().enumerate() {
            if used[i] || e.standalone {
                let source = Source {
                    id: &doc_id,
                    number: doc_number,
                };
                idx[i] = Some(self.node(e.label, e.class, e.aliases, &e.merges, Some(source)));
            }
        }
        // Character offsets of each sentence, counted once along the text.
        let mut char_starts = Vec::with_capacity(facts.sentences.len());
        let (mut byte, mut chars) = (0, 0);
        for sentence in &facts.sentences {
            chars += doc.text[byte..sentence.start].chars().count();
            byte = sentence.start;
            char_starts.push(chars);
        }
        // Per sentence: its text and length in characters, made once for all its facts.
        let mut sentence_text: Vec<Option<(Arc<str>, usize)>> = vec![None; facts.sentences.len()];
        for r in &facts.statements {
            let Some(s) = idx[r.subject] else { continue };
            let o = match r.object {
                Object::Entity(o) => match idx[o] {
                    Some(o) => o,
                    None => continue,
                },
                Object::Named { label, class } => {
                    self.node(label, class, &BTreeSet::new(), &[], None)
                }
            };
            if s == o {
                continue;
            }
            let sentence = facts.sentences[r.sentence];
            let (text, chars) = sentence_text[r.sentence]
                .get_or_insert_with(|| {
                    let t = sentence.slice(&doc.text);
                    (Arc::from(t), t.chars().count())
                })
                .clone();
            let char_start = char_starts[r.sentence];
            let evidence = Evidence {
                doc: doc_id.clone(),
                sentence: r.sentence,
                span: sentence,
                char_span: Span::new(char_start, char_start + chars),
                text,
                trigger: r.trigger,
                rule: r.rule,
            };
            let claim_key = r.claim.map_or(0, claim_key);
            let key = (s, r.predicate, o, claim_key);
            match self.edges.get(&key) {
                Some(&e) => {
                    let fact = &mut self.graph[e];
                    if fact.role.is_none() {
                        fact.role = r.role.map(str::to_string);
                    }
                    fact.confidence = fact.confidence.max(r.confidence);
                    if self
                        .seen
                        .insert((e, doc_number, evidence.sentence, evidence.trigger.start))
                    {
                        fact.evidence.push(evidence);
                    }
                }
                None => {
                    let e = self.graph.add_edge(
                        s,
                        o,
                        Fact {
                            predicate: r.predicate,
                            role: r.role.map(str::to_string),
                            claim: r.claim.map(str::to_string),
                            confidence: r.confidence,
                            evidence: vec![evidence],
                        },
                    );
                    self.seen
                        .insert((e, doc_number, r.sentence, r.trigger.start));
                    self.edges.insert(key, e);
                }
            }
        }
    }

    /// Adds (or finds) an entity: the same class family and normalised label is one node.
    pub fn add_entity(&mut self, label: &str, class: Class) -> NodeIndex {
        self.node(label, class, &BTreeSet::new(), &[], None)
    }

    /// Adds a fact between two entities (merging with the same fact already present).
    pub fn add_fact(&mut self, subject: NodeIndex, object: NodeIndex, fact: Fact) -> EdgeIndex {
        let key = (
            subject,
            fact.predicate,
            object,
            fact.claim.as_deref().map_or(0, claim_key),
        );
        if let Some(&e) = self.edges.get(&key) {
            let existing = &mut self.graph[e];
            existing.confidence = existing.confidence.max(fact.confidence);
            existing.evidence.extend(fact.evidence);
            return e;
        }
        let e = self.graph.add_edge(subject, object, fact);
        self.edges.insert(key, e);
        e
    }

    /// Number of entity nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of fact edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

#[cfg(test)]
mod tests {
    use super::claim_key;

    #[test]
    fn claims_equal_but_for_case_and_punctuation_share_a_key() {
        let long = "the new model, which Ilona Brenner’s lab trained on Çukurova data, \
                    will change how ĪSTANBUL researchers work — every one of them";
        let variants = [
            long.to_string(),
            long.to_uppercase(),
            long.replace('’', "'").replace(',', "").replace('—', "--"),
        ];
        for v in &variants {
            assert_eq!(claim_key(v), claim_key(long), "{v}");
        }
        assert_ne!(claim_key(long), claim_key(&long.replace("every", "any")));
        assert_ne!(claim_key(""), 0);
    }

    #[test]
    fn claim_keys_are_frozen() {
        // FNV-1a 64 of "smallmodelswillwin", with the low bit set.
        assert_eq!(claim_key("Small models, will win!"), 0xdfde12b4b52667a1);
    }
}
