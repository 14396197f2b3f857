//! Documents: the owners every span points into, and how they are read from disk.

use crate::error::Error;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One article: an id (its file stem, or `stdin`) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The name evidence cites.
    pub id: String,
    /// The article text, as read.
    pub text: String,
}

impl Document {
    /// A document from an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }

    /// Decodes bytes read from `path`: binary files and invalid UTF-8 are errors that name the
    /// file and the byte offset.
    pub fn from_bytes(id: impl Into<String>, path: &Path, bytes: Vec<u8>) -> Result<Self, Error> {
        if let Some(offset) = bytes.iter().take(1 << 16).position(|&b| b == 0) {
            return Err(Error::Binary {
                path: path.to_path_buf(),
                offset,
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        Ok(Document::new(id, text))
    }
}

/// Expands the command line's paths into the files to read, in order: a folder gives its `.txt`
/// and `.md` files, recursively, sorted; `-` stands for stdin. No path means stdin.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if paths.is_empty() {
        return Ok(vec![PathBuf::from("-")]);
    }
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(path.clone());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let before = out.len();
            collect_dir(path, &mut out)?;
            if out.len() == before {
                return Err(Error::NoTextFiles { path: path.clone() });
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_dir(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt") | Some("md")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one path (or stdin for `-`) into a document named after the file stem.
pub fn read_document(path: &Path) -> Result<Document, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
        return Document::from_bytes("stdin", Path::new("<stdin>"), bytes);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Document::from_bytes(id, path, bytes)
}

/// Reads every document the paths name, in order.
pub fn read_documents(paths: &[PathBuf]) -> Result<Vec<Document>, Error> {
    expand_paths(paths)?
        .iter()
        .map(|p| read_document(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = Document::from_bytes("a", Path::new("a.txt"), b"ab\xffcd".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte offset 2");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = Document::from_bytes("a", Path::new("a.bin"), b"ab\0".to_vec()).unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 2, .. }));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let doc = Document::from_bytes("a", Path::new("a"), "\u{feff}Hi".into()).unwrap();
        assert_eq!(doc.text, "Hi");
    }
}
