//! SPARQL over oxigraph's engine: a dataset from a store folder, RDF files or articles, queries
//! with common prefixes predeclared and the merge of all graphs as the default graph, and
//! answers printed as a table, CSV, TSV, SPARQL JSON or XML, or RDF for CONSTRUCT/DESCRIBE.

mod entities;
mod input;
mod print;
mod snapshot;
mod sparql_text;

use sparql_text::in_query_order;

pub use input::{rdf_by_name, DataPaths, Input};
pub use print::{Printed, Printer, TABLE_ROWS};

use crate::error::Error;
use crate::export::rdf::RdfFlavor;
use crate::ontology::vocab::PREFIXES;
use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, Quad, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator, Variable,
};
use oxigraph::store::Store;
use std::path::Path;
use std::str::FromStr;

/// A dataset to query.
pub struct Dataset {
    data: Data,
}

/// Where a dataset's quads are: oxigraph's in-memory store (files, articles), or a store
/// folder's snapshot, queried in place.
enum Data {
    Memory(Store),
    Snapshot(snapshot::Snapshot),
}

fn store_err(e: impl std::fmt::Display) -> Error {
    Error::Query {
        message: e.to_string(),
    }
}

impl Dataset {
    /// An empty in-memory dataset.
    pub fn new() -> Result<Dataset, Error> {
        Ok(Dataset {
            data: Data::Memory(Store::new().map_err(store_err)?),
        })
    }

    /// Opens a store folder through its snapshot (`DIR/snapshot.kgxs`), made from every
    /// document file when it is missing or any document changed since it was made. A file
    /// that does not parse is handed to `broken` (which names it to the user, or returns the
    /// error to stop) and none of its quads are read; the others answer.
    pub fn load_store(
        dir: &Path,
        mut broken: impl FnMut(Error) -> Result<(), Error>,
    ) -> Result<Dataset, Error> {
        let (snapshot, _) = snapshot::open(dir, &mut broken)?;
        Ok(Dataset {
            data: Data::Snapshot(snapshot),
        })
    }

    /// Loads an RDF file, its format named by its extension.
    pub fn load_file(&self, path: &Path) -> Result<(), Error> {
        let flavor = RdfFlavor::from_path(path).ok_or_else(|| Error::Rdf {
            path: path.to_path_buf(),
            message: "not an RDF file (expected .ttl, .nt, .nq, .trig, .rdf, .owl, .jsonld, or \
                      .turtle, .ntriples, .nquads, .rdfxml; or give --input-format)"
                .into(),
        })?;
        self.load_file_as(path, flavor)
    }

    /// Loads an RDF file in the given format; `-` is standard input.
    pub fn load_file_as(&self, path: &Path, flavor: RdfFlavor) -> Result<(), Error> {
        let io = |e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        };
        let bytes = if path == Path::new("-") {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(io)?;
            bytes
        } else {
            std::fs::read(path).map_err(io)?
        };
        if flavor == RdfFlavor::RdfXml {
            entities::check(&bytes).map_err(|message| Error::Rdf {
                path: path.to_path_buf(),
                message,
            })?;
        }
        let quads = RdfParser::from_format(flavor.format())
            .for_slice(&bytes)
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| Error::Rdf {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        self.insert(&quads)
    }

    /// Adds quads.
    pub fn insert(&self, quads: &[Quad]) -> Result<(), Error> {
        match &self.data {
            Data::Memory(store) => store.extend(with_merge(quads.to_vec())).map_err(store_err),
            Data::Snapshot(_) => Err(Error::Query {
                message:
                    "a store is read from its folder; add documents with `kgx extract --store`"
                        .into(),
            }),
        }
    }

