//! The name recogniser: BILOU tags for people, organisations and places, chosen greedily left
//! to right by an averaged perceptron over the words, their shapes, affixes and tags, the
//! sentence's casing and the vocabulary's hints; only well-formed tag sequences are allowed.

use super::perceptron::{best, key, DenseWeights, Rng, Trainer, Weights};
use super::word::{Casing, Word};

/// The kinds of name, in class order (class 1 + 4k + {0 B, 1 I, 2 L, 3 U}; class 0 is O).
pub const KINDS: [&str; 3] = ["PER", "ORG", "LOC"];

/// Number of classes: O and four per kind.
pub const CLASSES: usize = 1 + 4 * KINDS.len();

/// A recognised name: words `start..end` of the sentence, of kind `KINDS[kind]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Index into [`KINDS`].
    pub kind: usize,
}

fn class(kind: usize, part: usize) -> usize {
    1 + 4 * kind + part
}

/// The class names (O, B-PER, I-PER, L-PER, U-PER, B-ORG, …).
pub fn class_names() -> Vec<String> {
    let mut v = vec!["O".to_string()];
    for k in KINDS {
        for p in ["B", "I", "L", "U"] {
            v.push(format!("{p}-{k}"));
        }
    }
    v
}

/// Which classes may follow `prev` (0 = O or sentence start); `last` closes every name.
fn legal(prev: usize, last: bool, out: &mut [bool; CLASSES]) {
    let open = prev != 0 && matches!((prev - 1) % 4, 0 | 1);
    for (c, a) in out.iter_mut().enumerate() {
        *a = if c == 0 {
            !open
        } else {
            let (k, p) = ((c - 1) / 4, (c - 1) % 4);
            if open {
                (prev - 1) / 4 == k && (p == 2 || (p == 1 && !last))
            } else {
                p == 3 || (p == 0 && !last)
            }
        };
    }
}

/// Classes of each word from name spans.
pub fn encode(n: usize, names: &[Name]) -> Vec<u8> {
    let mut tags = vec![0u8; n];
    for m in names {
        if m.end <= m.start || m.end > n {
            continue;
        }
        if m.end - m.start == 1 {
            tags[m.start] = class(m.kind, 3) as u8;
        } else {
            tags[m.start] = class(m.kind, 0) as u8;
            for t in &mut tags[m.start + 1..m.end - 1] {
                *t = class(m.kind, 1) as u8;
            }
            tags[m.end - 1] = class(m.kind, 2) as u8;
        }
    }
    tags
}

/// Name spans from well-formed classes.
pub fn decode(tags: &[u8]) -> Vec<Name> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &t) in tags.iter().enumerate() {
        if t == 0 {
            continue;
        }
        let (kind, part) = ((t as usize - 1) / 4, (t as usize - 1) % 4);
        match part {
            0 => start = i,
            2 => out.push(Name {
                start,
                end: i + 1,
                kind,
            }),
            3 => out.push(Name {
                start: i,
                end: i + 1,
                kind,
            }),
            _ => {}
        }
    }
    out
}

/// The features of word `i` given the class before it: those of the word, its neighbours and
/// their tags, then those of the class before it.
fn features(
    words: &[Word],
    tags: &[u8],
    casing: Casing,
    i: usize,
    prev: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    out.extend_from_slice(&static_features(words, tags, casing, i));
    out.push(previous_class_feature(prev));
    out.extend_from_slice(&previous_features(words, tags, i, prev));
}

/// The feature of the class before a word alone: the recogniser scores every class at load.
fn previous_class_feature(prev: usize) -> u64 {
    key(14, prev as u64, 0, 0)
}

/// The features of the class before word `i` (or its kind) with the word, its tag and the
/// word before it.
fn previous_features(words: &[Word], tags: &[u8], i: usize, prev: usize) -> [u64; 4] {
    let w = &words[i];
    let prev = prev as u64;
    let prev_kind = if prev == 0 { 0 } else { 1 + (prev - 1) / 4 };
    let hint_before = i.checked_sub(1).map_or(0x5eed, |j| words[j].hints);
    [
        key(15, prev, w.shape, 0),
        key(16, prev_kind, w.norm, 0),
        key(20, hint_before, prev_kind, 0),
        key(25, prev_kind, u64::from(tags[i]), u64::from(w.capitalized)),
    ]
}

/// How many of [`features`] do not read the class before the word.
const STATIC: usize = 24;

