//! `kgx eval`: scores kgx against articles a person annotated (`NAME.txt` beside
//! `NAME.gold.json`, the format of `docs/gold-format.md`).
//!
//! A faithful port of the project's reference scorer, `score.py`: the same name normalisation,
//! the same matching of predicted to gold facts (a gold fact is credited once; a second correct
//! triple for it is neither credit nor penalty), the same claim overlap, topic and role hits, and
//! the same rounding, so that both give the same figures. It reads kgx's own JSON output (the
//! contract of `docs/json-format.md`), not the graph, because that is what the scorer reads.

use crate::document;
use crate::error::Error;
use crate::export;
use crate::graph::KnowledgeGraph;
use crate::pipeline::Pipeline;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The headline predicates.
pub const CORE: [&str; 3] = ["affiliatedWith", "released", "holdsView"];
/// The predicates reported separately.
pub const EXTENDED: [&str; 5] = ["leads", "partOf", "locatedIn", "spokeAt", "developed"];

/// Words that carry no content when claims and topics are compared (score.py's `STOP`).
const STOP: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "is", "are", "was",
    "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "with", "by",
    "from", "as", "into", "than", "then", "so", "such", "can", "could", "will", "would", "should",
    "may", "might", "must", "do", "does", "did", "has", "have", "had", "not", "no", "we", "us",
    "our", "you", "your", "he", "she", "they", "them", "their", "his", "her", "i", "me", "my",
    "also", "very", "more", "most", "about", "which", "who", "whom", "what", "when", "where",
    "how", "there", "here", "said", "says",
];

/// Every scored predicate, core first: the index of a predicate's counts.
fn scored() -> impl Iterator<Item = &'static str> {
    CORE.into_iter().chain(EXTENDED)
}

fn index_of(predicate: &str) -> Option<usize> {
    scored().position(|p| p == predicate)
}

