//! RDF through oxigraph's serializers: entities with stable IRIs (class + normalised name under
//! a base), every fact as a plain triple and as an `rdf:Statement` carrying its role or claim,
//! confidence and evidence (the rule, and the sentence: a node stated once per sentence with
//! its document, text and character span as a Web Annotation `oa:TextPositionSelector`). In
//! quad formats each document's facts sit in a named graph named after the document; entity
//! descriptions are in the default graph.

use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::graph::MergeReason;
use crate::identifier;
use crate::ontology::normalize_name;
use crate::ontology::vocab::{self, kgx, oa, rdf, rdfs, skos, xsd, Class};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use petgraph::visit::EdgeRef;
use std::str::FromStr;

/// An RDF serialization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RdfFlavor {
    /// Turtle.
    Turtle,
    /// N-Triples.
    NTriples,
    /// N-Quads (one named graph per document).
    NQuads,
    /// TriG (one named graph per document).
    TriG,
    /// RDF/XML.
    RdfXml,
    /// JSON-LD (one named graph per document).
    JsonLd,
}

impl FromStr for RdfFlavor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => RdfFlavor::Turtle,
            "ntriples" | "nt" => RdfFlavor::NTriples,
            "nquads" | "nq" => RdfFlavor::NQuads,
            "trig" => RdfFlavor::TriG,
            "rdfxml" | "rdf" | "xml" => RdfFlavor::RdfXml,
            "jsonld" | "json-ld" => RdfFlavor::JsonLd,
            other => return Err(format!("unknown RDF format '{other}'")),
        })
    }
}

impl RdfFlavor {
    /// oxigraph's format.
    pub fn format(self) -> RdfFormat {
        match self {
            RdfFlavor::Turtle => RdfFormat::Turtle,
            RdfFlavor::NTriples => RdfFormat::NTriples,
            RdfFlavor::NQuads => RdfFormat::NQuads,
            RdfFlavor::TriG => RdfFormat::TriG,
            RdfFlavor::RdfXml => RdfFormat::RdfXml,
            RdfFlavor::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    /// Whether the format keeps named graphs.
    pub fn has_graphs(self) -> bool {
        matches!(
            self,
            RdfFlavor::NQuads | RdfFlavor::TriG | RdfFlavor::JsonLd
        )
    }

    /// The flavor a file extension names (for reading RDF files): the usual extensions and
    /// kgx's own format names, in any case.
    pub fn from_extension(ext: &str) -> Option<RdfFlavor> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "ttl" | "turtle" => RdfFlavor::Turtle,
            "nt" | "ntriples" => RdfFlavor::NTriples,
            "nq" | "nquads" => RdfFlavor::NQuads,
            "trig" => RdfFlavor::TriG,
            "rdf" | "owl" | "xml" | "rdfxml" => RdfFlavor::RdfXml,
            "jsonld" | "json-ld" => RdfFlavor::JsonLd,
            _ => return None,
        })
    }

    /// The flavor a path's extension names.
    pub fn from_path(path: &std::path::Path) -> Option<RdfFlavor> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(RdfFlavor::from_extension)
    }

    /// The format's name in kgx's options.
    pub fn name(self) -> &'static str {
        match self {
            RdfFlavor::Turtle => "turtle",
            RdfFlavor::NTriples => "ntriples",
            RdfFlavor::NQuads => "nquads",
            RdfFlavor::TriG => "trig",
            RdfFlavor::RdfXml => "rdfxml",
            RdfFlavor::JsonLd => "jsonld",
        }
    }
}

/// Checks `--base`: it must be an absolute IRI (RFC 3987, checked by oxigraph's IRI parser),
/// so that nothing written after it can end the IRI or add a statement. A base that ends in
/// neither `/` nor `#` gets a `/`: `http://ex.org/kg` is read as `http://ex.org/kg/`, giving
/// `http://ex.org/kg/doc/…` rather than `http://ex.org/kgdoc/…`.
pub fn check_base(base: &str) -> Result<String, Error> {
    let fail = |message: String| Error::Base {
        base: base.to_string(),
        message,
    };
    let iri = NamedNode::new(base).map_err(|e| fail(e.to_string()))?;
    let mut base = iri.into_string();
    if !base.ends_with(['/', '#']) {
        base.push('/');
    }
    // What kgx appends (path segments of letters, digits, `-`, `_`, `.` and `%XX`) keeps it
    // an IRI; check one, in case the base ends in something a segment cannot follow.
    NamedNode::new(format!("{base}doc/x%20y"))
        .map_err(|e| fail(format!("IRIs under it would not be IRIs: {e}")))?;
    Ok(base)
}

/// A path segment from a name: lowercase letters and digits (any script), other runs become "-".
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in normalize_name(name).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

fn family(c: Class) -> &'static str {
    if c.is_organization() {
        "organization"
    } else {
        match c {
            Class::Person => "person",
            Class::Team => "team",
            Class::Model => "model",
            Class::Place => "place",
            Class::Event => "event",
            _ => "topic",
        }
    }
}

