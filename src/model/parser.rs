//! The dependency parser: greedy arc-hybrid transitions (shift, left-arc, right-arc, each arc
//! with its UD relation) chosen by an averaged perceptron, trained with a dynamic oracle so it
//! learns to recover from its own mistakes (Goldberg and Nivre 2013).
//!
//! The root sits at the bottom of the stack and takes exactly one dependent, at the end: a
//! right-arc from the root is allowed only once the buffer is empty.

use super::perceptron::{best, key, Rng, Trainer, Weights};
use super::word::{Casing, Word};

const NONE: usize = usize::MAX;

/// A parse: each word's head (0 is the root, words count from 1) and relation (a class index
/// into the parser's labels).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    /// Head of word i+1 (0 = root).
    pub heads: Vec<usize>,
    /// Relation of word i+1, an index into [`Parser::labels`].
    pub labels: Vec<u16>,
}

struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<u16>,
    leftmost: Vec<usize>,
    rightmost: Vec<usize>,
    lefts: Vec<u8>,
    rights: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            leftmost: vec![NONE; n + 1],
            rightmost: vec![NONE; n + 1],
            lefts: vec![0; n + 1],
            rights: vec![0; n + 1],
        }
    }
    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }
    fn s(&self, i: usize) -> usize {
        self.stack
            .len()
            .checked_sub(i + 1)
            .map_or(NONE, |k| self.stack[k])
    }
    fn buf(&self, i: usize) -> usize {
        if self.b + i <= self.n {
            self.b + i
        } else {
            NONE
        }
    }
    /// Which moves are legal: shift, left, right.
    fn legal(&self) -> [bool; 3] {
        let buffer = self.b <= self.n;
        let two = self.stack.len() >= 2;
        [buffer, two && buffer, two && (self.s(1) != 0 || !buffer)]
    }
    fn arc(&mut self, head: usize, dep: usize, label: u16) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            self.lefts[head] = self.lefts[head].saturating_add(1);
            if self.leftmost[head] == NONE || dep < self.leftmost[head] {
                self.leftmost[head] = dep;
            }
        } else {
            self.rights[head] = self.rights[head].saturating_add(1);
            if self.rightmost[head] == NONE || dep > self.rightmost[head] {
                self.rightmost[head] = dep;
            }
        }
    }
    fn apply(&mut self, class: usize, n_labels: usize) {
        if class == 0 {
            self.stack.push(self.b);
            self.b += 1;
        } else if class <= n_labels {
            let s0 = self.stack.pop().expect("legal left-arc");
            self.arc(self.b, s0, (class - 1) as u16);
        } else {
            let s0 = self.stack.pop().expect("legal right-arc");
            let s1 = *self.stack.last().expect("legal right-arc");
            self.arc(s1, s0, (class - 1 - n_labels) as u16);
        }
    }
}

/// What the features read: words and tags, with the root and "nothing" as their own values.
struct Sentence<'a> {
    words: &'a [Word],
    tags: &'a [u8],
    casing: Casing,
}

impl Sentence<'_> {
    fn w(&self, i: usize) -> u64 {
        match i {
            NONE => 1,
            0 => 2,
            i => self.words[i - 1].norm,
        }
    }
    fn p(&self, i: usize) -> u64 {
        match i {
            NONE => 100,
            0 => 101,
            i => u64::from(self.tags[i - 1]),
        }
    }
}

