//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over the word, its
//! affixes and shape, its neighbours, the two tags before it and the sentence's casing.

use super::perceptron::{best, key, DenseWeights, Rng, Trainer, Weights};
use super::word::{Casing, Word};
use crate::text::pos::Pos;
use std::collections::HashMap;

/// The universal part-of-speech tags, in class order.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// kgx's coarse tag for each UPOS class, in class order.
pub const POS: [Pos; 17] = [
    Pos::Adj,
    Pos::Adp,
    Pos::Adv,
    Pos::Aux,
    Pos::Cconj,
    Pos::Det,
    Pos::Other,
    Pos::Noun,
    Pos::Num,
    Pos::Part,
    Pos::Pron,
    Pos::Propn,
    Pos::Punct,
    Pos::Sconj,
    Pos::Other,
    Pos::Verb,
    Pos::Other,
];

/// The class of a UPOS tag (X for anything unknown).
pub fn upos_class(tag: &str) -> u8 {
    UPOS.iter().position(|t| *t == tag).unwrap_or(16) as u8
}

const START: u64 = 0xff;

/// The template of the sure-answer rows: words seen at least [`SURE_COUNT`] times in training
/// with one tag in at least [`SURE_SHARE`] of them ("the", ",", "of") are tagged without
/// scoring, which is most tokens of running text (the tag dictionary of Honnibal's tagger).
const SURE: u32 = 99;
const SURE_COUNT: u32 = 5;
const SURE_SHARE: f64 = 0.95;

/// The features of word `i` given the two tags before it: those of the word and its
/// neighbours, then those of the tags before it.
fn features(words: &[Word], casing: Casing, i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    out.extend_from_slice(&static_features(words, casing, i));
    out.extend_from_slice(&tag_pair_features(p1, p2));
    out.extend_from_slice(&previous_tag_features(&words[i], p1));
}

/// How many of [`features`] read the word and its neighbours alone, not the tags before it.
const STATIC: usize = 17;

/// The features of word `i` that do not read the tags before it, so they can be scored for a
/// whole sentence before tagging starts.
fn static_features(words: &[Word], casing: Casing, i: usize) -> [u64; STATIC] {
    let w = &words[i];
    let at = |d: isize| -> Option<&Word> { words.get(i.checked_add_signed(d)?) };
    let none = 0x5eed;
    let norm = |d| at(d).map_or(none, |w: &Word| w.norm);
    let suf = |d| at(d).map_or(none, |w: &Word| w.suffix3);
    let shape = |d| at(d).map_or(none, |w: &Word| w.shape);
    let case = casing as u64;
    let initial = u64::from(i == 0);
    [
        key(0, 0, 0, 0),
        key(1, w.norm, 0, 0),
        key(2, w.suffix3, 0, 0),
        key(3, w.suffix2, 0, 0),
        key(4, w.prefix3, 0, 0),
        key(5, w.shape, case, initial),
        key(9, norm(-1), 0, 0),
        key(10, suf(-1), 0, 0),
        key(11, norm(-2), 0, 0),
        key(12, norm(1), 0, 0),
        key(13, suf(1), 0, 0),
        key(14, norm(2), 0, 0),
        key(15, w.norm, norm(1), 0),
        key(16, norm(-1), w.norm, 0),
        key(17, shape(1), shape(-1), 0),
        key(19, w.hints, case, u64::from(w.capitalized)),
        key(20, w.suffix3, case, initial),
    ]
}

/// The features of the two tags before a word alone: the tagger scores every pair at load.
fn tag_pair_features(p1: u64, p2: u64) -> [u64; 2] {
    [key(6, p1, 0, 0), key(7, p1, p2, 0)]
}

/// The features of the tag before a word with the word itself.
fn previous_tag_features(w: &Word, p1: u64) -> [u64; 2] {
    [key(8, p1, w.norm, 0), key(18, w.shape, p1, 0)]
}

/// The values a previous tag takes in the features: a class, or [`START`] before the first
/// word. Index `UPOS.len()` is `START`.
fn previous(index: usize) -> u64 {
    if index < UPOS.len() {
        index as u64
    } else {
        START
    }
}

/// Buffers [`Tagger::tag_into`] keeps from one sentence to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    sure: Vec<Option<u8>>,
    keys: Vec<u64>,
    base: Vec<[i32; UPOS.len()]>,
}

