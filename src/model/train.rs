//! Training every model from the treebanks in one deterministic run (`kgx train DATA OUT`), with
//! held-out scores printed as it goes.
//!
//! | model | trained on | measured on |
//! |---|---|---|
//! | tagger, parser | UD English EWT train + GUM (less the held-out news) | EWT test |
//! | recogniser | UNER EWT dev + GUM named mentions (less the held-out news) | UNER EWT test, held-out GUM news |
//!
//! The held-out GUM news documents are every fourth news document in name order.

use super::conllu::{self, Sentence};
use super::ner::{self, Name};
use super::parser::{self, Parser};
use super::perceptron::Weights;
use super::tagger::{self, upos_class, Tagger};
use super::word::{read_words, Casing, Word};
use super::{add_hints, Backbone};
use crate::error::Error;
use crate::ontology::Ontology;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SEED: u64 = 0x006b_6778;
const TAGGER_EPOCHS: usize = 8;
const PARSER_EPOCHS: usize = 15;
const RECOGNISER_EPOCHS: usize = 15;
/// The parser's averaged weights smaller than this (in updates) are dropped (both the move
/// model's and the labeller's): a weight from a single late update hardly changes a decision.
/// Harder pruning shrinks the tables but costs accuracy: at 2.0 the move table halves and UAS
/// and LAS fall by 1.2 points.
const PARSER_PRUNE: f32 = 1.0;
/// Relations seen fewer times than this are folded into their universal part ("nmod:poss" stays,
/// a rare "obl:npmod" becomes "obl").
const MIN_LABEL_COUNT: usize = 20;

/// The trained weights.
pub struct Trained {
    /// Tagger weights.
    pub tagger: Weights,
    /// Recogniser weights.
    pub recogniser: Weights,
    /// Parser weights: the move model and the labeller.
    pub parser: parser::ParserWeights,
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, Error> {
    conllu::parse(&read(path)?).map_err(|e| Error::Data {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// A sentence of the UNER files: its id, forms and names.
pub struct NamedSentence {
    /// `# sent_id`.
    pub id: String,
    /// Forms.
    pub forms: Vec<String>,
    /// Gold names.
    pub names: Vec<Name>,
}

/// Reads a UNER IOB2 file (ID, FORM, TAG columns; `# sent_id` comments).
pub fn read_iob2(path: &Path) -> Result<Vec<NamedSentence>, Error> {
    let text = read(path)?;
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut id = String::new();
        let mut forms = Vec::new();
        let mut tags = Vec::new();
        for line in block.lines() {
            if let Some(c) = line.strip_prefix("# sent_id = ") {
                id = c.trim().to_string();
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() < 3 {
                    return Err(Error::Data {
                        path: path.to_path_buf(),
                        message: format!("sentence {id}: a line with fewer than 3 columns"),
                    });
                }
                forms.push(cols[1].to_string());
                tags.push(cols[2].to_string());
            }
        }
        if !forms.is_empty() {
            out.push(NamedSentence {
                id,
                forms,
                names: names_from_bio(&tags),
            });
        }
    }
    Ok(out)
}

/// Name spans from BIO tags (`B-PER`, `I-PER`, `O`); kinds outside [`ner::KINDS`] are skipped.
pub fn names_from_bio(tags: &[String]) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    let mut open: Option<Name> = None;
    for (i, t) in tags.iter().enumerate() {
        let (bio, kind) = t.split_once('-').unwrap_or((t.as_str(), ""));
        let kind = ner::KINDS.iter().position(|k| *k == kind);
        let continues = bio == "I" && open.is_some_and(|o| Some(o.kind) == kind);
        if continues {
            if let Some(o) = open.as_mut() {
                o.end = i + 1;
            }
            continue;
        }
        out.extend(open.take());
        if let (Some(kind), "B" | "I") = (kind, bio) {
            open = Some(Name {
                start: i,
                end: i + 1,
                kind,
            });
        }
    }
    out.extend(open);
    out
}

/// Named person, organisation and place mentions of a GUM sentence: the `Entity=` mentions
/// whose head word is a proper noun, cut down to the run of name words around that head.
pub fn gum_names(s: &Sentence) -> Vec<Name> {
    let mut open: Vec<(String, String, usize)> = Vec::new();
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for (i, row) in s.rows.iter().enumerate() {
        let Some(ent) = row.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        let b = ent.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let end = ent[k + 1..]
                    .find(['(', ')'])
                    .map_or(ent.len(), |e| k + 1 + e);
                let spec = &ent[k + 1..end];
                let mut parts = spec.split('-');
                let id = parts.next().unwrap_or("").to_string();
                let kind = parts.next().unwrap_or("").to_string();
                if end < b.len() && b[end] == b')' {
                    spans.push((i, i + 1, kind));
                    k = end + 1;
                } else {
                    open.push((id, kind, i));
                    k = end;
                }
            } else if b[k].is_ascii_digit() {
                let end = ent[k..].find(')').map_or(ent.len(), |e| k + e);
                let id = &ent[k..end];
                if let Some(p) = open.iter().rposition(|o| o.0 == id) {
                    let (_, kind, start) = open.remove(p);
                    spans.push((start, i + 1, kind));
                }
                k = end + 1;
            } else {
                k += 1;
            }
        }
    }
    let is_name = |i: usize| {
        let r = &s.rows[i];
        r.upos == "PROPN"
            || (r.upos != "PUNCT" && r.form.chars().next().is_some_and(char::is_uppercase) && i > 0)
    };
    let joins = |i: usize| {
        matches!(
            s.rows[i].form.as_str(),
            "of" | "and" | "&" | "for" | "de" | "the"
        )
    };
    let mut names: Vec<Name> = Vec::new();
    for (start, end, kind) in spans {
        let kind = match kind.as_str() {
            "person" => 0,
            "organization" => 1,
            "place" => 2,
            _ => continue,
        };
        // The head: the word whose head lies outside the span.
        let Some(head) = (start..end).find(|&i| {
            let h = s.rows[i].head;
            h == 0 || h - 1 < start || h > end
        }) else {
            continue;
        };
        if s.rows[head].upos != "PROPN" {
            continue;
        }
        let (mut a, mut z) = (head, head + 1);
        while a > start && (is_name(a - 1) || (a >= start + 2 && joins(a - 1) && is_name(a - 2))) {
            a -= 1;
        }
        while z < end && (is_name(z) || (z + 1 < end && joins(z) && is_name(z + 1))) {
            z += 1;
        }
        names.push(Name {
            start: a,
            end: z,
            kind,
        });
    }
    // Outermost names only; overlapping ones keep the first found.
    names.sort_by_key(|n| (n.start, std::cmp::Reverse(n.end)));
    let mut out: Vec<Name> = Vec::new();
    for n in names {
        if out.last().is_none_or(|l| n.start >= l.end) {
            out.push(n);
        }
    }
    out
}