fn features(x: &Sentence, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let child = |v: &Vec<usize>, i: usize| if i == NONE { NONE } else { v[i] };
    let label = |i: usize| {
        if i == NONE {
            999
        } else {
            u64::from(st.labels[i])
        }
    };
    let s0l = child(&st.leftmost, s0);
    let s0r = child(&st.rightmost, s0);
    let s1r = child(&st.rightmost, s1);
    let b0l = child(&st.leftmost, b0);
    let dist = |a: usize, b: usize| -> u64 {
        if a == NONE || b == NONE {
            0
        } else {
            (b.abs_diff(a)).min(6) as u64
        }
    };
    let val = |v: &Vec<u8>, i: usize| if i == NONE { 99 } else { u64::from(v[i]) };
    let (w, p) = (|i| x.w(i), |i| x.p(i));
    let d = dist(s0, b0);
    out.extend_from_slice(&[
        key(0, 0, 0, 0),
        key(1, w(s0), 0, 0),
        key(2, p(s0), 0, 0),
        key(3, w(s0), p(s0), 0),
        key(4, w(s1), 0, 0),
        key(5, p(s1), 0, 0),
        key(6, w(s1), p(s1), 0),
        key(7, w(b0), 0, 0),
        key(8, p(b0), 0, 0),
        key(9, w(b0), p(b0), 0),
        key(10, w(b1), 0, 0),
        key(11, p(b1), 0, 0),
        key(12, p(b2), 0, 0),
        key(13, p(s2), 0, 0),
        key(14, w(s0), w(b0), 0),
        key(15, p(s0), p(b0), 0),
        key(16, w(s0), p(s0), p(b0)),
        key(17, p(s0), w(b0), p(b0)),
        key(18, p(s1), p(s0), 0),
        key(19, w(s1), w(s0), 0),
        key(20, p(s1), p(s0), p(b0)),
        key(21, p(s0), p(b0), p(b1)),
        key(22, p(b0), p(b1), p(b2)),
        key(23, p(s2), p(s1), p(s0)),
        key(24, p(s0), p(s0l), p(b0)),
        key(25, p(s0), p(s0r), p(b0)),
        key(26, p(s0), p(b0), p(b0l)),
        key(27, p(s1), p(s1r), p(s0)),
        key(28, p(s0), label(s0l), 0),
        key(29, p(s0), label(s0r), 0),
        key(30, p(b0), label(b0l), 0),
        key(31, p(s1), label(s1r), 0),
        key(32, d, p(s0), p(b0)),
        key(33, d, w(s0), 0),
        key(34, d, w(b0), 0),
        key(35, dist(s1, s0), p(s1), p(s0)),
        key(36, p(s0), val(&st.lefts, s0), val(&st.rights, s0)),
        key(37, p(b0), val(&st.lefts, b0), 0),
        key(38, w(b0), w(b1), 0),
        key(39, x.casing as u64, p(s0), p(b0)),
        key(40, w(s1), p(s0), 0),
        key(41, p(s1), w(s0), 0),
        key(42, p(s1), p(s0), label(s0l)),
        key(43, w(s0l), p(s0), 0),
        key(44, w(s0r), p(s0), 0),
        key(45, w(b0l), p(b0), 0),
        key(46, w(s0), p(b0), p(b1)),
        key(47, p(s0), w(b0), p(b1)),
        key(48, w(s0), w(s1), p(b0)),
        key(49, w(b0), label(b0l), 0),
    ]);
}

/// The trained parser.
#[derive(Clone, Debug)]
pub struct Parser {
    weights: Weights,
    labels: Vec<String>,
    deps: Vec<crate::ontology::dep::Dep>,
}

impl Parser {
    /// Wraps trained weights; their classes are shift, then a left-arc and a right-arc per label.
    pub fn new(weights: Weights) -> Parser {
        let labels = weights
            .labels()
            .iter()
            .skip(1)
            .filter_map(|l| l.strip_prefix("L-"))
            .map(str::to_string)
            .collect::<Vec<_>>();
        let deps = labels
            .iter()
            .map(|l| crate::ontology::dep::Dep::from_label(l))
            .collect();
        Parser {
            weights,
            labels,
            deps,
        }
    }

    /// The relation a label index names.
    pub fn dep(&self, label: u16) -> crate::ontology::dep::Dep {
        self.deps
            .get(usize::from(label))
            .copied()
            .unwrap_or_default()
    }

