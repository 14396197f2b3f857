//! The dependency parser: greedy arc-hybrid transitions (shift, left-arc, right-arc) chosen by
//! an averaged perceptron, trained with a dynamic oracle so it learns to recover from its own
//! mistakes (Goldberg and Nivre 2013).
//!
//! The decision is split in two. A move model of three classes picks the transition; when the
//! move makes an arc, a labeller picks its UD relation from features of the head, the dependent
//! and the dependent's finished subtree. A joint model scored a hundred classes (shift, and a
//! left-arc and a right-arc per relation) at every move; three classes make each feature one
//! cache line read, branch-free, from a table whose slots hold the row inline
//! ([`InlineWeights`]), and the relation is scored once per arc.
//!
//! The root sits at the bottom of the stack and takes exactly one dependent, at the end: a
//! right-arc from the root is allowed only once the buffer is empty.

use super::perceptron::{
    best, BucketedWeights, InlineWeights, Reader, Rng, Trainer, Weights, WeightsError,
};
use super::word::{Casing, Word};

const NONE: usize = usize::MAX;

/// The moves, in class order.
const MOVES: [&str; 3] = ["SHIFT", "LEFT", "RIGHT"];
const SHIFT: usize = 0;
const LEFT: usize = 1;
/// UPOS classes the parser reads (see `tagger::UPOS`): punctuation, and the nouns the
/// repairs look for.
const NOUN: u8 = 7;
const PROPN: u8 = 11;
const PUNCT: u8 = 12;

/// A parse: each word's head (0 is the root, words count from 1) and relation (a class index
/// into the parser's labels).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    /// Head of word i+1 (0 = root).
    pub heads: Vec<usize>,
    /// Relation of word i+1, an index into [`Parser::labels`].
    pub labels: Vec<u16>,
}

/// What the parse knows of a word (or the root, node 0) so far.
#[derive(Clone, Copy)]
struct Node {
    head: usize,
    label: u16,
    lefts: u8,
    rights: u8,
    leftmost: usize,
    rightmost: usize,
    /// The labels of the left children, as bits (label modulo 64).
    left_labels: u64,
    /// The labels of the right children.
    right_labels: u64,
}

const UNATTACHED: Node = Node {
    head: NONE,
    label: 0,
    lefts: 0,
    rights: 0,
    leftmost: NONE,
    rightmost: NONE,
    left_labels: 0,
    right_labels: 0,
};

struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    nodes: Vec<Node>,
}

