//! Running the pipeline over a stream of documents: in parallel (rayon), with results handed on
//! in input order, so output is identical to a single-threaded run. At most a small window of
//! documents is in flight, so memory stays flat however large the corpus is, and no worker waits
//! for a whole batch to finish before starting the next document.

use crate::document::{Document, Pending};
use crate::error::Error;
use crate::pipeline::{Analysis, Pipeline};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;

/// Documents a worker takes at a time: the reading thread is woken once a chunk, not once a
/// document (each wake-up is two context switches).
const CHUNK: usize = 8;

/// Chunks in flight per worker: enough to keep every worker busy while one slow document
/// holds back the output, few enough that memory stays bounded.
const CHUNKS_PER_JOB: usize = 3;

/// Runs the pipeline over every document with `jobs` worker threads (0: all cores). Workers
/// read or decode each pending document, run the pipeline and call `work` with the document and
/// its analysis (render output there, so that it runs in parallel too); `sink` receives what
/// `work` returned — or the error that kept a document from being read or decoded — in input
/// order, on the calling thread. A document that fails does not stop the others: the sink
/// decides, and the run stops at the first error the sink returns.
pub fn process<T, E>(
    pipeline: &Pipeline,
    documents: impl Iterator<Item = Result<Pending, Error>>,
    jobs: usize,
    work: impl Fn(Document, Analysis) -> T + Sync,
    mut sink: impl FnMut(Result<T, Error>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
{
    let jobs = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    // Reading or decoding a document, extracting and rendering: the same on any thread.
    let analyse = |doc: Pending| {
        doc.into_document().map(|doc| {
            let analysis = pipeline.run(&doc);
            work(doc, analysis)
        })
    };
    if jobs == 1 {
        // One job: everything on the calling thread. A worker thread would only add a hand-off
        // (two context switches) per document, and nothing runs beside it.
        for doc in documents {
            sink(doc.and_then(analyse))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Io {
            path: PathBuf::from("<threads>"),
            source: std::io::Error::other(e),
        });
    let pool = match pool {
        Ok(pool) => pool,
        Err(e) => return sink(Err(e)),
    };
    let window = pool.current_num_threads().max(1) * CHUNKS_PER_JOB;
    let (tx, rx) = mpsc::channel::<(usize, Vec<Result<T, Error>>)>();
    let analyse = &analyse;
    pool.in_place_scope(|scope| {
        let mut ready: BTreeMap<usize, Vec<Result<T, Error>>> = BTreeMap::new();
        let (mut sent, mut done) = (0usize, 0usize);
        // Waits for one chunk, then hands on every chunk that is next in input order.
        let mut receive = |done: &mut usize| -> Result<(), E> {
            let (i, results) = rx.recv().expect("a worker holds the sender until it sends");
            ready.insert(i, results);
            while let Some(results) = ready.remove(done) {
                *done += 1;
                for t in results {
                    sink(t)?;
                }
            }
            Ok(())
        };
        let mut documents = documents.peekable();
        while documents.peek().is_some() {
            // Documents are read and decoded by the workers; what fails before that (a JSON
            // Lines file that cannot be opened) travels in the chunk, in its place.
            let chunk: Vec<Result<Pending, Error>> = documents.by_ref().take(CHUNK).collect();
            while sent - done >= window {
                receive(&mut done)?;
            }
            let tx = tx.clone();
            let index = sent;
            scope.spawn(move |_| {
                let results: Vec<Result<T, Error>> =
                    chunk.into_iter().map(|doc| doc.and_then(analyse)).collect();
                // The receiver outlives every worker unless the sink failed; then nothing waits.
                let _ = tx.send((index, results));
            });
            sent += 1;
        }
        while done < sent {
            receive(&mut done)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_for_any_number_of_jobs() {
        let pipeline = Pipeline::embedded().unwrap();
        let docs: Vec<Document> = (0..40)
            .map(|i| {
                // Uneven sizes, so later documents often finish first.
                let text = "Ana Prieto, a professor at Harlow University, said it works. "
                    .repeat(1 + (i * 7) % 13);
                Document::new(format!("d{i}"), text)
            })
            .collect();
        for jobs in [1, 2, 3] {
            let mut seen = Vec::new();
            process(
                &pipeline,
                docs.clone().into_iter().map(|d| Ok(Pending::from(d))),
                jobs,
                |doc, analysis| (doc.id, analysis.relations.len()),
                |r| -> Result<(), Error> {
                    seen.push(r?);
                    Ok(())
                },
            )
            .unwrap();
            let ids: Vec<String> = seen.iter().map(|(id, _)| id.clone()).collect();
            let want: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
            assert_eq!(ids, want, "jobs {jobs}");
        }
    }

    #[test]
    fn a_sink_that_stops_at_an_error_sees_the_documents_before_it() {
        let pipeline = Pipeline::embedded().unwrap();
        let input = vec![
            Ok(Pending::from(Document::new("a", "One."))),
            Ok(Pending::from(Document::new("b", "Two."))),
            Err(Error::NoTextFiles {
                path: PathBuf::from("x"),
                extensions: "txt".into(),
            }),
            Ok(Pending::from(Document::new("c", "Three."))),
        ];
        let mut seen = Vec::new();
        let r = process(
            &pipeline,
            input.into_iter(),
            2,
            |doc, _| doc.id,
            |id| -> Result<(), Error> {
                seen.push(id?);
                Ok(())
            },
        );
        assert!(r.is_err());
        assert_eq!(seen, ["a", "b"]);
    }

    #[test]
    fn a_document_that_fails_can_stop_the_run_inside_its_chunk() {
        let pipeline = Pipeline::embedded().unwrap();
        for (jobs, bad) in [(1, 3), (2, 3), (2, 11), (3, 20)] {
            let input = (0..30).map(|i| {
                Ok(if i == bad {
                    Pending::File(PathBuf::from("/nonexistent/kgx/missing.txt"))
                } else {
                    Pending::from(Document::new(format!("d{i}"), "One."))
                })
            });
            let mut seen = Vec::new();
            let r = process(
                &pipeline,
                input,
                jobs,
                |doc, _| doc.id,
                |id| -> Result<(), Error> {
                    seen.push(id?);
                    Ok(())
                },
            );
            assert!(r.is_err(), "jobs {jobs}");
            let want: Vec<String> = (0..bad).map(|i| format!("d{i}")).collect();
            assert_eq!(seen, want, "jobs {jobs}, bad {bad}");
        }
    }

    #[test]
    fn a_sink_that_skips_errors_sees_every_other_document_in_order() {
        let pipeline = Pipeline::embedded().unwrap();
        for jobs in [1, 2, 3] {
            let input = (0..30).map(|i| {
                Ok(if i % 7 == 3 {
                    Pending::File(PathBuf::from(format!("/nonexistent/kgx/{i}.txt")))
                } else {
                    Pending::from(Document::new(format!("d{i}"), "One."))
                })
            });
            let (mut seen, mut failed) = (Vec::new(), Vec::new());
            process(
                &pipeline,
                input,
                jobs,
                |doc, _| doc.id,
                |id| -> Result<(), Error> {
                    match id {
                        Ok(id) => seen.push(id),
                        Err(e) => failed.push(e.to_string()),
                    }
                    Ok(())
                },
            )
            .unwrap();
            let want: Vec<String> = (0..30)
                .filter(|i| i % 7 != 3)
                .map(|i| format!("d{i}"))
                .collect();
            assert_eq!(seen, want, "jobs {jobs}");
            assert_eq!(failed.len(), 4, "jobs {jobs}");
            assert!(failed[0].contains("/nonexistent/kgx/3.txt"), "{failed:?}");
        }
    }
}
