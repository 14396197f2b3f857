//! Running one case through the library, the way `kgx extract` and `kgx query` do, and
//! checking every output: JSON and JSON Lines parse and their evidence slices the text, DOT is
//! well-formed, every RDF format parses with oxigraph and gives the same statements, SPARQL
//! answers and its answers print, and a store of the documents loads.

use crate::dot_syntax;
use crate::mutate::{Case, Settings};
use kgx::document::{DocumentIds, InputFormat};
use kgx::export::rdf::{self, RdfFlavor};
use kgx::export::{self, Cluster, DotOptions, Format};
use kgx::query::{Dataset, ResultsFormat};
use kgx::{Analysis, Document, KnowledgeGraph, Pipeline};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use std::collections::BTreeSet;
use std::path::Path;

pub const FLAVORS: [RdfFlavor; 6] = [
    RdfFlavor::Turtle,
    RdfFlavor::NTriples,
    RdfFlavor::NQuads,
    RdfFlavor::TriG,
    RdfFlavor::RdfXml,
    RdfFlavor::JsonLd,
];

/// Everything a case produced, compared byte for byte when a case is run twice.
#[derive(Debug, PartialEq)]
pub struct Outputs {
    /// Documents read, and inputs refused (with the reason).
    pub read: Vec<String>,
    pub refused: Vec<String>,
    pub json: String,
    pub jsonl: Vec<String>,
    pub dot: Vec<String>,
    pub rdf: Vec<(RdfFlavor, Vec<u8>)>,
    pub streamed_nquads: Vec<u8>,
    pub answers: Vec<Vec<u8>>,
    /// Statements in the merged graph.
    pub quads: usize,
}

type Fail = String;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Documents read, with their analyses, in input order.
type Analysed = Vec<(Document, Analysis)>;

/// The documents of a case with their analyses, in input order, and what was refused.
fn analyse(
    case: &Case,
    settings: &Settings,
    pipeline: &Pipeline,
    scratch: &Path,
) -> Result<(Analysed, Vec<String>), Fail> {
    let mut ids = DocumentIds::default();
    let mut done = Vec::new();
    let mut refused = Vec::new();
    match case {
        Case::Text(files) => {
            for (id, bytes) in files {
                let path = Path::new("fuzz").join(format!("{id}.txt"));
                match Document::from_bytes(id.clone(), &path, bytes.clone()) {
                    Ok(doc) => match ids.admit(&doc) {
                        Ok(()) => {
                            let analysis = pipeline.run(&doc);
                            done.push((doc, analysis));
                        }
                        Err(e) => refused.push(e.to_string()),
                    },
                    Err(e) => refused.push(e.to_string()),
                }
            }
        }
        Case::Jsonl(bytes) => {
            let path = scratch.join("input.jsonl");
            std::fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))?;
            let documents = kgx::document::articles(vec![path], InputFormat::Jsonl);
            kgx::corpus::process(
                pipeline,
                documents,
                settings.jobs,
                |doc, analysis| (doc, analysis),
                |result| -> Result<(), Fail> {
                    match result {
                        Ok((doc, analysis)) => match ids.admit(&doc) {
                            Ok(()) => done.push((doc, analysis)),
                            Err(e) => refused.push(e.to_string()),
                        },
                        Err(e) => refused.push(e.to_string()),
                    }
                    Ok(())
                },
            )?;
        }
    }
    Ok((done, refused))
}

