//! A store's snapshot: every document file's quads, their terms numbered once, in one binary
//! file beside the documents (`DIR/snapshot.kgxs`), queried in place by oxigraph's engine.
//!
//! Loading a store into oxigraph's in-memory store costs parsing all its N-Quads and
//! inserting every quad into six indexes: 91 s and 4.6 GB for 20,000 documents, on every
//! query. The snapshot holds the quads as sorted arrays of term numbers in four orders (SPOG,
//! POSG, OSPG for patterns over all graphs and the default graph, GSPO for one named graph)
//! and the terms as sorted N-Triples strings, so opening it is reading a file, and a pattern
//! is a binary search and a scan.
//!
//! The default graph is the RDF merge of all graphs, as in [`super::Dataset`]: the orders
//! that end in G hold a statement's graphs next to each other, so a scan yields each
//! statement once.
//!
//! The snapshot names each document file it was made from with its size, modification time
//! and inode, taken from the open file it read. A query compares them with the store's files
//! before it trusts the snapshot; any difference (a document added, replaced, removed, a
//! file changed in place) and it is made again. A writer replaces a document by renaming a
//! new file over it, which changes the inode, so no change goes unseen. The snapshot is
//! written to a temporary file and renamed: a reader killed while writing leaves the old one.

use crate::error::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use spareval::{InternalQuad, QueryableDataset};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;

const FILE: &str = "snapshot.kgxs";
const MAGIC: &[u8; 8] = b"KGXSNAP1";
/// The graph number of the default graph.
const DEFAULT: u32 = u32::MAX;

/// How a document file looked when the snapshot read it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    name: String,
    len: u64,
    modified_ns: u64,
    inode: u64,
}

impl Seen {
    fn of(path: &Path, meta: &std::fs::Metadata) -> Seen {
        use std::os::unix::fs::MetadataExt;
        Seen {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            len: meta.len(),
            modified_ns: (meta.mtime() as u64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(meta.mtime_nsec() as u64),
            inode: meta.ino(),
        }
    }
}

/// The quads of a store, queried in place.
pub(crate) struct Snapshot {
    /// Terms in N-Triples, sorted, one after the other; `ends[i]` is where term `i` ends.
    text: String,
    ends: Vec<u64>,
    /// The quads (s, p, o, g) in four orders.
    spog: Vec<[u32; 4]>,
    posg: Vec<[u32; 4]>,
    ospg: Vec<[u32; 4]>,
    gspo: Vec<[u32; 4]>,
    /// Terms a query makes that the store does not hold (constants, BIND values), numbered
    /// after the store's.
    extra: Mutex<(Vec<Term>, HashMap<Term, u32>)>,
}

/// What opening a store's snapshot did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Opened {
    /// The snapshot matched the store's files.
    Fresh,
    /// The snapshot was made (none, or a stale one, was there).
    Made,
}

fn store_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Opens the snapshot of the store `dir`, making it first if it is missing or stale. A file
/// that does not parse is handed to `broken` (which names it or stops the run); a store
/// with one is answered from a snapshot made in memory and not written, so the next query
/// names it again.
pub(crate) fn open(
    dir: &Path,
    broken: &mut dyn FnMut(Error) -> Result<(), Error>,
) -> Result<(Snapshot, Opened), Error> {
    let files = crate::store::document_files(dir)?;
    let path = dir.join(FILE);
    let mut seen_now = Vec::with_capacity(files.len());
    for file in &files {
        let meta = std::fs::metadata(file).map_err(|e| store_error(file, e))?;
        seen_now.push(Seen::of(file, &meta));
    }
    if let Ok(bytes) = std::fs::read(&path) {
        // A snapshot that does not read back (an older format, a damaged file) is made again.
        if let Some((seen, snapshot)) = decode(&bytes) {
            if seen == seen_now {
                return Ok((snapshot, Opened::Fresh));
            }
        }
    }
    let (seen, quads, all_read) = read_documents(&files, broken)?;
    let snapshot = Snapshot::build(quads);
    if all_read {
        // A store that cannot be written to (read-only media) is still answered.
        let _ = write(&path, &seen, &snapshot);
    }
    Ok((snapshot, Opened::Made))
}

