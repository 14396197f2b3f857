//! Exporters: the graph as JSON (the scorer's shape), JSON Lines, and Graphviz DOT. RDF formats
//! plug in here as further [`Format`] variants.

pub mod dot;
mod json;
mod output;
pub mod rdf;
mod rdf_writer;
mod text;

pub use dot::{to_dot, to_dot_with, Cluster, DotOptions};
pub use json::{to_json, to_json_document, to_json_value};
pub(crate) use output::temporary_path;
pub use output::OutputFile;
pub use rdf_writer::{DocumentRdf, RdfWriter, Statements};
pub use text::to_text;

use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::ontology::Ontology;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object for the merged graph.
    Json,
    /// One JSON object per document, one per line.
    Jsonl,
    /// A Graphviz diagram.
    Dot,
    /// The facts for a person to read, each with its role or claim and its sentence.
    Text,
    /// RDF, through oxigraph's serializers.
    Rdf(rdf::RdfFlavor),
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "dot" | "gv" => Ok(Format::Dot),
            "text" | "txt" => Ok(Format::Text),
            other => other.parse().map(Format::Rdf).map_err(|_| {
                format!("unknown format '{other}' (expected json, jsonl, dot, text, turtle, ntriples, nquads, trig, rdfxml or jsonld)")
            }),
        }
    }
}

impl Format {
    /// The format an output file's name implies (`g.ttl` → Turtle, `g.jsonl` → JSON Lines),
    /// as `kgx render` takes its image format from the name.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "dot" | "gv" => Some(Format::Dot),
            "txt" | "text" => Some(Format::Text),
            _ => rdf::RdfFlavor::from_path(path).map(Format::Rdf),
        }
    }
}

/// Renders a merged graph in a format (JSON Lines renders the graph as one line). `base` is
/// the base of entity IRIs in RDF formats.
pub fn render(graph: &KnowledgeGraph, ontology: &Ontology, format: Format, base: &str) -> Vec<u8> {
    match format {
        Format::Rdf(flavor) => rdf::serialize(&rdf::quads(graph, base), flavor)
            .expect("serializing to memory does not fail"),
        other => render_text(graph, ontology, other).into_bytes(),
    }
}

fn render_text(graph: &KnowledgeGraph, ontology: &Ontology, format: Format) -> String {
    match format {
        Format::Rdf(_) => unreachable!("handled by render"),
        Format::Json => {
            let mut s = to_json(graph, true);
            s.push('\n');
            s
        }
        Format::Jsonl => {
            let mut s = to_json(graph, false);
            s.push('\n');
            s
        }
        Format::Dot => to_dot(graph, ontology),
        Format::Text => to_text(graph, ontology),
    }
}

/// Writes `contents` to `path` as [`OutputFile`] does: atomically over regular files and new
/// paths, straight into devices, FIFOs and inherited descriptors.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut f = OutputFile::create(path)?;
    f.write_all(contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    f.commit()
}