    /// Evaluates a parsed query with a cancellation token, for the SPARQL endpoint (`serve`),
    /// which parses and vets queries itself.
    #[cfg(feature = "serve")]
    pub(crate) fn evaluate(
        &self,
        query: spargebra::Query,
        token: CancellationToken,
    ) -> Result<QueryResults<'_>, oxigraph::sparql::QueryEvaluationError> {
        let prepared = SparqlEvaluator::new()
            .with_cancellation_token(token)
            .for_query(query);
        match &self.data {
            Data::Memory(store) => prepared.on_store(store).execute(),
            Data::Snapshot(snapshot) => prepared.on_queryable_dataset(snapshot).execute(),
        }
    }

    /// Number of quads held, counting the default graph's copy of each named graph's
    /// statements (see [`Dataset::query`]).
    pub fn len(&self) -> Result<usize, Error> {
        match &self.data {
            Data::Memory(store) => store.len().map_err(store_err),
            Data::Snapshot(snapshot) => Ok(snapshot.len_with_merge()),
        }
    }

    /// Whether the dataset is empty.
    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.len()? == 0)
    }

    /// Runs a SPARQL 1.1 query. The kgx, rdf, rdfs, owl, xsd, skos, schema, prov, oa and org
    /// prefixes are predeclared; the default graph is the RDF merge of all graphs (each
    /// statement once, however many graphs hold it) unless the query names its dataset
    /// (`FROM`, `FROM NAMED`).
    ///
    /// The answer is held whole: [`Dataset::print`] prints it as it comes.
    pub fn query(&self, sparql: &str) -> Result<Answer, Error> {
        let prepared = self.prepare(sparql, None)?;
        // The store's default graph holds the merge of all graphs (see `with_merge`); with
        // FROM or FROM NAMED, the dataset is what the query says, as SPARQL 1.1 defines it.
        let results = self.execute(prepared).map_err(store_err)?;
        Ok(match results {
            QueryResults::Boolean(b) => Answer::Boolean(b),
            QueryResults::Solutions(solutions) => {
                let variables: Vec<Variable> = in_query_order(sparql, solutions.variables());
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s.map_err(store_err)?;
                    rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
                }
                Answer::Solutions { variables, rows }
            }
            QueryResults::Graph(triples) => {
                let mut out = Vec::new();
                for t in triples {
                    out.push(t.map_err(store_err)?);
                }
                Answer::Graph(out)
            }
        })
    }

    /// Evaluates a parsed query on the dataset.
    fn execute(
        &self,
        prepared: PreparedSparqlQuery,
    ) -> Result<QueryResults<'_>, oxigraph::sparql::QueryEvaluationError> {
        match &self.data {
            Data::Memory(store) => prepared.on_store(store).execute(),
            Data::Snapshot(snapshot) => prepared.on_queryable_dataset(snapshot).execute(),
        }
    }

    /// Parses a query with kgx's prefixes predeclared.
    fn prepare(
        &self,
        sparql: &str,
        token: Option<CancellationToken>,
    ) -> Result<PreparedSparqlQuery, Error> {
        let mut evaluator = SparqlEvaluator::new();
        for (p, iri) in PREFIXES {
            evaluator = evaluator.with_prefix(*p, *iri).map_err(store_err)?;
        }
        if let Some(token) = token {
            evaluator = evaluator.with_cancellation_token(token);
        }
        evaluator.parse_query(sparql).map_err(|e| Error::Query {
            message: sparql_text::syntax_message(sparql, &e.to_string()),
        })
    }
}

/// The quads, and each statement of a named graph again in the default graph, so that the
/// default graph is the RDF merge of all graphs: a statement several documents make is in it
/// once. (oxigraph's "default graph as union" yields a statement once per graph that holds it,
/// oxigraph issue #1919: a join over facts that k documents state gave k^n rows per answer —
/// wrong counts, and a query over a store of a few hundred similar articles ran out of memory.)
/// The store is a set, so a copy of a statement the default graph already holds adds nothing.
fn with_merge(mut quads: Vec<Quad>) -> Vec<Quad> {
    let copies: Vec<Quad> = quads
        .iter()
        .filter(|q| !q.graph_name.is_default_graph())
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                GraphName::DefaultGraph,
            )
        })
        .collect();
    quads.extend(copies);
    quads
}

