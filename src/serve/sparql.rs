//! The SPARQL 1.1 Protocol, read-only: where the query comes from (GET `?query=`, POST as a
//! form or as `application/sparql-query`), what is refused (updates, LOAD, SERVICE), the time
//! and size limits, and the answer in the format the client's `Accept` asks for.

use super::form::{self, FormError};
use super::Reply;
use crate::export::rdf::RdfFlavor;
use crate::ontology::vocab::PREFIXES;
use crate::query::{Answer, Dataset, ResultsFormat};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::SparqlParser;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Limits on one query.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Longest evaluation; past it the client gets 503 and the evaluation is cancelled.
    pub timeout: Duration,
    /// Most rows (solutions, or triples of a graph) an answer may have.
    pub max_rows: usize,
    /// Most evaluations running at once, those past their timeout included (others wait for
    /// a place): oxigraph checks the cancellation only while it reads the store, so a cross
    /// product computed in memory runs on after its 503, and this bounds what such queries
    /// can hold.
    pub max_running: usize,
}

/// Places for evaluations; a query waits for one until its deadline.
pub struct Slots {
    taken: Mutex<usize>,
    freed: Condvar,
}

/// A place held while an evaluation's thread lives.
struct Slot(Arc<Slots>);

impl Slots {
    /// No place taken.
    pub fn new() -> Arc<Slots> {
        Arc::new(Slots {
            taken: Mutex::new(0),
            freed: Condvar::new(),
        })
    }