/// Runs a case and checks every output; `store` also writes and reloads a store.
pub fn run(
    case: &Case,
    settings: &Settings,
    pipeline: &Pipeline,
    queries: &[(String, String)],
    scratch: &Path,
    store: bool,
) -> Result<Outputs, Fail> {
    let base = match rdf::check_base(&settings.base) {
        Ok(base) => base,
        Err(_) if settings.base.contains(' ') => rdf::check_base("https://w3id.org/kgx/id/")
            .map_err(|e| format!("the default base is refused: {e}"))?,
        Err(e) => return Err(format!("base {:?} refused: {e}", settings.base)),
    };
    let (docs, refused) = analyse(case, settings, pipeline, scratch)?;
    let ontology = pipeline.ontology();

    // Per document, as `--format jsonl` and `--format nquads` stream them.
    let mut graph = KnowledgeGraph::new();
    let mut jsonl = Vec::new();
    let mut streamed_nquads = Vec::new();
    for (doc, analysis) in &docs {
        let mut one = KnowledgeGraph::new();
        one.add(doc, &analysis.facts());
        let line = export::to_json_document(&one, Some(&doc.id), false);
        ensure!(
            !line.contains('\n'),
            "JSON Lines line of {:?} holds a line break",
            doc.id
        );
        let value: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("JSON Lines line of {:?} does not parse: {e}", doc.id))?;
        ensure!(
            value["doc"] == doc.id.as_str(),
            "JSON Lines line names doc {:?}, not {:?}",
            value["doc"],
            doc.id
        );
        check_graph_json(&value, &docs)?;
        jsonl.push(line);
        let nq = export::render(&one, ontology, Format::Rdf(RdfFlavor::NQuads), &base);
        parse_rdf(&nq, RdfFlavor::NQuads)
            .map_err(|e| format!("N-Quads of document {:?}: {e}", doc.id))?;
        streamed_nquads.extend_from_slice(&nq);
        graph.add(doc, &analysis.facts());
    }
    parse_rdf(&streamed_nquads, RdfFlavor::NQuads)
        .map_err(|e| format!("the streamed N-Quads of all documents: {e}"))?;

    // The merged graph in every format.
    let json = String::from_utf8(export::render(&graph, ontology, Format::Json, &base))
        .map_err(|e| format!("JSON is not UTF-8: {e}"))?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("JSON does not parse: {e}"))?;
    check_graph_json(&value, &docs)?;
    let jsonl_merged = String::from_utf8(export::render(&graph, ontology, Format::Jsonl, &base))
        .map_err(|e| format!("JSON Lines is not UTF-8: {e}"))?;
    ensure!(
        jsonl_merged.ends_with('\n') && jsonl_merged.matches('\n').count() == 1,
        "the merged graph as JSON Lines is not one line"
    );
    serde_json::from_str::<serde_json::Value>(&jsonl_merged)
        .map_err(|e| format!("JSON Lines of the merged graph does not parse: {e}"))?;

    let mut dot = vec![
        String::from_utf8(export::render(&graph, ontology, Format::Dot, &base))
            .map_err(|e| format!("DOT is not UTF-8: {e}"))?,
    ];
    for cluster in [Cluster::Doc, Cluster::Org] {
        dot.push(export::to_dot_with(
            &graph,
            ontology,
            &DotOptions {
                cluster,
                no_legend: cluster == Cluster::Org,
                ..DotOptions::default()
            },
        ));
    }
    for (k, d) in dot.iter().enumerate() {
        dot_syntax::check(d).map_err(|e| format!("DOT #{k} is not well-formed: {e}"))?;
    }

    let mut rdf_out = Vec::new();
    let mut statements: Vec<(RdfFlavor, BTreeSet<String>)> = Vec::new();
    for flavor in FLAVORS {
        let bytes = export::render(&graph, ontology, Format::Rdf(flavor), &base);
        let quads = parse_rdf(&bytes, flavor).map_err(|e| format!("{}: {e}", flavor.name()))?;
        statements.push((
            flavor,
            quads
                .iter()
                .map(|q| canonical(q, flavor.has_graphs()))
                .collect(),
        ));
        rdf_out.push((flavor, bytes));
    }
    // Every format says the same: the quad formats the same quads, the triple formats the
    // same triples.
    let nquads = &statements[2].1;
    let triples: BTreeSet<String> = parse_rdf(&rdf_out[2].1, RdfFlavor::NQuads)?
        .iter()
        .map(|q| canonical(q, false))
        .collect();
    for (flavor, set) in &statements {
        let want = if flavor.has_graphs() {
            nquads
        } else {
            &triples
        };
        if set != want {
            let missing: Vec<_> = want.difference(set).take(2).collect();
            let extra: Vec<_> = set.difference(want).take(2).collect();
            return Err(format!(
                "{} gives other statements than N-Quads: missing {missing:?}, extra {extra:?}",
                flavor.name()
            ));
        }
    }

    // SPARQL over the result.
    let quads = parse_rdf(&rdf_out[2].1, RdfFlavor::NQuads)?;
    let dataset = Dataset::new().map_err(|e| e.to_string())?;
    dataset.insert(&quads).map_err(|e| e.to_string())?;
    let answers = answer(&dataset, queries)?;
    // The default graph is the merge of all graphs: each statement once, however many
    // documents make it; the named graphs hold each document's own.
    let named = nquads.iter().filter(|q| !q.ends_with(' ')).count();
    for (sparql, want) in [
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", triples.len()),
        (
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            named,
        ),
    ] {
        let got = count(&dataset, sparql)?;
        ensure!(got == want, "{sparql} counts {got}, not {want}");
    }

    if store {
        check_store(&docs, &base, pipeline, scratch)?;
    }

    Ok(Outputs {
        read: docs.iter().map(|(d, _)| d.id.clone()).collect(),
        refused,
        json,
        jsonl,
        dot,
        rdf: rdf_out,
        streamed_nquads,
        answers,
        quads: nquads.len(),
    })
}

