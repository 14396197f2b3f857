//! Exporters: the graph as JSON (the scorer's shape), JSON Lines, and Graphviz DOT. RDF formats
//! plug in here as further [`Format`] variants.

pub mod dot;
mod json;
pub mod rdf;

pub use dot::{to_dot, to_dot_with, Cluster, DotOptions};
pub use json::{to_json, to_json_document, to_json_value};

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
            other => other.parse().map(Format::Rdf).map_err(|_| {
                format!("unknown format '{other}' (expected json, jsonl, dot, turtle, ntriples, nquads, trig, rdfxml or jsonld)")
            }),
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
    }
}

/// Writes `contents` to `path` atomically: a temporary file beside it, then a rename, so a
/// failure never leaves partial output over a good file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    f.commit()
}

/// A file written through a temporary name beside it and renamed into place by
/// [`AtomicFile::commit`]; dropped without committing, it leaves the old file untouched.
#[derive(Debug)]
pub struct AtomicFile {
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let tmp = dir.join(format!(".{name}.kgx-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<(), Error> {
        let err = |source| Error::Write {
            path: self.path.clone(),
            source,
        };
        let file = self.file.take().expect("not yet committed");
        let file = file.into_inner().map_err(|e| err(e.into_error()))?;
        file.sync_all().map_err(err)?;
        std::fs::rename(&self.tmp, &self.path).map_err(err)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not yet committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