/// Every document file's quads, with how each file looked when it was read (from the open
/// file, so that what is recorded is what was read).
fn read_documents(
    files: &[PathBuf],
    broken: &mut dyn FnMut(Error) -> Result<(), Error>,
) -> Result<(Vec<Seen>, Vec<Quad>, bool), Error> {
    let mut seen = Vec::with_capacity(files.len());
    let mut quads = Vec::new();
    let mut all_read = true;
    for file in files {
        let read = std::fs::File::open(file).and_then(|mut f| {
            let meta = f.metadata()?;
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            std::io::Read::read_to_end(&mut f, &mut bytes)?;
            Ok((meta, bytes))
        });
        let parsed = read.map_err(|e| e.to_string()).and_then(|(meta, bytes)| {
            // Parsed whole first: a file is in the answer entirely or not at all.
            RdfParser::from_format(RdfFormat::NQuads)
                .for_slice(&bytes)
                .collect::<Result<Vec<Quad>, _>>()
                .map(|q| (meta, q))
                .map_err(|e| format!("broken document file: {e}"))
        });
        match parsed {
            Ok((meta, q)) => {
                seen.push(Seen::of(file, &meta));
                quads.extend(q);
            }
            Err(message) => {
                all_read = false;
                broken(store_error(file, message))?;
            }
        }
    }
    Ok((seen, quads, all_read))
}

impl Snapshot {
    fn build(quads: Vec<Quad>) -> Snapshot {
        // Number the terms in the order of their N-Triples text.
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut encoded = Vec::with_capacity(quads.len());
        let mut number = |t: String| -> u32 {
            let next = numbers.len() as u32;
            *numbers.entry(t).or_insert(next)
        };
        for q in quads {
            let g = match &q.graph_name {
                GraphName::DefaultGraph => DEFAULT,
                g => number(g.to_string()),
            };
            encoded.push([
                number(q.subject.to_string()),
                number(q.predicate.to_string()),
                number(q.object.to_string()),
                g,
            ]);
        }
        let mut terms: Vec<(String, u32)> = numbers.into_iter().collect();
        terms.sort_unstable();
        let mut renumber = vec![0u32; terms.len()];
        let mut text = String::new();
        let mut ends = Vec::with_capacity(terms.len());
        for (i, (t, old)) in terms.into_iter().enumerate() {
            renumber[old as usize] = i as u32;
            text.push_str(&t);
            ends.push(text.len() as u64);
        }
        for q in &mut encoded {
            for (k, id) in q.iter_mut().enumerate() {
                if k < 3 || *id != DEFAULT {
                    *id = renumber[*id as usize];
                }
            }
        }
        Snapshot::from_parts(text, ends, encoded)
    }

    fn from_parts(text: String, ends: Vec<u64>, mut spog: Vec<[u32; 4]>) -> Snapshot {
        spog.sort_unstable();
        spog.dedup();
        let order = |key: fn(&[u32; 4]) -> [u32; 4]| {
            let mut v: Vec<[u32; 4]> = spog.iter().map(key).collect();
            v.sort_unstable();
            v
        };
        let posg = order(|q| [q[1], q[2], q[0], q[3]]);
        let ospg = order(|q| [q[2], q[0], q[1], q[3]]);
        let gspo = order(|q| [q[3], q[0], q[1], q[2]]);
        Snapshot {
            text,
            ends,
            spog,
            posg,
            ospg,
            gspo,
            extra: Mutex::new((Vec::new(), HashMap::new())),
        }
    }

    fn stored_terms(&self) -> u32 {
        self.ends.len() as u32
    }

    fn term_text(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn find_term(&self, text: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0u32, self.stored_terms());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.term_text(mid).cmp(text) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The number of quads, counting each statement of the default graph (the merge) once
    /// besides its graphs', as oxigraph's store holding the merge's copy counts them.
    pub(crate) fn len_with_merge(&self) -> usize {
        let mut previous = None;
        let merged = self
            .spog
            .iter()
            .filter(|q| {
                let t = [q[0], q[1], q[2]];
                let new = previous != Some(t);
                previous = Some(t);
                new
            })
            .count();
        let named = self.spog.iter().filter(|q| q[3] != DEFAULT).count();
        merged + named
    }
}

/// The quads of `sorted` whose first `prefix.len()` numbers are `prefix`.
fn range<'s>(sorted: &'s [[u32; 4]], prefix: &[u32]) -> &'s [[u32; 4]] {
    let n = prefix.len();
    let start = sorted.partition_point(|q| q[..n] < *prefix);
    let end = start + sorted[start..].partition_point(|q| q[..n] == *prefix);
    &sorted[start..end]
}

