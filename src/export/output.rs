//! Output files (`-o FILE`). A regular file, or a path that does not exist yet, is written
//! atomically: a temporary file in the same folder, synced, then renamed over it, so a failed
//! run never leaves partial output over a good file. A symbolic link is followed and its
//! target replaced that way (the link stays a link). Anything else — a device such as
//! `/dev/null`, a FIFO, a terminal, `/dev/stdout` or `/proc/self/fd/N` — is written straight
//! through: renaming over it would replace the device or the pipe with a regular file.

use crate::error::Error;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Links followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Where the bytes for a path go.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    /// Replace this regular file (or create it) by renaming a temporary file over it.
    Replace(PathBuf),
    /// Write into this special file as it is.
    Through(PathBuf),
}

/// Whether a path names an open descriptor of the process (`/dev/stdout`, `/dev/fd/N`,
/// `/proc/self/fd/N`) rather than a file: what it resolves to (`pipe:[…]`) is no path.
fn is_descriptor(path: &Path) -> bool {
    let Some(p) = path.to_str() else {
        return false;
    };
    matches!(p, "/dev/stdin" | "/dev/stdout" | "/dev/stderr")
        || p.starts_with("/dev/fd/")
        || p.strip_prefix("/proc/")
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(_, rest)| rest.starts_with("fd/"))
}

/// Follows symbolic links from `path` to the file the output really goes to.
fn destination(path: &Path) -> std::io::Result<Destination> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_descriptor(&current) {
            return Ok(Destination::Through(current));
        }
        let meta = match std::fs::symlink_metadata(&current) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Destination::Replace(current))
            }
            Err(e) => return Err(e),
            Ok(meta) => meta,
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let target = std::fs::read_link(&current)?;
            // A relative target is relative to the link's folder.
            current = match current.parent() {
                Some(dir) => dir.join(target),
                None => target,
            };
        } else if kind.is_file() {
            return Ok(Destination::Replace(current));
        } else if kind.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a directory",
            ));
        } else {
            return Ok(Destination::Through(current));
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Temporary files made by this process so far: with the process id, a name no other writer
/// (another process, or another file of this one) uses at the same time.
static TEMPORARIES: AtomicU64 = AtomicU64::new(0);

/// A temporary name for `path` in its folder, unique to this writer.
pub(crate) fn temporary_path(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let n = TEMPORARIES.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.kgx-{}-{n}.tmp", std::process::id()))
}

/// An output file: see the module docs. Dropped without [`OutputFile::commit`], a replaced
/// file is left untouched and the temporary file removed.
#[derive(Debug)]
pub struct OutputFile {
    /// The path as given, for messages.
    path: PathBuf,
    /// The file replaced at commit, and the temporary file written until then.
    replace: Option<(PathBuf, PathBuf)>,
    file: Option<BufWriter<File>>,
}

impl OutputFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<OutputFile, Error> {
        let err = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        match destination(path).map_err(err)? {
            Destination::Through(special) => {
                // Append: a descriptor opened by the shell with `>>` keeps what it holds.
                let file = OpenOptions::new()
                    .append(true)
                    .open(&special)
                    .map_err(err)?;
                Ok(OutputFile {
                    path: path.to_path_buf(),
                    replace: None,
                    file: Some(BufWriter::new(file)),
                })
            }
            Destination::Replace(target) => {
                let tmp = temporary_path(&target);
                // create_new: never write through something already at the temporary name.
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
                    .map_err(err)?;
                // The new file keeps the old one's permissions (a private file stays private).
                if let Ok(meta) = std::fs::metadata(&target) {
                    if let Err(e) = file.set_permissions(meta.permissions()) {
                        let _ = std::fs::remove_file(&tmp);
                        return Err(err(e));
                    }
                }
                Ok(OutputFile {
                    path: path.to_path_buf(),
                    replace: Some((target, tmp)),
                    file: Some(BufWriter::new(file)),
                })
            }
        }
    }

    /// Flushes the output; for a replaced file, syncs it and renames it into place.
    pub fn commit(mut self) -> Result<(), Error> {
        let result = self.finish();
        if result.is_err() {
            if let Some((_, tmp)) = &self.replace {
                let _ = std::fs::remove_file(tmp);
            }
        }
        result.map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    fn finish(&mut self) -> std::io::Result<()> {
        let file = self.file.take().expect("not yet committed");
        let file = file.into_inner().map_err(|e| e.into_error())?;
        if let Some((target, tmp)) = &self.replace {
            file.sync_all()?;
            std::fs::rename(tmp, target)?;
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not yet committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            if let Some((_, tmp)) = &self.replace {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_and_devices_are_written_through() {
        for p in [
            "/dev/stdout",
            "/dev/stderr",
            "/dev/fd/1",
            "/proc/self/fd/1",
            "/proc/42/fd/3",
        ] {
            assert!(is_descriptor(Path::new(p)), "{p}");
        }
        for p in [
            "/dev/null",
            "/proc/self/status",
            "/tmp/fd/1",
            "out.json",
            "/dev",
        ] {
            assert!(!is_descriptor(Path::new(p)), "{p}");
        }
        assert_eq!(
            destination(Path::new("/dev/null")).unwrap(),
            Destination::Through("/dev/null".into())
        );
        assert_eq!(
            destination(Path::new("/dev/stdout")).unwrap(),
            Destination::Through("/dev/stdout".into())
        );
    }

    #[test]
    fn links_are_followed_to_the_file_they_name() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::os::unix::fs::symlink("real/target.json", dir.path().join("link.json")).unwrap();
        std::os::unix::fs::symlink("link.json", dir.path().join("link2.json")).unwrap();
        assert_eq!(
            destination(&dir.path().join("link2.json")).unwrap(),
            Destination::Replace(dir.path().join("real/target.json"))
        );
        std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
        assert!(destination(&dir.path().join("loop")).is_err());
        assert!(destination(dir.path()).is_err());
    }

    #[test]
    fn temporary_names_differ_per_writer() {
        let a = temporary_path(Path::new("x/out.json"));
        let b = temporary_path(Path::new("x/out.json"));
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("x")));
    }
}
