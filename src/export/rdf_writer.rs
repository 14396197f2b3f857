//! RDF written as it comes: one oxigraph serializer over a writer, fed batch after batch (a
//! document's quads, or the triples a CONSTRUCT query yields), so that memory holds one batch,
//! never the whole output. The prefixes are written once, before the first statement.
//!
//! Turtle, TriG, N-Triples and N-Quads hold only the statement being written, so `kgx
//! extract` writes them per document ([`DocumentRdf`]). RDF/XML and JSON-LD are written from
//! the merged graph, held whole (see `extract --help`).

use super::rdf::RdfFlavor;
use crate::graph::KnowledgeGraph;
use crate::ontology::vocab;
use oxigraph::io::{RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{Quad, QuadRef, TripleRef};
use std::io::Write;

/// A serializer that writes statements to `W` as they are given.
pub struct RdfWriter<W: Write> {
    inner: WriterQuadSerializer<CarriageReturns<W>>,
    flavor: RdfFlavor,
}

impl<W: Write> RdfWriter<W> {
    /// A writer of `flavor` with kgx's prefixes (in the formats that have them).
    pub fn new(writer: W, flavor: RdfFlavor) -> std::io::Result<RdfWriter<W>> {
        let mut serializer = RdfSerializer::from_format(flavor.format());
        if matches!(
            flavor,
            RdfFlavor::Turtle | RdfFlavor::TriG | RdfFlavor::RdfXml | RdfFlavor::JsonLd
        ) {
            for (p, iri) in vocab::PREFIXES {
                serializer = serializer
                    .with_prefix(*p, *iri)
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
            }
        }
        let writer = CarriageReturns {
            inner: writer,
            escape: flavor == RdfFlavor::RdfXml,
        };
        Ok(RdfWriter {
            inner: serializer.for_writer(writer),
            flavor,
        })
    }

    /// Writes a batch of quads. Formats without graphs drop the graph names and write each
    /// triple of the batch once (a statement repeated across batches is written again: RDF
    /// graphs are sets, so it means the same).
    pub fn write_quads(&mut self, quads: &[Quad]) -> std::io::Result<()> {
        if self.flavor.has_graphs() {
            for q in quads {
                self.inner.serialize_quad(q)?;
            }
        } else {
            let mut seen = std::collections::HashSet::new();
            for q in quads {
                let t = TripleRef::new(&q.subject, &q.predicate, &q.object);
                if seen.insert(t) {
                    self.inner.serialize_triple(t)?;
                }
            }
        }
        Ok(())
    }

    /// Writes one triple (in the default graph).
    pub fn write_triple<'a>(&mut self, triple: impl Into<TripleRef<'a>>) -> std::io::Result<()> {
        self.inner.serialize_triple(triple)
    }

    /// Writes one quad.
    pub fn write_quad<'a>(&mut self, quad: impl Into<QuadRef<'a>>) -> std::io::Result<()> {
        self.inner.serialize_quad(quad)
    }

    /// Ends the last statement (and the document, in RDF/XML and JSON-LD) and returns the
    /// writer, unflushed.
    pub fn finish(self) -> std::io::Result<W> {
        let mut writer = self.inner.finish()?.inner;
        // oxigraph ends RDF/XML and JSON-LD without a line feed; a text file ends with one
        // (a shell prompt after `kgx … | cat` starts on its own line, `wc -l` counts it).
        if matches!(self.flavor, RdfFlavor::RdfXml | RdfFlavor::JsonLd) {
            writer.write_all(b"\n")?;
        }
        Ok(writer)
    }
}

/// One document's statements in a fixed order, ready to be written: computed where the
/// document was extracted (a worker), written in input order by [`DocumentRdf`].
#[derive(Debug)]
pub struct Statements(Vec<Quad>);

impl Statements {
    /// The statements of a graph (one document's), entity IRIs under `base`.
    pub fn of(graph: &KnowledgeGraph, base: &str) -> Statements {
        Statements(super::rdf::quads(graph, base))
    }
}

