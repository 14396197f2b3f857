//! # kgx: knowledge graphs from news articles
//!
//! kgx reads articles and finds who works where (`affiliatedWith`, with the role), who released
//! or developed which model (`released`, `developed`), who said what (`holdsView`, with the
//! claim), and the structure around them (`leads`, `partOf`, `locatedIn`, `spokeAt`). Every fact
//! keeps the sentence, byte offsets and rule that produced it.
//!
//! ```
//! // Extract: a pipeline over the embedded vocabulary and models, run on one document.
//! let pipeline = kgx::Pipeline::embedded()?;
//! let doc = kgx::Document::new(
//!     "demo",
//!     "Ana Prieto, a professor at Harlow University, said the model works.",
//! );
//! let analysis = pipeline.run(&doc);
//!
//! // Graph: the document's facts merged into a knowledge graph.
//! let mut graph = kgx::KnowledgeGraph::new();
//! graph.add(&doc, &analysis.facts());
//! assert!(graph.edge_count() >= 1);
//!
//! // Turtle: the graph as RDF.
//! let turtle = kgx::export::render(
//!     &graph,
//!     pipeline.ontology(),
//!     kgx::Format::Rdf(kgx::export::rdf::RdfFlavor::Turtle),
//!     kgx::vocab::DEFAULT_BASE,
//! );
//! let turtle = String::from_utf8(turtle).expect("Turtle is UTF-8");
//! assert!(turtle.contains("kgx:affiliatedWith"));
//! Ok::<(), kgx::Error>(())
//! ```
//!
//! ## Stages
//!
//! | stage | module | reads | produces |
//! |---|---|---|---|
//! | read | [`document`] | paths | [`Document`] |
//! | split | `text::sentence` | text | sentences (byte spans, paragraphs) |
//! | tokenize | `text::token` | sentences | tokens |
//! | tag, recognise names, parse | [`model`] (learned; parse on request) | tokens | POS, BILOU name classes, heads and UD relations |
//! | quotations | `text::quote` | tokens | quoted spans |
//! | mentions | `mention` | tokens, ontology | typed mentions |
//! | resolve | `resolve` | mentions | entities (aliases, pronouns) |
//! | relations | `relation` | all of the above | relations with evidence |
//! | facts | [`Analysis::facts`] | an analysis | [`graph::DocumentFacts`], neutral of extraction |
//! | merge | [`graph`] | documents' facts | [`KnowledgeGraph`] (petgraph) |
//! | export | [`export`] | graph | JSON, JSON Lines, DOT, RDF |
//! | draw | [`render`] | DOT | SVG, PNG, PDF through Graphviz |
//! | query | [`query`], [`store`] | RDF files, a store | SPARQL answers |
//! | serve | `serve` (the `serve` feature) | dataset, graph | HTTP: the SPARQL protocol, the page and its JSON |
//! | evaluate | [`eval`] | gold folder, pipeline, JSON export | precision, recall, F1 per relation |
//!
//! ## The public API
//!
//! The root re-exports what a user of the extractor needs ([`Pipeline`], [`Document`],
//! [`Analysis`], [`KnowledgeGraph`], [`Ontology`], [`Class`], [`Predicate`], [`Span`],
//! [`Error`], the exporters [`to_json`] and [`to_dot`] with [`Format`], the SPARQL
//! [`Dataset`]); the modules that are public are the product's own namespaces (exporters,
//! queries, the store, drawing, serving, evaluation, the learned models and the typed
//! [`vocab`]ulary). The extraction stages (`text`, `mention`, `resolve`, `relation`) and the
//! pipeline's plumbing are private: they change with every accuracy issue.
//!
//! ## Invariants
//! 1. Dependencies go one way along the stages, and `tests/tidy.rs` holds the table of which
//!    module may import which: `ontology` is a leaf but for its word tables; `text` owns its
//!    containers (no vocabulary but the UD labels); `graph` builds from a neutral facts type
//!    and learns nothing of extraction; `export` sees only the graph, the vocabulary and the
//!    document. Only `ontology/load.rs`, `ontology/vocab.rs`, RDF export, `query` and
//!    `serve` touch oxigraph; only `graph/` and `export/` touch petgraph; only the binary
//!    touches clap.
//! 2. Stages are pure and total: any text gives a result; I/O lives in `document` and `export`.
//! 3. Spans are byte offsets on char boundaries into the original text.
//! 4. Output is deterministic: no hash-map order reaches it.
//! 5. The ontology (`ontology/*.ttl`, embedded) is the single source of classes, properties
//!    and cue words; IRIs are typed constants in [`vocab`].
//! 6. Every fact is explainable: evidence names the document, sentence, span and rule.
//! 7. Identifiers others store (fact and evidence IRIs, claim keys, document IRIs and store
//!    file names) come only from `identifier`: frozen, documented functions, injective on
//!    document ids, pinned by golden tests.
//! 8. A user's data is never damaged or silently lost: output files are replaced atomically
//!    (devices and FIFOs written through), the store has one writer at a time, and an input
//!    that cannot be read is named, never dropped without a word.
#![warn(missing_docs)]