/// What a query answered.
#[derive(Debug)]
pub enum Answer {
    /// SELECT: variables and rows.
    Solutions {
        /// The projected variables.
        variables: Vec<Variable>,
        /// One row per solution, a cell per variable.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE.
    Graph(Vec<Triple>),
}

/// How to print SELECT and ASK answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultsFormat {
    /// An aligned table for people.
    Table,
    /// SPARQL CSV.
    Csv,
    /// SPARQL TSV.
    Tsv,
    /// SPARQL results JSON.
    Json,
    /// SPARQL results XML.
    Xml,
}

impl FromStr for ResultsFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => ResultsFormat::Table,
            "csv" => ResultsFormat::Csv,
            "tsv" => ResultsFormat::Tsv,
            "json" => ResultsFormat::Json,
            "xml" => ResultsFormat::Xml,
            other => {
                return Err(format!(
                    "unknown results format '{other}' (expected table, csv, tsv, json or xml)"
                ))
            }
        })
    }
}

/// A term as a person reads it: prefixed names for known namespaces, plain literal values.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            for (p, iri) in PREFIXES {
                if let Some(local) = n.as_str().strip_prefix(iri) {
                    if !local.is_empty()
                        && local
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                    {
                        return format!("{p}:{local}");
                    }
                }
            }
            format!("<{}>", n.as_str())
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

impl Answer {
    /// The ASK answer, if this is one.
    pub fn boolean(&self) -> Option<bool> {
        match self {
            Answer::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// Prints the answer: results in `format`, graphs in `rdf`.
    pub fn write(&self, format: ResultsFormat, rdf: RdfFlavor) -> Result<Vec<u8>, Error> {
        let io = |e: std::io::Error| store_err(e);
        match self {
            Answer::Graph(triples) => {
                let quads: Vec<Quad> = triples
                    .iter()
                    .cloned()
                    .map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph))
                    .collect();
                crate::export::rdf::serialize(&quads, rdf).map_err(io)
            }
            Answer::Boolean(b) => match format {
                ResultsFormat::Table => Ok(format!("{b}\n").into_bytes()),
                f => {
                    let mut out = QueryResultsSerializer::from_format(sparql_format(f))
                        .serialize_boolean_to_writer(Vec::new(), *b)
                        .map_err(io)?;
                    end_line(f, true, &mut out);
                    Ok(out)
                }
            },
            Answer::Solutions { variables, rows } => match format {
                ResultsFormat::Table => table(variables, rows),
                f => {
                    let mut w = QueryResultsSerializer::from_format(sparql_format(f))
                        .serialize_solutions_to_writer(Vec::new(), variables.clone())
                        .map_err(io)?;
                    for row in rows {
                        let pairs = variables
                            .iter()
                            .zip(row)
                            .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref())));
                        w.serialize(pairs).map_err(io)?;
                    }
                    let mut out = w.finish().map_err(io)?;
                    end_line(f, false, &mut out);
                    Ok(out)
                }
            },
        }
    }
}

/// SPARQL JSON and XML, and booleans, as oxigraph writes them end without a line feed;
/// kgx's answers end with one.
fn end_line(format: ResultsFormat, boolean: bool, out: &mut Vec<u8>) {
    if boolean || matches!(format, ResultsFormat::Json | ResultsFormat::Xml) {
        out.push(b'\n');
    }
}

fn sparql_format(f: ResultsFormat) -> QueryResultsFormat {
    match f {
        ResultsFormat::Csv => QueryResultsFormat::Csv,
        ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        ResultsFormat::Xml => QueryResultsFormat::Xml,
        _ => QueryResultsFormat::Json,
    }
}

fn table(variables: &[Variable], rows: &[Vec<Option<Term>>]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut table = print::Table::new(variables, usize::MAX);
    for row in rows {
        table.push(row, &mut out, &mut |_| {})?;
    }
    table.finish(&mut out)?;
    Ok(out)
}