/// The trained tagger.
#[derive(Clone, Debug)]
pub struct Tagger {
    weights: Weights,
    /// The same weights laid out for speed: buckets of one cache line, the long rows dense.
    table: DenseWeights<{ UPOS.len() }>,
    /// The scores of templates 6 and 7, which read only the two tags before a word, for every
    /// pair of them (indexed by [`previous`]'s index, `p1 * 18 + p2`).
    by_previous: Vec<[i32; UPOS.len()]>,
}

impl Tagger {
    /// Wraps trained weights.
    pub fn new(weights: Weights) -> Tagger {
        let table = DenseWeights::new(&weights).expect("a tagger's weights have its classes");
        let n = UPOS.len() + 1;
        let by_previous = (0..n * n)
            .map(|k| {
                let (p1, p2) = (previous(k / n), previous(k % n));
                let mut acc = [0; UPOS.len()];
                for k in tag_pair_features(p1, p2) {
                    table.add(k, &mut acc);
                }
                acc
            })
            .collect();
        Tagger {
            weights,
            table,
            by_previous,
        }
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Tags one sentence: a UPOS class per word (see [`UPOS`]).
    ///
    /// The same tags as scoring each word's features in turn, found faster: the sure
    /// answers first, then every other word's features that do not read the tags before it,
    /// all the sentence's lookups together; left to right, only four templates remain, two of
    /// them read from a table of every pair of previous tags. Sums of integers do not depend
    /// on their order, so the scores are the same.
    pub fn tag(&self, words: &[Word], casing: Casing) -> Vec<u8> {
        let mut tags = Vec::with_capacity(words.len());
        self.tag_into(words, casing, &mut Scratch::default(), &mut tags);
        tags
    }

    /// [`Tagger::tag`] into `tags` (cleared first), with buffers kept from sentence to
    /// sentence in `scratch`.
    pub(crate) fn tag_into(
        &self,
        words: &[Word],
        casing: Casing,
        scratch: &mut Scratch,
        tags: &mut Vec<u8>,
    ) {
        let Scratch { sure, keys, base } = scratch;
        sure.clear();
        sure.extend(
            words
                .iter()
                .map(|w| self.table.answer(key(SURE, w.norm, 0, 0))),
        );
        keys.clear();
        for (i, a) in sure.iter().enumerate() {
            if a.is_none() {
                keys.extend_from_slice(&static_features(words, casing, i));
            }
        }
        base.clear();
        base.resize(keys.len() / STATIC, [0; UPOS.len()]);
        self.table.add_grouped(keys, STATIC, base);
        let mut base = base.iter();
        let n = UPOS.len() + 1;
        let (mut i1, mut i2) = (UPOS.len(), UPOS.len());
        tags.clear();
        for (w, answer) in words.iter().zip(sure.iter()) {
            let t = match *answer {
                Some(t) => t,
                None => {
                    let mut acc = *base.next().expect("a static score per unsure word");
                    let (p1, pair) = (previous(i1), &self.by_previous[i1 * n + i2]);
                    for (a, b) in acc.iter_mut().zip(pair) {
                        *a += b;
                    }
                    for k in previous_tag_features(w, p1) {
                        self.table.add(k, &mut acc);
                    }
                    best(&acc, &[]) as u8
                }
            };
            tags.push(t);
            i2 = i1;
            i1 = usize::from(t);
        }
    }

    /// The tags the weights give as trained, every row kept, where [`Tagger::tag`] reads a
    /// table that drops a few of the lightest. Training reads these (the tags other models
    /// learn from), so that a retrain gives back the same models whatever the table drops.
    pub fn tag_as_trained(&self, words: &[Word], casing: Casing) -> Vec<u8> {
        let sure = words
            .iter()
            .map(|w| self.weights.answer(key(SURE, w.norm, 0, 0)))
            .collect();
        tag_with(words, casing, sure, |f, s| self.weights.scores(f, s))
    }
}

/// Tags a sentence left to right: a sure answer where there is one, else the best-scoring tag
/// given the two before it.
fn tag_with(
    words: &[Word],
    casing: Casing,
    sure: Vec<Option<u8>>,
    scores_of: impl Fn(&[u64], &mut [i32]),
) -> Vec<u8> {
    let mut tags = Vec::with_capacity(words.len());
    let mut feats = Vec::with_capacity(24);
    let mut scores = [0i32; UPOS.len()];
    let (mut p1, mut p2) = (START, START);
    for (i, answer) in sure.into_iter().enumerate() {
        let t = match answer {
            Some(t) => t,
            None => {
                features(words, casing, i, p1, p2, &mut feats);
                scores_of(&feats, &mut scores);
                best(&scores, &[]) as u8
            }
        };
        tags.push(t);
        p2 = p1;
        p1 = u64::from(t);
    }
    tags
}

/// One training sentence: words, casing and gold tags.
pub type Example = (Vec<Word>, Casing, Vec<u8>);

/// Trains a tagger for `epochs` passes in a seeded order.
pub fn train(data: &[Example], epochs: usize, seed: u64) -> Tagger {
    let mut t = Trainer::new(UPOS.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::new();
    let mut scores = [0f32; UPOS.len()];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (words, casing, gold) = &data[s];
            let (mut p1, mut p2) = (START, START);
            for (i, &g) in gold.iter().enumerate() {
                features(words, *casing, i, p1, p2, &mut feats);
                let guess = t.predict(&feats, &[], &mut scores);
                t.update(&feats, g as usize, guess);
                p2 = p1;
                p1 = u64::from(guess as u8);
            }
        }
    }
    let mut counts: HashMap<u64, [u32; UPOS.len()]> = HashMap::new();
    for (words, _, gold) in data {
        for (w, &g) in words.iter().zip(gold) {
            counts.entry(w.norm).or_insert([0; UPOS.len()])[g as usize] += 1;
        }
    }
    let mut sure: Vec<(u64, u8)> = counts
        .iter()
        .filter_map(|(&w, c)| {
            let total: u32 = c.iter().sum();
            let top = best(c, &[]);
            (total >= SURE_COUNT && f64::from(c[top]) >= SURE_SHARE * f64::from(total))
                .then(|| (key(SURE, w, 0, 0), top as u8))
        })
        .collect();
    sure.sort_unstable();
    let labels = UPOS.iter().map(|s| s.to_string()).collect();
    Tagger::new(t.finish(labels, 0.05).with_answers(&sure))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::word::read_words;