/// The features of word `i` that do not read the class before it, so they can be scored for
/// a sentence's words together.
fn static_features(words: &[Word], tags: &[u8], casing: Casing, i: usize) -> [u64; STATIC] {
    let w = &words[i];
    let at = |d: isize| -> Option<usize> {
        let j = i.checked_add_signed(d)?;
        (j < words.len()).then_some(j)
    };
    let none = 0x5eed;
    let norm = |d| at(d).map_or(none, |j| words[j].norm);
    let shape = |d| at(d).map_or(none, |j| words[j].shape);
    let hint = |d| at(d).map_or(none, |j| words[j].hints);
    let tag = |d| at(d).map_or(99, |j| u64::from(tags[j]));
    let case = casing as u64;
    [
        key(0, 0, 0, 0),
        key(1, w.norm, 0, 0),
        key(2, norm(-1), 0, 0),
        key(3, norm(1), 0, 0),
        key(4, norm(-2), 0, 0),
        key(5, norm(2), 0, 0),
        key(6, w.shape, case, 0),
        key(7, shape(-1), 0, 0),
        key(8, shape(1), 0, 0),
        key(9, w.suffix3, 0, 0),
        key(10, w.prefix3, 0, 0),
        key(11, tag(0), 0, 0),
        key(12, tag(-1), tag(0), 0),
        key(13, tag(0), tag(1), 0),
        key(17, w.norm, tag(0), 0),
        key(18, case, tag(0), u64::from(w.capitalized)),
        key(19, w.hints, 0, 0),
        key(21, hint(1), 0, 0),
        key(22, norm(-1), w.norm, 0),
        key(23, w.norm, norm(1), 0),
        key(24, shape(-1), w.shape, shape(1)),
        key(26, norm(-1), w.shape, 0),
        key(27, w.shape, norm(1), 0),
        key(28, case, w.shape, u64::from(i == 0)),
    ]
}

/// Buffers [`Recogniser::classes_into`] keeps from one sentence to the next.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    keys: Vec<u64>,
    base: Vec<[i32; CLASSES]>,
}

/// The trained recogniser.
#[derive(Clone, Debug)]
pub struct Recogniser {
    weights: Weights,
    /// The same weights laid out for speed: buckets of one cache line, the long rows dense.
    table: DenseWeights<CLASSES>,
    /// Template 14's scores for each class before a word.
    by_previous: Vec<[i32; CLASSES]>,
}