impl State {
    fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n,
            stack,
            b: 1,
            nodes: vec![UNATTACHED; n + 1],
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
    /// The nodes at the places the single-word templates read: s0, s1, b0, b1, b2, s2.
    fn places(&self) -> [usize; PLACES] {
        [
            self.s(0),
            self.s(1),
            self.buf(0),
            self.buf(1),
            self.buf(2),
            self.s(2),
        ]
    }
    /// Which moves are legal: shift, left, right.
    fn legal(&self) -> [bool; 3] {
        let buffer = self.b <= self.n;
        let two = self.stack.len() >= 2;
        [buffer, two && buffer, two && (self.s(1) != 0 || !buffer)]
    }
    /// The arc (head, dependent) a legal move makes; none for a shift.
    fn arc(&self, mv: usize) -> Option<(usize, usize)> {
        match mv {
            SHIFT => None,
            LEFT => Some((self.b, self.s(0))),
            _ => Some((self.s(1), self.s(0))),
        }
    }
    /// Makes a legal move; an arc gets `label`.
    fn apply(&mut self, mv: usize, label: u16) {
        let Some((head, dep)) = self.arc(mv) else {
            self.stack.push(self.b);
            self.b += 1;
            return;
        };
        self.stack.pop();
        self.nodes[dep].head = head;
        self.nodes[dep].label = label;
        let h = &mut self.nodes[head];
        let bit = 1u64 << (label & 63);
        if dep < head {
            h.left_labels |= bit;
            h.lefts = h.lefts.saturating_add(1);
            if h.leftmost == NONE || dep < h.leftmost {
                h.leftmost = dep;
            }
        } else {
            h.right_labels |= bit;
            h.rights = h.rights.saturating_add(1);
            if h.rightmost == NONE || dep > h.rightmost {
                h.rightmost = dep;
            }
        }
    }
    fn leftmost(&self, i: usize) -> usize {
        if i == NONE {
            NONE
        } else {
            self.nodes[i].leftmost
        }
    }
    fn rightmost(&self, i: usize) -> usize {
        if i == NONE {
            NONE
        } else {
            self.nodes[i].rightmost
        }
    }
    fn label(&self, i: usize) -> u64 {
        if i == NONE {
            999
        } else {
            u64::from(self.nodes[i].label)
        }
    }
    /// The labels of a node's left children as bits; a missing node has none.
    fn left_labels(&self, i: usize) -> u64 {
        if i == NONE {
            0
        } else {
            self.nodes[i].left_labels
        }
    }
    /// The labels of a node's right children as bits.
    fn right_labels(&self, i: usize) -> u64 {
        if i == NONE {
            0
        } else {
            self.nodes[i].right_labels
        }
    }
    fn lefts(&self, i: usize) -> u64 {
        if i == NONE {
            99
        } else {
            u64::from(self.nodes[i].lefts)
        }
    }
    fn rights(&self, i: usize) -> u64 {
        if i == NONE {
            99
        } else {
            u64::from(self.nodes[i].rights)
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

/// How many features the move model reads.
const MOVE_FEATURES: usize = 56;

/// The places in the state whose word the single-word templates read: s0, s1, b0, b1, b2, s2.
const PLACES: usize = 6;

/// How many single-word templates there are (1 to 13), and which of them read each place.
const WORD_FEATURES: usize = 13;
const PLACE_KEYS: [std::ops::Range<usize>; PLACES] = [0..3, 3..6, 6..9, 9..11, 11..12, 12..13];

/// The features that read one word alone (templates 1 to 13), for word `i` in every place;
/// `PLACE_KEYS` says which belong to which place. The parser sums them once per word and
/// place, not once per move.
fn word_keys(x: &Sentence, i: usize) -> [u64; WORD_FEATURES] {
    let (w, p) = (x.w(i), x.p(i));
    [
        key(1, w, 0, 0),
        key(2, p, 0, 0),
        key(3, w, p, 0),
        key(4, w, 0, 0),
        key(5, p, 0, 0),
        key(6, w, p, 0),
        key(7, w, 0, 0),
        key(8, p, 0, 0),
        key(9, w, p, 0),
        key(10, w, 0, 0),
        key(11, p, 0, 0),
        key(12, p, 0, 0),
        key(13, p, 0, 0),
    ]
}

/// The move model's features: template 0, the single-word templates at each place, then the
/// rest ([`context_features`]).
fn features(x: &Sentence, st: &State) -> [u64; MOVE_FEATURES] {
    let context = context_features(x, st);
    let mut out = [0u64; MOVE_FEATURES];
    out[0] = context[0];
    for (place, i) in st.places().into_iter().enumerate() {
        let keys = word_keys(x, i);
        let range = PLACE_KEYS[place].clone();
        out[1 + range.start..1 + range.end].copy_from_slice(&keys[range]);
    }
    out[1 + WORD_FEATURES..].copy_from_slice(&context[1..]);
    out
}

/// The move model's features that read more than one word: template 0 and templates 14 on.
fn context_features(x: &Sentence, st: &State) -> [u64; MOVE_FEATURES - WORD_FEATURES] {
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let s0l = st.leftmost(s0);
    let s0r = st.rightmost(s0);
    let s1r = st.rightmost(s1);
    let b0l = st.leftmost(b0);
    let label = |i| st.label(i);
    let (w, p) = (|i| x.w(i), |i| x.p(i));
    let d = dist(s0, b0);
    [
        key(0, 0, 0, 0),
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
        key(36, p(s0), st.lefts(s0), st.rights(s0)),
        key(37, p(b0), st.lefts(b0), 0),
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
        key(50, p(s0), st.left_labels(s0), 0),
        key(51, p(s0), st.right_labels(s0), 0),
        key(52, w(s0), st.right_labels(s0), 0),
        key(53, p(b0), st.left_labels(b0), 0),
        key(54, w(b0), st.left_labels(b0), 0),
        key(55, p(s1), st.right_labels(s1), 0),
    ]
}

/// A feature's key: a template number and up to three values. Cheaper than the other models'
/// `perceptron::key` (whose four rounds run one after another): the values are multiplied
/// independently, then mixed once. The parser computes some two thousand keys a sentence.
#[inline]
fn key(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ a.wrapping_mul(0xc2b2_ae3d_27d4_eb4f)
        ^ b.wrapping_mul(0x1656_67b1_9e37_79f9).rotate_left(21)
        ^ c.wrapping_mul(0x85eb_ca77_c2b2_ae63).rotate_left(42);
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^= h >> 29;
    h | 1
}

/// Distance between two nodes, capped at 6; 0 when either is missing.
fn dist(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        0
    } else {
        b.abs_diff(a).min(6) as u64
    }
}

/// How many features the labeller reads.
const LABEL_FEATURES: usize = 30;

/// The labeller's features for an arc from `h` to `d`, read when the arc is made: the
/// dependent's subtree is finished then, the head's may not be (its own head is never known
/// yet, but the children it already has on the dependent's side are: the nearest sibling).
fn label_features(x: &Sentence, st: &State, h: usize, d: usize) -> [u64; LABEL_FEATURES] {
    let dir = u64::from(d < h);
    let dd = dist(h, d);
    let dl = st.leftmost(d);
    let dr = st.rightmost(d);
    let sibling = if d < h {
        st.leftmost(h)
    } else {
        st.rightmost(h)
    };
    let head_side = if d < h {
        st.left_labels(h)
    } else {
        st.right_labels(h)
    };
    let (w, p, label) = (|i| x.w(i), |i| x.p(i), |i| st.label(i));
    let before = if d > 1 { d - 1 } else { NONE };
    let after = if d < x.words.len() { d + 1 } else { NONE };
    let word = &x.words[d - 1];
    [
        key(100, dir, 0, 0),
        key(101, w(d), dir, 0),
        key(102, p(d), dir, 0),
        key(103, w(h), dir, 0),
        key(104, p(h), dir, 0),
        key(105, p(h), p(d), dir),
        key(106, w(h), p(d), dir),
        key(107, p(h), w(d), dir),
        key(108, w(h), w(d), dir),
        key(109, p(d), dd, dir),
        key(110, p(d), label(dl), label(dr)),
        key(111, p(before), p(d), p(after)),
        key(112, word.suffix3, p(d), dir),
        key(113, word.shape, p(d), 0),
        key(114, w(before), p(d), 0),
        key(115, w(after), p(d), 0),
        key(116, p(d), w(dl), dir),
        key(117, p(h), p(d), w(dl)),
        key(118, p(d), label(sibling), dir),
        key(119, p(h), p(d), label(sibling)),
        key(120, p(d), st.lefts(d), st.rights(d)),
        key(121, p(h), dd, dir),
        key(122, p(h), p(d), label(dl)),
        key(123, p(h), p(d), label(dr)),
        key(124, w(dr), p(d), 0),
        key(125, p(h), w(d), label(dl)),
        key(126, p(h), p(d), x.casing as u64),
        key(127, p(d), st.left_labels(d), st.right_labels(d)),
        key(128, p(h), p(d), head_side),
        key(129, w(h), head_side, dir),
    ]
}

/// The trained parser.
#[derive(Clone, Debug)]
pub struct Parser {
    moves: InlineWeights,
    labeller: BucketedWeights,
    labels: Vec<String>,
    deps: Vec<crate::ontology::dep::Dep>,
    /// The label of punctuation: in UD every punctuation mark below the root attaches as
    /// `punct` (99.8% of them in EWT; the rest are sentences of punctuation alone), so its arc
    /// is labelled without the labeller (an eighth of all arcs).
    punct: Option<u16>,
    /// The labels and words the repairs after a parse read.
    repair: Repair,
}

/// What [`Parser::repair`] needs: label indices (none when the labels lack one) and the
/// hashed forms of "of" and "by".
#[derive(Clone, Debug)]
struct Repair {
    obj: Option<u16>,
    iobj: Option<u16>,
    obl: Option<u16>,
    agent: Option<u16>,
    nmod: Option<u16>,
    case: Option<u16>,
    passive: [Option<u16>; 2],
    of: u64,
    by: u64,
}

impl Repair {
    fn new(labels: &[String]) -> Repair {
        let at = |name: &str| labels.iter().position(|l| l == name).map(|i| i as u16);
        Repair {
            obj: at("obj"),
            iobj: at("iobj"),
            obl: at("obl"),
            agent: at("obl:agent"),
            nmod: at("nmod"),
            case: at("case"),
            passive: [at("aux:pass"), at("nsubj:pass")],
            of: super::word::read_word("of").norm,
            by: super::word::read_word("by").norm,
        }
    }
}

/// The label index of `punct`, if the labels have it.
fn punct_label(labels: &[String]) -> Option<u16> {
    labels.iter().position(|l| l == "punct").map(|i| i as u16)
}

const TABLES_MAGIC: &[u8; 8] = b"KGXP\x02\0\0\0";

/// A trained parser's two tables, as `kgx train` writes them.
#[derive(Clone, Debug)]
pub struct ParserWeights {
    /// The move model: shift, left-arc, right-arc.
    pub moves: Weights,
    /// The labeller: one class per relation.
    pub labeller: Weights,
}

impl ParserWeights {
    /// The parser these weights make.
    pub fn parser(&self) -> Parser {
        Parser::new(&self.moves, &self.labeller)
    }
}

impl Parser {
    /// Wraps trained weights: a move model over shift, left-arc and right-arc, and a labeller
    /// whose classes are the relations.
    pub fn new(moves: &Weights, labeller: &Weights) -> Parser {
        let labels = labeller.labels().to_vec();
        let deps = labels
            .iter()
            .map(|l| crate::ontology::dep::Dep::from_label(l))
            .collect();
        Parser {
            moves: InlineWeights::new(moves),
            labeller: BucketedWeights::new(labeller),
            punct: punct_label(&labels),
            repair: Repair::new(&labels),
            labels,
            deps,
        }
    }

    /// The parser's run-time tables as bytes (`parser.kgxp`): magic, the relation names, the
    /// move table, the labeller's table. Loading them fills the tables instead of rebuilding
    /// them from the trained weights, which took most of a second look's start-up.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(TABLES_MAGIC);
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        self.moves.write(&mut out);
        self.labeller.write(&mut out);
        out
    }

    /// Reads the tables [`Parser::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, WeightsError> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != TABLES_MAGIC {
            return Err(WeightsError("not a kgx parser file"));
        }
        let n = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            let len = usize::from(r.take(1)?[0]);
            let l = std::str::from_utf8(r.take(len)?).map_err(|_| WeightsError("label"))?;
            labels.push(l.to_string());
        }
        let moves = InlineWeights::read(&mut r)?;
        let labeller = BucketedWeights::read(&mut r)?;
        if !r.done() {
            return Err(WeightsError("trailing bytes"));
        }
        let deps = labels
            .iter()
            .map(|l| crate::ontology::dep::Dep::from_label(l))
            .collect();
        Ok(Parser {
            moves,
            labeller,
            punct: punct_label(&labels),
            repair: Repair::new(&labels),
            labels,
            deps,
        })
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

    /// Bytes of the run-time tables: the move model's and the labeller's.
    pub fn sizes(&self) -> (usize, usize) {
        (self.moves.size_of(), self.labeller.size_of())
    }

    /// Parses one tagged sentence.
    pub fn parse(&self, words: &[Word], tags: &[u8], casing: Casing) -> Parse {
        let n = words.len();
        let x = Sentence {
            words,
            tags,
            casing,
        };
        // The single-word templates' scores, summed once per word (and the root, and nothing
        // at n + 1) and place.
        let words: Vec<[[i32; 3]; PLACES]> = (0..n + 2)
            .map(|i| {
                let keys = word_keys(&x, if i > n { NONE } else { i });
                PLACE_KEYS.map(|range| self.moves.scores(&keys[range]))
            })
            .collect();
        let mut st = State::new(n);
        let mut scores = vec![0i32; self.labels.len()];
        while !st.done() {
            let legal = st.legal();
            // A forced move (the first shift, the reductions once the buffer is empty) needs
            // no scores.
            let mv = if legal.iter().filter(|&&l| l).count() == 1 {
                legal.iter().position(|&l| l).expect("one legal move")
            } else {
                let mut s = self.moves.scores(&context_features(&x, &st));
                for (place, i) in st.places().into_iter().enumerate() {
                    let w = &words[i.min(n + 1)][place];
                    for (a, b) in s.iter_mut().zip(w) {
                        *a += b;
                    }
                }
                best(&s, &legal)
            };
            let label = match st.arc(mv) {
                Some((h, d)) if h != 0 && tags[d - 1] == PUNCT => self.punct.unwrap_or_else(|| {
                    self.labeller
                        .scores(&label_features(&x, &st, h, d), &mut scores);
                    best(&scores, &[]) as u16
                }),
                Some((h, d)) => {
                    self.labeller
                        .scores(&label_features(&x, &st, h, d), &mut scores);
                    best(&scores, &[]) as u16
                }
                None => 0,
            };
            st.apply(mv, label);
        }
        let mut parse = Parse {
            heads: st.nodes[1..]
                .iter()
                .map(|nd| if nd.head == NONE { 0 } else { nd.head })
                .collect(),
            labels: st.nodes[1..].iter().map(|nd| nd.label).collect(),
        };
        self.repair(x.words, tags, &mut parse);
        parse
    }

    /// Mends two mistakes of the greedy parser that UD's own rules exclude: a nominal with a
    /// preposition of its own is never a verb's object (it is an oblique, the agent when the
    /// preposition is "by" and the verb passive: "was hired by X"), and an "of" phrase right
    /// after a verb's noun object belongs to that noun ("appointed president of X"), not to the
    /// verb.
    fn repair(&self, words: &[Word], tags: &[u8], parse: &mut Parse) {
        let r = &self.repair;
        let (Some(obj), Some(case)) = (r.obj, r.case) else {
            return;
        };
        let n = words.len();
        // The preposition (word index, from 1) a word's phrase opens with, if any.
        let prep = |parse: &Parse, d: usize| {
            let c = subtree(&parse.heads, d).0;
            (c < d && parse.labels[c - 1] == case).then_some(c)
        };
        let is_object = |l: u16| l == obj || Some(l) == r.iobj;
        for d in 1..=n {
            if !is_object(parse.labels[d - 1]) || parse.heads[d - 1] == 0 {
                continue;
            }
            let Some(c) = prep(parse, d) else {
                continue;
            };
            let v = parse.heads[d - 1];
            // "of" right after another dependent of the verb, a noun ending just before it.
            if words[c - 1].norm == r.of && c > 1 {
                let noun = (1..c).rev().find(|&m| {
                    parse.heads[m - 1] == v
                        && matches!(tags[m - 1], NOUN | PROPN)
                        && subtree(&parse.heads, m).1 == c - 1
                });
                if let (Some(m), Some(nmod)) = (noun, r.nmod) {
                    parse.heads[d - 1] = m;
                    parse.labels[d - 1] = nmod;
                    continue;
                }
            }
            let passive = (1..=n)
                .any(|k| parse.heads[k - 1] == v && r.passive.contains(&Some(parse.labels[k - 1])));
            let label = if words[c - 1].norm == r.by && passive {
                r.agent.or(r.obl)
            } else {
                r.obl
            };
            if let Some(l) = label {
                parse.labels[d - 1] = l;
            }
        }
    }
}

