//! The on-disk store: a folder of per-document N-Quads files (`DIR/docs/<id>.nq`, the id
//! escaped by `identifier::document_file_stem`). Adding a document writes its file to a
//! temporary name and renames it over the old one, so a document is always present whole or
//! not at all, and adding it again replaces its facts. One writer at a time: the system's lock
//! on `DIR/lock` (see [`StoreWriter::open`]). Reading needs no lock: `query::load_store`
//! reads the store through its snapshot (`DIR/snapshot.kgxs`, made again whenever a
//! document file changed; see `query/snapshot.rs`).

use crate::error::Error;
use crate::identifier;
use std::io::Write;
use std::path::{Path, PathBuf};

const LOCK: &str = "lock";
const DOCS: &str = "docs";

/// The document files of a store, sorted.
pub fn document_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let docs = dir.join(DOCS);
    if !dir.is_dir() || !docs.is_dir() {
        return Err(Error::Store {
            path: dir.to_path_buf(),
            message: "not a kgx store (no docs/ folder); create one with `kgx extract --store DIR PATH...`".into(),
        });
    }
    let io = |source: std::io::Error| Error::Store {
        path: docs.clone(),
        message: source.to_string(),
    };
    let mut files = std::fs::read_dir(&docs)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    // Temporary files of an interrupted writer end in .tmp and are not documents.
    files.retain(|p| p.extension().is_some_and(|e| e == "nq"));
    files.sort();
    Ok(files)
}

/// Removes the temporary files writers killed before they could rename them left in `docs`
/// (`.NAME.nq.kgx-PID-N.tmp`, see `export::temporary_path`). Called with the lock held: only
/// the lock's holder writes temporary files, so every one found then is a dead writer's, and
/// without this a store killed often would keep them forever.
fn remove_stale_temporaries(docs: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(docs)? {
        let path = entry?.path();
        let stale = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp") && n.contains(".nq.kgx-"));
        if stale {
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    Ok(())
}

/// The writer of a store, holding its lock until dropped.
#[derive(Debug)]
pub struct StoreWriter {
    dir: PathBuf,
    /// The open lock file: the lock (an advisory `flock`) lasts as long as it is open, and the
    /// system drops it when the process ends, however it ends.
    _lock: std::fs::File,
}

impl StoreWriter {
    /// Opens (creating it if needed) a store for writing and takes its lock, or says which
    /// process holds it.
    ///
    /// The lock is the operating system's lock on `DIR/lock` (`flock`): taking it is atomic,
    /// so of any number of writers started at once exactly one gets it, and a writer that
    /// dies (even by `kill -9`) releases it. The file holds the writer's process id for
    /// people and messages only; it is never removed, since a writer that opened the old file
    /// and one that made a new one could otherwise both hold "the" lock. Once the lock is
    /// taken, the temporary files of writers that died before renaming them are removed.
    pub fn open(dir: &Path) -> Result<StoreWriter, Error> {
        let err = |path: &Path, source: std::io::Error| Error::Store {
            path: path.to_path_buf(),
            message: source.to_string(),
        };
        std::fs::create_dir_all(dir.join(DOCS)).map_err(|e| err(dir, e))?;
        let lock_path = dir.join(LOCK);
        if lock_path.is_dir() {
            return Err(Error::Store {
                path: lock_path,
                message: "is a folder, not kgx's lock file: remove it".into(),
            });
        }
        let mut lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|e| err(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = std::io::Read::read_to_string(&mut lock, &mut holder);
                return Err(Error::StoreLocked {
                    path: dir.to_path_buf(),
                    pid: holder.trim().parse().ok(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(err(&lock_path, e)),
        }
        remove_stale_temporaries(&dir.join(DOCS)).map_err(|e| err(dir, e))?;
        // The holder's id, for the message another writer prints.
        let id = std::process::id().to_string();
        lock.set_len(0)
            .and_then(|()| std::io::Seek::rewind(&mut lock))
            .and_then(|()| lock.write_all(id.as_bytes()))
            .map_err(|e| err(&lock_path, e))?;
        Ok(StoreWriter {
            dir: dir.to_path_buf(),
            _lock: lock,
        })
    }

    /// The file of a document: `docs/` + `identifier::document_file_stem` of its id + `.nq`,
    /// different for different ids.
    pub fn document_path(&self, id: &str) -> PathBuf {
        self.dir
            .join(DOCS)
            .join(format!("{}.nq", identifier::document_file_stem(id)))
    }

    /// Writes (or replaces) one document's N-Quads, atomically.
    pub fn put(&self, id: &str, nquads: &[u8]) -> Result<(), Error> {
        self.stage(id, nquads)?.commit()
    }

    /// Writes one document's N-Quads to a temporary file of its own (unique to this process
    /// and this call, so that workers writing at once never share one) and syncs it; the
    /// document replaces its file when [`StagedDocument::commit`] is called, and is dropped
    /// without a trace otherwise.
    pub fn stage(&self, id: &str, nquads: &[u8]) -> Result<StagedDocument, Error> {
        let path = self.document_path(id);
        let staged = StagedDocument {
            tmp: crate::export::temporary_path(&path),
            path,
            committed: false,
        };
        let err = |source: std::io::Error| Error::Store {
            path: staged.path.clone(),
            message: source.to_string(),
        };
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staged.tmp)
            .map_err(err)?;
        // From here on, dropping `staged` removes the temporary file, whatever fails.
        f.write_all(nquads).map_err(err)?;
        f.sync_all().map_err(err)?;
        Ok(staged)
    }
}

/// A document written to its temporary file, waiting to replace its store file.
#[derive(Debug)]
pub struct StagedDocument {
    path: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl StagedDocument {
    /// Renames the document into place.
    pub fn commit(mut self) -> Result<(), Error> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::Store {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for StagedDocument {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
