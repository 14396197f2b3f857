//! Layout rules that keep the data flowing one way (see src/lib.rs).

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string();
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn crates_are_used_only_where_the_layout_allows() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let rules: &[(&str, &[&str])] = &[
        (
            "oxigraph",
            &[
                "src/ontology/load.rs",
                "src/export/rdf.rs",
                "src/export/rdf_writer.rs",
                "src/query/",
                "src/serve/",
            ],
        ),
        ("spareval", &["src/query/"]),
        ("petgraph", &["src/graph/", "src/export/"]),
        ("clap", &["src/main.rs", "src/cli.rs"]),
        ("anyhow", &["src/main.rs"]),
    ];
    for (krate, allowed) in rules {
        for (path, text) in &files {
            let uses = text
                .lines()
                .any(|l| l.trim_start().starts_with("use ") && l.contains(&format!("{krate}::")));
            if uses {
                assert!(
                    allowed.iter().any(|a| path.starts_with(a)),
                    "{path} uses {krate}"
                );
            }
        }
    }
}

#[test]
fn early_stages_do_not_import_later_ones() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    // Each stage, and the later stages it must not know.
    let order = [
        "ontology", "text", "mention", "resolve", "relation", "pipeline", "graph", "export",
    ];
    for (path, text) in &files {
        let Some(stage) = order
            .iter()
            .position(|s| path.starts_with(&format!("src/{s}")))
        else {
            continue;
        };
        for later in &order[stage + 1..] {
            assert!(
                !text.contains(&format!("crate::{later}")),
                "{path} imports the later stage {later}"
            );
        }
    }
}

#[test]
fn identifiers_know_no_stage() {
    // Ids and IRIs are a pure function of their input, frozen: they must not follow any stage.
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/identifier.rs"))
            .unwrap();
    for stage in [
        "ontology", "text", "mention", "resolve", "relation", "pipeline", "graph", "export",
        "store", "query", "corpus", "model",
    ] {
        assert!(
            !text.contains(&format!("crate::{stage}")),
            "src/identifier.rs imports {stage}"
        );
    }
}