/// Fact and evidence IRIs end in the frozen hash of what identifies them
/// ([`identifier::hash_parts`]), so they stay the same across versions of kgx.
fn hash(parts: &[&str]) -> String {
    identifier::hash_parts(parts)
}

/// The IRI of an entity: base + class family + slug of the normalised name. The same entity
/// gets the same IRI in every run, so graphs from separate runs merge by union.
pub fn entity_iri(base: &str, class: Class, label: &str) -> String {
    format!("{base}{}/{}", family(class), slug(label))
}

/// The IRI of a document: base + `doc/` + the id escaped as one path segment
/// (`identifier::escape_id`), so different ids always give different IRIs.
pub fn document_iri(base: &str, doc: &str) -> String {
    format!("{base}doc/{}", identifier::escape_id(doc))
}

/// The IRI of a sentence of a document: the document's IRI + `/sentence/` + its index (the
/// escaped id holds no `/`, so this is unambiguous). Every piece of evidence in that sentence
/// points at it, and it carries the sentence's text and span once.
pub fn sentence_iri(base: &str, doc: &str, index: usize) -> String {
    format!("{}/sentence/{index}", document_iri(base, doc))
}

/// A plain literal of text from an article, with the characters XML 1.0 cannot hold (control
/// characters other than tab, line feed and carriage return; U+FFFE and U+FFFF) replaced by
/// U+FFFD. RDF/XML cannot carry them at all, and every format gives the same statements, so
/// they are replaced in all of them (JSON output keeps the text as it is).
fn text_literal(text: impl AsRef<str>) -> Literal {
    let text = text.as_ref();
    let unfit = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.contains(unfit) {
        Literal::new_simple_literal(text.replace(unfit, "\u{fffd}"))
    } else {
        Literal::new_simple_literal(text)
    }
}

fn named(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// A confidence in xsd:decimal's canonical form ("0.9", "1.0").
fn decimal(x: f32) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    }
}