    /// Waits until fewer than `max` places are taken, or the deadline.
    fn acquire(self: &Arc<Self>, max: usize, deadline: Instant) -> Option<Slot> {
        // A panic never happens while the lock is held, so a poisoned lock is still sound.
        let mut taken = self.taken.lock().unwrap_or_else(|e| e.into_inner());
        while *taken >= max {
            let left = deadline.checked_duration_since(Instant::now())?;
            taken = self
                .freed
                .wait_timeout(taken, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *taken += 1;
        Some(Slot(Arc::clone(self)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut taken = self.0.taken.lock().unwrap_or_else(|e| e.into_inner());
        *taken -= 1;
        self.0.freed.notify_one();
    }
}

/// Result formats in the order the server prefers them, with their media types.
const RESULT_TYPES: &[(&str, ResultsFormat)] = &[
    ("application/sparql-results+json", ResultsFormat::Json),
    ("application/sparql-results+xml", ResultsFormat::Xml),
    ("text/csv", ResultsFormat::Csv),
    ("text/tab-separated-values", ResultsFormat::Tsv),
    ("application/json", ResultsFormat::Json),
    ("application/xml", ResultsFormat::Xml),
    ("text/xml", ResultsFormat::Xml),
];

/// Graph formats (CONSTRUCT, DESCRIBE) in the order the server prefers them.
const GRAPH_TYPES: &[(&str, RdfFlavor)] = &[
    ("text/turtle", RdfFlavor::Turtle),
    ("application/n-triples", RdfFlavor::NTriples),
    ("application/ld+json", RdfFlavor::JsonLd),
    ("application/rdf+xml", RdfFlavor::RdfXml),
    ("application/n-quads", RdfFlavor::NQuads),
    ("application/trig", RdfFlavor::TriG),
    ("application/x-turtle", RdfFlavor::Turtle),
    ("text/plain", RdfFlavor::NTriples),
];

/// Where the query text comes from.
pub enum Request<'a> {
    /// GET: the URL's query string.
    Get {
        /// The raw query string (after `?`).
        query_string: &'a str,
    },
    /// POST: the content type and the body.
    Post {
        /// The Content-Type header.
        content_type: &'a str,
        /// The body.
        body: &'a [u8],
    },
}

/// The query text of a request, or the reply that refuses it.
fn query_text(request: &Request) -> Result<String, Reply> {
    let (pairs, from) = match request {
        Request::Get { query_string } => (form::parse(query_string.as_bytes()), "URL"),
        Request::Post { content_type, body } => {
            let media = content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match media.as_str() {
                "application/sparql-query" => {
                    return String::from_utf8(body.to_vec())
                        .map_err(|_| Reply::text(400, "the query is not valid UTF-8"));
                }
                "application/sparql-update" => return Err(read_only()),
                "application/x-www-form-urlencoded" => (form::parse(body), "form"),
                _ => {
                    return Err(Reply::text(
                        415,
                        &format!(
                            "unsupported content type '{media}': POST a query as \
                             application/sparql-query or application/x-www-form-urlencoded"
                        ),
                    ))
                }
            }
        }
    };
    let pairs = pairs.map_err(|e| match e {
        FormError::Percent(at) => Reply::text(
            400,
            &format!("malformed percent-encoding in the {from} at byte {at}"),
        ),
        FormError::Utf8 => Reply::text(400, &format!("the {from} is not valid UTF-8")),
    })?;
    let mut query = None;
    for (name, value) in pairs {
        match name.as_str() {
            "query" if query.is_some() => {
                return Err(Reply::text(400, "more than one 'query' parameter"))
            }
            "query" => query = Some(value),
            "update" => return Err(read_only()),
            // The dataset is the server's; a query names its own graphs with FROM.
            "default-graph-uri" | "named-graph-uri" => {
                return Err(Reply::text(
                    400,
                    "default-graph-uri and named-graph-uri are not supported: name graphs \
                     with FROM and FROM NAMED in the query",
                ))
            }
            _ => {}
        }
    }
    query.ok_or_else(|| Reply::text(400, "no 'query' parameter"))
}

fn read_only() -> Reply {
    Reply::text(
        403,
        "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) is refused: \
         this endpoint is read-only",
    )
}

fn parser() -> SparqlParser {
    PREFIXES
        .iter()
        .fold(SparqlParser::new(), |parser, (p, iri)| {
            // The prefixes are constants known to parse.
            parser
                .with_prefix(*p, *iri)
                .unwrap_or_else(|_| SparqlParser::new())
        })
}

/// Whether a text that is no query is an update: one that parses as one (relative IRIs
/// allowed), or whose first keyword after the prologue is an update's, even if malformed.
fn is_update(text: &str) -> bool {
    let parses = parser()
        .with_base_iri("http://localhost/")
        .is_ok_and(|p| p.parse_update(text).is_ok());
    parses || first_keyword(text).is_some_and(|k| UPDATE_KEYWORDS.contains(&k.as_str()))
}

const UPDATE_KEYWORDS: &[&str] = &[
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
];

/// The first keyword after comments and PREFIX and BASE declarations, upper-cased.
fn first_keyword(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
            continue;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_uppercase();
        if word == "PREFIX" || word == "BASE" {
            // Skip to the end of the declaration's IRI.
            rest = rest.split_once('>').map_or("", |(_, r)| r);
            continue;
        }
        return (!word.is_empty()).then_some(word);
    }
}

/// Whether a graph pattern calls a SERVICE anywhere, EXISTS filters included.
fn has_service(pattern: &GraphPattern) -> bool {
    // The pattern's canonical serialization writes the keyword `SERVICE` only for a service
    // call: literals are quoted (inner quotes escaped), IRIs are bracketed and hold no spaces,
    // so the keyword is found by skipping quoted strings and requiring a word boundary.
    let text = pattern.to_string();
    let mut in_string = false;
    let mut escaped = false;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if bytes[i..].starts_with(b"SERVICE ")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
        {
            return true;
        }
    }
    false
}

/// The algebra of a query, for the SERVICE check.
fn pattern(query: &spargebra::Query) -> &GraphPattern {
    match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    }
}

/// Why an evaluation gave no answer.
enum Failure {
    Timeout,
    TooLarge,
    Service,
    Other(String),
}

