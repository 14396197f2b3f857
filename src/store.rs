//! The on-disk store: a folder of per-document N-Quads files (`DIR/docs/<doc>.nq`). Adding a
//! document writes its file to a temporary name and renames it over the old one, so a document
//! is always present whole or not at all, and adding it again replaces its facts. One writer at
//! a time: a lock file holds the writer's process id; a lock left by a dead process is taken
//! over. Reading needs no lock: `query::load_store` bulk-loads the files into oxigraph's
//! in-memory store.

use crate::error::Error;
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

/// The writer of a store, holding its lock until dropped.
#[derive(Debug)]
pub struct StoreWriter {
    dir: PathBuf,
    lock: PathBuf,
}

fn process_alive(pid: u32) -> bool {
    Path::new("/proc").is_dir() && Path::new(&format!("/proc/{pid}")).exists()
        || !Path::new("/proc").is_dir()
}

impl StoreWriter {
    /// Opens (creating it if needed) a store for writing and takes its lock.
    pub fn open(dir: &Path) -> Result<StoreWriter, Error> {
        let err = |source: std::io::Error| Error::Store {
            path: dir.to_path_buf(),
            message: source.to_string(),
        };
        std::fs::create_dir_all(dir.join(DOCS)).map_err(err)?;
        let lock = dir.join(LOCK);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(mut f) => {
                    write!(f, "{}", std::process::id()).map_err(err)?;
                    f.sync_all().map_err(err)?;
                    return Ok(StoreWriter {
                        dir: dir.to_path_buf(),
                        lock,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&lock)
                        .ok()
                        .and_then(|s| s.trim().parse::<u32>().ok());
                    match pid {
                        Some(pid) if process_alive(pid) => {
                            return Err(Error::StoreLocked {
                                path: dir.to_path_buf(),
                                pid,
                            })
                        }
                        // A lock left by a process that died: take it over.
                        _ => {
                            let _ = std::fs::remove_file(&lock);
                        }
                    }
                }
                Err(e) => return Err(err(e)),
            }
        }
        Err(Error::StoreLocked {
            path: dir.to_path_buf(),
            pid: 0,
        })
    }

    /// The file of a document.
    pub fn document_path(&self, file_stem: &str) -> PathBuf {
        self.dir.join(DOCS).join(format!("{file_stem}.nq"))
    }

    /// Writes (or replaces) one document's N-Quads, atomically.
    pub fn put(&self, file_stem: &str, nquads: &[u8]) -> Result<(), Error> {
        let path = self.document_path(file_stem);
        let tmp = path.with_extension("nq.tmp");
        let err = |source: std::io::Error| Error::Store {
            path: path.clone(),
            message: source.to_string(),
        };
        let mut f = std::fs::File::create(&tmp).map_err(err)?;
        f.write_all(nquads).map_err(err)?;
        f.sync_all().map_err(err)?;
        std::fs::rename(&tmp, &path).map_err(err)?;
        Ok(())
    }
}

impl Drop for StoreWriter {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.lock);
    }
}