fn gum_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    Ok(files)
}

/// GUM's files split into training files and held-out news files.
pub fn gum_split(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let mut train = Vec::new();
    let mut held = Vec::new();
    let mut news = 0;
    for f in gum_files(dir)? {
        let is_news = f
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("GUM_news_"));
        if is_news {
            news += 1;
            if (news - 1) % 4 == 0 {
                held.push(f);
                continue;
            }
        }
        train.push(f);
    }
    Ok((train, held))
}

fn words_of(forms: &[&str], ontology: &Ontology) -> (Vec<Word>, Casing) {
    let (mut w, c) = read_words(forms);
    add_hints(&mut w, forms, ontology);
    (w, c)
}

/// Trains every model from `data` (the folder holding `ud-ewt/`, `gum/` and `uner-ewt/`),
/// printing held-out scores through `log`.
pub fn train(
    data: &Path,
    ontology: &Ontology,
    log: &mut dyn FnMut(&str),
) -> Result<Trained, Error> {
    let ewt = data.join("ud-ewt");
    let (gum_train, gum_held) = gum_split(&data.join("gum"))?;
    let mut treebank = read_conllu(&ewt.join("en_ewt-ud-train.conllu"))?;
    let mut gum = Vec::new();
    for f in &gum_train {
        gum.extend(read_conllu(f)?);
    }
    treebank.extend(gum.iter().cloned());
    let test = read_conllu(&ewt.join("en_ewt-ud-test.conllu"))?;
    let held_names: Vec<String> = gum_held
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .collect();
    log(&format!(
        "training sentences: {} (EWT train + {} GUM files); GUM news held out: {}",
        treebank.len(),
        gum_train.len(),
        held_names.join(", ")
    ));

    // Tagger.
    let tag_data: Vec<tagger::Example> = treebank
        .iter()
        .map(|s| {
            let (w, c) = words_of(&s.forms(), ontology);
            (w, c, s.rows.iter().map(|r| upos_class(&r.upos)).collect())
        })
        .collect();
    let tagger = tagger::train(&tag_data, TAGGER_EPOCHS, SEED);
    let (mut right, mut all) = (0, 0);
    for s in &test {
        let (w, c) = words_of(&s.forms(), ontology);
        let got = tagger.tag(&w, c);
        for (r, g) in s.rows.iter().zip(got) {
            all += 1;
            right += usize::from(tagger::UPOS[g as usize] == r.upos);
        }
    }
    log(&format!(
        "tagger: UPOS accuracy on EWT test {:.4} ({right}/{all}); {} features",
        right as f64 / all as f64,
        tagger.weights().feature_count()
    ));

    // Parser, trained on tags predicted as they will be at run time: each fold of the treebank
    // is tagged by a tagger trained on the other folds.
    let labels = parser_labels(&treebank);
    let label_of = |d: &str| label_index(&labels, d);
    let jackknifed = jackknife(&tag_data);
    let parse_data: Vec<parser::Example> = treebank
        .iter()
        .zip(tag_data)
        .zip(jackknifed)
        .map(|((s, (words, casing, _)), tags)| parser::Example {
            words,
            tags,
            casing,
            heads: s.rows.iter().map(|r| r.head).collect(),
            labels: s.rows.iter().map(|r| label_of(&r.deprel)).collect(),
        })
        .collect();
    let parser_weights = parser::train(&parse_data, &labels, PARSER_EPOCHS, SEED, PARSER_PRUNE);
    drop(parse_data);
    let parser = parser_weights.parser();
    let (uas, las) = attachment(&tagger, &parser, &test, ontology);
    let (move_bytes, label_bytes) = parser.sizes();
    log(&format!(
        "parser: EWT test with predicted tags, punctuation included: UAS {uas:.4}, LAS {las:.4}; {} relations; {} move features ({} KB at run time), {} label features ({} KB)",
        labels.len(),
        parser_weights.moves.feature_count(),
        move_bytes / 1024,
        parser_weights.labeller.feature_count(),
        label_bytes / 1024,
    ));

    // Recogniser, trained on predicted tags.
    let uner = data.join("uner-ewt");
    let mut ner_data: Vec<ner::Example> = Vec::new();
    for s in read_iob2(&uner.join("en_ewt-ud-dev.iob2"))? {
        let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        let (w, c) = words_of(&forms, ontology);
        let tags = tagger.tag_as_trained(&w, c);
        let gold = ner::encode(forms.len(), &s.names);
        ner_data.push((w, tags, c, gold));
    }
    for s in &gum {
        let forms = s.forms();
        let (w, c) = words_of(&forms, ontology);
        let tags = tagger.tag_as_trained(&w, c);
        let gold = ner::encode(forms.len(), &gum_names(s));
        ner_data.push((w, tags, c, gold));
    }
    let recogniser = ner::train(&ner_data, RECOGNISER_EPOCHS, SEED);
    let backbone = Backbone {
        tagger: tagger.clone(),
        recogniser: recogniser.clone(),
        parser: std::sync::OnceLock::from(parser.clone()),
    };
    let uner_test: Vec<(Vec<String>, Vec<Name>)> = read_iob2(&uner.join("en_ewt-ud-test.iob2"))?
        .into_iter()
        .map(|s| (s.forms, s.names))
        .collect();
    let (p, r, f) = name_scores(&backbone, &uner_test, ontology);
    log(&format!(
        "recogniser: UNER EWT test (PER, ORG, LOC, exact span): P {p:.4} R {r:.4} F1 {f:.4}; {} features",
        recogniser.weights().feature_count()
    ));
    let mut held = Vec::new();
    for f in &gum_held {
        for s in read_conllu(f)? {
            let names = gum_names(&s);
            held.push((s.rows.iter().map(|r| r.form.clone()).collect(), names));
        }
    }
    let (p, r, f) = name_scores(&backbone, &held, ontology);
    log(&format!(
        "recogniser: held-out GUM news (named person, organization, place): P {p:.4} R {r:.4} F1 {f:.4}"
    ));
    Ok(Trained {
        tagger: tagger.weights().clone(),
        recogniser: recogniser.weights().clone(),
        parser: parser_weights,
    })
}