/// Python's `\w` for text: letters, digits and the underscore. (Python counts only letter
/// categories as letters, Rust also the few combining marks that are alphabetic: a difference
/// no English name meets.)
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Python's `\s` and `str.isspace`, which also count the separators U+001C to U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A name as the scorer compares it: lowercase, curly apostrophes straight, possessive `'s`
/// dropped, punctuation turned to spaces, spaces collapsed, a leading "the" dropped.
pub fn normalize(text: &str) -> String {
    let lower: Vec<char> = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if c == '\u{2019}' || c == '\u{2018}' {
                '\''
            } else {
                c
            }
        })
        .collect();
    let mut out = String::with_capacity(lower.len());
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        // `'s\b`: the `s` ends a word.
        if c == '\''
            && lower.get(i + 1) == Some(&'s')
            && !lower.get(i + 2).is_some_and(|&n| is_word(n))
        {
            i += 2;
            continue;
        }
        let spaced = matches!(c, '-' | '_' | '/') || is_space(c) || !is_word(c);
        // Runs of spaces collapse, and none leads.
        if spaced {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// A predicate's local name, without `-`, `_` or spaces, lowercase (IRIs and spellings agree).
fn normalize_predicate(p: &str) -> String {
    let local = p.rsplit(['#', '/']).next().unwrap_or("");
    local
        .chars()
        .filter(|&c| !matches!(c, '-' | '_') && !is_space(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The normalised words of a text that are not stop words.
fn content_tokens(text: &str) -> BTreeSet<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// The share of the gold claim's words the predicted claim has, and of its own words in the
/// gold claim.
fn claim_overlap(gold: &str, predicted: &str) -> (f64, f64) {
    let (g, p) = (content_tokens(gold), content_tokens(predicted));
    if g.is_empty() || p.is_empty() {
        return (0.0, 0.0);
    }
    let shared = g.intersection(&p).count() as f64;
    (shared / g.len() as f64, shared / p.len() as f64)
}

/// Whether a view's object names one of the gold topics: the same name, or half the words.
fn topic_hit(label: &str, topics: &[String]) -> bool {
    let lt = content_tokens(label);
    topics.iter().any(|t| {
        if normalize(label) == normalize(t) {
            return true;
        }
        let tt = content_tokens(t);
        let union = lt.union(&tt).count();
        !lt.is_empty()
            && !tt.is_empty()
            && lt.intersection(&tt).count() as f64 / union as f64 >= 0.5
    })
}

/// Whether a predicted role contains the gold one or is contained in it.
fn role_hit(predicted: &str, gold: &str) -> bool {
    let (a, b) = (normalize(predicted), normalize(gold));
    !a.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Rounds to three decimals as Python's `round(x, 3)` does: Rust's formatting also rounds the
/// exact binary value, ties to even.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

// ---------------------------------------------------------------- gold files

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
struct GoldFile {
    entities: BTreeMap<String, GoldEntityFile>,
    relations: Vec<GoldRelationFile>,
    #[serde(default)]
    annotated: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct GoldEntityFile {
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize)]
struct GoldRelationFile {
    s: OneOrMany,
    p: String,
    #[serde(default)]
    o: Option<OneOrMany>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    claim: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
}

/// One gold fact.
#[derive(Debug, Clone, Serialize)]
pub struct GoldFact {
    /// Acceptable subject entity ids (the first preferred).
    pub subject: Vec<String>,
    /// The predicate's local name.
    pub predicate: String,
    /// Acceptable object entity ids (none for a view).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub object: Vec<String>,
    /// The role of an affiliation, when annotated.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The claim of a view.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claim: String,
    /// The acceptable topics of a view.
    #[serde(skip)]
    pub topics: Vec<String>,
}

/// A gold file, read and checked.
#[derive(Debug, Clone)]
pub struct Gold {
    /// Normalised names per entity id.
    names: HashMap<String, BTreeSet<String>>,
    /// The facts, in file order.
    pub facts: Vec<GoldFact>,
    /// The predicates the file annotates (all when `None`).
    pub annotated: Option<BTreeSet<String>>,
    /// Things in the file that are legal but probably mistakes (an unknown entity id).
    pub warnings: Vec<String>,
}

impl Gold {
    /// Reads a gold file (`docs/gold-format.md`).
    pub fn read(path: &Path) -> Result<Gold, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Gold::parse(&text, path)
    }

    /// Parses a gold file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Gold, Error> {
        let bad = |message: String| Error::Gold {
            path: path.to_path_buf(),
            message,
        };
        let file: GoldFile = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        let names: HashMap<String, BTreeSet<String>> = file
            .entities
            .into_iter()
            .map(|(id, e)| (id, e.names.iter().map(|n| normalize(n)).collect()))
            .collect();
        let mut warnings = Vec::new();
        let mut facts = Vec::new();
        for (i, r) in file.relations.into_iter().enumerate() {
            let object = r.o.map(OneOrMany::into_vec).unwrap_or_default();
            // Other predicates (a benchmark's own) are legal and left out of the score.
            // score.py would stop with a KeyError here: a fact without its object.
            if object.is_empty() && r.p != "holdsView" && index_of(&r.p).is_some() {
                return Err(bad(format!("relation {i} ({}) has no \"o\"", r.p)));
            }
            let subject = r.s.into_vec();
            for id in subject.iter().chain(&object) {
                if !names.contains_key(id) {
                    warnings.push(format!(
                        "relation {i}: entity '{id}' is not among the entities (it can never match)"
                    ));
                }
            }
            facts.push(GoldFact {
                subject,
                predicate: r.p,
                object,
                role: r.role.unwrap_or_default(),
                claim: r.claim.unwrap_or_default(),
                topics: r.topics,
            });
        }
        // An empty list annotates everything, as in score.py.
        let annotated = file
            .annotated
            .filter(|a| !a.is_empty())
            .map(|a| a.into_iter().collect());
        Ok(Gold {
            names,
            facts,
            annotated,
            warnings,
        })
    }

    fn matches(&self, predicted_names: &BTreeSet<String>, ids: &[String]) -> bool {
        ids.iter().any(|id| {
            self.names
                .get(id)
                .is_some_and(|gold| !gold.is_disjoint(predicted_names))
        })
    }
}

// ---------------------------------------------------------------- scoring one article

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and gold.
    pub tp: usize,
    /// Predicted, not gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// Precision, recall and F1 (0 where undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// A predicted fact no gold fact matches.
#[derive(Debug, Clone, Serialize)]
pub struct Spurious {
    /// The subject's label.
    pub subject: String,
    /// The predicate as predicted.
    pub predicate: String,
    /// The object's label.
    pub object: String,
    /// The claim, for a view.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claim: String,
    /// Why, when it is not simply unmatched.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub why: String,
}

/// One article's score.
#[derive(Debug, Clone)]
pub struct ArticleScore {
    /// Counts per scored predicate, in the order of [`CORE`] then [`EXTENDED`].
    pub counts: [Counts; 8],
    /// Gold facts not found.
    pub missed: Vec<GoldFact>,
    /// Predicted facts not in the gold.
    pub spurious: Vec<Spurious>,
    /// Matched views whose object names a gold topic.
    pub topic_hits: usize,
    /// Matched affiliations whose role matches the gold role.
    pub role_hits: usize,
    /// Matched affiliations with a gold role.
    pub role_total: usize,
}

/// A predicted entity as the scorer reads it.
struct Entity<'a> {
    label: &'a str,
    names: BTreeSet<String>,
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The claim of a predicted view: its `claim` attribute, else its evidence's text.
fn claim_text(rel: &Value) -> String {
    let claim = rel.get("attributes").map_or("", |a| str_of(a, "claim"));
    if !claim.is_empty() {
        return claim.to_string();
    }
    rel.get("evidence")
        .and_then(Value::as_array)
        .map(|evs| {
            evs.iter()
                .map(|e| str_of(e, "text"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// Scores one article's predicted graph (kgx's JSON output) against its gold.
pub fn score_article(gold: &Gold, predicted: &Value) -> ArticleScore {
    let empty = Vec::new();
    let list = |key: &str| {
        predicted
            .get(key)
            .and_then(Value::as_array)
            .unwrap_or(&empty)
    };
    let entities: HashMap<&str, Entity> = list("entities")
        .iter()
        .map(|e| {
            let label = str_of(e, "label");
            let mut names: BTreeSet<String> = std::iter::once(label)
                .chain(
                    e.get("aliases")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str),
                )
                .map(normalize)
                .collect();
            names.remove("");
            (str_of(e, "id"), Entity { label, names })
        })
        .collect();
    let mut score = ArticleScore {
        counts: [Counts::default(); 8],
        missed: Vec::new(),
        spurious: Vec::new(),
        topic_hits: 0,
        role_hits: 0,
        role_total: 0,
    };
    let mut matched = vec![false; gold.facts.len()];
    for rel in list("relations") {
        let predicate = str_of(rel, "predicate");
        let norm = normalize_predicate(predicate);
        let Some(k) = scored().position(|p| normalize_predicate(p) == norm) else {
            continue;
        };
        let pname = scored().nth(k).unwrap_or_default();
        if gold.annotated.as_ref().is_some_and(|a| !a.contains(pname)) {
            continue; // a predicate this gold file does not annotate
        }
        let subject = entities.get(str_of(rel, "subject"));
        let object = entities.get(str_of(rel, "object"));
        let spurious = |why: &str| Spurious {
            subject: subject.map_or("", |e| e.label).to_string(),
            predicate: predicate.to_string(),
            object: object.map_or("", |e| e.label).to_string(),
            claim: if pname == "holdsView" {
                claim_text(rel)
            } else {
                String::new()
            },
            why: why.to_string(),
        };
        let Some(s) = subject else {
            score.counts[k].fp += 1;
            score
                .spurious
                .push(spurious("subject id not among entities"));
            continue;
        };
        // The best gold fact: one not yet credited first, then (views) the most claim recall;
        // the first of equals.
        let mut best: Option<(usize, (bool, f64))> = None;
        for (i, g) in gold.facts.iter().enumerate() {
            if g.predicate != pname || !gold.matches(&s.names, &g.subject) {
                continue;
            }
            let key = if pname == "holdsView" {
                let (r, p) = claim_overlap(&g.claim, &claim_text(rel));
                if !(r >= 0.6 && p >= 0.4) {
                    continue;
                }
                (!matched[i], r)
            } else if object.is_some_and(|o| gold.matches(&o.names, &g.object)) {
                (!matched[i], 1.0)
            } else {
                continue;
            };
            if best.is_none_or(|(_, b)| key > b) {
                best = Some((i, key));
            }
        }
        let Some((i, _)) = best else {
            score.counts[k].fp += 1;
            score.spurious.push(spurious(""));
            continue;
        };
        if matched[i] {
            continue; // a second correct triple for one gold fact: neither credit nor penalty
        }
        matched[i] = true;
        score.counts[k].tp += 1;
        let g = &gold.facts[i];
        if pname == "holdsView" && object.is_some_and(|o| topic_hit(o.label, &g.topics)) {
            score.topic_hits += 1;
        }
        if pname == "affiliatedWith" && !g.role.is_empty() {
            score.role_total += 1;
            let role = rel.get("attributes").map_or("", |a| str_of(a, "role"));
            if role_hit(role, &g.role) {
                score.role_hits += 1;
            }
        }
    }
    for (g, _) in gold.facts.iter().zip(&matched).filter(|(_, &m)| !m) {
        if let Some(k) = index_of(&g.predicate) {
            score.counts[k].fn_ += 1;
            score.missed.push(g.clone());
        }
    }
    score
}

// ---------------------------------------------------------------- a gold folder

/// A row of the report: counts and rounded precision, recall and F1.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Row {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Precision, to three decimals.
    pub precision: f64,
    /// Recall, to three decimals.
    pub recall: f64,
    /// F1, to three decimals.
    pub f1: f64,
}

impl From<Counts> for Row {
    fn from(c: Counts) -> Row {
        let (p, r, f) = c.prf();
        Row {
            tp: c.tp,
            fp: c.fp,
            fn_: c.fn_,
            precision: round3(p),
            recall: round3(r),
            f1: round3(f),
        }
    }
}

/// One article in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    /// The article's name (`NAME` of `NAME.gold.json`).
    pub doc: String,
    /// Micro-averaged F1 over the core predicates, to three decimals.
    pub core_f1: f64,
    /// Gold facts kgx did not find.
    pub missed: Vec<GoldFact>,
    /// Facts kgx found that are not gold.
    pub spurious: Vec<Spurious>,
}

/// The rows per predicate, written in the order of [`CORE`] then [`EXTENDED`].
#[derive(Debug, Clone, PartialEq)]
pub struct PerPredicate(pub Vec<(&'static str, Row)>);

impl Serialize for PerPredicate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (p, row) in &self.0 {
            map.serialize_entry(p, row)?;
        }
        map.end()
    }
}

/// The scores of a gold folder, with the keys (in the order) of `score.py --json`, less its
/// timing; each article also lists its misses and spurious facts.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Per predicate.
    pub per_predicate: PerPredicate,
    /// Per article.
    pub docs: Vec<ArticleReport>,
    /// Articles that could not be read (scored as all misses).
    pub errors: Vec<String>,
    /// Micro-averaged over the core predicates.
    pub core: Row,
    /// Micro-averaged over the extended predicates.
    pub extended: Row,
    /// Matched views whose object names a gold topic, over matched views.
    pub topic_hit_rate: f64,
    /// Matched affiliations with the gold role, over matched affiliations with a gold role.
    pub role_hit_rate: f64,
    /// Doubtful spots in the gold files (not in score.py's output).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// The gold files of a folder (`*.gold.json`, not hidden), sorted by name.
fn gold_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(name) = file.strip_suffix(".gold.json") {
            if !file.starts_with('.') && path.is_file() {
                out.push((name.to_string(), path.clone()));
            }
        }
    }
    if out.is_empty() {
        return Err(Error::Gold {
            path: dir.to_path_buf(),
            message: "folder holds no NAME.gold.json files (see docs/gold-format.md)".into(),
        });
    }
    out.sort();
    Ok(out)
}

/// Runs the pipeline on each `NAME.txt` of a gold folder and scores it against `NAME.gold.json`.
/// A gold file that cannot be read stops the run; an article that cannot be read is named in
/// [`Report::errors`] and scored as all misses, as score.py does.
pub fn evaluate(pipeline: &Pipeline, dir: &Path) -> Result<Report, Error> {
    let mut total = [Counts::default(); 8];
    let (mut topic_hits, mut views, mut role_hits, mut role_total) = (0, 0, 0, 0);
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (name, path) in gold_files(dir)? {
        let gold = Gold::read(&path)?;
        warnings.extend(
            gold.warnings
                .iter()
                .map(|w| format!("{}: {w}", path.display())),
        );
        let predicted = match document::read_document(&dir.join(format!("{name}.txt"))) {
            Ok(doc) => {
                let mut graph = KnowledgeGraph::new();
                graph.add(&doc, &pipeline.run(&doc).facts());
                export::to_json_value(&graph)
            }
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                Value::Null
            }
        };
        let score = score_article(&gold, &predicted);
        let mut core = Counts::default();
        for (k, c) in score.counts.iter().enumerate() {
            total[k].add(*c);
            if k < CORE.len() {
                core.add(*c);
            }
        }
        views += score.counts[index_of("holdsView").unwrap_or(2)].tp;
        topic_hits += score.topic_hits;
        role_hits += score.role_hits;
        role_total += score.role_total;
        docs.push(ArticleReport {
            doc: name,
            core_f1: round3(core.prf().2),
            missed: score.missed,
            spurious: score.spurious,
        });
    }
    let micro = |range: std::ops::Range<usize>| {
        let mut c = Counts::default();
        total[range].iter().for_each(|t| c.add(*t));
        Row::from(c)
    };
    let rate = |hits: usize, of: usize| {
        if of == 0 {
            0.0
        } else {
            round3(hits as f64 / of as f64)
        }
    };
    Ok(Report {
        per_predicate: PerPredicate(scored().zip(total).map(|(p, c)| (p, c.into())).collect()),
        docs,
        errors,
        core: micro(0..CORE.len()),
        extended: micro(CORE.len()..CORE.len() + EXTENDED.len()),
        topic_hit_rate: rate(topic_hits, views),
        role_hit_rate: rate(role_hits, role_total),
        warnings,
    })
}

impl Report {
    /// The report as pretty JSON (the layout of `score.py --json`), ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report as a table (score.py's), then, with `details`, each article's misses and
    /// spurious facts.
    pub fn to_table(&self, details: bool) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<16}{:>5}{:>5}{:>5}{:>8}{:>8}{:>8}",
            "predicate", "tp", "fp", "fn", "P", "R", "F1"
        );
        let mut line = |label: String, r: &Row| {
            let _ = writeln!(
                out,
                "{label:<16}{:>5}{:>5}{:>5}{:>8.3}{:>8.3}{:>8.3}",
                r.tp, r.fp, r.fn_, r.precision, r.recall, r.f1
            );
        };
        let rows = &self.per_predicate.0;
        for (p, r) in &rows[..CORE.len()] {
            line(p.to_string(), r);
        }
        line("[core]".into(), &self.core);
        for (p, r) in &rows[CORE.len()..] {
            line(p.to_string(), r);
        }
        line("[extended]".into(), &self.extended);
        let _ = writeln!(
            out,
            "topic hit rate (holdsView matched with an acceptable topic): {:.3}",
            self.topic_hit_rate
        );
        let _ = writeln!(
            out,
            "role hit rate (affiliatedWith matched with the right role): {:.3}",
            self.role_hit_rate
        );
        for d in &self.docs {
            let _ = writeln!(out, "  {:<40} core F1 {:.3}", d.doc, d.core_f1);
        }
        if details {
            for d in &self.docs {
                let _ = writeln!(out, "== {}", d.doc);
                for g in &d.missed {
                    let what = if g.predicate == "holdsView" {
                        g.claim.chars().take(90).collect()
                    } else {
                        g.object.join("|")
                    };
                    let _ = writeln!(
                        out,
                        "  MISSED   {} --{}--> {what}",
                        g.subject.join("|"),
                        g.predicate
                    );
                }
                for s in &d.spurious {
                    let claim: String = s.claim.chars().take(90).collect();
                    let text = format!(
                        "  SPURIOUS {} --{}--> {} {claim} {}",
                        s.subject, s.predicate, s.object, s.why
                    );
                    let _ = writeln!(out, "{}", text.trim_end());
                }
            }
        }
        let _ = writeln!(out, "core F1: {:.3}", self.core.f1);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_as_score_py_does() {
        // Expected values computed with score.py's norm().
        for (input, expected) in [
            ("The OpenAI", "openai"),
            ("Qiu Xipeng\u{2019}s team", "qiu xipeng team"),
            ("Fudan's", "fudan"),
            ("it'sy", "it sy"),
            ("  GPT-4o / mini_v2 ", "gpt 4o mini v2"),
            ("the", "the"),
            ("The  the Lab", "the lab"),
            ("Zürich (ETH)", "zürich eth"),
            ("a\u{1c}b", "a b"),
            ("'s", ""),
            ("x's's", "x"),
        ] {
            assert_eq!(normalize(input), expected, "{input:?}");
        }
        assert_eq!(
            normalize_predicate("https://x.org/kgx#affiliated_With"),
            "affiliatedwith"
        );
        assert_eq!(normalize_predicate("spoke-at"), "spokeat");
    }

    #[test]
    fn rounding_is_pythons() {
        // Python: round(0.0625, 3) == 0.062, round(0.1875, 3) == 0.188, round(2/3, 3) == 0.667
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.1875), 0.188);
        assert_eq!(round3(2.0 / 3.0), 0.667);
    }

    const GOLD: &str = r#"{
        "entities": {
            "ana": {"names": ["Ana Prieto", "Prieto"]},
            "harlow": {"names": ["Harlow University"]},
            "kestrel": {"names": ["Kestrel"]},
            "team": {"names": ["Kestrel team"]}
        },
        "relations": [
            {"s": "ana", "p": "affiliatedWith", "o": "harlow", "role": "senior researcher"},
            {"s": ["team", "ana"], "p": "released", "o": "kestrel"},
            {"s": "ana", "p": "holdsView", "claim": "small models will beat large ones on cost",
             "topics": ["small models"]}
        ]
    }"#;

    fn predicted() -> Value {
        serde_json::json!({
            "entities": [
                {"id": "e1", "label": "Dr. Ana Prieto", "aliases": ["Prieto"]},
                {"id": "e2", "label": "the Harlow University", "aliases": []},
                {"id": "e3", "label": "Kestrel", "aliases": []},
                {"id": "e4", "label": "small models", "aliases": []},
                {"id": "e5", "label": "Nowhere", "aliases": []}
            ],
            "relations": [
                // An IRI for the predicate; the label does not match but an alias does.
                {"subject": "e1", "predicate": "https://example.org/kgx#affiliatedWith",
                 "object": "e2", "attributes": {"role": "researcher"}},
                // The same fact again: neither credit nor penalty.
                {"subject": "e1", "predicate": "affiliatedWith", "object": "e2", "attributes": {}},
                // The second acceptable subject.
                {"subject": "e1", "predicate": "released", "object": "e3"},
                // All six content words shared ("will", "on", "she", "said" are stop words).
                {"subject": "e1", "predicate": "holdsView", "object": "e4",
                 "attributes": {"claim": "small models beat large ones on cost, she said"}},
                {"subject": "e9", "predicate": "released", "object": "e3"},
                {"subject": "e5", "predicate": "located_in", "object": "e2"},
                {"subject": "e1", "predicate": "worksFor", "object": "e2"}
            ]
        })
    }

    fn counts(tp: usize, fp: usize, fn_: usize) -> Counts {
        Counts { tp, fp, fn_ }
    }

    #[test]
    fn facts_are_matched_as_score_py_matches_them() {
        let gold = Gold::parse(GOLD, Path::new("t.gold.json")).unwrap();
        let s = score_article(&gold, &predicted());
        let none = Counts::default();
        assert_eq!(
            s.counts,
            [
                counts(1, 0, 0),
                counts(1, 1, 0),
                counts(1, 0, 0),
                none,
                none,
                counts(0, 1, 0),
                none,
                none
            ]
        );
        assert_eq!((s.topic_hits, s.role_hits, s.role_total), (1, 1, 1));
        assert!(s.missed.is_empty());
        assert_eq!(s.spurious[0].why, "subject id not among entities");
        assert_eq!(s.spurious[1].subject, "Nowhere");
    }

    #[test]
    fn annotated_limits_the_predictions_scored_but_not_the_gold() {
        let with = GOLD.replacen('{', r#"{"annotated": ["affiliatedWith"],"#, 1);
        let gold = Gold::parse(&with, Path::new("t.gold.json")).unwrap();
        let s = score_article(&gold, &predicted());
        let none = Counts::default();
        // score.py still counts the other gold facts as missed.
        assert_eq!(
            s.counts,
            [
                counts(1, 0, 0),
                counts(0, 0, 1),
                counts(0, 0, 1),
                none,
                none,
                none,
                none,
                none
            ]
        );
        assert!(s.spurious.is_empty());
    }

    #[test]
    fn a_bad_gold_file_is_an_error_naming_it() {
        let err = Gold::parse("{\"entities\": {}}", Path::new("x.gold.json")).unwrap_err();
        assert!(err.to_string().starts_with("x.gold.json: "), "{err}");
        let err = Gold::parse(
            r#"{"entities": {}, "relations": [{"s": "a", "p": "released"}]}"#,
            Path::new("y.gold.json"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("has no \"o\""), "{err}");
    }
}
