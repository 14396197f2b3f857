//! Documents: the owners every span points into, and how they are read from disk.

use crate::error::Error;
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// Fields of a JSON Lines record other than `id` and `text` (title, url, date, …), kept as read.
pub type Metadata = BTreeMap<String, serde_json::Value>;

/// One article: an id (its file stem, `stdin`, or the record's `id`), its text and metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The name evidence cites.
    pub id: String,
    /// The article text, as read.
    pub text: String,
    /// What else the input said about the article (JSON Lines records only).
    pub metadata: Metadata,
    /// Where it was read from (`a/b.txt`, `<stdin>`, `news.jsonl:12`), for messages; `None`
    /// for documents made in memory.
    pub source: Option<String>,
}

impl Document {
    /// A document from an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            metadata: Metadata::new(),
            source: None,
        }
    }

    /// The same document, noting where it was read from.
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
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
        Ok(
            Document::new(id, without_byte_order_mark(text))
                .with_source(path.display().to_string()),
        )
    }
}

/// A leading byte-order mark (U+FEFF, three bytes) read as an em space (U+2003: also three
/// bytes and one character), so that the text reads as if it had none while every byte and
/// character offset still indexes the file as it is on disk. (Dropping the mark shifted every
/// offset by three bytes; keeping it glued the mark to the first word.)
fn without_byte_order_mark(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "\u{2003}");
    }
    text
}

/// The ids of one run's documents and where each came from. Two sources with one id would
/// share a store file, a named graph and the name their evidence cites, so the second is
/// refused; the same source read twice is the same document.
#[derive(Debug, Default)]
pub struct DocumentIds {
    /// Id → (the source as the file system knows it, the source as the user named it).
    sources: std::collections::HashMap<String, (String, String)>,
}

impl DocumentIds {
    /// Admits a document, or names both sources when its id is taken by another. One file
    /// named two ways ("a.txt", "./a.txt") is one source.
    pub fn admit(&mut self, doc: &Document) -> Result<(), Error> {
        let source = doc.source.as_deref().unwrap_or(&doc.id);
        let key = std::fs::canonicalize(source)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| source.to_string());
        match self.sources.get(&doc.id) {
            Some((first_key, first)) if *first_key != key => Err(Error::DuplicateId {
                id: doc.id.clone(),
                first: first.clone(),
                second: source.to_string(),
            }),
            Some(_) => Ok(()),
            None => {
                self.sources
                    .insert(doc.id.clone(), (key, source.to_string()));
                Ok(())
            }
        }
    }
}

/// What a text looks like when it is not prose but data kgx reads in another way: "JSON
/// Lines" or "RDF", judged by its first line that is not blank or a comment.
pub fn looks_like_data(text: &str) -> Option<&'static str> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    // Bytes, not a string slice: the first line may hold a multi-byte character anywhere.
    let starts = |p: &str| {
        first
            .as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    if first.starts_with('{') && first.ends_with('}') && first.contains("\"text\"") {
        Some("JSON Lines")
    } else if starts("@prefix")
        || starts("@base")
        || ((starts("prefix ") || starts("base ")) && first.contains('<') && first.ends_with('>'))
        || starts("<rdf:RDF")
        || (starts("<?xml") && text.contains("rdf:RDF"))
        || (first.starts_with('<') && first.ends_with('.') && first.contains("> <"))
        || (first.starts_with("_:") && first.ends_with('.'))
    {
        Some("RDF")
    } else {
        None
    }
}

/// How the input files hold articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// One article per file (a folder gives its `.txt` and `.md` files).
    #[default]
    Text,
    /// JSON Lines: one `{"id": …, "text": …}` record per line, other fields kept as metadata
    /// (a folder gives its `.jsonl` files).
    Jsonl,
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" | "txt" => Ok(InputFormat::Text),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            other => Err(format!(
                "unknown input format '{other}' (expected text or jsonl)"
            )),
        }
    }
}

impl InputFormat {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Text => &["txt", "md"],
            InputFormat::Jsonl => &["jsonl", "ndjson"],
        }
    }
}

/// Expands the command line's paths into the files to read, in order: a folder gives its `.txt`
/// and `.md` files (in any case: `.TXT` too), recursively, sorted, leaving out hidden files and
/// folders (names starting with `.`); `-` stands for stdin. No path means stdin.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    expand_paths_as(paths, InputFormat::Text)
}

