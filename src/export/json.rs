//! JSON in the shape `../shared/eval/FORMAT.md` describes, plus evidence offsets and rules.
//! Written through borrowed views of the graph (no intermediate `Value` tree); keys are in
//! alphabetical order.

use crate::document::Metadata;
use crate::graph::{Evidence, KnowledgeGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use serde_json::Value;

/// An entity's id in JSON, "e1", "e2", … (node index + 1), written without a String.
struct EntityId(usize);

impl Serialize for EntityId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("e{}", self.0 + 1))
    }
}

#[derive(Serialize)]
struct Entity<'a> {
    aliases: Vec<&'a str>,
    id: EntityId,
    label: &'a str,
    /// Why names and other articles' entities were merged into this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    merges: Vec<MergeView<'a>>,
    #[serde(rename = "type")]
    class: &'static str,
}

#[derive(Serialize)]
struct MergeView<'a> {
    /// Documents that gave this merge.
    docs: u32,
    /// The first of them.
    first_doc: &'a str,
    name: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
struct Attributes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    doc: &'a str,
    end: usize,
    rule: &'static str,
    sentence: usize,
    start: usize,
    text: &'a str,
    trigger: [usize; 2],
}

impl<'a> From<&'a Evidence> for EvidenceView<'a> {
    fn from(ev: &'a Evidence) -> Self {
        EvidenceView {
            doc: &ev.doc,
            end: ev.span.end,
            rule: ev.rule,
            sentence: ev.sentence,
            start: ev.span.start,
            text: &ev.text,
            trigger: [ev.trigger.start, ev.trigger.end],
        }
    }
}

#[derive(Serialize)]
struct Relation<'a> {
    attributes: Attributes<'a>,
    confidence: f64,
    evidence: Vec<EvidenceView<'a>>,
    object: EntityId,
    predicate: &'static str,
    subject: EntityId,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    id: &'a str,
    metadata: &'a Metadata,
}

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'a str>,
    /// Merged graphs: the documents that came with metadata.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    documents: Vec<DocumentView<'a>>,
    entities: Vec<Entity<'a>>,
    /// One document's graph (JSON Lines): its metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Metadata>,
    relations: Vec<Relation<'a>>,
}

fn view<'a>(graph: &'a KnowledgeGraph, doc: Option<&'a str>) -> Graph<'a> {
    let g = graph.graph();
    let entities = g
        .node_indices()
        .map(|n| {
            let node = &g[n];
            Entity {
                aliases: node.aliases.iter().map(String::as_str).collect(),
                id: EntityId(n.index()),
                label: &node.label,
                merges: node
                    .merge_notes()
                    .map(|(name, reason, m)| MergeView {
                        docs: m.docs,
                        first_doc: &m.first_doc,
                        name,
                        reason: reason.code(),
                    })
                    .collect(),
                class: node.class.local_name(),
            }
        })
        .collect();
    let relations = g
        .edge_references()
        .map(|e| {
            let f = e.weight();
            Relation {
                attributes: Attributes {
                    claim: f.claim.as_deref(),
                    role: f.role.as_deref(),
                },
                confidence: (f64::from(f.confidence) * 100.0).round() / 100.0,
                evidence: f.evidence.iter().map(EvidenceView::from).collect(),
                object: EntityId(e.target().index()),
                predicate: f.predicate.local_name(),
                subject: EntityId(e.source().index()),
            }
        })
        .collect();
    let (documents, metadata) = match doc {
        Some(id) => (Vec::new(), graph.metadata().get(id)),
        None => (
            graph
                .metadata()
                .iter()
                .map(|(id, metadata)| DocumentView { id, metadata })
                .collect(),
            None,
        ),
    };
    Graph {
        doc,
        documents,
        entities,
        metadata,
        relations,
    }
}

/// The graph as a JSON value: `{"entities": [...], "relations": [...]}`.
pub fn to_json_value(graph: &KnowledgeGraph) -> Value {
    serde_json::to_value(view(graph, None)).expect("the graph serializes")
}

/// The graph as JSON text, pretty or on one line.
pub fn to_json(graph: &KnowledgeGraph, pretty: bool) -> String {
    to_json_document(graph, None, pretty)
}

/// The graph of one document as JSON text, with a `doc` field when given (JSON Lines).
pub fn to_json_document(graph: &KnowledgeGraph, doc: Option<&str>, pretty: bool) -> String {
    let v = view(graph, doc);
    if pretty {
        serde_json::to_string_pretty(&v).expect("the graph serializes")
    } else {
        serde_json::to_string(&v).expect("the graph serializes")
    }
}
