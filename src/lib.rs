//! # kgx: knowledge graphs from news articles
//!
//! kgx reads articles and finds who works where (`affiliatedWith`, with the role), who released
//! or developed which model (`released`, `developed`), who said what (`holdsView`, with the
//! claim), and the structure around them (`leads`, `partOf`, `locatedIn`, `spokeAt`). Every fact
//! keeps the sentence, byte offsets and rule that produced it.
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
//! | mentions | [`mention`] | tokens, ontology | typed mentions |
//! | resolve | [`resolve`] | mentions | entities (aliases, pronouns) |
//! | relations | [`relation`] | all of the above | relations with evidence |
//! | merge | [`graph`] | analyses | [`KnowledgeGraph`] (petgraph) |
//! | export | [`export`] | graph | JSON, JSON Lines, DOT |
//! | draw | [`render`] | DOT | SVG, PNG, PDF through Graphviz |
//! | serve | [`serve`] | dataset, graph | HTTP: the SPARQL protocol, the page and its JSON |
//! | evaluate | [`eval`] | gold folder, pipeline, JSON export | precision, recall, F1 per relation |
//!
//! ## Invariants
//! 1. Dependencies go one way along the stages; `ontology` is a leaf. Only `ontology/load.rs`
//!    touches oxigraph, only `graph/` and `export/` touch petgraph, only the binary touches clap.
//! 2. Stages are pure and total: any text gives a result; I/O lives in `document` and `export`.
//! 3. Spans are byte offsets on char boundaries into the original text.
//! 4. Output is deterministic: no hash-map order reaches it.
//! 5. The ontology (`ontology/*.ttl`, embedded) is the single source of classes, properties
//!    and cue words.
//! 6. Every fact is explainable: evidence names the document, sentence, span and rule.
//! 7. Identifiers others store (fact and evidence IRIs, claim keys, document IRIs and store
//!    file names) come only from [`identifier`]: frozen, documented functions, injective on
//!    document ids, pinned by golden tests.
//! 8. A user's data is never damaged or silently lost: output files are replaced atomically
//!    (devices and FIFOs written through), the store has one writer at a time, and an input
//!    that cannot be read is named, never dropped without a word.
//!
//! ```
//! let pipeline = kgx::Pipeline::embedded()?;
//! let doc = kgx::Document::new("demo", "Ana Prieto, a professor at Harlow University, said the model works.");
//! let mut graph = kgx::KnowledgeGraph::new();
//! graph.add(&doc, &pipeline.run(&doc).facts());
//! assert!(graph.edge_count() >= 1);
//! Ok::<(), kgx::Error>(())
//! ```
#![warn(missing_docs)]

pub mod corpus;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod identifier;
pub mod mention;
pub mod model;
pub mod ontology;
pub mod pipeline;
pub mod query;
pub mod relation;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod span;
pub mod store;
pub mod text;
pub mod word_table;

pub use document::Document;
pub use error::{Error, OntologyError};
pub use export::Format;
pub use graph::KnowledgeGraph;
pub use ontology::Ontology;
pub use pipeline::{Analysis, Parse, Pipeline};
pub use span::Span;

/// Extracts one merged graph from documents.
pub fn extract_graph(pipeline: &Pipeline, docs: &[Document]) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for doc in docs {
        graph.add(doc, &pipeline.run(doc).facts());
    }
    graph
}