/// [`expand_paths`] for an input format: folders give the files of that format.
pub fn expand_paths_as(paths: &[PathBuf], format: InputFormat) -> Result<Vec<PathBuf>, Error> {
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
            collect_dir(path, format.extensions(), &mut out)?;
            if out.len() == before {
                return Err(Error::NoTextFiles {
                    path: path.clone(),
                    extensions: format.extensions().join(" or ."),
                });
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> Result<(), Error> {
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
        // Hidden files and folders (.git, .cache, an editor's .#draft.txt) are not articles.
        if path
            .file_name()
            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
        {
            continue;
        }
        if path.is_dir() {
            collect_dir(&path, extensions, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            // A link that leads nowhere is kept: reading it fails, and the run names it.
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
    Document::from_bytes(stem(path), path, bytes)
}

/// Reads every document the paths name, in order.
pub fn read_documents(paths: &[PathBuf]) -> Result<Vec<Document>, Error> {
    expand_paths(paths)?
        .iter()
        .map(|p| read_document(p))
        .collect()
}

/// An article not yet read or decoded: a text file, or one JSON Lines record. Decoding is left
/// to whoever calls [`Pending::into_document`], so that workers do it in parallel while one
/// thread only splits the input into lines.
#[derive(Debug)]
pub enum Pending {
    /// A document already in hand.
    Document(Document),
    /// A text file.
    File(PathBuf),
    /// A JSON Lines record: its file, line number and bytes.
    Record {
        /// The file.
        path: std::sync::Arc<PathBuf>,
        /// The line, from 1.
        line: usize,
        /// The line's bytes (trimmed).
        bytes: Vec<u8>,
    },
}

impl Pending {
    /// Reads or decodes the article.
    pub fn into_document(self) -> Result<Document, Error> {
        match self {
            Pending::Document(d) => Ok(d),
            Pending::File(path) => read_document(&path),
            Pending::Record { path, line, bytes } => parse_record(&path, line, &bytes),
        }
    }
}

impl From<Document> for Pending {
    fn from(d: Document) -> Self {
        Pending::Document(d)
    }
}

/// Every article the files hold (as [`expand_paths_as`] gives them), lazily and in input
/// order: one per file for text, one per line for JSON Lines (read as a stream, so a corpus of
/// any size is never held whole).
pub fn articles(
    files: Vec<PathBuf>,
    format: InputFormat,
) -> impl Iterator<Item = Result<Pending, Error>> {
    files
        .into_iter()
        .flat_map(move |path| -> Box<dyn Iterator<Item = _>> {
            match format {
                // Stdin is read here, once; files are read by the workers.
                InputFormat::Text if path.as_os_str() == "-" => {
                    Box::new(std::iter::once(read_document(&path).map(Pending::Document)))
                }
                InputFormat::Text => Box::new(std::iter::once(Ok(Pending::File(path)))),
                InputFormat::Jsonl => match JsonlReader::open(&path) {
                    Ok(reader) => Box::new(reader),
                    Err(e) => Box::new(std::iter::once(Err(e))),
                },
            }
        })
}

/// Reads JSON Lines records one at a time.
struct JsonlReader {
    path: std::sync::Arc<PathBuf>,
    reader: Box<dyn BufRead>,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    fn open(path: &Path) -> Result<Self, Error> {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let file = std::fs::File::open(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            Box::new(std::io::BufReader::with_capacity(1 << 16, file))
        };
        Ok(JsonlReader {
            path: std::sync::Arc::new(if path.as_os_str() == "-" {
                PathBuf::from("<stdin>")
            } else {
                path.to_path_buf()
            }),
            reader,
            line: 0,
            buf: Vec::new(),
            done: false,
        })
    }
}

/// Decodes one JSON Lines record into a document.
fn parse_record(path: &Path, line_number: usize, bytes: &[u8]) -> Result<Document, Error> {
    let fail = |message: String| Error::Jsonl {
        path: path.to_path_buf(),
        line: line_number,
        message,
    };
    let line = std::str::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "invalid UTF-8 at byte {} of the line",
            e.valid_up_to()
        ))
    })?;
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| fail(e.to_string()))?;
    let serde_json::Value::Object(mut fields) = value else {
        return Err(fail("expected an object {\"id\": …, \"text\": …}".into()));
    };
    let text = match fields.remove("text") {
        Some(serde_json::Value::String(t)) => t,
        Some(_) => return Err(fail("\"text\" is not a string".into())),
        None => return Err(fail("no \"text\" field".into())),
    };
    if text.contains('\0') {
        return Err(fail("\"text\" holds a NUL character (binary data?)".into()));
    }
    let id = match fields.remove("id") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None | Some(serde_json::Value::Null) => format!("{}:{}", stem(path), line_number),
        Some(_) => return Err(fail("\"id\" is not a string or a number".into())),
    };
    Ok(Document {
        id,
        text: without_byte_order_mark(text),
        metadata: fields.into_iter().collect(),
        source: Some(format!("{}:{line_number}", path.display())),
    })
}

