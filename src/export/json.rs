//! JSON in the shape `docs/json-format.md` describes (the contract the scorer reads, with its
//! schema in `docs/kgx-output.schema.json`): evidence offsets and rules, and a table of the
//! sentences the evidence points at (each stated once).
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

/// A piece of evidence: where a fact is stated. The sentence's text is in the graph's
/// sentence table, once, under the same `doc` and `sentence`: a sentence that states many
/// facts would otherwise be repeated with each of them.
#[derive(Serialize)]
struct EvidenceView<'a> {
    doc: &'a str,
    end: usize,
    rule: &'static str,
    sentence: usize,
    start: usize,
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
            trigger: [ev.trigger.start, ev.trigger.end],
        }
    }
}

/// A sentence some evidence points at, stated once.
#[derive(Serialize)]
struct SentenceView<'a> {
    doc: &'a str,
    end: usize,
    sentence: usize,
    start: usize,
    text: &'a str,
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
    /// The sentences the evidence points at, by document id and index.
    sentences: Vec<SentenceView<'a>>,
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
    // Each sentence once, in the order of document ids and sentence indices.
    let mut table: std::collections::BTreeMap<(&str, usize), &Evidence> = Default::default();
    for e in g.edge_references() {
        for ev in &e.weight().evidence {
            table.entry((&*ev.doc, ev.sentence)).or_insert(ev);
        }
    }
    let sentences = table
        .into_values()
        .map(|ev| SentenceView {
            doc: &ev.doc,
            end: ev.span.end,
            sentence: ev.sentence,
            start: ev.span.start,
            text: &ev.text,
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
        sentences,
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
        let mut out = Compact(Vec::with_capacity(1024));
        out.graph(&v);
        String::from_utf8(out.0).expect("JSON written from strings is UTF-8")
    }
}

/// Whether any of eight bytes is a control character, a quotation mark or a backslash (the
/// exact "has a byte less than / equal to" word tests).
#[inline]
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
    below_space || has_zero(x ^ (ONES * u64::from(b'"'))) || has_zero(x ^ (ONES * u64::from(b'\\')))
}

/// The one-line form, written by hand: every key is one literal and every number one `itoa`
/// call, where serde writes and escapes each key and checks capacity per piece. It is most
/// of the work of `extract --format jsonl`. The unit tests hold it byte-equal to serde's.
struct Compact(Vec<u8>);

impl Compact {
    fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    fn number(&mut self, n: usize) {
        self.raw(itoa::Buffer::new().format(n));
    }

    fn id(&mut self, id: &EntityId) {
        self.raw("\"e");
        self.number(id.0 + 1);
        self.0.push(b'"');
    }