const FOLDS: usize = 4;

/// Each sentence's tags as predicted by a tagger that did not see it.
fn jackknife(data: &[tagger::Example]) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new(); data.len()];
    for fold in 0..FOLDS {
        let train: Vec<tagger::Example> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, e)| e.clone())
            .collect();
        let t = tagger::train(&train, TAGGER_EPOCHS, SEED + fold as u64);
        for (i, (w, c, _)) in data.iter().enumerate() {
            if i % FOLDS == fold {
                out[i] = t.tag_as_trained(w, *c);
            }
        }
    }
    out
}

fn parser_labels(treebank: &[Sentence]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in treebank {
        for r in &s.rows {
            *counts.entry(r.deprel.as_str()).or_default() += 1;
        }
    }
    let mut labels: Vec<String> = counts
        .iter()
        .filter(|(l, &n)| n >= MIN_LABEL_COUNT || !l.contains(':'))
        .map(|(l, _)| l.to_string())
        .collect();
    if !labels.iter().any(|l| l == "dep") {
        labels.push("dep".into());
    }
    labels.sort();
    labels
}

fn label_index(labels: &[String], d: &str) -> u16 {
    let find = |x: &str| labels.iter().position(|l| l == x);
    find(d)
        .or_else(|| find(d.split(':').next().unwrap_or(d)))
        .or_else(|| find("dep"))
        .unwrap_or(0) as u16
}

