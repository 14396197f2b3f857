//! Answers printed as oxigraph yields them: SPARQL CSV, TSV, JSON and XML row by row, RDF
//! statement by statement, and the aligned table from a buffer of bounded size. Nothing holds
//! the whole answer, so a query with billions of rows prints its first at once and runs in
//! constant memory (oxigraph itself may still hold what its operators need: a sort, a
//! grouping, the smaller side of a join). A time limit stops a runaway query.

use super::{display_term, sparql_format, store_err, Dataset, ResultsFormat};
use crate::error::Error;
use crate::export::rdf::RdfFlavor;
use crate::export::RdfWriter;
use oxigraph::model::Term;
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, Variable};
use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Rows the aligned table holds to measure its columns before it prints as rows come.
pub const TABLE_ROWS: usize = 10_000;
/// Bytes of cells the aligned table holds at most, whatever the number of rows.
const TABLE_BYTES: usize = 16 << 20;
/// Output waits in the writer's buffer at most this long: a slow query's rows show up as
/// they are found, a fast one's are written in large blocks.
const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// How to run a query and print its answer.
#[derive(Clone, Debug)]
pub struct Printer {
    results: ResultsFormat,
    rdf: RdfFlavor,
    timeout: Option<Duration>,
    table_rows: usize,
}

/// What was printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Printed {
    /// The ASK answer, for an ASK query.
    pub boolean: Option<bool>,
    /// Rows (SELECT) or statements (CONSTRUCT, DESCRIBE) printed.
    pub count: u64,
    /// The answer was a graph (CONSTRUCT, DESCRIBE), printed in the RDF format; otherwise
    /// it went out in the results format.
    pub graph: bool,
}

impl Printer {
    /// SELECT and ASK answers in `results`, CONSTRUCT and DESCRIBE graphs in `rdf`; no time
    /// limit.
    pub fn new(results: ResultsFormat, rdf: RdfFlavor) -> Printer {
        Printer {
            results,
            rdf,
            timeout: None,
            table_rows: TABLE_ROWS,
        }
    }

    /// Stops the query (with [`Error::QueryTimeout`]) once it has run this long, printing
    /// included.
    pub fn with_timeout(mut self, timeout: Duration) -> Printer {
        self.timeout = Some(timeout);
        self
    }

    /// Rows the aligned table measures before it prints as rows come (default [`TABLE_ROWS`]).
    pub fn with_table_rows(mut self, rows: usize) -> Printer {
        self.table_rows = rows;
        self
    }
}

