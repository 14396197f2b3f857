//! Arbitrary text never panics, spans always slice the text, and output is deterministic.

use crate::common::pipeline;
use kgx::{Document, KnowledgeGraph};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Dr.",
    "Qiu",
    "Xipeng",
    "said",
    "\"",
    "“",
    "”",
    "'",
    "’s",
    " ",
    "  ",
    "\n",
    "\n\n",
    ".",
    ",",
    "...",
    "U.S.",
    "released",
    "GPT-4",
    "of",
    "University",
    "Lab",
    "(",
    ")",
    "he",
    "the company",
    "复旦大学",
    "é",
    "🙂",
    "\t",
    "that",
    "team",
    "led by",
    "CEO",
    "Inc.",
    "1.5",
    "2,000",
    "-",
    "—",
    ":",
    ";",
    "?",
    "!",
    "according to",
    "In",
    "view",
    "his",
    "it",
    "Professor",
    "\u{feff}",
    "\r\n",
    "at the",
    "summit",
    "Sora-class",
    "Jung-woo",
    "its",
    "model",
    "founded",
    "and",
    "X's",
    "Labs",
    "s'",
    "Jan",
    "May",
    "\u{2018}",
    "*",
    "by",
    "was",
    "released by",
    "per",
    "The",
    "\u{2019}",
];

/// Texts of 0 to 60 pieces, each followed by a space one time in three.
fn texts_of_pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::bool::weighted(1.0 / 3.0),
        ),
        0..60,
    )
    .prop_map(|pieces| {
        let mut text = String::new();
        for (piece, space) in pieces {
            text.push_str(piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

#[test]
fn random_texts_never_panic_and_spans_slice() {
    // proptest shrinks a failing text to the fewest pieces that still fail.
    let config = ProptestConfig {
        cases: 1500,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(text in texts_of_pieces())| {
    let doc = Document::new("r", text.clone());
    let a = pipeline().run(&doc);
    for s in &a.sentences {
        let _ = s.span.slice(&text);
    }
    for t in &a.tokens {
        assert!(!t.span.slice(&text).is_empty());
    }
    for m in &a.mentions {
        let _ = m.span.slice(&text);
    }
    let mut g = KnowledgeGraph::new();
    g.add(&doc, &a.facts());
    let _ = kgx::export::to_json(&g, false);
    });
}

#[test]
fn empty_and_whitespace_articles_give_empty_graphs() {
    for text in ["", "   \n\n  ", "\u{feff}"] {
        let doc = Document::new("e", text);
        let mut g = KnowledgeGraph::new();
        g.add(&doc, &pipeline().run(&doc).facts());
        assert_eq!(g.node_count(), 0);
        assert_eq!(
            kgx::export::to_json(&g, false),
            r#"{"entities":[],"relations":[],"sentences":[]}"#
        );
    }
}

#[test]
fn a_long_line_without_newlines_is_handled() {
    let sentence = "Harlow University released Quillon, a large language model, on Monday. ";
    let text = sentence.repeat(20_000);
    let doc = Document::new("long", text);
    let a = pipeline().run(&doc);
    let mut g = KnowledgeGraph::new();
    g.add(&doc, &a.facts());
    assert_eq!(g.edge_count(), 1);
    assert_eq!(
        g.graph().edge_weights().next().unwrap().evidence.len(),
        20_000
    );
}

#[test]
fn output_is_deterministic() {
    let text = include_str!("../examples/seed-moss.txt");
    let render = || {
        let doc = Document::new("seed", text);
        let mut g = KnowledgeGraph::new();
        g.add(&doc, &pipeline().run(&doc).facts());
        kgx::export::to_json(&g, true)
    };
    assert_eq!(render(), render());
}

/// Repeated speech ("Qiu said Qiu said …") once gave a claim per "said", each a suffix of its
/// sentence, and every fact repeated its sentence: 20 KB gave 15.6 MB of N-Quads. Output must
/// stay linear in every format; 50 KB here (written at test time) shows the ratio of the 1 MB
/// case the README reports. Distinct speakers ("Ada Lind said Bo Berg said …") too.
#[test]
fn repeated_speech_gives_output_linear_in_the_input_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Ada Lind", "Bo Berg", "Cy Holm", "Di Falk", "Eva Dahl", "Fay Ek",
    ];
    let texts = [
        "Qiu said ".repeat(50_000 / 9),
        (0..5_000)
            .map(|i| format!("{} {} said ", names[i % 6], names[(i / 6) % 6]))
            .collect::<String>(),
    ];
    for (k, text) in texts.iter().enumerate() {
        let file = dir.path().join(format!("said{k}.txt"));
        std::fs::write(&file, text).unwrap();
        for format in [
            "json", "jsonl", "turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld", "dot",
            "text",
        ] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_kgx"))
                .args(["extract", "-q", file.to_str().unwrap(), "--format", format])
                .output()
                .unwrap();
            assert!(out.status.success(), "{format}");
            assert!(
                out.stdout.len() <= 10 * text.len(),
                "{format}: {} bytes of output from {} of text {k}",
                out.stdout.len(),
                text.len()
            );
        }
    }
}
