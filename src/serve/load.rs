//! Loading what `kgx serve` serves, as `kgx query` reads it: a store folder, RDF files, or
//! articles extracted on the fly (kept with their analyses, for the document view).

use super::explore::Explorer;
use crate::document::{self, DocumentIds};
use crate::error::Error;
use crate::export::rdf;
use crate::graph::KnowledgeGraph;
use crate::pipeline::Pipeline;
use crate::query::{Dataset, Input};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Loads a store folder, or data paths; an input that cannot be read goes to `broken`
/// (which warns and goes on, or returns the error to stop).
pub fn load(
    store: Option<&Path>,
    paths: &[PathBuf],
    input: Input,
    pipeline: &Pipeline,
    base: &str,
    mut broken: impl FnMut(Error) -> Result<(), Error>,
) -> Result<(Dataset, Explorer), Error> {
    if let Some(dir) = store {
        let dataset = Dataset::load_store(dir, &mut broken)?;
        let explorer = Explorer::from_dataset(&dataset, pipeline.ontology())?;
        return Ok((dataset, explorer));
    }
    let dataset = Dataset::new()?;
    let sorted = input.sort(paths);
    for (path, flavor) in &sorted.rdf {
        dataset.load_file_as(path, *flavor)?;
    }
    if sorted.articles.is_empty() && !sorted.rdf.is_empty() {
        let explorer = Explorer::from_dataset(&dataset, pipeline.ontology())?;
        return Ok((dataset, explorer));
    }
    let (articles, format) = (sorted.articles, sorted.articles_as);
    // Read in input order; the ids must be distinct, as for `kgx query`.
    let mut ids = DocumentIds::default();
    let mut documents = Vec::new();
    for pending in document::articles(document::expand_paths_as(&articles, format)?, format) {
        match pending.and_then(document::Pending::into_document) {
            Ok(doc) => match ids.admit(&doc) {
                Ok(()) => documents.push(doc),
                Err(e) => broken(e)?,
            },
            Err(e) => broken(e)?,
        }
    }
    let analysed: Vec<_> = documents
        .into_par_iter()
        .map(|doc| {
            let analysis = pipeline.run(&doc);
            (doc, analysis)
        })
        .collect();
    let mut graph = KnowledgeGraph::new();
    for (doc, analysis) in &analysed {
        graph.add(doc, &analysis.facts());
    }
    dataset.insert(&rdf::quads(&graph, base))?;
    let explorer = Explorer::from_graph(graph, pipeline.ontology(), &analysed, base);
    Ok((dataset, explorer))
}