/// The JSON shape: ids unique, relations between known entities, evidence that slices its
/// document's text on character boundaries, and a sentence table that holds each sentence the
/// evidence names once, with the offsets the evidence gives and the text they slice.
fn check_graph_json(value: &serde_json::Value, docs: &[(Document, Analysis)]) -> Result<(), Fail> {
    let entities = value["entities"].as_array().ok_or("no entities array")?;
    let mut ids = BTreeSet::new();
    for e in entities {
        let id = e["id"].as_str().ok_or("an entity without an id")?;
        ensure!(ids.insert(id), "entity id {id} twice");
        ensure!(e["label"].is_string(), "entity {id} without a label");
    }
    let mut table = std::collections::BTreeMap::new();
    for s in value["sentences"].as_array().ok_or("no sentences array")? {
        let (Some(doc), Some(index), Some(start), Some(end), Some(said)) = (
            s["doc"].as_str(),
            s["sentence"].as_u64(),
            s["start"].as_u64(),
            s["end"].as_u64(),
            s["text"].as_str(),
        ) else {
            return Err(format!(
                "a sentence without doc, index, offsets or text: {s}"
            ));
        };
        let text = &docs
            .iter()
            .find(|(d, _)| d.id == doc)
            .ok_or_else(|| format!("sentence names unknown document {doc:?}"))?
            .0
            .text;
        let (start, end) = (start as usize, end as usize);
        ensure!(
            text.get(start..end) == Some(said),
            "sentence text is not the sentence {start}..{end} of {doc:?}"
        );
        ensure!(
            table.insert((doc, index), (start, end)).is_none(),
            "sentence {index} of {doc:?} twice in the table"
        );
    }
    for r in value["relations"].as_array().ok_or("no relations array")? {
        for end in ["subject", "object"] {
            let id = r[end]
                .as_str()
                .ok_or("a relation end that is not a string")?;
            ensure!(ids.contains(id), "relation {end} {id} is not an entity");
        }
        for ev in r["evidence"]
            .as_array()
            .ok_or("a relation without evidence")?
        {
            let doc = ev["doc"].as_str().ok_or("evidence without doc")?;
            let text = &docs
                .iter()
                .find(|(d, _)| d.id == doc)
                .ok_or_else(|| format!("evidence names unknown document {doc:?}"))?
                .0
                .text;
            let num = |v: &serde_json::Value| v.as_u64().map(|n| n as usize);
            let (start, end) = (num(&ev["start"]), num(&ev["end"]));
            let trigger = (num(&ev["trigger"][0]), num(&ev["trigger"][1]));
            let (Some(start), Some(end), (Some(t0), Some(t1))) = (start, end, trigger) else {
                return Err(format!("evidence offsets missing: {ev}"));
            };
            for (what, a, b) in [("sentence", start, end), ("trigger", t0, t1)] {
                ensure!(
                    a <= b
                        && b <= text.len()
                        && text.is_char_boundary(a)
                        && text.is_char_boundary(b),
                    "{what} span {a}..{b} does not slice document {doc:?} ({} bytes)",
                    text.len()
                );
            }
            let index = ev["sentence"]
                .as_u64()
                .ok_or("evidence without a sentence")?;
            ensure!(
                table.get(&(doc, index)) == Some(&(start, end)),
                "evidence sentence {index} {start}..{end} of {doc:?} is not in the sentence table"
            );
        }
    }
    Ok(())
}

pub fn oxigraph_format(flavor: RdfFlavor) -> RdfFormat {
    match flavor {
        RdfFlavor::JsonLd => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        other => other.format(),
    }
}

pub fn parse_rdf(bytes: &[u8], flavor: RdfFlavor) -> Result<Vec<Quad>, Fail> {
    RdfParser::from_format(oxigraph_format(flavor))
        .for_slice(bytes)
        .collect::<Result<Vec<Quad>, _>>()
        .map_err(|e| format!("oxigraph does not parse it: {e}"))
}

/// A statement as text, blank nodes all alike, the graph kept or dropped.
fn canonical(q: &Quad, graph: bool) -> String {
    let s = match &q.subject {
        NamedOrBlankNode::BlankNode(_) => "_:b".to_string(),
        other => other.to_string(),
    };
    let o = match &q.object {
        Term::BlankNode(_) => "_:b".to_string(),
        other => other.to_string(),
    };
    let g = match (&q.graph_name, graph) {
        (GraphName::NamedNode(n), true) => n.to_string(),
        (GraphName::BlankNode(_), true) => "_:b".to_string(),
        _ => String::new(),
    };
    format!("{s} {} {o} {g}", q.predicate)
}