/// Every quad of the graph, in a fixed order.
pub fn quads(graph: &KnowledgeGraph, base: &str) -> Vec<Quad> {
    let g = graph.graph();
    let rdf_type = rdf::TYPE.into_owned();
    let label = rdfs::LABEL.into_owned();
    let mut out = Vec::new();
    let iri_of: Vec<NamedNode> = g
        .node_indices()
        .map(|n| named(&entity_iri(base, g[n].class, &g[n].label)))
        .collect();
    for n in g.node_indices() {
        let node = &g[n];
        let s: NamedOrBlankNode = iri_of[n.index()].clone().into();
        let dg = GraphName::DefaultGraph;
        out.push(Quad::new(
            s.clone(),
            rdf_type.clone(),
            node.class.iri().into_owned(),
            dg.clone(),
        ));
        out.push(Quad::new(
            s.clone(),
            label.clone(),
            text_literal(&node.label),
            dg.clone(),
        ));
        for a in &node.aliases {
            out.push(Quad::new(
                s.clone(),
                skos::ALT_LABEL.into_owned(),
                text_literal(a),
                dg.clone(),
            ));
        }
        // Merges inside articles (the same in any shard, so unions stay exact); merges across
        // articles are implicit in the shared IRI.
        for (name, reason, _) in node.merge_notes() {
            if reason == MergeReason::OtherArticle {
                continue;
            }
            let m = named(&format!(
                "{}/merge/{}-{}",
                iri_of[n.index()].as_str(),
                slug(name),
                reason.code()
            ));
            let about = |p: NamedNodeRef, o: Term| Quad::new(m.clone(), p, o, dg.clone());
            out.push(Quad::new(
                s.clone(),
                kgx::MERGE.into_owned(),
                m.clone(),
                dg.clone(),
            ));
            out.push(about(rdf::TYPE, kgx::MERGE_CLASS.into_owned().into()));
            out.push(about(kgx::MERGED_NAME, text_literal(name).into()));
            out.push(about(kgx::MERGE_REASON, text_literal(reason.code()).into()));
            out.push(about(rdfs::COMMENT, text_literal(reason.explain()).into()));
        }
    }
    let mut docs = std::collections::BTreeSet::new();
    let mut sentences = std::collections::BTreeMap::new();
    for e in g.edge_references() {
        let f = e.weight();
        let (s, o) = (&iri_of[e.source().index()], &iri_of[e.target().index()]);
        let p = f.predicate.iri().into_owned();
        let fact_iri = format!(
            "{base}fact/{}",
            hash(&[
                s.as_str(),
                p.as_str(),
                o.as_str(),
                f.claim.as_deref().unwrap_or("")
            ])
        );
        let fact = named(&fact_iri);
        let mut fact_docs: Vec<&str> = f.evidence.iter().map(|ev| &*ev.doc).collect();
        fact_docs.sort_unstable();
        fact_docs.dedup();
        for doc in fact_docs {
            docs.insert(doc.to_string());
            let gn: GraphName = named(&document_iri(base, doc)).into();
            let q = |s: &NamedNode, p: NamedNode, o: Term| Quad::new(s.clone(), p, o, gn.clone());
            out.push(q(s, p.clone(), o.clone().into()));
            out.push(q(
                &fact,
                rdf_type.clone(),
                rdf::STATEMENT.into_owned().into(),
            ));
            out.push(q(&fact, rdf::SUBJECT.into_owned(), s.clone().into()));
            out.push(q(&fact, rdf::PREDICATE.into_owned(), p.clone().into()));
            out.push(q(&fact, rdf::OBJECT.into_owned(), o.clone().into()));
            out.push(q(
                &fact,
                kgx::CONFIDENCE.into_owned(),
                Literal::new_typed_literal(decimal(f.confidence), xsd::DECIMAL).into(),
            ));
            if let Some(r) = &f.role {
                out.push(q(&fact, kgx::ROLE.into_owned(), text_literal(r).into()));
            }
            if let Some(c) = &f.claim {
                out.push(q(&fact, kgx::CLAIM.into_owned(), text_literal(c).into()));
            }
            for ev in f.evidence.iter().filter(|ev| &*ev.doc == doc) {
                let ev_iri = format!(
                    "{base}evidence/{}",
                    hash(&[
                        &fact_iri,
                        &ev.doc,
                        &ev.sentence.to_string(),
                        &ev.trigger.start.to_string()
                    ])
                );
                let evn = named(&ev_iri);
                out.push(q(&fact, kgx::EVIDENCE.into_owned(), evn.clone().into()));
                out.push(q(
                    &evn,
                    rdf_type.clone(),
                    kgx::EVIDENCE_CLASS.into_owned().into(),
                ));
                out.push(q(
                    &evn,
                    kgx::SENTENCE.into_owned(),
                    named(&sentence_iri(base, &ev.doc, ev.sentence)).into(),
                ));
                out.push(q(
                    &evn,
                    kgx::RULE.into_owned(),
                    text_literal(ev.rule).into(),
                ));
                sentences.entry((&*ev.doc, ev.sentence)).or_insert(ev);
            }
        }
    }
    // Each sentence once, whatever number of facts it states: its text, document and span.
    for ((doc, index), ev) in sentences {
        let gn: GraphName = named(&document_iri(base, doc)).into();
        let sentence_iri = sentence_iri(base, doc, index);
        let sn = named(&sentence_iri);
        let sel = named(&format!("{sentence_iri}/span"));
        let int =
            |v: usize| -> Term { Literal::new_typed_literal(v.to_string(), xsd::INTEGER).into() };
        let q = |s: &NamedNode, p: NamedNodeRef, o: Term| Quad::new(s.clone(), p, o, gn.clone());
        out.push(q(&sn, rdf::TYPE, kgx::SENTENCE_CLASS.into_owned().into()));
        out.push(q(
            &sn,
            oa::HAS_SOURCE,
            named(&document_iri(base, doc)).into(),
        ));
        out.push(q(&sn, oa::HAS_SELECTOR, sel.clone().into()));
        out.push(q(&sn, kgx::SENTENCE_TEXT, text_literal(&*ev.text).into()));
        out.push(q(&sn, kgx::SENTENCE_INDEX, int(index)));
        out.push(q(
            &sel,
            rdf::TYPE,
            oa::TEXT_POSITION_SELECTOR.into_owned().into(),
        ));
        out.push(q(&sel, oa::START, int(ev.char_span.start)));
        out.push(q(&sel, oa::END, int(ev.char_span.end)));
    }
    docs.extend(graph.metadata().keys().cloned());
    for doc in docs {
        let d = named(&document_iri(base, &doc));
        if let Some(metadata) = graph.metadata().get(&doc) {
            metadata_quads(&d, metadata, &mut out);
        }
        out.push(Quad::new(
            d.clone(),
            rdf_type.clone(),
            kgx::DOCUMENT.into_owned(),
            GraphName::DefaultGraph,
        ));
        out.push(Quad::new(
            d,
            label.clone(),
            text_literal(&doc),
            GraphName::DefaultGraph,
        ));
    }
    out.sort_by_cached_key(|q| q.to_string());
    out.dedup();
    out
}

/// A document's metadata fields with a well-known meaning (title, date, author, publisher,
/// language, url), as Dublin Core and schema.org statements about it. Other fields stay in JSON.
fn metadata_quads(doc: &NamedNode, metadata: &crate::document::Metadata, out: &mut Vec<Quad>) {
    use serde_json::Value;
    for (key, value) in metadata {
        let key = key.to_lowercase();
        let Some((_, property)) = vocab::METADATA_PROPERTIES
            .iter()
            .find(|(names, _)| names.contains(&key.as_str()))
        else {
            continue;
        };
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            v => vec![v],
        };
        for v in values {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            let object: Term = match NamedNode::new(&text) {
                Ok(iri) if *property == "https://schema.org/url" => iri.into(),
                _ => text_literal(text).into(),
            };
            out.push(Quad::new(
                doc.clone(),
                named(property),
                object,
                GraphName::DefaultGraph,
            ));
        }
    }
}

/// Serializes quads; triple formats drop graph names (and duplicate triples).
pub fn serialize(quads: &[Quad], flavor: RdfFlavor) -> std::io::Result<Vec<u8>> {
    let mut w = super::RdfWriter::new(Vec::new(), flavor)?;
    w.write_quads(quads)?;
    w.finish()
}
