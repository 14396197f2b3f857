//! Diagrams: rendered by the real Graphviz `dot`, filtered, clustered, and safe for any label.

use crate::common::{pipeline, Lcg};
use kgx::export::{to_dot_with, DotOptions};
use kgx::graph::select::{select, Filter};
use kgx::graph::{Evidence, Fact};
use kgx::{Class, Predicate};
use kgx::{KnowledgeGraph, Span};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kgx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .output()
        .expect("kgx runs")
}

fn graphviz(args: &[&str], input: &str) -> Output {
    let mut child = Command::new("dot")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (scripts/test.sh installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#45;", "-")
        .replace("&amp;", "&")
}

fn examples() -> Vec<std::path::PathBuf> {
    crate::common::example_articles()
}

fn graph_of(path: &Path) -> KnowledgeGraph {
    let doc = kgx::document::read_document(path).unwrap();
    let mut g = KnowledgeGraph::new();
    g.add(&doc, &pipeline().run(&doc).facts());
    g
}

#[test]
fn every_example_renders_with_dot_without_warnings_and_shows_every_label() {
    for article in examples() {
        let out = kgx(&["render", article.to_str().unwrap(), "--format", "svg"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "warnings: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = unescape_xml(&String::from_utf8(out.stdout).unwrap());
        assert!(svg.contains("<svg"));
        let g = graph_of(&article);
        let selection = select(&g, &Filter::default());
        for n in &selection.nodes {
            let label = &g.graph()[*n].label;
            assert!(
                svg.contains(label.as_str()),
                "{} lacks {label:?}",
                article.display()
            );
        }
        // And dot itself reports nothing on the source.
        let dot = String::from_utf8(kgx(&["render", article.to_str().unwrap()]).stdout).unwrap();
        let checked = graphviz(&["-Tsvg", "-o", "/dev/null"], &dot);
        assert!(
            checked.status.success() && checked.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

#[test]
fn png_and_pdf_come_from_graphviz_and_the_format_follows_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-moss.txt");
    for (name, magic) in [
        ("g.png", &b"\x89PNG"[..]),
        ("g.pdf", &b"%PDF"[..]),
        ("g.svg", &b"<?xml"[..]),
        ("g.dot", &b"digraph"[..]),
    ] {
        let path = dir.path().join(name);
        let out = kgx(&[
            "render",
            seed.to_str().unwrap(),
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(std::fs::read(&path).unwrap().starts_with(magic), "{name}");
    }
}

#[test]
fn missing_graphviz_is_a_clear_error_and_dot_needs_nothing() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-moss.txt");
    let empty = tempfile::tempdir().unwrap();
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_kgx"))
            .args(["render", seed.to_str().unwrap(), "--format", format])
            .env("PATH", empty.path())
            .output()
            .unwrap()
    };
    let out = run("svg");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("install the graphviz package") && err.contains("--format dot"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);
    assert!(run("dot").status.success());
}

#[test]
fn filters_focus_and_clusters_shape_the_diagram() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-moss.txt");
    let s = seed.to_str().unwrap();
    let text = |args: &[&str]| {
        let mut all = vec!["render", s];
        all.extend_from_slice(args);
        let out = kgx(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let full = text(&[]);
    assert!(full.contains("style=dashed") && full.contains("holds view"));
    assert!(full.contains("cluster_legend"));
    let no_views = text(&["--no-views"]);
    assert!(!no_views.contains("holds view") && !no_views.contains("shape=note"));
    let focus = text(&["--focus", "Zhu Jun", "--depth", "1", "--no-views"]);
    assert!(focus.contains("Tsinghua University") && !focus.contains("Fudan University"));
    let rel = text(&["--relations", "released"]);
    assert!(rel.contains("MOSS") && !rel.contains("affiliated with"));
    let types = text(&["--types", "Person,University"]);
    assert!(types.contains("Fudan University") && !types.contains("MOSS"));
    let min = text(&["--min-confidence", "0.99"]);
    assert!(!min.contains("holds view"));
    assert!(text(&["--cluster", "org"]).contains("subgraph cluster_0"));
    assert!(text(&["--cluster", "doc"]).contains("label=\"seed-moss\""));
    let out = kgx(&["render", s, "--focus", "Nobody Atall"]);
    assert!(!out.status.success());
    let out = kgx(&["render", s, "--relations", "likes"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown relation 'likes'"));
}

const NASTY: &[&str] = &[
    "\"",
    "\\",
    "\\n",
    "\\l",
    "{",
    "}",
    "<",
    ">",
    "<b>x</b>",
    "\n",
    "\r\n",
    "\t",
    "]",
    "[",
    ";",
    "->",
    "--",
    "digraph",
    "node [shape=box]",
    "n0 -> n1",
    "复旦大学",
    "🙂",
    "é",
    "&amp;",
    "'",
    "=",
    "label=\"x\"",
    "\\\"",
    " ",
    "\u{7}",
    "\u{200b}",
    "%",
    "#",
    "//",
    "/*",
];

#[test]
fn arbitrary_labels_never_break_or_inject_into_the_dot() {
    let mut rng = Lcg(7);
    let ontology = pipeline().ontology();
    for case in 0..60 {
        let mut g = KnowledgeGraph::new();
        let mut labels = Vec::new();
        for i in 0..4 {
            let mut label = format!("L{case}_{i} ");
            for _ in 0..(rng.next() % 6) {
                label.push_str(NASTY[(rng.next() as usize) % NASTY.len()]);
            }
            labels.push(label);
        }
        let nodes: Vec<_> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                g.add_entity(
                    l,
                    [Class::Person, Class::Company, Class::Topic, Class::Model][i % 4],
                )
            })
            .collect();
        let evidence = Evidence {
            doc: "d".into(),
            sentence: 0,
            span: Span::new(0, 1),
            char_span: Span::new(0, 1),
            text: "x".into(),
            trigger: Span::new(0, 1),
            rule: "test",
        };
        for (i, (s, o, p)) in [
            (0, 1, Predicate::AffiliatedWith),
            (0, 2, Predicate::HoldsView),
            (1, 3, Predicate::Released),
        ]
        .into_iter()
        .enumerate()
        {
            let fact = Fact {
                predicate: p,
                role: Some(labels[(i + 2) % 4].clone()),
                claim: Some(labels[(i + 3) % 4].clone()),
                confidence: 0.9,
                evidence: vec![evidence.clone()],
            };
            g.add_fact(nodes[s], nodes[o], fact);
        }
        let dot = to_dot_with(
            &g,
            ontology,
            &DotOptions {
                no_legend: true,
                ..DotOptions::default()
            },
        );
        let out = graphviz(&["-Tcanon"], &dot);
        assert!(
            out.status.success(),
            "dot rejected:\n{dot}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let canon = String::from_utf8_lossy(&out.stdout);
        // Exactly our four nodes and three edges: nothing injected.
        let is_node = |l: &str| {
            let t = l.trim_start();
            let name: String = t
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '[' && *c != ';')
                .collect();
            name.len() > 1
                && name.starts_with('n')
                && name[1..].chars().all(|c| c.is_ascii_digit())
                && !t.contains("->")
        };
        let node_lines = canon
            .lines()
            .filter(|l| l.starts_with('\t') && is_node(l))
            .count();
        let is_edge = |l: &str| {
            let mut parts = l.split_whitespace();
            let a = parts.next().unwrap_or("");
            let arrow = parts.next().unwrap_or("");
            let b = parts.next().unwrap_or("");
            let name = |x: &str| {
                x.len() > 1 && x.starts_with('n') && x[1..].chars().all(|c| c.is_ascii_digit())
            };
            l.starts_with('\t') && name(a) && arrow == "->" && name(b)
        };
        let edge_lines = canon.lines().filter(|l| is_edge(l)).count();
        assert_eq!((node_lines, edge_lines), (4, 3), "{dot}\n---\n{canon}");
        // Every label reaches Graphviz whole: the parsed tooltip is exactly what kgx wrote.
        let json = graphviz(&["-Tjson"], &dot);
        let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        for (i, label) in labels.iter().enumerate() {
            let class = ["person", "company", "topic", "model"][i % 4];
            let want = kgx::export::dot::escape(&format!("{class}: {label}")).replace("\\\"", "\"");
            let node = parsed["objects"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["name"] == format!("n{i}"))
                .unwrap();
            assert_eq!(node["tooltip"].as_str().unwrap(), want, "{dot}");
        }
    }
}

#[test]
fn the_readme_diagram_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = kgx(&[
        "render",
        dir.join("seed-moss.txt").to_str().unwrap(),
        "--no-views",
    ]);
    assert!(out.status.success());
    let committed = dir.join("seed-moss.dot");
    if std::env::var_os("KGX_BLESS").is_some() {
        std::fs::write(&committed, &out.stdout).unwrap();
        let png = kgx(&[
            "render",
            dir.join("seed-moss.txt").to_str().unwrap(),
            "--no-views",
            "-o",
            dir.join("seed-moss.png").to_str().unwrap(),
        ]);
        assert!(png.status.success());
    }
    let expected = std::fs::read(&committed).unwrap_or_default();
    assert!(expected == out.stdout, "examples/seed-moss.dot is stale: rerun with KGX_BLESS=1 to redraw it and examples/seed-moss.png");
    assert!(dir.join("seed-moss.png").exists());
    assert!(
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap()
            .contains("examples/seed-moss.png")
    );
}

#[test]
fn a_20_kb_quotation_renders_through_dot() {
    // Graphviz rejects a quoted string over 16,384 bytes: a quotation this long (here one
    // unbroken word, which becomes a topic's whole label) must not reach a label or tooltip
    // whole. Written at test time; the full claim stays in JSON.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quote.txt");
    let words: Vec<String> = (0..2_500).map(|i| format!("word{i}")).collect();
    for quotation in [
        format!("The {} model will win.", "x".repeat(20_500)),
        format!("The {} will win.", words.join(" ")),
    ] {
        let text =
            format!("Ilona Brenner, a professor at Harlow University, said: \"{quotation}\"\n");
        std::fs::write(&file, &text).unwrap();
        let graph: serde_json::Value =
            serde_json::from_slice(&kgx(&["extract", file.to_str().unwrap()]).stdout).unwrap();
        assert!(graph["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["attributes"]["claim"].as_str().unwrap_or("").len() > 16_384));
        let out = kgx(&["render", file.to_str().unwrap(), "--format", "svg"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dot = kgx(&["extract", file.to_str().unwrap(), "--format", "dot"]);
        assert!(dot.status.success());
        let out = graphviz(&["-Tsvg"], std::str::from_utf8(&dot.stdout).unwrap());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