/// Why a term cannot be read back (a damaged snapshot).
#[derive(Debug, thiserror::Error)]
#[error("snapshot: {0}")]
pub(crate) struct SnapshotError(String);

impl<'a> QueryableDataset<'a> for &'a Snapshot {
    type InternalTerm = u32;
    type Error = SnapshotError;

    fn internal_quads_for_pattern(
        &self,
        subject: Option<&u32>,
        predicate: Option<&u32>,
        object: Option<&u32>,
        graph_name: Option<Option<&u32>>,
    ) -> impl Iterator<Item = Result<InternalQuad<u32>, SnapshotError>> + use<'a> {
        let snapshot: &'a Snapshot = self;
        let (s, p, o) = (subject.copied(), predicate.copied(), object.copied());
        // Which order to scan, its bound prefix, and how to read a quad back from it.
        type Back = fn(&[u32; 4]) -> [u32; 4];
        let spog: Back = |q| *q;
        let posg: Back = |q| [q[2], q[0], q[1], q[3]];
        let ospg: Back = |q| [q[1], q[2], q[0], q[3]];
        let gspo: Back = |q| [q[1], q[2], q[3], q[0]];
        let (slice, back): (&'a [[u32; 4]], Back) = match graph_name {
            Some(Some(&g)) => {
                let mut prefix = vec![g];
                if let Some(s) = s {
                    prefix.push(s);
                    if let Some(p) = p {
                        prefix.push(p);
                        if let Some(o) = o {
                            prefix.push(o);
                        }
                    }
                }
                (range(&snapshot.gspo, &prefix), gspo)
            }
            _ => match (s, p, o) {
                (Some(s), Some(p), Some(o)) => (range(&snapshot.spog, &[s, p, o]), spog),
                (Some(s), Some(p), None) => (range(&snapshot.spog, &[s, p]), spog),
                (Some(s), None, Some(o)) => (range(&snapshot.ospg, &[o, s]), ospg),
                (Some(s), None, None) => (range(&snapshot.spog, &[s]), spog),
                (None, Some(p), Some(o)) => (range(&snapshot.posg, &[p, o]), posg),
                (None, Some(p), None) => (range(&snapshot.posg, &[p]), posg),
                (None, None, Some(o)) => (range(&snapshot.ospg, &[o]), ospg),
                (None, None, None) => (&snapshot.spog[..], spog),
            },
        };
        let default_graph = graph_name == Some(None);
        let mut previous: Option<[u32; 3]> = None;
        slice.iter().filter_map(move |q| {
            let [qs, qp, qo, qg] = back(q);
            if s.is_some_and(|s| s != qs)
                || p.is_some_and(|p| p != qp)
                || o.is_some_and(|o| o != qo)
            {
                return None;
            }
            if default_graph {
                // The merge of all graphs: each statement once. In the orders ending in G a
                // statement's graphs are next to each other.
                let triple = [qs, qp, qo];
                if previous == Some(triple) {
                    return None;
                }
                previous = Some(triple);
                return Some(Ok(InternalQuad {
                    subject: qs,
                    predicate: qp,
                    object: qo,
                    graph_name: None,
                }));
            }
            Some(Ok(InternalQuad {
                subject: qs,
                predicate: qp,
                object: qo,
                graph_name: (qg != DEFAULT).then_some(qg),
            }))
        })
    }

    fn internal_named_graphs(&self) -> impl Iterator<Item = Result<u32, SnapshotError>> + use<'a> {
        let snapshot: &'a Snapshot = self;
        let mut previous = None;
        snapshot.gspo.iter().filter_map(move |q| {
            let g = q[0];
            if g == DEFAULT || previous == Some(g) {
                return None;
            }
            previous = Some(g);
            Some(Ok(g))
        })
    }

    fn contains_internal_graph_name(&self, graph_name: &u32) -> Result<bool, SnapshotError> {
        Ok(*graph_name != DEFAULT && !range(&self.gspo, &[*graph_name]).is_empty())
    }

    fn internalize_term(&self, term: Term) -> Result<u32, SnapshotError> {
        if let Some(id) = self.find_term(&term.to_string()) {
            return Ok(id);
        }
        let mut extra = self.extra.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = extra.1.get(&term) {
            return Ok(id);
        }
        let id = u32::try_from(extra.0.len())
            .ok()
            .and_then(|n| self.stored_terms().checked_add(n))
            .filter(|&id| id != DEFAULT)
            .ok_or_else(|| SnapshotError("too many terms".into()))?;
        extra.0.push(term.clone());
        extra.1.insert(term, id);
        Ok(id)
    }

    fn externalize_term(&self, id: u32) -> Result<Term, SnapshotError> {
        if id < self.stored_terms() {
            let text = self.term_text(id);
            return Term::from_str(text).map_err(|e| SnapshotError(format!("{text}: {e}")));
        }
        self.extra
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .get((id - self.stored_terms()) as usize)
            .cloned()
            .ok_or_else(|| SnapshotError(format!("no term {id}")))
    }
}

