//! Diagrams: rendered by the real Graphviz `dot`, filtered, clustered, and safe for any label.

use crate::common::pipeline;
use kgx::export::{to_dot_with, DotOptions};
use kgx::graph::select::{select, Filter};
use kgx::graph::{Evidence, Fact};
use kgx::{Class, Predicate};
use kgx::{KnowledgeGraph, Span};
use proptest::prelude::*;
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
    if !crate::common::graphviz_available(
        "every_example_renders_with_dot_without_warnings_and_shows_every_label",
    ) {
        return;
    }
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
    if !crate::common::graphviz_available(
        "png_and_pdf_come_from_graphviz_and_the_format_follows_the_file_name",
    ) {
        return;
    }
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
    if !crate::common::graphviz_available("arbitrary_labels_never_break_or_inject_into_the_dot") {
        return;
    }
    let ontology = pipeline().ontology();
    let config = ProptestConfig {
        cases: 60,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    // Four labels of up to five nasty pieces each; a failure shrinks to the fewest pieces.
    let labels = prop::collection::vec(prop::collection::vec(prop::sample::select(NASTY), 0..6), 4);
    proptest!(config, |(pieces in labels)| {
        let mut g = KnowledgeGraph::new();
        let labels: Vec<String> = pieces
            .iter()
            .enumerate()
            .map(|(i, nasty)| format!("L{i} {}", nasty.concat()))
            .collect();
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
    });
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
    if !crate::common::graphviz_available("a_20_kb_quotation_renders_through_dot") {
        return;
    }
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

fn evidence() -> Evidence {
    Evidence {
        doc: "d".into(),
        sentence: 0,
        span: Span::new(0, 1),
        char_span: Span::new(0, 1),
        text: "x".into(),
        trigger: Span::new(0, 1),
        rule: "test",
    }
}

fn fact(predicate: Predicate, role: Option<&str>, claim: Option<&str>) -> Fact {
    Fact {
        predicate,
        role: role.map(str::to_string),
        claim: claim.map(str::to_string),
        confidence: 0.9,
        evidence: vec![evidence()],
    }
}

#[test]
fn a_view_beside_other_facts_stays_a_dashed_edge_of_its_own() {
    let mut g = KnowledgeGraph::new();
    let person = g.add_entity("Ada Brook", Class::Person);
    let company = g.add_entity("Kestrel Dynamics", Class::Company);
    g.add_fact(
        person,
        company,
        fact(Predicate::AffiliatedWith, Some("engineer"), None),
    );
    g.add_fact(
        person,
        company,
        fact(Predicate::HoldsView, None, Some("it moves fast")),
    );
    let dot = to_dot_with(&g, pipeline().ontology(), &DotOptions::default());
    let edges: Vec<&str> = dot.lines().filter(|l| l.contains(" -> n")).collect();
    let solid: Vec<&&str> = edges.iter().filter(|l| !l.contains("dashed")).collect();
    let dashed: Vec<&&str> = edges.iter().filter(|l| l.contains("dashed")).collect();
    assert_eq!((solid.len(), dashed.len()), (1, 1), "{dot}");
    assert!(solid[0].contains("affiliated with (engineer)") && !solid[0].contains("view"));
    assert!(dashed[0].contains("holds view") && dashed[0].contains("it moves fast"));
}

#[test]
fn a_team_is_drawn_in_one_box_with_its_organisation() {
    // seed-moss: Qiu Xipeng leads Qiu Xipeng's team and is a professor at the AI Model
    // Algorithm Research Center (and Fudan University): the team goes with one of them.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/seed-moss.txt");
    let dot = String::from_utf8(kgx(&["render", seed.to_str().unwrap()]).stdout).unwrap();
    let start = dot
        .find("label=\"\"; style=\"rounded,dotted\"")
        .expect("a team's box");
    let body = &dot[start..start + dot[start..].find("  }").unwrap()];
    assert!(body.contains("Qiu Xipeng's team"), "{body}");
    assert!(
        body.contains("AI Model Algorithm") || body.contains("Fudan University"),
        "{body}"
    );
    // Layouts without clusters keep them together through an invisible edge.
    assert!(dot.contains("style=invis, weight=4"));
    // With --cluster org the team is in its organisation's box.
    let org =
        String::from_utf8(kgx(&["render", seed.to_str().unwrap(), "--cluster", "org"]).stdout)
            .unwrap();
    let team_box = org
        .split("subgraph cluster_")
        .find(|b| b.contains("Qiu Xipeng's team"))
        .unwrap();
    assert!(
        team_box.contains("label=\"AI Model Algorithm"),
        "{team_box}"
    );
}

/// An article of 50 people, each a professor at a university of their own: 100 entities.
fn crowded_article(dir: &Path) -> std::path::PathBuf {
    let mut text = String::new();
    for first in [
        "Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Irene", "Jonas",
    ] {
        for last in ["Berg", "Costa", "Dahl", "Eklund", "Fontaine"] {
            text.push_str(&format!(
                "{first} {last} is a professor at {last}{} University.\n",
                &first[..3]
            ));
        }
    }
    let path = dir.join("crowded.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_crowded_graph_gets_a_hint_and_top_n_draws_the_most_connected() {
    let dir = tempfile::tempdir().unwrap();
    let article = crowded_article(dir.path());
    let a = article.to_str().unwrap();
    let out = kgx(&["render", a]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hint: 100 entities are too many to read") && err.contains("--top"),
        "{err}"
    );
    let nodes = |dot: &str| {
        dot.lines()
            .filter(|l| {
                l.trim_start().starts_with('n') && l.contains("[label=") && !l.contains("->")
            })
            .count()
    };
    // Ties are broken towards the entities already chosen: 3 pairs, not 6 strangers.
    let out = kgx(&["render", a, "--top", "6"]);
    assert!(out.status.success() && out.stderr.is_empty());
    let dot = String::from_utf8(out.stdout).unwrap();
    assert_eq!(nodes(&dot), 6, "{dot}");
    assert_eq!(
        dot.matches("[label=\"affiliated with\\n(professor)\"")
            .count(),
        3,
        "{dot}"
    );
    // Exactly N are drawn while the graph has them: with pairs only, 7 asks for half a pair.
    let out = kgx(&["render", a, "--top", "7"]);
    assert_eq!(nodes(&String::from_utf8(out.stdout).unwrap()), 6);
    let out = kgx(&["render", a, "--top", "40"]);
    assert_eq!(nodes(&String::from_utf8(out.stdout).unwrap()), 40);
    // Fewer than two would draw nothing (an entity is drawn beside one it shares a fact with).
    for n in ["0", "1"] {
        let out = kgx(&["render", a, "--top", n]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("give 2 or more"));
    }
    // Facts between the chosen only.
    let out = kgx(&[
        "render",
        "--top",
        "2",
        &crate::common::example_articles()[0].to_string_lossy(),
    ]);
    assert!(out.status.success());
    assert!(nodes(&String::from_utf8(out.stdout).unwrap()) <= 2);
}

/// With `--focus`, `--top N` keeps the focus and its nearest neighbours, even when others are
/// better connected.
#[test]
fn top_n_around_a_focus_keeps_the_focus() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    // A hub with many members, and a quiet person two steps from it.
    for first in ["Anna", "Boris", "Clara", "David", "Elena", "Felix"] {
        text.push_str(&format!(
            "{first} Berg is a professor at Harrow University.\n"
        ));
    }
    text.push_str("Mira Tollen is a researcher at Quill Lab.\n");
    text.push_str("Anna Berg is a researcher at Quill Lab.\n");
    let path = dir.path().join("focus.txt");
    std::fs::write(&path, text).unwrap();
    let out = kgx(&[
        "render",
        path.to_str().unwrap(),
        "--focus",
        "Mira Tollen",
        "--depth",
        "3",
        "--top",
        "3",
        "-f",
        "dot",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = String::from_utf8(out.stdout).unwrap();
    for name in ["Mira Tollen", "Quill Lab", "Anna Berg"] {
        assert!(
            dot.contains(&format!("label=\"{name}\"")),
            "{name} missing: {dot}"
        );
    }
}

/// The boxes (x, y, half width, half height, in points) Graphviz gave the entity nodes.
fn node_boxes(layout: &str, dot: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let mut child = Command::new(layout)
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["name"].as_str().is_some_and(|n| n.starts_with('n')))
        .map(|o| {
            let pos: Vec<f64> = o["pos"]
                .as_str()
                .unwrap()
                .split(',')
                .map(|v| v.parse().unwrap())
                .collect();
            let inches = |k: &str| o[k].as_str().unwrap().parse::<f64>().unwrap() * 72.0 / 2.0;
            (
                o["label"].as_str().unwrap_or("").to_string(),
                pos[0],
                pos[1],
                inches("width"),
                inches("height"),
            )
        })
        .collect()
}

#[test]
fn a_large_graph_is_laid_out_by_sfdp_without_overlapping_nodes() {
    if !crate::common::graphviz_available(
        "a_large_graph_is_laid_out_by_sfdp_without_overlapping_nodes",
    ) {
        return;
    }
    assert_eq!(kgx::render::default_layout(100), "sfdp");
    assert_eq!(kgx::render::default_layout(20), "dot");
    let dir = tempfile::tempdir().unwrap();
    let article = crowded_article(dir.path());
    let dot = String::from_utf8(kgx(&["render", article.to_str().unwrap()]).stdout).unwrap();
    let boxes = node_boxes("sfdp", &dot);
    assert_eq!(boxes.len(), 100);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart = (a.1 - b.1).abs() >= a.3 + b.3 || (a.2 - b.2).abs() >= a.4 + b.4;
            assert!(apart, "{} overlaps {}", a.0, b.0);
        }
    }
    // And kgx draws it so (sfdp chosen for it).
    let png = dir.path().join("crowded.png");
    let out = kgx(&[
        "render",
        article.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