impl Iterator for JsonlReader {
    type Item = Result<Pending, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    let line = self.buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&self.buf);
                    let trimmed = line.trim_ascii();
                    if trimmed.is_empty() {
                        continue;
                    }
                    let start = trimmed.as_ptr() as usize - self.buf.as_ptr() as usize;
                    let len = trimmed.len();
                    self.buf.truncate(start + len);
                    self.buf.drain(..start);
                    return Some(Ok(Pending::Record {
                        path: self.path.clone(),
                        line: self.line,
                        bytes: std::mem::take(&mut self.buf),
                    }));
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Io {
                        path: self.path.to_path_buf(),
                        source,
                    }));
                }
            }
        }
        None
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_line_with_multibyte_characters_is_prose() {
        for text in [
            "Société Générale said.",
            "日本語の記事です。",
            "@préfix",
            "<ünï> <a> <b> .",
        ] {
            let _ = looks_like_data(text);
        }
        assert_eq!(looks_like_data("Société Générale said."), None);
    }

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

    fn records(input: &str) -> Vec<Result<Document, Error>> {
        JsonlReader {
            path: std::sync::Arc::new(PathBuf::from("c.jsonl")),
            reader: Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            line: 0,
            buf: Vec::new(),
            done: false,
        }
        .map(|p| p.and_then(Pending::into_document))
        .collect()
    }

    #[test]
    fn jsonl_records_keep_their_metadata() {
        let docs = records(
            "{\"id\": \"a1\", \"text\": \"Hi.\", \"title\": \"T\", \"date\": \"2026-01-02\"}\n\n{\"text\": \"Two.\", \"id\": 7}\r\n{\"text\": \"No id.\"}",
        );
        let docs: Vec<Document> = docs.into_iter().map(Result::unwrap).collect();
        assert_eq!(docs[0].id, "a1");
        assert_eq!(docs[0].metadata["title"], "T");
        assert_eq!(docs[0].metadata.len(), 2);
        assert_eq!((docs[1].id.as_str(), docs[1].text.as_str()), ("7", "Two."));
        assert_eq!(docs[2].id, "c:4");
    }

    #[test]
    fn bad_jsonl_records_name_the_line() {
        let docs = records("{\"text\": \"ok\"}\n[1]\n{\"id\": \"x\"}\nnot json\n{\"text\": 3}\n");
        assert!(docs[0].is_ok());
        let errs: Vec<String> = docs[1..]
            .iter()
            .map(|d| d.as_ref().unwrap_err().to_string())
            .collect();
        assert!(
            errs[0].starts_with("c.jsonl:2: expected an object"),
            "{errs:?}"
        );
        assert_eq!(errs[1], "c.jsonl:3: no \"text\" field");
        assert!(errs[2].starts_with("c.jsonl:4: "), "{errs:?}");
        assert_eq!(errs[3], "c.jsonl:5: \"text\" is not a string");
    }

    #[test]
    fn data_that_is_not_prose_is_recognised() {
        assert_eq!(
            looks_like_data("{\"id\": 1, \"text\": \"Hi.\"}\n"),
            Some("JSON Lines")
        );
        assert_eq!(looks_like_data("@prefix x: <http://x/> .\n"), Some("RDF"));
        assert_eq!(looks_like_data("PREFIX x: <http://x/>\n"), Some("RDF"));
        assert_eq!(
            looks_like_data("# made by kgx\n<http://a> <http://b> <http://c> <http://g> .\n"),
            Some("RDF")
        );
        assert_eq!(
            looks_like_data("Prefix rules were set by Ana. She said so."),
            None
        );
        assert_eq!(looks_like_data("Qiu Xipeng said the model works."), None);
        assert_eq!(looks_like_data(""), None);
    }

    #[test]
    fn a_byte_order_mark_keeps_its_width() {
        let doc = Document::from_bytes("a", Path::new("a"), "\u{feff}Hi".into()).unwrap();
        assert_eq!(doc.text, "\u{2003}Hi");
        assert_eq!(&doc.text[3..], "Hi");
    }

    #[test]
    fn one_id_from_two_sources_is_refused_naming_both() {
        let mut ids = DocumentIds::default();
        let a = Document::new("article", "x").with_source("dup/x/article.txt");
        let b = Document::new("article", "y").with_source("dup/y/article.txt");
        ids.admit(&a).unwrap();
        ids.admit(&a).unwrap();
        let err = ids.admit(&b).unwrap_err().to_string();
        assert!(
            err.contains("dup/x/article.txt") && err.contains("dup/y/article.txt"),
            "{err}"
        );
    }
}