/// The example queries and a few of our own, each printed in every results format, the
/// machine formats read back.
fn answer(dataset: &Dataset, queries: &[(String, String)]) -> Result<Vec<Vec<u8>>, Fail> {
    let mut out = Vec::new();
    for (name, sparql) in queries {
        let answer = dataset
            .query(sparql)
            .map_err(|e| format!("query {name}: {e}"))?;
        for format in [
            ResultsFormat::Table,
            ResultsFormat::Csv,
            ResultsFormat::Tsv,
            ResultsFormat::Json,
            ResultsFormat::Xml,
        ] {
            let bytes = answer
                .write(format, RdfFlavor::Turtle)
                .map_err(|e| format!("query {name} as {format:?}: {e}"))?;
            let read_back = match (format, &answer) {
                (_, kgx::query::Answer::Graph(_)) => {
                    parse_rdf(&bytes, RdfFlavor::Turtle).map(|_| ())
                }
                (ResultsFormat::Json, _) => parse_results(&bytes, QueryResultsFormat::Json),
                (ResultsFormat::Xml, _) => parse_results(&bytes, QueryResultsFormat::Xml),
                (ResultsFormat::Tsv, _) => parse_results(&bytes, QueryResultsFormat::Tsv),
                _ => std::str::from_utf8(&bytes)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            };
            read_back.map_err(|e| format!("query {name} as {format:?} does not read back: {e}"))?;
            out.push(bytes);
        }
    }
    Ok(out)
}

/// The number a `SELECT (COUNT(*) AS ?n)` query answers.
fn count(dataset: &Dataset, sparql: &str) -> Result<usize, Fail> {
    match dataset
        .query(sparql)
        .map_err(|e| format!("{sparql}: {e}"))?
    {
        kgx::query::Answer::Solutions { rows, .. } => match rows.first().and_then(|r| r.first()) {
            Some(Some(Term::Literal(l))) => l.value().parse().map_err(|e| format!("{sparql}: {e}")),
            other => Err(format!("{sparql} answers {other:?}")),
        },
        other => Err(format!("{sparql} answers {other:?}")),
    }
}

fn parse_results(bytes: &[u8], format: QueryResultsFormat) -> Result<(), Fail> {
    use oxigraph::sparql::results::SliceQueryResultsParserOutput;
    match QueryResultsParser::from_format(format)
        .for_slice(bytes)
        .map_err(|e| e.to_string())?
    {
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            for s in solutions {
                s.map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        SliceQueryResultsParserOutput::Boolean(_) => Ok(()),
    }
}

/// The documents written to a fresh store, one file each, and loaded back: every file parses,
/// one file per document, the same statements as the documents' own N-Quads.
fn check_store(
    docs: &[(Document, Analysis)],
    base: &str,
    pipeline: &Pipeline,
    scratch: &Path,
) -> Result<(), Fail> {
    let dir = scratch.join("store");
    let _ = std::fs::remove_dir_all(&dir);
    let writer = kgx::store::StoreWriter::open(&dir).map_err(|e| e.to_string())?;
    let mut want = BTreeSet::new();
    for (doc, analysis) in docs {
        let mut one = KnowledgeGraph::new();
        one.add(doc, &analysis.facts());
        let nq = export::render(
            &one,
            pipeline.ontology(),
            Format::Rdf(RdfFlavor::NQuads),
            base,
        );
        want.extend(
            parse_rdf(&nq, RdfFlavor::NQuads)?
                .iter()
                .map(|q| canonical(q, true)),
        );
        writer
            .put(&doc.id, &nq)
            .map_err(|e| format!("storing {:?}: {e}", doc.id))?;
    }
    drop(writer);
    let files = kgx::store::document_files(&dir).map_err(|e| e.to_string())?;
    ensure!(
        files.len() == docs.len(),
        "{} documents gave {} store files",
        docs.len(),
        files.len()
    );
    let dataset =
        Dataset::load_store(&dir, Err).map_err(|e| format!("store does not load: {e}"))?;
    let answer = dataset
        .query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        .map_err(|e| e.to_string())?;
    let in_graphs = match answer {
        kgx::query::Answer::Solutions { rows, .. } => rows.len(),
        _ => 0,
    };
    let named = want.iter().filter(|q| !q.ends_with(' ')).count();
    ensure!(
        in_graphs == named,
        "the store holds {in_graphs} statements in named graphs, the documents {named}"
    );
    Ok(())
}