    /// A JSON string, escaped as serde_json escapes it.
    fn string(&mut self, s: &str) {
        let out = &mut self.0;
        out.push(b'"');
        let b = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            // Eight bytes at a time while none needs escaping (nearly all text).
            if let Some(word) = b.get(i..i + 8) {
                if !needs_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                    i += 8;
                    continue;
                }
            }
            let c = b[i];
            if c >= 0x20 && c != b'"' && c != b'\\' {
                i += 1;
                continue;
            }
            out.extend_from_slice(&b[start..i]);
            match c {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(c >> 4)]);
                    out.push(HEX[usize::from(c & 0xf)]);
                }
            }
            i += 1;
            start = i;
        }
        out.extend_from_slice(&b[start..]);
        out.push(b'"');
    }

    /// The items of a list, comma-separated (the brackets are the caller's).
    fn items<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.0.push(b',');
            }
            write(self, item);
        }
    }

    /// Anything else (metadata, a float) through serde_json itself.
    fn serde<T: Serialize + ?Sized>(&mut self, v: &T) {
        serde_json::to_writer(&mut self.0, v).expect("writing to memory cannot fail");
    }

    fn graph(&mut self, g: &Graph) {
        self.0.push(b'{');
        if let Some(doc) = g.doc {
            self.raw("\"doc\":");
            self.string(doc);
            self.0.push(b',');
        }
        if !g.documents.is_empty() {
            self.raw("\"documents\":");
            self.serde(&g.documents);
            self.0.push(b',');
        }
        self.raw("\"entities\":[");
        self.items(&g.entities, Self::entity);
        self.raw("],");
        if let Some(metadata) = g.metadata {
            self.raw("\"metadata\":");
            self.serde(metadata);
            self.0.push(b',');
        }
        self.raw("\"relations\":[");
        self.items(&g.relations, Self::relation);
        self.raw("],\"sentences\":[");
        self.items(&g.sentences, |w, s| {
            w.raw("{\"doc\":");
            w.string(s.doc);
            w.raw(",\"end\":");
            w.number(s.end);
            w.raw(",\"sentence\":");
            w.number(s.sentence);
            w.raw(",\"start\":");
            w.number(s.start);
            w.raw(",\"text\":");
            w.string(s.text);
            w.0.push(b'}');
        });
        self.raw("]}");
    }

    fn entity(&mut self, e: &Entity) {
        self.raw("{\"aliases\":[");
        self.items(&e.aliases, |w, a| w.string(a));
        self.raw("],\"id\":");
        self.id(&e.id);
        self.raw(",\"label\":");
        self.string(e.label);
        if !e.merges.is_empty() {
            self.raw(",\"merges\":[");
            self.items(&e.merges, |w, m| {
                w.raw("{\"docs\":");
                w.number(m.docs as usize);
                w.raw(",\"first_doc\":");
                w.string(m.first_doc);
                w.raw(",\"name\":");
                w.string(m.name);
                w.raw(",\"reason\":");
                w.string(m.reason);
                w.0.push(b'}');
            });
            self.0.push(b']');
        }
        self.raw(",\"type\":");
        self.string(e.class);
        self.0.push(b'}');
    }

    fn relation(&mut self, r: &Relation) {
        self.raw("{\"attributes\":{");
        if let Some(claim) = r.attributes.claim {
            self.raw("\"claim\":");
            self.string(claim);
        }
        if let Some(role) = r.attributes.role {
            if r.attributes.claim.is_some() {
                self.0.push(b',');
            }
            self.raw("\"role\":");
            self.string(role);
        }
        self.raw("},\"confidence\":");
        self.serde(&r.confidence);
        self.raw(",\"evidence\":[");
        self.items(&r.evidence, |w, ev| {
            w.raw("{\"doc\":");
            w.string(ev.doc);
            w.raw(",\"end\":");
            w.number(ev.end);
            w.raw(",\"rule\":");
            w.string(ev.rule);
            w.raw(",\"sentence\":");
            w.number(ev.sentence);
            w.raw(",\"start\":");
            w.number(ev.start);
            w.raw(",\"trigger\":[");
            w.number(ev.trigger[0]);
            w.0.push(b',');
            w.number(ev.trigger[1]);
            w.raw("]}");
        });
        self.raw("],\"object\":");
        self.id(&r.object);
        self.raw(",\"predicate\":");
        self.string(r.predicate);
        self.raw(",\"subject\":");
        self.id(&r.subject);
        self.0.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_exactly_as_serde_json_does() {
        let mut cases: Vec<String> = (0u8..0x80)
            .map(|b| format!("ab{}cdefghij", b as char))
            .collect();
        cases.extend(
            [
                "",
                "\"",
                "\\",
                "plain ascii text of some length",
                "naïve “quoted” 复旦 \u{7f}\u{1f}",
            ]
            .map(String::from),
        );
        // Random strings of every control character, quote, backslash and some UTF-8.
        let alphabet: Vec<char> = "a \"\\\n\r\t\u{8}\u{c}\u{0}\u{1f}é复😀".chars().collect();
        let mut state: u64 = 0x853c_49e6_748f_ea9b;
        for _ in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(state >> 59) as usize {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            cases.push(s);
        }
        for s in &cases {
            let mut out = Compact(Vec::new());
            out.string(s);
            assert_eq!(
                String::from_utf8(out.0).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn the_hand_written_line_equals_serdes() {
        let pipeline = crate::pipeline::Pipeline::embedded().unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut texts: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        // Hostile text: quotes, backslashes and control characters inside claims and labels.
        texts.push((
            "tab\t\"id\"".into(),
            "Ilona Brenner, a professor at Harlow University, said \"the \\ model\u{1}\tworks \
             well\". \"It is \u{201c}fast\u{201d}\", she added."
                .into(),
        ));
        for (id, text) in texts {
            let mut doc = crate::document::Document::new(id.clone(), text);
            doc.metadata.insert(
                "title".into(),
                serde_json::Value::String("A \"title\"\n".into()),
            );
            let analysis = pipeline.run(&doc);
            let mut graph = KnowledgeGraph::new();
            graph.add(&doc, &analysis.facts());
            for doc_id in [Some(id.as_str()), None] {
                let serde = serde_json::to_string(&view(&graph, doc_id)).unwrap();
                assert_eq!(to_json_document(&graph, doc_id, false), serde, "{id}");
            }
        }
    }
}
