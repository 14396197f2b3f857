//! `kgx query` on hostile input and runaway queries: entity bombs refused, answers streamed
//! as they come, a time limit, and a reader that stops early.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .output()
        .expect("kgx runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Ten nested entity declarations of ten references each: a billion "lol"s from 629 bytes.
fn billion_laughs() -> String {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY a0 \"lol\">\n");
    for i in 1..10 {
        xml.push_str(&format!(
            "<!ENTITY a{i} \"{}\">\n",
            format!("&a{};", i - 1).repeat(10)
        ));
    }
    xml.push_str("]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>\n");
    xml
}

#[test]
fn an_entity_expansion_bomb_in_rdf_xml_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("laughs.rdf");
    std::fs::write(&bomb, billion_laughs()).unwrap();
    let started = Instant::now();
    let out = kgx(&["query", "ASK { ?s ?p ?o }", bomb.to_str().unwrap()]);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("laughs.rdf: refused") && err.contains("entity-expansion bomb"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
    // Through standard input with --input-format too.
    let out = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["query", "--input-format", "rdfxml", "ASK { ?s ?p ?o }"])
        .stdin(std::fs::File::open(&bomb).unwrap())
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("entity-expansion bomb"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rdf_xml_entities_for_namespaces_are_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("onto.rdf");
    std::fs::write(
        &file,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY ex \"http://example.org/\">\n]>\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
         xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\">\n\
         <rdf:Description rdf:about=\"&ex;thing\"><rdfs:label>a thing</rdfs:label></rdf:Description>\n\
         </rdf:RDF>\n",
    )
    .unwrap();
    let out = kgx(&[
        "query",
        "--results",
        "csv",
        "SELECT ?s WHERE { ?s rdfs:label \"a thing\" }",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "s\r\nhttp://example.org/thing\r\n"
    );
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed-moss.txt");
/// Every statement of the seed article three times over: billions of rows.
const CROSS: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn a_huge_answer_streams_and_a_reader_that_stops_ends_it_quietly() {
    use std::io::Read;
    for results in ["csv", "tsv", "json", "xml", "table"] {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
            .args(["query", "--results", results, CROSS, SEED])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A megabyte of rows arrives long before the answer could be held whole.
        let mut first = vec![0; 1 << 20];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{results}: {:?}",
            started.elapsed()
        );
        // Like `| head -c 1000000`: the reader goes away; kgx stops, exits 0, says nothing
        // (but the table's note).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{results}: {:?}", out.status);
        let err = stderr(&out);
        let expected = if results == "table" { 1 } else { 0 };
        assert_eq!(err.lines().count(), expected, "{results}: {err}");
    }
}

#[test]
fn the_time_limit_stops_a_runaway_query_with_exit_code_2() {
    for query in [
        CROSS,
        // Counting never prints a row: oxigraph's own check stops it.
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    ] {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_kgx"))
            .args(["query", "--results", "csv", "--timeout", "1", query, SEED])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("stopped after 1 s, its time limit"), "{err}");
    }
    // A query that ends in time answers as usual.
    let out = kgx(&["query", "--timeout", "30", "ASK { ?s ?p ?o }", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "true\n");
    for bad in ["0", "-1", "nan", "inf"] {
        let flag = format!("--timeout={bad}");
        let out = kgx(&["query", &flag, "ASK { ?s ?p ?o }", SEED]);
        assert!(!out.status.success(), "{bad}");
        assert!(
            stderr(&out).contains("--timeout"),
            "{bad}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_long_table_prints_as_rows_come_after_a_note() {
    let query = "SELECT ?a ?c WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 10005";
    let out = kgx(&["query", query, SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.starts_with("kgx: note: more than 10000 rows"), "{err}");
    let table = String::from_utf8(out.stdout).unwrap();
    // Header, rule, and every row.
    assert_eq!(table.lines().count(), 10_005 + 2);
    // A short answer is measured whole and says nothing.
    let out = kgx(&["query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", SEED]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        stderr(&out)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
}
