//! Throughput of each stage and of the whole pipeline (divan), in bytes/s of article text and
//! sentences/s ("item/s"), on a corpus made from the example articles: each repeated as its
//! own document until the corpus reaches KGX_BENCH_MB megabytes (default 16; no downloads).
//! The floor is splitting and tokenizing alone. `merged_graph` builds one graph from the
//! examples repeated 1, 10 and 100 times, to show that merging is linear.
//!
//! `cargo bench --bench throughput` runs everything; pass a name to run one (`-- end_to_end`).

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
// Each stage alone, through the door kept for this (see `kgx::stages`).
use kgx::stages::{quote, sentence, token, Tagger};
use kgx::{Analysis, Document, KnowledgeGraph, Ontology, Pipeline};
use std::sync::LazyLock;

/// The allocator the `kgx` binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// The example articles, in name order.
fn examples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(p).expect("readable example"))
        })
        .collect()
}

/// The examples repeated `copies` times, each copy a document of its own.
fn repeated(copies: usize) -> Vec<Document> {
    let one = examples();
    (0..copies)
        .flat_map(|k| {
            one.iter()
                .map(move |(id, text)| Document::new(format!("{id}-{k}"), text.clone()))
        })
        .collect()
}

/// One document with every stage's output, so each stage can be timed alone.
struct Staged {
    doc: Document,
    sentences: Vec<sentence::Sentence>,
    tokens: Vec<token::Token>,
    tagged: Vec<token::Token>,
    quotes: Vec<quote::Quote>,
    quoted: Vec<bool>,
    analysis: Analysis,
    graph: KnowledgeGraph,
}

struct Corpus {
    pipeline: Pipeline,
    windows_only: Pipeline,
    ontology: Ontology,
    tagger: Tagger,
    docs: Vec<Staged>,
    bytes: usize,
    sentences: usize,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let mb: f64 = std::env::var("KGX_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(16.0);
    let one: usize = examples().iter().map(|(_, t)| t.len()).sum();
    let copies = ((mb * 1e6) / one as f64).ceil().max(1.0) as usize;
    let ontology = Ontology::embedded().expect("the embedded ontology loads");
    let tagger = Tagger::embedded();
    let pipeline = Pipeline::new(ontology.clone()).unwrap();
    let docs: Vec<Staged> = repeated(copies)
        .into_iter()
        .map(|doc| {
            let text = doc.text.as_str();
            let sentences = sentence::split_sentences(text);
            let tokens = token::tokenize(text, &sentences);
            let mut tagged = tokens.clone();
            pipeline
                .backbone()
                .read_tokens(text, &mut tagged, pipeline.ontology(), false);
            let quotes = quote::find_quotes(text, &tagged, &sentences);
            let quoted = quote::quoted_mask(&tagged, &quotes, 3);
            let analysis = pipeline.run(&doc);
            let mut graph = KnowledgeGraph::new();
            graph.add(&doc, &analysis.facts());
            Staged {
                doc,
                sentences,
                tokens,
                tagged,
                quotes,
                quoted,
                analysis,
                graph,
            }
        })
        .collect();
    let bytes = docs.iter().map(|d| d.doc.text.len()).sum();
    let sentences = docs.iter().map(|d| d.sentences.len()).sum();
    eprintln!(
        "corpus: {} documents, {:.1} MB, {} sentences",
        docs.len(),
        bytes as f64 / 1e6,
        sentences
    );
    Corpus {
        windows_only: pipeline.clone().with_parse(kgx::Parse::Nothing),
        pipeline,
        ontology,
        tagger,
        docs,
        bytes,
        sentences,
    }
});

/// Runs `f` over every document of the corpus, counting its bytes and sentences.
fn over_corpus<T>(bencher: Bencher, f: impl Fn(&Corpus, &Staged) -> T + Sync) {
    let c = &*CORPUS;
    bencher
        .counter(BytesCount::new(c.bytes))
        .counter(ItemsCount::new(c.sentences))
        .bench(|| {
            for d in &c.docs {
                divan::black_box(f(c, d));
            }
        });
}

