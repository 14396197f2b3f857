//! Typed errors of the library, one enum per boundary.

use std::path::PathBuf;

/// An error in the ontology files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OntologyError {
    /// The Turtle does not parse.
    #[error("{file}: {message}")]
    Syntax {
        /// The ontology file.
        file: &'static str,
        /// The parser's message, with its line and column.
        message: String,
    },
    /// A class or property the extractor emits is not declared.
    #[error("{file}: {what} <{iri}> is not declared")]
    Undeclared {
        /// The ontology file.
        file: &'static str,
        /// "class" or "property".
        what: &'static str,
        /// The missing IRI.
        iri: String,
    },
    /// A declared property lacks a label, comment or range.
    #[error("{file}: {iri} has no {missing}")]
    Incomplete {
        /// The ontology file.
        file: &'static str,
        /// The incomplete term.
        iri: String,
        /// What it lacks.
        missing: &'static str,
    },
}

/// Any error kgx's library reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte offset {offset}", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// The first invalid byte.
        offset: usize,
    },
    /// A file looks binary (it holds NUL bytes).
    #[error("{}: binary file (NUL byte at offset {offset}), not article text", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// The first NUL byte.
        offset: usize,
    },
    /// A folder holds no file of the input format.
    #[error("{}: folder holds no .{extensions} files", path.display())]
    NoTextFiles {
        /// The folder.
        path: PathBuf,
        /// The extensions looked for ("txt, .md").
        extensions: String,
    },
    /// A JSON Lines record is not `{"id": …, "text": …}`.
    #[error("{}:{line}: {message}", path.display())]
    Jsonl {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Two inputs of one run give their documents the same id.
    #[error("{second}: document id '{id}' is already taken by {first} (two documents with one id would share a store file and a named graph; rename one, or give JSON Lines records distinct ids)")]
    DuplicateId {
        /// The id.
        id: String,
        /// The source that took it first.
        first: String,
        /// The source refused.
        second: String,
    },
    /// The embedded model weights are damaged.
    #[error(transparent)]
    Model(#[from] crate::model::perceptron::WeightsError),
    /// The ontology is broken.
    #[error("ontology: {0}")]
    Ontology(#[from] OntologyError),
    /// Graphviz is not installed.
    #[error("Graphviz's `{program}` is not installed: install the graphviz package (e.g. `apt-get install graphviz`), or use --format dot, which needs nothing")]
    GraphvizMissing {
        /// The layout program that was not found.
        program: String,
    },
    /// Graphviz failed.
    #[error("graphviz: {message}")]
    Graphviz {
        /// What went wrong.
        message: String,
    },
    /// `--base` is not an absolute IRI.
    #[error("--base '{base}' is not an absolute IRI ({message}); give one such as https://example.org/kg/")]
    Base {
        /// The base given.
        base: String,
        /// What is wrong.
        message: String,
    },
    /// Another process writes to the store.
    #[error("{}: the store is locked by {} (another `kgx extract --store` is writing to it)", path.display(), pid.map_or("another process".to_string(), |p| format!("process {p}")))]
    StoreLocked {
        /// The store.
        path: PathBuf,
        /// The process holding the lock, when it has written its id yet.
        pid: Option<u32>,
    },
    /// The store is missing or broken.
    #[error("{}: {message}", path.display())]
    Store {
        /// The store or the file at fault.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A SPARQL query failed to parse or evaluate.
    #[error("query: {message}")]
    Query {
        /// What is wrong (syntax errors give the line and column).
        message: String,
    },
    /// The server could not start.
    #[error("serve: {message}")]
    Serve {
        /// What is wrong.
        message: String,
    },
    /// A query ran past its time limit and was stopped.
    #[error("query: stopped after {seconds} s, its time limit (add a LIMIT, narrow the patterns, or allow more time)")]
    QueryTimeout {
        /// The limit, in seconds.
        seconds: f64,
    },
    /// Writing a query's answer failed (a closed pipe, a full disk).
    #[error("writing the answer: {source}")]
    Output {
        /// The cause.
        source: std::io::Error,
    },
    /// An RDF file could not be read.
    #[error("{}: {message}", path.display())]
    Rdf {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Training or annotation data could not be read.
    #[error("{}: {message}", path.display())]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong (with the line where known).
        message: String,
    },
    /// A gold file (`kgx eval`) or gold folder is not as `docs/gold-format.md` describes.
    #[error("{}: {message}", path.display())]
    Gold {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong (JSON errors give the line and column).
        message: String,
    },
    /// Writing output failed.
    #[error("writing {}: {source}", path.display())]
    Write {
        /// The output path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}