// The file: MAGIC, then little-endian u64 counts and the sections: the files seen (name
// length, name, size, modification time, inode), the terms (text length, then the text; term
// ends as u64), the quads in each order (SPOG, POSG, OSPG, GSPO), stored so that opening it
// sorts nothing.

/// Removes the temporary snapshots of readers that were killed while writing one (their
/// process is gone); those of readers still writing are left to them.
fn remove_dead_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{FILE}.kgx-");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .filter(|n| n.ends_with(".tmp"))
            .and_then(|n| n.split('-').next())
        else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn write(path: &Path, seen: &[Seen], snapshot: &Snapshot) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        remove_dead_temporaries(dir);
    }
    let tmp = crate::export::temporary_path(path);
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        w.write_all(MAGIC)?;
        w.write_all(&(seen.len() as u64).to_le_bytes())?;
        for s in seen {
            w.write_all(&(s.name.len() as u64).to_le_bytes())?;
            w.write_all(s.name.as_bytes())?;
            for n in [s.len, s.modified_ns, s.inode] {
                w.write_all(&n.to_le_bytes())?;
            }
        }
        w.write_all(&(snapshot.text.len() as u64).to_le_bytes())?;
        w.write_all(snapshot.text.as_bytes())?;
        w.write_all(&(snapshot.ends.len() as u64).to_le_bytes())?;
        for e in &snapshot.ends {
            w.write_all(&e.to_le_bytes())?;
        }
        for order in [
            &snapshot.spog,
            &snapshot.posg,
            &snapshot.ospg,
            &snapshot.gspo,
        ] {
            w.write_all(&(order.len() as u64).to_le_bytes())?;
            for q in order {
                for n in q {
                    w.write_all(&n.to_le_bytes())?;
                }
            }
        }
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Reads a snapshot back; `None` if it is not one (damaged, truncated, another format).
fn decode(bytes: &[u8]) -> Option<(Vec<Seen>, Snapshot)> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let files = r.u64()?;
    let mut seen = Vec::new();
    for _ in 0..files {
        let n = r.u64()? as usize;
        let name = std::str::from_utf8(r.take(n)?).ok()?.to_string();
        seen.push(Seen {
            name,
            len: r.u64()?,
            modified_ns: r.u64()?,
            inode: r.u64()?,
        });
    }
    let n = r.u64()? as usize;
    let text = std::str::from_utf8(r.take(n)?).ok()?.to_string();
    let terms = r.u64()? as usize;
    let ends = r
        .take(terms.checked_mul(8)?)?
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect::<Vec<_>>();
    // Term ends must rise within the text and fall on character boundaries.
    let mut last = 0;
    for &e in &ends {
        if e < last || e as usize > text.len() || !text.is_char_boundary(e as usize) {
            return None;
        }
        last = e;
    }
    let mut orders = Vec::with_capacity(4);
    for _ in 0..4 {
        let quads = r.u64()? as usize;
        let order = r
            .take(quads.checked_mul(16)?)?
            .chunks_exact(16)
            .map(|c| {
                let n = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
                [n(0), n(4), n(8), n(12)]
            })
            .collect::<Vec<_>>();
        orders.push(order);
    }
    let gspo = orders.pop()?;
    let ospg = orders.pop()?;
    let posg = orders.pop()?;
    let spog = orders.pop()?;
    let known = |id: u32| (id as usize) < ends.len();
    // The numbers must name terms (the graph may be the default graph) and the orders must
    // be sorted: a search in an unsorted order would miss quads, not fail.
    let fits = |order: &[[u32; 4]], g: usize| {
        order.len() == spog.len()
            && order.windows(2).all(|w| w[0] < w[1])
            && order
                .iter()
                .all(|q| (0..4).all(|i| known(q[i]) || (i == g && q[i] == DEFAULT)))
    };
    if r.at != bytes.len()
        || !fits(&spog, 3)
        || !fits(&posg, 3)
        || !fits(&ospg, 3)
        || !fits(&gspo, 0)
    {
        return None;
    }
    Some((
        seen,
        Snapshot {
            text,
            ends,
            spog,
            posg,
            ospg,
            gspo,
            extra: Mutex::new((Vec::new(), HashMap::new())),
        },
    ))
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use crate::export::rdf::RdfFlavor;
    use crate::query::{Dataset, ResultsFormat};
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::Quad;

    const A: &str = r#"<http://x/s1> <http://x/p> "lit" <http://x/g1> .