impl Recogniser {
    /// Wraps trained weights.
    pub fn new(weights: Weights) -> Recogniser {
        let table = DenseWeights::new(&weights).expect("a recogniser's weights have its classes");
        let by_previous = (0..CLASSES)
            .map(|prev| {
                let mut acc = [0; CLASSES];
                table.add(previous_class_feature(prev), &mut acc);
                acc
            })
            .collect();
        Recogniser {
            weights,
            table,
            by_previous,
        }
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// BILOU classes for one tagged sentence (always well formed).
    ///
    /// The same classes as scoring each word's features in turn, found faster: the
    /// features that do not read the class before a word are scored first, for every word
    /// that will be scored, all the sentence's lookups together; integer sums do not depend
    /// on their order.
    pub fn classes(&self, words: &[Word], tags: &[u8], casing: Casing) -> Vec<u8> {
        let mut out = Vec::with_capacity(words.len());
        self.classes_into(words, tags, casing, &mut Scratch::default(), &mut out);
        out
    }

    /// [`Recogniser::classes`] into `out` (cleared first), with buffers kept from sentence to
    /// sentence in `scratch`.
    pub(crate) fn classes_into(
        &self,
        words: &[Word],
        tags: &[u8],
        casing: Casing,
        scratch: &mut Scratch,
        out: &mut Vec<u8>,
    ) {
        // In running text a name starts with a capital or a digit: outside a name, a
        // lower-case word or a punctuation mark stays outside without scoring (most words of
        // an article). Every other word is scored whatever comes before it.
        let skippable = |w: &Word| casing == Casing::Normal && w.plain;
        let Scratch { keys, base } = scratch;
        keys.clear();
        for i in (0..words.len()).filter(|&i| !skippable(&words[i])) {
            keys.extend_from_slice(&static_features(words, tags, casing, i));
        }
        base.clear();
        base.resize(keys.len() / STATIC, [0; CLASSES]);
        self.table.add_grouped(keys, STATIC, base);
        let mut base = base.iter().copied();
        out.clear();
        let mut allowed = [false; CLASSES];
        let mut prev = 0;
        for (i, w) in words.iter().enumerate() {
            let open = prev != 0 && matches!((prev - 1) % 4, 0 | 1);
            let mut acc = if !skippable(w) {
                base.next()
                    .expect("static scores for every word always scored")
            } else if open {
                // A lower-case word inside a name ("Bank of England"): scored alone.
                let mut acc = [0; CLASSES];
                for k in static_features(words, tags, casing, i) {
                    self.table.add(k, &mut acc);
                }
                acc
            } else {
                prev = 0;
                out.push(0);
                continue;
            };
            for (a, b) in acc.iter_mut().zip(&self.by_previous[prev]) {
                *a += b;
            }
            for k in previous_features(words, tags, i, prev) {
                self.table.add(k, &mut acc);
            }
            legal(prev, i + 1 == words.len(), &mut allowed);
            prev = best(&acc, &allowed);
            out.push(prev as u8);
        }
    }

    /// The names in one tagged sentence.
    pub fn names(&self, words: &[Word], tags: &[u8], casing: Casing) -> Vec<Name> {
        decode(&self.classes(words, tags, casing))
    }
}

/// One training sentence: words, tags, casing and gold BILOU classes.
pub type Example = (Vec<Word>, Vec<u8>, Casing, Vec<u8>);

/// Trains a recogniser for `epochs` passes in a seeded order.
pub fn train(data: &[Example], epochs: usize, seed: u64) -> Recogniser {
    let mut t = Trainer::new(CLASSES);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::new();
    let mut scores = [0f32; CLASSES];
    let mut allowed = [false; CLASSES];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (words, tags, casing, gold) = &data[s];
            let mut prev = 0;
            for (i, &g) in gold.iter().enumerate() {
                features(words, tags, *casing, i, prev, &mut feats);
                legal(prev, i + 1 == words.len(), &mut allowed);
                let guess = t.predict(&feats, &allowed, &mut scores);
                t.update(&feats, g as usize, guess);
                prev = g as usize;
            }
        }
    }
    Recogniser::new(t.finish(class_names(), 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::word::read_words;

    #[test]
    fn static_features_and_previous_classes_make_up_every_feature() {
        // `classes` scores the static features for the sentence and templates 14, 15, 16,
        // 20 and 25 word by word: together they must be exactly `features`.
        let (w, c) = read_words(&["Mira", "Tanaka", "joined", "Corvane", "Labs", "."]);
        let tags = [11, 11, 15, 11, 11, 12];
        for i in 0..w.len() {
            let prev = 5usize;
            let mut all = Vec::new();
            features(&w, &tags, c, i, prev, &mut all);
            let kind = 2;
            let hint_before = i.checked_sub(1).map_or(0x5eed, |j| w[j].hints);
            let mut split = static_features(&w, &tags, c, i).to_vec();
            split.extend([
                key(14, prev as u64, 0, 0),
                key(15, prev as u64, w[i].shape, 0),
                key(16, kind, w[i].norm, 0),
                key(20, hint_before, kind, 0),
                key(25, kind, u64::from(tags[i]), u64::from(w[i].capitalized)),
            ]);
            all.sort_unstable();
            split.sort_unstable();
            assert_eq!(all, split, "word {i}");
        }
    }

    #[test]
    fn spans_round_trip_through_classes() {
        let names = vec![
            Name {
                start: 0,
                end: 2,
                kind: 0,
            },
            Name {
                start: 3,
                end: 4,
                kind: 2,
            },
            Name {
                start: 5,
                end: 8,
                kind: 1,
            },
        ];
        assert_eq!(decode(&encode(8, &names)), names);
    }

    #[test]
    fn only_well_formed_sequences_are_allowed() {
        let mut a = [false; CLASSES];
        legal(class(0, 0), false, &mut a);
        assert!(a[class(0, 1)] && a[class(0, 2)] && !a[0] && !a[class(1, 2)]);
        legal(0, true, &mut a);
        assert!(a[0] && a[class(2, 3)] && !a[class(2, 0)]);
    }

    #[test]
    fn learns_names_from_context() {
        let sents: &[(&[&str], &[Name])] = &[
            (
                &["Ana", "Lopez", "joined", "Vetra", "Corp", "in", "Oslo"],
                &[
                    Name {
                        start: 0,
                        end: 2,
                        kind: 0,
                    },
                    Name {
                        start: 3,
                        end: 5,
                        kind: 1,
                    },
                    Name {
                        start: 6,
                        end: 7,
                        kind: 2,
                    },
                ],
            ),
            (
                &["Ben", "Ortiz", "joined", "Kalo", "Corp", "in", "Lima"],
                &[
                    Name {
                        start: 0,
                        end: 2,
                        kind: 0,
                    },
                    Name {
                        start: 3,
                        end: 5,
                        kind: 1,
                    },
                    Name {
                        start: 6,
                        end: 7,
                        kind: 2,
                    },
                ],
            ),
            (
                &["the", "team", "met", "in", "Rome"],
                &[Name {
                    start: 4,
                    end: 5,
                    kind: 2,
                }],
            ),
        ];
        let data: Vec<Example> = sents
            .iter()
            .map(|(f, n)| {
                let (w, c) = read_words(f);
                (w, vec![11; f.len()], c, encode(f.len(), n))
            })
            .collect();
        let r = train(&data, 10, 3);
        let forms = ["Cara", "Ortiz", "joined", "Vetra", "Corp", "in", "Lima"];
        let (w, c) = read_words(&forms);
        let got = r.names(&w, &[11; 7], c);
        assert_eq!(got, sents[0].1);
    }
}