/// Evaluates a parsed query, collecting at most `max_rows` rows.
fn evaluate(
    dataset: &Dataset,
    query: spargebra::Query,
    token: CancellationToken,
    max_rows: usize,
) -> Result<Answer, Failure> {
    let fail = |e: QueryEvaluationError| match e {
        QueryEvaluationError::Cancelled => Failure::Timeout,
        QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnsupportedService(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_) => Failure::Service,
        other => Failure::Other(other.to_string()),
    };
    let results = dataset.evaluate(query, token).map_err(fail)?;
    Ok(match results {
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Solutions(solutions) => {
            let variables: Vec<Variable> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s.map_err(fail)?;
                if rows.len() == max_rows {
                    return Err(Failure::TooLarge);
                }
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            Answer::Solutions { variables, rows }
        }
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for t in triples {
                if out.len() == max_rows {
                    return Err(Failure::TooLarge);
                }
                out.push(t.map_err(fail)?);
            }
            Answer::Graph(out)
        }
    })
}

/// One media range of an Accept header: type, subtype, weight.
fn accept_ranges(accept: &str) -> Vec<(String, String, f32)> {
    accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (t, s) = media.split_once('/')?;
            let mut q = 1.0;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some((t.trim().to_string(), s.trim().to_string(), q))
        })
        .collect()
}