<http://x/s1> <http://x/p> <http://x/o1> <http://x/g1> .
<http://x/s2> <http://x/q> "é \"quoted\"\n"@fr <http://x/g1> .
<http://x/s1> <http://www.w3.org/2000/01/rdf-schema#label> "S one" .
"#;
    const B: &str = r#"<http://x/s1> <http://x/p> "lit" <http://x/g2> .
<http://x/s3> <http://x/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://x/g2> .
<http://x/o1> <http://x/r> <http://x/s1> <http://x/g2> .
<http://x/s1> <http://www.w3.org/2000/01/rdf-schema#label> "S one" .
"#;

    fn answers(d: &Dataset, q: &str) -> Vec<String> {
        let bytes = d
            .query(q)
            .unwrap()
            .write(ResultsFormat::Csv, RdfFlavor::NTriples)
            .unwrap();
        let mut lines: Vec<String> = String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    }

    fn store(docs: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let writer = crate::store::StoreWriter::open(dir.path()).unwrap();
        for (id, nq) in docs {
            writer.put(id, nq.as_bytes()).unwrap();
        }
        dir
    }

    #[test]
    fn a_snapshot_answers_as_the_in_memory_store_does() {
        let dir = store(&[("a", A), ("b", B)]);
        let memory = Dataset::new().unwrap();
        for nq in [A, B] {
            let quads = RdfParser::from_format(RdfFormat::NQuads)
                .for_slice(nq.as_bytes())
                .collect::<Result<Vec<Quad>, _>>()
                .unwrap();
            memory.insert(&quads).unwrap();
        }
        // Made, then read back from the file.
        for round in ["made", "read back"] {
            let snapshot = Dataset::load_store(dir.path(), Err).unwrap();
            assert!(dir.path().join(super::FILE).is_file(), "{round}");
            assert_eq!(snapshot.len().unwrap(), memory.len().unwrap(), "{round}");
            for q in [
                "SELECT * { ?s ?p ?o }",
                "SELECT * { GRAPH ?g { ?s ?p ?o } }",
                "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
                "SELECT DISTINCT ?g { GRAPH ?g { } }",
                "SELECT * FROM <http://x/g1> { ?s ?p ?o }",
                "SELECT * FROM NAMED <http://x/g2> { GRAPH ?g { ?s ?p ?o } }",
                "SELECT * { GRAPH <http://x/g2> { ?s ?p ?o } }",
                "SELECT * { GRAPH <http://x/g1> { <http://x/s1> ?p ?o } }",
                "SELECT * { GRAPH <http://x/nowhere> { ?s ?p ?o } }",
                "SELECT ?s { ?s <http://x/p> \"lit\" }",
                "SELECT ?o { <http://x/s1> ?p ?o }",
                "SELECT ?p { <http://x/s1> ?p <http://x/o1> }",
                "SELECT ?s ?p { ?s ?p <http://x/s1> }",
                "SELECT ?s ?o { ?s <http://x/p> ?o }",
                "SELECT * { ?s ?p ?o . ?o ?q ?r }",
                "SELECT ?x { BIND(\"new\" AS ?x) }",
                "SELECT * { VALUES ?s { <http://x/absent> <http://x/s3> } ?s ?p ?o }",
                "SELECT * { ?s ?p ?o FILTER(?o = 2) }",
                "SELECT ?s (STRLEN(?o) AS ?n) { ?s <http://x/q> ?o }",
                "ASK { <http://x/s1> <http://x/p> \"lit\" }",
                "ASK { <http://x/s1> <http://x/p> \"other\" }",
                "CONSTRUCT { ?o ?p ?s } WHERE { GRAPH <http://x/g1> { ?s ?p ?o } }",
            ] {
                assert_eq!(answers(&snapshot, q), answers(&memory, q), "{round}: {q}");
            }
        }
    }

    #[test]
    fn a_stale_or_damaged_snapshot_is_made_again() {
        let dir = store(&[("a", A)]);
        let count = |dir: &std::path::Path| {
            answers(
                &Dataset::load_store(dir, Err).unwrap(),
                "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
            )
        };
        assert_eq!(count(dir.path()), ["3", "n"]);
        let file = dir.path().join(super::FILE);
        // A document added; one replaced (same size, other content); one removed.
        crate::store::StoreWriter::open(dir.path())
            .unwrap()
            .put("b", B.as_bytes())
            .unwrap();
        assert_eq!(count(dir.path()), ["6", "n"]);
        let replaced = B.replace("s3", "s4");
        crate::store::StoreWriter::open(dir.path())
            .unwrap()
            .put("b", replaced.as_bytes())
            .unwrap();
        let d = Dataset::load_store(dir.path(), Err).unwrap();
        assert_eq!(
            answers(&d, "SELECT ?s { ?s <http://x/p> 2 }"),
            ["<http://x/s4>".replace(['<', '>'], ""), "s".into()]
        );
        std::fs::remove_file(dir.path().join("docs/b.nq")).unwrap();
        assert_eq!(count(dir.path()), ["3", "n"]);
        // Damaged, truncated or foreign snapshots are made again, never trusted.
        let good = std::fs::read(&file).unwrap();
        for bad in [
            Vec::new(),
            b"not a snapshot".to_vec(),
            good[..good.len() / 2].to_vec(),
            {
                let mut b = good.clone();
                let n = b.len();
                b[n - 3] ^= 0xff;
                b
            },
        ] {
            std::fs::write(&file, &bad).unwrap();
            assert_eq!(count(dir.path()), ["3", "n"]);
        }
    }

    #[test]
    fn temporary_snapshots_of_dead_readers_are_removed() {
        let dir = store(&[("a", A)]);
        // No process has id 4294967295; this process is alive.
        let dead = dir
            .path()
            .join(format!(".{}.kgx-4294967295-0.tmp", super::FILE));
        let alive = dir.path().join(format!(
            ".{}.kgx-{}-99.tmp",
            super::FILE,
            std::process::id()
        ));
        std::fs::write(&dead, "x").unwrap();
        std::fs::write(&alive, "x").unwrap();
        Dataset::load_store(dir.path(), Err).unwrap();
        assert!(!dead.exists());
        assert!(alive.exists());
    }

    #[test]
    fn a_store_with_a_broken_file_is_answered_without_writing_a_snapshot() {
        let dir = store(&[("a", A)]);
        std::fs::write(dir.path().join("docs/broken.nq"), "<http://x/s> <oops").unwrap();
        let mut named = Vec::new();
        let d = Dataset::load_store(dir.path(), |e| {
            named.push(e.to_string());
            Ok(())
        })
        .unwrap();
        assert_eq!(named.len(), 1, "{named:?}");
        assert_eq!(
            answers(&d, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
            ["3", "n"]
        );
        assert!(!dir.path().join(super::FILE).exists());
        // It is named again by the next query.
        assert!(Dataset::load_store(dir.path(), Err).is_err());
    }
}