    #[test]
    fn static_features_and_previous_tags_make_up_every_feature() {
        // `tag` scores the static features for the whole sentence and templates 6, 7, 8 and
        // 18 word by word: together they must be exactly `features`.
        let (w, c) = read_words(&["Mira", "Tanaka", "joined", "Corvane", "in", "2021", "."]);
        for i in 0..w.len() {
            let (p1, p2) = (3u64, START);
            let mut all = Vec::new();
            features(&w, c, i, p1, p2, &mut all);
            let mut split = static_features(&w, c, i).to_vec();
            split.extend([
                key(6, p1, 0, 0),
                key(7, p1, p2, 0),
                key(8, p1, w[i].norm, 0),
                key(18, w[i].shape, p1, 0),
            ]);
            all.sort_unstable();
            split.sort_unstable();
            assert_eq!(all, split, "word {i}");
        }
    }

    #[test]
    fn coarse_tags_follow_the_upos_names() {
        for (name, pos) in UPOS.iter().zip(POS) {
            assert_eq!(Pos::from_ud(name), pos, "{name}");
        }
    }

    #[test]
    fn learns_a_toy_language() {
        // Determiners, then an adjective or not, then a noun and a verb.
        let sents: &[(&[&str], &[&str])] = &[
            (
                &["the", "red", "cat", "runs"],
                &["DET", "ADJ", "NOUN", "VERB"],
            ),
            (&["a", "dog", "sleeps"], &["DET", "NOUN", "VERB"]),
            (
                &["the", "big", "dog", "runs"],
                &["DET", "ADJ", "NOUN", "VERB"],
            ),
            (&["a", "cat", "sleeps"], &["DET", "NOUN", "VERB"]),
        ];
        let data: Vec<Example> = sents
            .iter()
            .map(|(f, t)| {
                let (w, c) = read_words(f);
                (w, c, t.iter().map(|t| upos_class(t)).collect())
            })
            .collect();
        let tagger = train(&data, 10, 1);
        let (w, c) = read_words(&["the", "red", "dog", "sleeps"]);
        let got: Vec<&str> = tagger
            .tag(&w, c)
            .iter()
            .map(|&t| UPOS[t as usize])
            .collect();
        assert_eq!(got, ["DET", "ADJ", "NOUN", "VERB"]);
        // The run-time table and the weights as trained agree (the table drops nothing here).
        assert_eq!(tagger.tag_as_trained(&w, c), tagger.tag(&w, c));
    }
}