/// Cancels a query when its time is up, unless dropped first (the query ended).
struct Watchdog {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start(token: CancellationToken, timeout: Duration) -> Watchdog {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            // A message or a dropped sender both mean the query ended in time.
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(timeout) {
                token.cancel();
            }
        });
        Watchdog {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The time limit of one run.
struct Deadline {
    started: Instant,
    timeout: Option<Duration>,
}

impl Deadline {
    /// After each row: oxigraph checks the limit when it reads the data; this also catches
    /// time spent printing.
    fn check(&self) -> Result<(), Error> {
        match self.timeout {
            Some(t) if self.started.elapsed() > t => Err(timed_out(self.timeout)),
            _ => Ok(()),
        }
    }
}

fn timed_out(timeout: Option<Duration>) -> Error {
    Error::QueryTimeout {
        seconds: timeout.unwrap_or_default().as_secs_f64(),
    }
}

/// An evaluation error, or the time limit if that is why the query stopped.
fn evaluation(e: QueryEvaluationError, timeout: Option<Duration>) -> Error {
    match e {
        QueryEvaluationError::Cancelled => timed_out(timeout),
        e => store_err(e),
    }
}

/// A writer that flushes what waited [`FLUSH_EVERY`] (looking at the clock every 64 writes:
/// the serializers write a row in several small pieces).
struct Paced<W: Write> {
    inner: W,
    writes: u32,
    flushed: Instant,
}

impl<W: Write> Write for Paced<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(64) && self.flushed.elapsed() > FLUSH_EVERY {
            self.inner.flush()?;
            self.flushed = Instant::now();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// oxigraph ends SPARQL JSON and XML results, and every boolean, without a line feed (CSV
/// and TSV rows end with one); every answer kgx prints ends with one.
fn end_line(format: ResultsFormat, boolean: bool, out: &mut impl Write) -> Result<(), Error> {
    if boolean || matches!(format, ResultsFormat::Json | ResultsFormat::Xml) {
        out.write_all(b"\n").map_err(output)?;
    }
    Ok(())
}

fn output(source: std::io::Error) -> Error {
    Error::Output { source }
}

impl Dataset {
    /// Runs a SPARQL query (as [`Dataset::query`] does) and prints its answer to `out` as it
    /// comes. `note` receives remarks for the user (the table printing as rows come).
    pub fn print(
        &self,
        sparql: &str,
        printer: &Printer,
        out: impl Write,
        note: &mut dyn FnMut(&str),
    ) -> Result<Printed, Error> {
        let token = CancellationToken::new();
        let prepared = self.prepare(sparql, Some(token.clone()))?;
        let timeout = printer.timeout;
        let _watchdog = timeout.map(|t| Watchdog::start(token, t));
        let deadline = Deadline {
            started: Instant::now(),
            timeout,
        };
        let mut out = Paced {
            inner: out,
            writes: 0,
            flushed: Instant::now(),
        };
        let results = self.execute(prepared).map_err(|e| evaluation(e, timeout))?;
        let printed = match results {
            QueryResults::Boolean(b) => {
                match printer.results {
                    ResultsFormat::Table => writeln!(out, "{b}").map_err(output)?,
                    f => {
                        QueryResultsSerializer::from_format(sparql_format(f))
                            .serialize_boolean_to_writer(&mut out, b)
                            .map_err(output)?;
                        end_line(f, true, &mut out)?;
                    }
                }
                Printed {
                    boolean: Some(b),
                    count: 0,
                    graph: false,
                }
            }
            QueryResults::Solutions(solutions) => {
                let variables = super::in_query_order(sparql, solutions.variables());
                let rows = solutions.map(|s| {
                    s.map(|s| -> Vec<Option<Term>> {
                        variables.iter().map(|v| s.get(v).cloned()).collect()
                    })
                    .map_err(|e| evaluation(e, timeout))
                });
                let count = match printer.results {
                    ResultsFormat::Table => {
                        let mut table = Table::new(&variables, printer.table_rows);
                        let mut count = 0;
                        for row in rows {
                            table.push(&row?, &mut out, note)?;
                            count += 1;
                            deadline.check()?;
                        }
                        table.finish(&mut out)?;
                        count
                    }
                    f => {
                        let mut w = QueryResultsSerializer::from_format(sparql_format(f))
                            .serialize_solutions_to_writer(&mut out, variables.clone())
                            .map_err(output)?;
                        let mut count = 0;
                        for row in rows {
                            let row: Vec<Option<Term>> = row?;
                            let pairs = variables
                                .iter()
                                .zip(&row)
                                .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref())));
                            w.serialize(pairs).map_err(output)?;
                            count += 1;
                            deadline.check()?;
                        }
                        w.finish().map_err(output)?;
                        end_line(f, false, &mut out)?;
                        count
                    }
                };
                Printed {
                    boolean: None,
                    count,
                    graph: false,
                }
            }
            QueryResults::Graph(triples) => {
                let mut w = RdfWriter::new(&mut out, printer.rdf).map_err(output)?;
                let mut count = 0;
                for t in triples {
                    let t = t.map_err(|e| evaluation(e, timeout))?;
                    w.write_triple(&t).map_err(output)?;
                    count += 1;
                    deadline.check()?;
                }
                w.finish().map_err(output)?;
                Printed {
                    boolean: None,
                    count,
                    graph: true,
                }
            }
        };
        out.flush().map_err(output)?;
        Ok(printed)
    }
}

/// The aligned table: rows are held until `cap` of them (or [`TABLE_BYTES`] of cells) have
/// measured the columns, then printed as they come, aligned on what was measured.
pub(super) struct Table {
    header: Vec<String>,
    widths: Vec<usize>,
    held: Vec<Vec<String>>,
    bytes: usize,
    cap: usize,
    streaming: bool,
}

impl Table {
    pub(super) fn new(variables: &[Variable], cap: usize) -> Table {
        let header: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
        Table {
            widths: header.iter().map(|h| h.chars().count()).collect(),
            header,
            held: Vec::new(),
            bytes: 0,
            cap,
            streaming: false,
        }
    }

    pub(super) fn push(
        &mut self,
        row: &[Option<Term>],
        out: &mut impl Write,
        note: &mut dyn FnMut(&str),
    ) -> Result<(), Error> {
        let cells: Vec<String> = row
            .iter()
            .map(|t| {
                t.as_ref()
                    .map(display_term)
                    .unwrap_or_default()
                    .replace('\n', " ")
            })
            .collect();
        if !self.streaming && (self.held.len() >= self.cap || self.bytes > TABLE_BYTES) {
            note(&format!(
                "more than {n} rows: the table is printed as rows come, its columns as wide as \
                 the first {n} rows need (--results tsv or csv suit long answers)",
                n = self.held.len()
            ));
            self.streaming = true;
            self.flush_held(out)?;
        }
        if self.streaming {
            return self.line(&cells, out);
        }
        for (w, c) in self.widths.iter_mut().zip(&cells) {
            *w = (*w).max(c.chars().count());
        }
        self.bytes += cells.iter().map(String::len).sum::<usize>();
        self.held.push(cells);
        Ok(())
    }

    pub(super) fn finish(mut self, out: &mut impl Write) -> Result<(), Error> {
        if !self.streaming {
            self.flush_held(out)?;
        }
        Ok(())
    }

