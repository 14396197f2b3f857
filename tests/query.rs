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