    /// The relation names, in label order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Parses one tagged sentence.
    pub fn parse(&self, words: &[Word], tags: &[u8], casing: Casing) -> Parse {
        let n = words.len();
        let l = self.labels.len();
        let x = Sentence {
            words,
            tags,
            casing,
        };
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0i32; 1 + 2 * l];
        let mut allowed = vec![false; 1 + 2 * l];
        while !st.done() {
            features(&x, &st, &mut feats);
            self.weights.scores(&feats, &mut scores);
            let legal = st.legal();
            allow(&mut allowed, legal, l);
            let c = best(&scores, &allowed);
            st.apply(c, l);
        }
        Parse {
            heads: st.heads[1..]
                .iter()
                .map(|&h| if h == NONE { 0 } else { h })
                .collect(),
            labels: st.labels[1..].to_vec(),
        }
    }
}

fn allow(allowed: &mut [bool], legal: [bool; 3], l: usize) {
    allowed[0] = legal[0];
    allowed[1..=l].iter_mut().for_each(|a| *a = legal[1]);
    allowed[l + 1..].iter_mut().for_each(|a| *a = legal[2]);
}

/// One training sentence: words, tags, casing, gold heads (0 root) and gold label classes.
pub struct Example {
    /// Words.
    pub words: Vec<Word>,
    /// Predicted (or gold) UPOS classes.
    pub tags: Vec<u8>,
    /// Casing.
    pub casing: Casing,
    /// Gold head of each word.
    pub heads: Vec<usize>,
    /// Gold label index of each word.
    pub labels: Vec<u16>,
}

/// Whether a tree (heads of words 1..=n, 0 the root) has no crossing arcs.
pub fn is_projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| ((i + 1).min(h), (i + 1).max(h)))
        .collect();
    arcs.iter().all(|&(a, b)| {
        arcs.iter()
            .all(|&(c, d)| !((a < c && c < b && b < d) || (c < a && a < d && d < b)))
    })
}

/// The cost of each move under the dynamic oracle: how many gold arcs it makes unreachable
/// (plus one for a wrong label on a gold arc).
fn costs(st: &State, gh: &[usize], gl: &[u16], l: usize, out: &mut [u32]) {
    let legal = st.legal();
    let in_buffer = |k: usize| k != NONE && k >= st.b && k <= st.n;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let kids_in_buffer = |h: usize| (st.b..=st.n).filter(|&k| gh[k] == h).count() as u32;
    out.iter_mut().for_each(|c| *c = u32::MAX);
    if legal[0] {
        let b = st.b;
        let mut c = st.stack.iter().filter(|&&k| k != 0 && gh[k] == b).count() as u32;
        if st.stack.iter().any(|&k| k != s0 && gh[b] == k) {
            c += 1;
        }
        out[0] = c;
    }
    if legal[1] {
        let b = st.b;
        let mut c = kids_in_buffer(s0);
        if gh[s0] != b && (gh[s0] == s1 || in_buffer(gh[s0])) {
            c += 1;
        }
        for lab in 0..l {
            out[1 + lab] = c + u32::from(gh[s0] == b && gl[s0] != lab as u16);
        }
    }
    if legal[2] {
        let mut c = kids_in_buffer(s0);
        if in_buffer(gh[s0]) {
            c += 1;
        }
        for lab in 0..l {
            out[1 + l + lab] = c + u32::from(gh[s0] == s1 && gl[s0] != lab as u16);
        }
    }
}