/// UAS and LAS (full relation names) of the parser over predicted tags.
pub fn attachment(
    tagger: &Tagger,
    parser: &Parser,
    gold: &[Sentence],
    ontology: &Ontology,
) -> (f64, f64) {
    let (mut total, mut heads, mut both) = (0usize, 0usize, 0usize);
    for s in gold {
        let (w, c) = words_of(&s.forms(), ontology);
        let tags = tagger.tag(&w, c);
        let p = parser.parse(&w, &tags, c);
        for (i, r) in s.rows.iter().enumerate() {
            total += 1;
            if p.heads[i] == r.head {
                heads += 1;
                if parser.labels()[p.labels[i] as usize] == r.deprel {
                    both += 1;
                }
            }
        }
    }
    let t = total.max(1) as f64;
    (heads as f64 / t, both as f64 / t)
}

/// Precision, recall and F1 of exact name spans with their kinds.
pub fn name_scores(
    backbone: &Backbone,
    gold: &[(Vec<String>, Vec<Name>)],
    ontology: &Ontology,
) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for (forms, names) in gold {
        let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
        let got = backbone.read(&forms, ontology).names;
        np += got.len();
        ng += names.len();
        tp += got.iter().filter(|g| names.contains(g)).count();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_tags_become_spans() {
        let tags: Vec<String> = [
            "B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-LOC", "B-OTH",
        ]
        .map(String::from)
        .to_vec();
        let got = names_from_bio(&tags);
        let want = [(0, 2, 0), (3, 4, 2), (4, 6, 1), (6, 7, 2)];
        let got: Vec<(usize, usize, usize)> =
            got.iter().map(|n| (n.start, n.end, n.kind)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn gum_named_mentions_are_cut_to_the_name() {
        let text = "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-person-new-x-coref\n\
2\tyoung\tyoung\tADJ\tJJ\t_\t3\tamod\t_\t_\n\
3\tMira\tMira\tPROPN\tNNP\t_\t5\tnsubj\t_\t_\n\
4\tTanaka\tTanaka\tPROPN\tNNP\t_\t3\tflat\t_\tEntity=1)\n\
5\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n\
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(2-place-new-x-coref\n\
7\tcity\tcity\tNOUN\tNN\t_\t5\tobj\t_\tEntity=2)\n\
8\tof\tof\tADP\tIN\t_\t9\tcase\t_\t_\n\
9\tOslo\tOslo\tPROPN\tNNP\t_\t7\tnmod\t_\tEntity=(3-place-new-x-coref)\n\n";
        let s = &conllu::parse(text).unwrap()[0];
        let got: Vec<(usize, usize, usize)> = gum_names(s)
            .iter()
            .map(|n| (n.start, n.end, n.kind))
            .collect();
        assert_eq!(got, [(2, 4, 0), (8, 9, 2)]);
    }
}