    fn flush_held(&mut self, out: &mut impl Write) -> Result<(), Error> {
        let header = std::mem::take(&mut self.header);
        self.line(&header, out)?;
        let rule: Vec<String> = self.widths.iter().map(|w| "-".repeat(*w)).collect();
        self.line(&rule, out)?;
        for row in std::mem::take(&mut self.held) {
            self.line(&row, out)?;
        }
        Ok(())
    }

    fn line(&self, values: &[String], out: &mut impl Write) -> Result<(), Error> {
        let mut s = String::new();
        for (i, (v, w)) in values.iter().zip(&self.widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(v);
            // A cell wider than its column (after the table started streaming) pushes the
            // rest of its row to the right.
            for _ in v.chars().count()..*w {
                s.push(' ');
            }
        }
        s.truncate(s.trim_end().len());
        s.push('\n');
        out.write_all(s.as_bytes()).map_err(output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    fn dataset() -> Dataset {
        let d = Dataset::new().unwrap();
        let quads: Vec<Quad> = ["Ada Lind", "Bo", "Ça va, \"oui\"\nnon"]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                Quad::new(
                    NamedNode::new_unchecked(format!("https://w3id.org/kgx/id/person/{i}")),
                    NamedNode::new_unchecked(crate::ontology::vocab::RDFS_LABEL),
                    Literal::new_simple_literal(*name),
                    GraphName::DefaultGraph,
                )
            })
            .collect();
        d.insert(&quads).unwrap();
        d
    }

    fn printed(d: &Dataset, q: &str, printer: &Printer) -> (String, Vec<String>, Printed) {
        let mut out = Vec::new();
        let mut notes = Vec::new();
        let printed = d
            .print(q, printer, &mut out, &mut |n| notes.push(n.to_string()))
            .unwrap();
        (String::from_utf8(out).unwrap(), notes, printed)
    }

    #[test]
    fn streamed_answers_are_the_held_answers() {
        let d = dataset();
        let select = "SELECT ?s ?name WHERE { ?s rdfs:label ?name } ORDER BY ?name";
        let ask = "ASK { ?s rdfs:label \"Bo\" }";
        let construct = "CONSTRUCT { ?s rdfs:comment ?n } WHERE { ?s rdfs:label ?n }";
        for results in [
            ResultsFormat::Table,
            ResultsFormat::Csv,
            ResultsFormat::Tsv,
            ResultsFormat::Json,
            ResultsFormat::Xml,
        ] {
            for rdf in [RdfFlavor::Turtle, RdfFlavor::NTriples, RdfFlavor::RdfXml] {
                for q in [select, ask, construct] {
                    let held = d.query(q).unwrap().write(results, rdf).unwrap();
                    let (streamed, notes, _) = printed(&d, q, &Printer::new(results, rdf));
                    assert_eq!(streamed.as_bytes(), held, "{results:?} {rdf:?} {q}");
                    assert!(notes.is_empty());
                }
            }
        }
        let (_, _, p) = printed(
            &d,
            select,
            &Printer::new(ResultsFormat::Csv, RdfFlavor::Turtle),
        );
        assert_eq!(
            p,
            Printed {
                boolean: None,
                count: 3,
                graph: false
            }
        );
        let (_, _, p) = printed(
            &d,
            ask,
            &Printer::new(ResultsFormat::Csv, RdfFlavor::Turtle),
        );
        assert_eq!(p.boolean, Some(true));
    }

    #[test]
    fn a_table_past_its_cap_prints_as_rows_come_with_a_note() {
        let d = dataset();
        let q = "SELECT ?name ?s WHERE { ?s rdfs:label ?name } ORDER BY ?name";
        let printer = Printer::new(ResultsFormat::Table, RdfFlavor::Turtle).with_table_rows(2);
        let (table, notes, _) = printed(&d, q, &printer);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("more than 2 rows"), "{notes:?}");
        // Aligned on the first two rows; the third, wider, pushes its row to the right.
        let iri = |i: usize| format!("<https://w3id.org/kgx/id/person/{i}>");
        let expected = format!(
            "name      s\n--------  {}\nAda Lind  {}\nBo        {}\nÇa va, \"oui\" non  {}\n",
            "-".repeat(iri(0).len()),
            iri(0),
            iri(1),
            iri(2)
        );
        assert_eq!(table, expected);
    }

    #[test]
    fn a_closed_output_is_an_output_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let d = dataset();
        let printer = Printer::new(ResultsFormat::Csv, RdfFlavor::Turtle);
        let err = d
            .print("SELECT * { ?s ?p ?o }", &printer, Closed, &mut |_| {})
            .unwrap_err();
        assert!(
            matches!(&err, Error::Output { source } if source.kind() == std::io::ErrorKind::BrokenPipe),
            "{err}"
        );
    }
}