/// Trains a parser over `labels` for `epochs` passes: the first follows the oracle, later ones
/// mostly follow the model's own choices (exploration). Averaged weights smaller than `prune`
/// (in updates) are dropped.
pub fn train(data: &[Example], labels: &[String], epochs: usize, seed: u64, prune: f32) -> Parser {
    let l = labels.len();
    let n_classes = 1 + 2 * l;
    let mut t = Trainer::new(n_classes);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len())
        .filter(|&i| is_projective(&data[i].heads))
        .collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n_classes];
    let mut allowed = vec![false; n_classes];
    let mut cost = vec![0u32; n_classes];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let ex = &data[s];
            let x = Sentence {
                words: &ex.words,
                tags: &ex.tags,
                casing: ex.casing,
            };
            let mut gh = vec![0usize];
            gh.extend_from_slice(&ex.heads);
            let mut gl = vec![0u16];
            gl.extend_from_slice(&ex.labels);
            let mut st = State::new(ex.words.len());
            while !st.done() {
                features(&x, &st, &mut feats);
                allow(&mut allowed, st.legal(), l);
                let guess = t.predict(&feats, &allowed, &mut scores);
                costs(&st, &gh, &gl, l, &mut cost);
                let least = *cost.iter().min().expect("a legal move");
                let gold_ok: Vec<bool> = cost.iter().map(|&c| c == least).collect();
                let gold = best(&scores, &gold_ok);
                if cost[guess] > least {
                    t.update(&feats, gold, guess);
                } else {
                    t.tick();
                }
                let follow = if epoch > 0 && rng.below(10) < 9 {
                    guess
                } else {
                    gold
                };
                st.apply(follow, l);
            }
        }
    }
    let mut names = vec!["SHIFT".to_string()];
    names.extend(labels.iter().map(|l| format!("L-{l}")));
    names.extend(labels.iter().map(|l| format!("R-{l}")));
    Parser::new(t.finish(names, prune))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tagger::upos_class;
    use crate::model::word::read_words;

    fn example(forms: &[&str], tags: &[&str], heads: &[usize], labels: &[u16]) -> Example {
        let (words, casing) = read_words(forms);
        Example {
            words,
            tags: tags.iter().map(|t| upos_class(t)).collect(),
            casing,
            heads: heads.to_vec(),
            labels: labels.to_vec(),
        }
    }

    #[test]
    fn learns_a_toy_grammar() {
        // labels: 0 det, 1 nsubj, 2 root, 3 obj
        let labels: Vec<String> = ["det", "nsubj", "root", "obj"].map(String::from).to_vec();
        let data = vec![
            example(
                &["the", "cat", "sees", "a", "dog"],
                &["DET", "NOUN", "VERB", "DET", "NOUN"],
                &[2, 3, 0, 5, 3],
                &[0, 1, 2, 0, 3],
            ),
            example(
                &["a", "dog", "likes", "the", "cat"],
                &["DET", "NOUN", "VERB", "DET", "NOUN"],
                &[2, 3, 0, 5, 3],
                &[0, 1, 2, 0, 3],
            ),
            example(&["dogs", "sleep"], &["NOUN", "VERB"], &[2, 0], &[1, 2]),
        ];
        let p = train(&data, &labels, 10, 7, 0.0);
        let (w, c) = read_words(&["the", "dog", "sees", "a", "cat"]);
        let tags: Vec<u8> = ["DET", "NOUN", "VERB", "DET", "NOUN"]
            .iter()
            .map(|t| upos_class(t))
            .collect();
        let got = p.parse(&w, &tags, c);
        assert_eq!(got.heads, [2, 3, 0, 5, 3]);
        assert_eq!(got.labels, [0, 1, 2, 0, 3]);
    }

    #[test]
    fn every_sentence_gets_a_tree_with_one_root() {
        let labels: Vec<String> = ["dep", "root"].map(String::from).to_vec();
        let p = train(&[], &labels, 1, 1, 0.0);
        for n in 0..12 {
            let forms: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            let (w, c) = read_words(&forms);
            let got = p.parse(&w, &vec![7; n], c);
            assert_eq!(got.heads.len(), n);
            assert_eq!(
                got.heads.iter().filter(|&&h| h == 0).count(),
                usize::from(n > 0)
            );
            assert!(got.heads.iter().all(|&h| h <= n));
        }
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&[2, 0, 2]));
        assert!(!is_projective(&[3, 4, 0, 3]));
    }
}