/// The first and last words of word `m`'s subtree (words count from 1, heads 0 is the root),
/// found by walking out from `m` while the words still descend from it (a projective parse).
fn subtree(heads: &[usize], m: usize) -> (usize, usize) {
    let first = (1..m)
        .rev()
        .take_while(|&k| descends(heads, k, m))
        .last()
        .unwrap_or(m);
    let last = (m + 1..=heads.len())
        .take_while(|&k| descends(heads, k, m))
        .last()
        .unwrap_or(m);
    (first, last)
}

/// Whether word `k` lies in word `m`'s subtree.
fn descends(heads: &[usize], k: usize, m: usize) -> bool {
    let mut h = k;
    for _ in 0..heads.len() {
        if h == m {
            return true;
        }
        if h == 0 {
            return false;
        }
        h = heads[h - 1];
    }
    false
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

/// The cost of each move under the dynamic oracle: how many gold arcs it makes unreachable.
fn costs(st: &State, gh: &[usize]) -> [u32; 3] {
    let legal = st.legal();
    let in_buffer = |k: usize| k != NONE && k >= st.b && k <= st.n;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let kids_in_buffer = |h: usize| (st.b..=st.n).filter(|&k| gh[k] == h).count() as u32;
    let mut out = [u32::MAX; 3];
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
        out[1] = kids_in_buffer(s0) + u32::from(gh[s0] != b && (gh[s0] == s1 || in_buffer(gh[s0])));
    }
    if legal[2] {
        out[2] = kids_in_buffer(s0) + u32::from(in_buffer(gh[s0]));
    }
    out
}

