//! Throughput of each stage and of the whole pipeline, in MB/s and sentences/s, on a corpus made
//! by repeating the example articles (about 5 MB; no downloads). `cargo bench` runs it; set
//! KGX_BENCH_MB to change the size. The floor is reading and tokenizing alone.

use kgx::text::{pos::Tagger, quote, sentence, token};
use std::hint::black_box;
use std::time::Instant;

fn corpus(target_mb: f64) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut articles: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    let one: String = articles
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n\n")
        .collect();
    let copies = ((target_mb * 1e6) / one.len() as f64).ceil() as usize;
    one.repeat(copies.max(1))
}

/// The best of three runs, in seconds.
fn time<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let mb: f64 = std::env::var("KGX_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let text = corpus(mb);
    let size = text.len() as f64 / 1e6;
    let ontology = kgx::Ontology::embedded().unwrap();
    let tagger = Tagger::embedded();
    let pipeline = kgx::Pipeline::new(ontology.clone());
    let doc = kgx::Document::new("bench", text.clone());

    let sentences = sentence::split_sentences(&text);
    let mut tokens = token::tokenize(&text, &sentences);
    tagger.tag(&text, &mut tokens);
    let quotes = quote::find_quotes(&text, &tokens, &sentences);
    let quoted = quote::quoted_mask(&tokens, &quotes, 3);
    let cx = kgx::mention::Context {
        text: &text,
        sentences: &sentences,
        tokens: &tokens,
        quoted: &quoted,
        ontology: &ontology,
        tagger: &tagger,
    };
    let mentions = kgx::mention::find_mentions(&cx);
    let resolution = kgx::resolve::resolve(&mentions);
    let analysis = pipeline.run(&doc);
    let mut graph = kgx::KnowledgeGraph::new();
    graph.add(&doc, &analysis);

    let rows: Vec<(&str, f64)> = vec![
        (
            "floor: split + tokenize",
            time(|| token::tokenize(&text, &sentence::split_sentences(&text)).len()),
        ),
        ("sentences", time(|| sentence::split_sentences(&text).len())),
        ("tokens", time(|| token::tokenize(&text, &sentences).len())),
        (
            "part of speech",
            time(|| {
                let mut t = tokens.clone();
                tagger.tag(&text, &mut t);
                t.len()
            }),
        ),
        (
            "quotations",
            time(|| quote::find_quotes(&text, &tokens, &sentences).len()),
        ),
        ("mentions", time(|| kgx::mention::find_mentions(&cx).len())),
        (
            "resolution",
            time(|| kgx::resolve::resolve(&mentions).entities.len()),
        ),
        (
            "relations",
            time(|| {
                let view = kgx::relation::Doc::new(
                    &text,
                    &sentences,
                    &tokens,
                    &quotes,
                    &quoted,
                    &mentions,
                    &resolution,
                    &ontology,
                    &tagger,
                );
                kgx::relation::extract(&view).len()
            }),
        ),
        (
            "graph",
            time(|| {
                let mut g = kgx::KnowledgeGraph::new();
                g.add(&doc, &analysis);
                g.edge_count()
            }),
        ),
        ("json", time(|| kgx::export::to_json(&graph, false).len())),
        (
            "pipeline (run)",
            time(|| pipeline.run(&doc).relations.len()),
        ),
        (
            "end to end (run + graph + json)",
            time(|| {
                let a = pipeline.run(&doc);
                let mut g = kgx::KnowledgeGraph::new();
                g.add(&doc, &a);
                kgx::export::to_json(&g, false).len()
            }),
        ),
    ];
    println!(
        "kgx throughput on {size:.1} MB ({} sentences), one core, best of 3",
        sentences.len()
    );
    println!(
        "{:<34}{:>10}{:>12}{:>16}",
        "stage", "seconds", "MB/s", "sentences/s"
    );
    for (name, s) in rows {
        println!(
            "{name:<34}{s:>10.3}{:>12.1}{:>16.0}",
            size / s,
            sentences.len() as f64 / s
        );
    }
}