/// The RDF of a corpus written document by document: prefixes once at the top, then each
/// document's statements as it comes, like N-Quads. A document's entity descriptions are
/// repeated in every document that names the entity; the IRIs are the same (class and
/// normalised name), so the union is the merged graph's, as for streamed N-Quads.
pub struct DocumentRdf {
    writer: RdfWriter<Shared>,
    written: Shared,
}

/// The bytes written since the last document, handed to the caller after each one.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl DocumentRdf {
    /// A corpus in `flavor` (Turtle, TriG, N-Triples or N-Quads: the formats whose
    /// serializers hold nothing but the statement being written).
    pub fn new(flavor: RdfFlavor) -> std::io::Result<DocumentRdf> {
        let written = Shared::default();
        Ok(DocumentRdf {
            writer: RdfWriter::new(written.clone(), flavor)?,
            written,
        })
    }

    /// Writes a document; returns the bytes to append to the output (the last statement is
    /// ended by the next document or by [`DocumentRdf::finish`]).
    pub fn document(&mut self, statements: &Statements) -> std::io::Result<Vec<u8>> {
        self.writer.write_quads(&statements.0)?;
        Ok(std::mem::take(&mut *self.written.0.borrow_mut()))
    }

    /// The bytes that end the output.
    pub fn finish(self) -> std::io::Result<Vec<u8>> {
        self.writer.finish()?;
        Ok(std::mem::take(&mut *self.written.0.borrow_mut()))
    }
}

/// An XML parser reads a raw carriage return as a line feed (XML 1.0, 2.11), so a literal
/// holding "\r\n" would come back as "\n": written as `&#13;` it comes back as it was. In
/// RDF/XML a carriage return can only stand in a literal (IRIs hold none, and the serializer
/// ends lines with "\n"), where a character reference means the same.
struct CarriageReturns<W> {
    inner: W,
    escape: bool,
}

impl<W: Write> Write for CarriageReturns<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.escape {
            return self.inner.write(buf);
        }
        match buf.iter().position(|&b| b == b'\r') {
            None => self.inner.write(buf),
            Some(0) => {
                self.inner.write_all(b"&#13;")?;
                Ok(1)
            }
            // The bytes before it; the carriage return comes with the next call.
            Some(n) => self.inner.write(&buf[..n]),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode};

    fn quad(s: &str, o: &str, g: Option<&str>) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(format!("https://w3id.org/kgx/id/{s}")),
            vocab::rdfs::LABEL.into_owned(),
            Literal::new_simple_literal(o),
            g.map_or(GraphName::DefaultGraph, |g| {
                NamedNode::new_unchecked(format!("https://w3id.org/kgx/id/doc/{g}")).into()
            }),
        )
    }

    #[test]
    fn turtle_in_batches_has_its_prefixes_once_and_parses() {
        let mut w = RdfWriter::new(Vec::new(), RdfFlavor::Turtle).unwrap();
        w.write_quads(&[quad("a", "A", Some("d1")), quad("a", "A", None)])
            .unwrap();
        w.write_quads(&[quad("a", "A", Some("d2")), quad("b", "B", None)])
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out.matches("@prefix kgx:").count(), 1, "{out}");
        let triples = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(out.as_bytes())
            .collect::<Result<std::collections::HashSet<_>, _>>()
            .unwrap();
        assert_eq!(triples.len(), 2, "{out}");
    }

    #[test]
    fn nothing_is_written_before_the_first_statement() {
        for flavor in [RdfFlavor::Turtle, RdfFlavor::TriG, RdfFlavor::NTriples] {
            let w = RdfWriter::new(Vec::new(), flavor).unwrap();
            assert!(w.finish().unwrap().is_empty(), "{flavor:?}");
        }
    }

    #[test]
    fn rdf_xml_writes_carriage_returns_as_references() {
        let mut w = RdfWriter::new(Vec::new(), RdfFlavor::RdfXml).unwrap();
        w.write_quads(&[quad("a", "one\r\ntwo\r", None)]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(out.contains("one&#13;\ntwo&#13;<"), "{out}");
        assert!(!out.contains('\r'));
    }
}