fn mention_context<'a>(c: &'a Corpus, d: &'a Staged) -> kgx::stages::MentionContext<'a> {
    kgx::stages::MentionContext::new(
        &d.doc.text,
        &d.sentences,
        &d.tagged,
        &d.quoted,
        &c.ontology,
        &c.tagger,
    )
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn floor_split_and_tokenize(bencher: Bencher) {
    over_corpus(bencher, |_, d| {
        let text = d.doc.text.as_str();
        token::tokenize(text, &sentence::split_sentences(text)).len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_1_sentences(bencher: Bencher) {
    over_corpus(bencher, |_, d| sentence::split_sentences(&d.doc.text).len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_2_tokens(bencher: Bencher) {
    over_corpus(bencher, |_, d| {
        token::tokenize(&d.doc.text, &d.sentences).len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_3_tag_and_recognise(bencher: Bencher) {
    over_corpus(bencher, |c, d| {
        let mut t = d.tokens.clone();
        c.pipeline
            .backbone()
            .read_tokens(&d.doc.text, &mut t, &c.ontology, false);
        t.len()
    });
}

/// Tagging, recognising and parsing every sentence (`Parse::Everything`).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_3_with_parse(bencher: Bencher) {
    over_corpus(bencher, |c, d| {
        let mut t = d.tokens.clone();
        c.pipeline
            .backbone()
            .read_tokens(&d.doc.text, &mut t, &c.ontology, true);
        t.len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_4_quotations(bencher: Bencher) {
    over_corpus(bencher, |_, d| {
        quote::find_quotes(&d.doc.text, &d.tagged, &d.sentences).len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_5_mentions(bencher: Bencher) {
    over_corpus(bencher, |c, d| {
        kgx::stages::find_mentions(&mention_context(c, d)).len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_6_resolution(bencher: Bencher) {
    over_corpus(bencher, |_, d| {
        kgx::stages::resolve(&d.analysis.mentions).entities.len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_7_relations(bencher: Bencher) {
    over_corpus(bencher, |c, d| {
        let a = &d.analysis;
        let cx = mention_context(c, d);
        let view = kgx::stages::RelationDoc::new(
            &d.doc.text,
            &d.sentences,
            &d.tagged,
            &d.quotes,
            &d.quoted,
            &a.mentions,
            &a.resolution,
            &c.ontology,
            &c.tagger,
            cx.lexemes(),
        );
        kgx::stages::extract_relations(&view).len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_8_graph(bencher: Bencher) {
    over_corpus(bencher, |_, d| {
        let mut g = KnowledgeGraph::new();
        g.add(&d.doc, &d.analysis.facts());
        g.edge_count()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_9_json_line(bencher: Bencher) {
    over_corpus(bencher, |_, d| {
        kgx::export::to_json_document(&d.graph, Some(&d.doc.id), false).len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn pipeline_run(bencher: Bencher) {
    over_corpus(bencher, |c, d| c.pipeline.run(&d.doc).relations.len());
}

/// What `kgx extract --format jsonl` does per article: every stage, the graph and its line.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn end_to_end(bencher: Bencher) {
    over_corpus(bencher, |c, d| {
        let analysis = c.pipeline.run(&d.doc);
        let mut g = KnowledgeGraph::new();
        g.add(&d.doc, &analysis.facts());
        kgx::export::to_json_document(&g, Some(&d.doc.id), false).len()
    });
}

/// The same with the token windows alone (`kgx extract --parse none`): what the parser's
/// second look costs.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn end_to_end_windows_only(bencher: Bencher) {
    over_corpus(bencher, |c, d| {
        let analysis = c.windows_only.run(&d.doc);
        let mut g = KnowledgeGraph::new();
        g.add(&d.doc, &analysis.facts());
        kgx::export::to_json_document(&g, Some(&d.doc.id), false).len()
    });
}

/// One document of N copies of the examples run together as a single line (a scraped page with
/// no line breaks): MB/s should not fall as N grows (a scan of every name for every name once
/// made 16 MB take 23 s).
#[divan::bench(args = [10, 40, 160], sample_count = 3, sample_size = 1)]
fn one_long_document(bencher: Bencher, copies: usize) {
    let c = &*CORPUS;
    let one: String = examples()
        .iter()
        .map(|(_, t)| t.replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" ");
    let doc = Document::new("long", vec![one; copies].join(" "));
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| c.pipeline.run(&doc).relations.len());
}

/// One merged graph of the examples repeated N times: same nodes and edges for every N, N
/// times the evidence, and time linear in N.
#[divan::bench(args = [1, 10, 100], sample_count = 3, sample_size = 1)]
fn merged_graph(bencher: Bencher, copies: usize) {
    let c = &*CORPUS;
    let docs = repeated(copies);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut g = KnowledgeGraph::new();
        for d in &docs {
            g.add(d, &c.pipeline.run(d).facts());
        }
        (g.node_count(), g.edge_count())
    });
}

/// Loading the embedded models: the tagger's and recogniser's weights, then the parser's tables
/// (what the first sentence given a second look waits for).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_models() -> usize {
    let backbone = kgx::model::Backbone::embedded().expect("the embedded models load");
    backbone.deprels().len()
}