/// The offered type the client weighs highest (the server's order breaks ties); the first
/// offer when the client sends no Accept; None when it accepts none of them.
fn negotiate<T: Copy>(
    accept: Option<&str>,
    offers: &[(&'static str, T)],
) -> Option<(&'static str, T)> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first().copied();
    };
    let ranges = accept_ranges(accept);
    let mut best: Option<(f32, (&'static str, T))> = None;
    for &(media, value) in offers {
        let (t, s) = media.split_once('/').unwrap_or((media, ""));
        // The most specific range that matches decides the weight.
        let q = ranges
            .iter()
            .filter_map(|(rt, rs, q)| {
                let specificity = match (rt.as_str(), rs.as_str()) {
                    (a, b) if a == t && b == s => 2,
                    (a, "*") if a == t => 1,
                    ("*", "*") => 0,
                    _ => return None,
                };
                Some((specificity, *q))
            })
            .max_by_key(|(specificity, _)| *specificity)
            .map(|(_, q)| q);
        if let Some(q) = q.filter(|q| *q > 0.0) {
            if best.is_none_or(|(b, _)| q > b) {
                best = Some((q, (media, value)));
            }
        }
    }
    best.map(|(_, offer)| offer)
}

/// Answers a SPARQL Protocol request: read the query, refuse what writes or calls out,
/// evaluate within the limits, write the answer as the client accepts.
pub fn answer(
    dataset: &Arc<Dataset>,
    slots: &Arc<Slots>,
    request: &Request,
    accept: Option<&str>,
    limits: Limits,
) -> Reply {
    let answer = query_text(request)
        .and_then(|text| read_only_query(&text))
        .and_then(|query| run(dataset, slots, query, limits));
    match answer {
        Ok(answer) => write(&answer, accept),
        Err(reply) => reply,
    }
}

/// The parsed query, or the reply that refuses it: a syntax error, an update, a SERVICE call.
fn read_only_query(text: &str) -> Result<spargebra::Query, Reply> {
    let query = parser().parse_query(text).map_err(|e| {
        // An update sent as a query is refused as one, not as a syntax error.
        if is_update(text) {
            read_only()
        } else {
            Reply::text(400, &format!("syntax error: {e}"))
        }
    })?;
    if has_service(pattern(&query)) {
        return Err(service_refused());
    }
    Ok(query)
}

/// Evaluates on a thread of its own, so that a query past the deadline is answered 503 at
/// once, even by an operator that checks the cancellation token late (or never).
fn run(
    dataset: &Arc<Dataset>,
    slots: &Arc<Slots>,
    query: spargebra::Query,
    limits: Limits,
) -> Result<Answer, Reply> {
    // The timeout counts from here: waiting for a place, then evaluating.
    let deadline = Instant::now() + limits.timeout;
    let busy = || {
        Reply::text(
            503,
            "too many queries are running (some past their timeout): try again later",
        )
    };
    let slot = slots
        .acquire(limits.max_running, deadline)
        .ok_or_else(busy)?;
    let token = CancellationToken::new();
    let (send, receive) = mpsc::sync_channel(1);
    let worker = {
        let dataset = Arc::clone(dataset);
        let token = token.clone();
        std::thread::Builder::new()
            .name("kgx sparql".into())
            .spawn(move || {
                let _slot = slot;
                let _ = send.send(evaluate(&dataset, query, token, limits.max_rows));
            })
    };
    if worker.is_err() {
        return Err(busy());
    }
    let left = deadline.saturating_duration_since(Instant::now());
    match receive.recv_timeout(left) {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(Failure::Timeout)) | Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            Err(Reply::text(
                503,
                &format!(
                    "the query ran past the {} s timeout and was stopped",
                    limits.timeout.as_secs_f64()
                ),
            ))
        }
        Ok(Err(Failure::TooLarge)) => Err(Reply::text(
            503,
            &format!(
                "the answer has more than {} rows, the server's cap: add a LIMIT",
                limits.max_rows
            ),
        )),
        Ok(Err(Failure::Service)) => Err(service_refused()),
        Ok(Err(Failure::Other(message))) => {
            Err(Reply::text(500, &format!("query failed: {message}")))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Reply::text(
            500,
            "query failed: the evaluation stopped unexpectedly",
        )),
    }
}

/// The answer in the format the client weighs highest, or 406 with the formats on offer.
fn write(answer: &Answer, accept: Option<&str>) -> Reply {
    let written = match answer {
        Answer::Graph(_) => negotiate(accept, GRAPH_TYPES)
            .map(|(media, flavor)| (media, answer.write(ResultsFormat::Json, flavor))),
        _ => negotiate(accept, RESULT_TYPES)
            .map(|(media, format)| (media, answer.write(format, RdfFlavor::Turtle))),
    };
    match written {
        Some((media, Ok(body))) => Reply::new(200, media, body),
        Some((_, Err(e))) => Reply::text(500, &format!("cannot write the answer: {e}")),
        None => {
            let offers: Vec<&str> = match answer {
                Answer::Graph(_) => GRAPH_TYPES.iter().map(|o| o.0).collect(),
                _ => RESULT_TYPES.iter().map(|o| o.0).collect(),
            };
            Reply::text(
                406,
                &format!(
                    "none of the accepted types can hold this answer; available: {}",
                    offers.join(", ")
                ),
            )
        }
    }
}

fn service_refused() -> Reply {
    Reply::text(
        403,
        "SERVICE is refused: this endpoint makes no federated calls",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_picks_the_heaviest_offer() {
        let pick = |a| negotiate(Some(a), RESULT_TYPES).map(|o| o.0);
        assert_eq!(pick("text/csv"), Some("text/csv"));
        assert_eq!(
            pick("text/csv;q=0.5, application/sparql-results+xml"),
            Some("application/sparql-results+xml")
        );
        assert_eq!(pick("*/*"), Some("application/sparql-results+json"));
        assert_eq!(pick("text/*"), Some("text/csv"));
        assert_eq!(pick("image/png"), None);
        assert_eq!(pick("text/csv;q=0"), None);
        assert_eq!(
            negotiate(None, RESULT_TYPES).map(|o| o.0),
            Some("application/sparql-results+json")
        );
    }

    #[test]
    fn updates_are_recognised_even_when_malformed() {
        assert!(is_update("INSERT DATA { <a> <b> <c> }"));
        assert!(is_update(
            "PREFIX ex: <http://e.org/>\n# hi\ndelete where { ?s ?p ?o"
        ));
        assert!(is_update("load <http://x.org/data.ttl>"));
        assert!(!is_update("SELECT * { ?s ?p ?o }"));
        assert!(!is_update("SELEC"));
    }

    #[test]
    fn service_is_found_outside_literals_only() {
        let q = |s: &str| parser().parse_query(s).unwrap();
        assert!(has_service(pattern(&q(
            "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"
        ))));
        assert!(has_service(pattern(&q(
            "SELECT * { ?a ?b ?c FILTER EXISTS { SERVICE SILENT <http://x.org/> { ?s ?p ?o } } }"
        ))));
        assert!(!has_service(pattern(&q(
            r#"SELECT * { ?s rdfs:label "SERVICE \" SERVICE <x> " . ?xSERVICE ?p ?o }"#
        ))));
    }
}
