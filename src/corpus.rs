//! Running the pipeline over many documents: in parallel (rayon), in batches, with results
//! handed on in input order, so output is identical to a single-threaded run and memory stays
//! bounded by the batch, however large the corpus.

use crate::document::{self, Document};
use crate::error::Error;
use crate::pipeline::{Analysis, Pipeline};
use rayon::prelude::*;
use std::path::PathBuf;

/// Documents per worker in one batch: enough to keep workers busy, small enough to stream.
const BATCH_PER_JOB: usize = 4;

/// Runs the pipeline over every file with `jobs` threads (0: all cores) and calls `sink` with
/// each document and its analysis in input order. Stops at the first error in input order.
pub fn process<E>(
    pipeline: &Pipeline,
    files: &[PathBuf],
    jobs: usize,
    mut sink: impl FnMut(Document, Analysis) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<Error>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Io {
            path: PathBuf::from("<threads>"),
            source: std::io::Error::other(e),
        })?;
    let batch = pool.current_num_threads().max(1) * BATCH_PER_JOB;
    for chunk in files.chunks(batch) {
        let results: Vec<Result<(Document, Analysis), Error>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let doc = document::read_document(path)?;
                    let analysis = pipeline.run(&doc);
                    Ok((doc, analysis))
                })
                .collect()
        });
        for r in results {
            let (doc, analysis) = r?;
            sink(doc, analysis)?;
        }
    }
    Ok(())
}
