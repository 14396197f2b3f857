//! Scale-out: a JSON Lines corpus cut into shards and extracted by separate kgx processes (what
//! GNU parallel and Spark's partitions do) gives the single run's graph. IRIs come from names
//! and document ids, never from the run, and kgx writes no blank nodes, so "the same graph"
//! is plain set equality of quads.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs kgx with `input` on stdin, as a partition's records reach it in Spark.
fn kgx_stdin(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kgx runs");
    // Written from a thread while this one reads stdout: kgx writes each document as soon as
    // it is done, so with more than a pipe's worth of input and output, writing all the input
    // first would wait forever. Dropping stdin closes it: kgx reads to the end, then exits.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "kgx {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The quads of an output (N-Quads or TriG), as their N-Quads lines.
fn quads(bytes: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| {
            let q: Quad = q.expect("kgx's RDF parses");
            let blank = matches!(q.subject, NamedOrBlankNode::BlankNode(_))
                || matches!(q.object, Term::BlankNode(_))
                || q.graph_name.is_blank_node();
            // With blank nodes, one graph could be written with other labels in another run,
            // and comparing sets would not be enough.
            assert!(!blank, "a blank node in {q}");
            q.to_string()
        })
        .collect()
}

/// A corpus of JSON Lines records from the example articles: 38 records, each an article
/// with one of its paragraphs left out by turns, so that documents share some facts and not
/// others; ids unique (one with a space and a non-ASCII letter), titles as metadata.
fn corpus() -> Vec<String> {
    let articles: Vec<String> = crate::common::example_articles()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    (0..38)
        .map(|i| {
            let paragraphs: Vec<&str> = articles[i % articles.len()]
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .collect();
            let drop = 1 + i / articles.len() % (paragraphs.len() - 1);
            let text: Vec<&str> = paragraphs
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != drop)
                .map(|(_, p)| *p)
                .collect();
            let id = if i == 20 {
                format!("shard é {i}")
            } else {
                format!("r{i:02}")
            };
            serde_json::json!({"id": id, "title": paragraphs[0], "text": text.join("\n\n")})
                .to_string()
        })
        .collect()
}

const EXTRACT: [&str; 7] = [
    "extract",
    "-j",
    "1",
    "-q",
    "--input-format",
    "jsonl",
    "--format",
];

fn extract(format: &str, lines: &[String]) -> Vec<u8> {
    let mut input = lines.join("\n");
    input.push('\n');
    let mut args = EXTRACT.to_vec();
    args.push(format);
    kgx_stdin(&args, input.as_bytes())
}

#[test]
fn a_corpus_split_at_every_seventh_line_gives_the_single_run_s_quads() {
    let lines = corpus();
    let single = extract("nquads", &lines);
    let whole = quads(&single, RdfFormat::NQuads);
    let mut union = BTreeSet::new();
    let mut shards = 0;
    for shard in lines.chunks(7) {
        union.extend(quads(&extract("nquads", shard), RdfFormat::NQuads));
        shards += 1;
    }
    assert_eq!(shards, 6, "five shards of 7 lines and one of 3");
    assert!(
        whole.len() > 1000,
        "a corpus with facts: {} quads",
        whole.len()
    );
    let missing: Vec<_> = whole.difference(&union).take(3).collect();
    let extra: Vec<_> = union.difference(&whole).take(3).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    // The merged graph of one run (TriG, built from the whole corpus at once) is that union
    // too here, where every fact has the same role and confidence in each document stating
    // it; see the next test for when it has not.
    let merged = quads(&extract("trig", &lines), RdfFormat::TriG);
    assert_eq!(merged, union);
}

#[test]
fn the_merged_graph_writes_a_fact_s_merged_role_and_confidence_into_each_document_s_graph() {
    // Two documents state one fact (same subject, predicate and object: one fact IRI), the
    // first with a role by a surer rule, the second without one.
    let lines = [
        r#"{"id":"a","text":"Qiu Xipeng, professor of Fudan University, spoke on Monday."}"#,
        r#"{"id":"b","text":"Qiu Xipeng joined Fudan University in 2010."}"#,
    ]
    .map(String::from);
    let streamed = quads(&extract("nquads", &lines), RdfFormat::NQuads);
    let merged = quads(&extract("trig", &lines), RdfFormat::TriG);
    let in_b = |set: &BTreeSet<String>, p: &str| -> Vec<String> {
        set.iter()
            .filter(|q| {
                q.contains(&format!("<https://w3id.org/kgx#{p}>")) && q.ends_with("/doc/b>")
            })
            .map(|q| q.split(' ').nth(2).unwrap().to_string())
            .collect()
    };
    // Each document's own statement, as the shards and the streamed N-Quads give it.
    assert!(in_b(&streamed, "role").is_empty());
    let own = in_b(&streamed, "confidence");
    assert_eq!(own.len(), 1);
    // FIXME: the merged graph (TriG, JSON-LD, the other merged formats) puts the fact's merged
    // role (the first document's) and highest confidence into document b's graph, which
    // states neither: b's graph should say what b says, and the merged graph should then be
    // the union of the documents' graphs whatever they state. Evidence would need to carry
    // its own rule's role and confidence for the export to write them per document.
    assert_eq!(in_b(&merged, "role"), ["\"professor\""]);
    assert_ne!(in_b(&merged, "confidence"), own);
    assert_eq!(merged.difference(&streamed).count(), 2);
}

#[test]
fn a_corpus_split_at_every_seventh_line_gives_the_single_run_s_records() {
    // One record per document, written from that document alone: the shards' outputs,
    // concatenated in order, are the single run's bytes.
    let lines = corpus();
    let single = extract("jsonl", &lines);
    let shards: Vec<u8> = lines
        .chunks(7)
        .flat_map(|shard| extract("jsonl", shard))
        .collect();
    assert_eq!(
        String::from_utf8(shards).unwrap(),
        String::from_utf8(single).unwrap()
    );
}