/// Trains a parser over `labels` for `epochs` passes: the first follows the oracle, later ones
/// mostly follow the model's own choices (exploration). The labeller learns from every arc
/// made to the gold head. Averaged weights smaller than `prune` (in updates) are dropped.
pub fn train(
    data: &[Example],
    labels: &[String],
    epochs: usize,
    seed: u64,
    prune: f32,
) -> ParserWeights {
    let mut moves = Trainer::new(MOVES.len());
    let mut labeller = Trainer::new(labels.len());
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len())
        .filter(|&i| is_projective(&data[i].heads))
        .collect();
    let mut scores = [0f32; 3];
    let mut label_scores = vec![0f32; labels.len()];
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
                let feats = features(&x, &st);
                let guess = moves.predict(&feats, &st.legal(), &mut scores);
                let cost = costs(&st, &gh);
                let least = *cost.iter().min().expect("a legal move");
                let gold = best(&scores, &cost.map(|c| c == least));
                if cost[guess] > least {
                    moves.update(&feats, gold, guess);
                } else {
                    moves.tick();
                }
                let explore = epoch > 0 && rng.below(10) < 9;
                let follow = if explore { guess } else { gold };
                let label = match st.arc(follow) {
                    Some((h, d)) => {
                        let lf = label_features(&x, &st, h, d);
                        let said = labeller.predict(&lf, &[], &mut label_scores) as u16;
                        if gh[d] == h {
                            labeller.update(&lf, usize::from(gl[d]), usize::from(said));
                            if explore {
                                said
                            } else {
                                gl[d]
                            }
                        } else {
                            said
                        }
                    }
                    None => 0,
                };
                st.apply(follow, label);
            }
        }
    }
    ParserWeights {
        moves: moves.finish(MOVES.map(String::from).to_vec(), prune),
        labeller: labeller.finish(labels.to_vec(), prune),
    }
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
        let p = train(&data, &labels, 10, 7, 0.0).parser();
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
        let p = train(&[], &labels, 1, 1, 0.0).parser();
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
    fn word_sums_and_context_score_as_all_features_do() {
        let labels: Vec<String> = ["dep", "root"].map(String::from).to_vec();
        let (words, casing) = read_words(&["a", "b", "c", "d"]);
        let ex = Example {
            words: words.clone(),
            tags: vec![1, 2, 3, 4],
            casing,
            heads: vec![2, 0, 2, 3],
            labels: vec![0, 1, 0, 0],
        };
        let p = train(&[ex], &labels, 3, 1, 0.0).parser();
        let x = Sentence {
            words: &words,
            tags: &[1, 2, 3, 4],
            casing,
        };
        let mut st = State::new(4);
        while !st.done() {
            let mut s = p.moves.scores(&context_features(&x, &st));
            for (place, i) in st.places().into_iter().enumerate() {
                let keys = word_keys(&x, i);
                let w = p.moves.scores(&keys[PLACE_KEYS[place].clone()]);
                s.iter_mut().zip(w).for_each(|(a, b)| *a += b);
            }
            assert_eq!(s, p.moves.scores(&features(&x, &st)));
            st.apply(best(&s, &st.legal()), 0);
        }
    }

    #[test]
    fn punctuation_is_the_tagger_class() {
        assert_eq!(crate::model::tagger::UPOS[usize::from(PUNCT)], "PUNCT");
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&[2, 0, 2]));
        assert!(!is_projective(&[3, 4, 0, 3]));
    }
}