// The product's namespaces: public, documented, the API a user of kgx builds on.
pub mod corpus;
pub mod document;
pub mod eval;
pub mod export;
pub mod graph;
// The learned backbone is public for `kgx train` and `kgx annotate` (and whoever retrains or
// scores the models): its API is the trainer's and the annotator's, not the extractor's.
pub mod model;
pub mod query;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod store;

// The extraction stages and their plumbing: crate-private. Benchmarks, the fuzzer and the
// integration tests that time or probe a single stage reach them through `stages` below.
pub(crate) mod error;
pub(crate) mod identifier;
pub(crate) mod mention;
pub(crate) mod ontology;
pub(crate) mod pipeline;
pub(crate) mod relation;
pub(crate) mod resolve;
pub(crate) mod span;
pub(crate) mod text;
pub(crate) mod word_table;

pub use document::Document;
pub use error::{Error, OntologyError};
pub use export::{to_dot, to_json, Format};
pub use graph::KnowledgeGraph;
pub use ontology::{Class, Ontology, Predicate};
pub use pipeline::{Analysis, Parse, Pipeline};
pub use query::Dataset;
pub use span::Span;

/// The vocabulary kgx writes: its terms as typed IRIs (like oxrdf's `vocab`), the base of the
/// IRIs it mints, the prefixes it declares, and the ontology's own Turtle.
pub mod vocab {
    pub use crate::ontology::vocab::{kgx, oa, rdf, rdfs, skos, xsd, DEFAULT_BASE, KGX, PREFIXES};
    pub use crate::ontology::{GAZETTEER_TTL, ONTOLOGY_TTL};
}

/// The stages' own types and functions, one door for what must see inside a single stage:
/// the per-stage benchmarks (`benches/throughput.rs` times each stage alone), the fuzzer
/// (`examples/fuzz`) and integration tests.
///
/// Why a door rather than public stage modules: the stages are rebuilt by every accuracy
/// issue, and a public module would make each rebuild a breaking change and put its insides
/// in the documentation. Why not move those users beside the code: benchmarks and examples
/// are separate crates that can only use public items. So the items they need are
/// re-exported here, hidden from the documentation and outside any compatibility promise;
/// an item listed here is a deliberate exception, and the list should stay short.
#[doc(hidden)]
pub mod stages {
    pub use crate::mention::{find_mentions, Context as MentionContext};
    pub use crate::relation::{extract as extract_relations, Doc as RelationDoc};
    pub use crate::resolve::resolve;
    pub use crate::text::{pos::Tagger, quote, sentence, token};
}

/// Extracts one merged graph from documents.
pub fn extract_graph(pipeline: &Pipeline, docs: &[Document]) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for doc in docs {
        graph.add(doc, &pipeline.run(doc).facts());
    }
    graph
}
