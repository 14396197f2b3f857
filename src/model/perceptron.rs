//! The averaged perceptron shared by the tagger, the recogniser and the parser: hashed sparse
//! features, training with lazy averaging, and compact quantised weights for run time.
//!
//! A feature is a `u64` key made by mixing a template number with the values it reads (word
//! hashes, tags). Training keeps a sparse row of classes per key; [`Trainer::finish`] averages,
//! drops near-zero weights and quantises the rest to `i16`, into an open-addressing table that
//! [`Weights::to_bytes`] writes and [`Weights::from_bytes`] reads back.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already mixed: hash maps over them need no further hashing.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Murmur3's 64-bit finaliser: spreads every input bit over the output.
#[inline]
pub(crate) fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A stable hash of a string (FNV-1a, then [`avalanche`]): the same on every platform, so
/// weights trained on one machine work on all. (Words are hashed in one pass by
/// `word::read_word`; tests hold that equal to this.)
#[cfg(test)]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    avalanche(h)
}

/// The key of a feature: a template number and up to three values.
#[inline]
pub(crate) fn key(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let mut h = u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h.rotate_left(23) ^ a).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h.rotate_left(23) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h.rotate_left(23) ^ c).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    avalanche(h) | 1
}

#[derive(Clone, Copy, Debug)]
struct Param {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// A perceptron being trained: sparse rows of (class, weight, running total).
#[derive(Default)]
pub struct Trainer {
    classes: usize,
    rows: KeyMap<Vec<Param>>,
    step: u32,
}

impl Trainer {
    /// A trainer over `classes` classes.
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            rows: KeyMap::default(),
            step: 0,
        }
    }

    /// Adds each feature's current weights to `scores` (one per class).
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for p in row {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// The best class among `allowed` (all when empty), ties to the lowest.
    pub fn predict(&self, features: &[u64], allowed: &[bool], scores: &mut [f32]) -> usize {
        self.scores(features, scores);
        best(scores, allowed)
    }

    /// Moves weight from `guess` to `truth`; a step of the clock for averaging.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let step = self.step;
        for f in features {
            let row = self.rows.entry(*f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let p = match row.iter_mut().position(|p| p.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param {
                            class: class as u16,
                            weight: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                p.total += f64::from(step - p.stamp) * f64::from(p.weight);
                p.stamp = step;
                p.weight += delta;
            }
        }
    }

    /// Counts a step without an update (a correct prediction), for averaging.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Averages the weights, drops those smaller than `prune` (in units of one update), and
    /// quantises the rest into run-time weights.
    pub fn finish(self, labels: Vec<String>, prune: f32) -> Weights {
        let step = f64::from(self.step.max(1));
        let mut averaged: Vec<(u64, Vec<(u8, f32)>)> = Vec::new();
        let mut largest = 0f32;
        for (k, row) in self.rows {
            let mut out = Vec::new();
            for p in row {
                let total = p.total + f64::from(self.step - p.stamp) * f64::from(p.weight);
                let avg = (total / step) as f32;
                if avg.abs() >= prune {
                    largest = largest.max(avg.abs());
                    out.push((p.class as u8, avg));
                }
            }
            if !out.is_empty() {
                out.sort_by_key(|e| e.0);
                averaged.push((k, out));
            }
        }
        // Run-time keys are 32-bit fingerprints; the rare features that share one add up.
        let mut merged: KeyMap<Vec<(u8, f32)>> = KeyMap::default();
        for (k, row) in averaged {
            let m = merged.entry(u64::from(fingerprint(k))).or_default();
            for (c, w) in row {
                match m.iter_mut().find(|e| e.0 == c) {
                    Some(e) => e.1 += w,
                    None => m.push((c, w)),
                }
            }
        }
        let mut averaged: Vec<(u64, Vec<(u8, f32)>)> = merged.into_iter().collect();
        averaged.iter_mut().for_each(|r| r.1.sort_by_key(|e| e.0));
        averaged.sort_by_key(|e| e.0);
        let scale = if largest > 0.0 {
            largest / 32767.0
        } else {
            1.0
        };
        let rows = averaged
            .into_iter()
            .map(|(k, row)| {
                let q = row
                    .into_iter()
                    .map(|(c, w)| Entry {
                        class: c,
                        weight: (w / scale).round() as i16,
                    })
                    .filter(|e| e.weight != 0)
                    .collect();
                (k, q)
            })
            .collect();
        debug_assert!(self.classes == labels.len());
        Weights::build(labels, scale, rows)
    }
}

/// The 32-bit fingerprint a feature key is stored under (never 0, which marks an empty slot).
#[inline]
fn fingerprint(key: u64) -> u32 {
    (key as u32) | 1
}

/// The highest score among allowed classes (all when `allowed` is empty); ties go to the lowest
/// class so decoding is deterministic.
pub(crate) fn best<T: PartialOrd + Copy>(scores: &[T], allowed: &[bool]) -> usize {
    let mut top: Option<usize> = None;
    for (c, &s) in scores.iter().enumerate() {
        if !allowed.is_empty() && !allowed[c] {
            continue;
        }
        if top.is_none_or(|t| s > scores[t]) {
            top = Some(c);
        }
    }
    top.unwrap_or(0)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    class: u8,
    weight: i16,
}

/// Run-time weights: an open-addressing table from feature key to a run of (class, weight).
#[derive(Clone, Debug)]
pub struct Weights {
    labels: Vec<String>,
    scale: f32,
    /// Slot fingerprints (0 is empty) and, beside each, where its row starts and ends in
    /// `entries`.
    slots: Vec<(u32, u32, u32)>,
    entries: Vec<Entry>,
}

const MAGIC: &[u8; 8] = b"KGXW\x02\0\0\0";

/// Why weights could not be read.
#[derive(Debug, thiserror::Error)]
#[error("model weights: {0}")]
pub struct WeightsError(pub(crate) &'static str);

impl Weights {
    fn build(labels: Vec<String>, scale: f32, rows: Vec<(u64, Vec<Entry>)>) -> Weights {
        let mut entries = Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum());
        let mut keys = Vec::with_capacity(rows.len());
        for (k, row) in rows {
            let start = entries.len() as u32;
            entries.extend_from_slice(&row);
            keys.push((k, start, entries.len() as u32));
        }
        Weights::from_rows(labels, scale, keys, entries)
    }

    /// Weights from rows given as (key, start, end) into one run of entries, in key order
    /// (one allocation for all the rows: loading makes no vector a row).
    fn from_rows(
        labels: Vec<String>,
        scale: f32,
        keys: Vec<(u64, u32, u32)>,
        entries: Vec<Entry>,
    ) -> Weights {
        let capacity = (keys.len() * 2).next_power_of_two().max(2);
        let mut slots = vec![(0u32, 0u32, 0u32); capacity];
        let mask = capacity - 1;
        for (k, start, end) in keys {
            let mut i = (k as usize) & mask;
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (k as u32, start, end);
        }
        Weights {
            labels,
            scale,
            slots,
            entries,
        }
    }

    /// The class names, in class order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// How many features have weights.
    pub fn feature_count(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }

    /// How many bytes the table takes at run time.
    pub fn size_of(&self) -> usize {
        self.slots.len() * std::mem::size_of::<(u32, u32, u32)>()
            + self.entries.len() * std::mem::size_of::<Entry>()
    }

    /// Adds rows that hold one class each (weight 1): a table of sure answers kept beside the
    /// weights, such as the tagger's unambiguous words.
    pub(crate) fn with_answers(self, answers: &[(u64, u8)]) -> Weights {
        let mut rows: Vec<(u64, Vec<Entry>)> = self
            .slots
            .iter()
            .filter(|s| s.0 != 0)
            .map(|&(k, a, b)| (u64::from(k), self.entries[a as usize..b as usize].to_vec()))
            .collect();
        for &(k, class) in answers {
            rows.push((u64::from(fingerprint(k)), vec![Entry { class, weight: 1 }]));
        }
        rows.sort_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        Weights::build(self.labels, self.scale, rows)
    }

    /// The row of (class, weight) stored for a feature; empty when it has none.
    #[inline]
    fn row(&self, key: u64) -> &[Entry] {
        let key = fingerprint(key);
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let (k, start, end) = self.slots[i];
            if k == key {
                return &self.entries[start as usize..end as usize];
            }
            if k == 0 {
                return &[];
            }
            i = (i + 1) & mask;
        }
    }

    /// The class a sure-answer row gives, if the key has one.
    #[inline]
    pub(crate) fn answer(&self, key: u64) -> Option<u8> {
        match self.row(key) {
            [only] => Some(only.class),
            _ => None,
        }
    }

    /// Adds one feature's weights to `scores`.
    #[inline]
    pub fn add(&self, key: u64, scores: &mut [i32]) {
        for e in self.row(key) {
            scores[e.class as usize] += i32::from(e.weight);
        }
    }

    /// Scores every class for a set of features.
    pub fn scores(&self, features: &[u64], scores: &mut [i32]) {
        // Rows are found first, all of them, so their cache misses overlap; then added into a
        // 256-wide buffer that a u8 class indexes without bounds checks.
        let mut rows = [(0u32, 0u32); 64];
        let mut full = [0i32; 256];
        let mask = self.slots.len() - 1;
        for chunk in features.chunks(64) {
            for &f in chunk {
                prefetch(&self.slots[fingerprint(f) as usize & mask]);
            }
            for (r, &f) in rows.iter_mut().zip(chunk) {
                *r = self.span(f);
                if let Some(e) = self.entries.get(r.0 as usize) {
                    prefetch(e);
                }
            }
            for &(start, end) in &rows[..chunk.len()] {
                for e in &self.entries[start as usize..end as usize] {
                    full[usize::from(e.class)] += i32::from(e.weight);
                }
            }
        }
        scores.copy_from_slice(&full[..scores.len()]);
    }

    /// Where a feature's row starts and ends in `entries` (equal when it has none).
    #[inline]
    fn span(&self, key: u64) -> (u32, u32) {
        let key = fingerprint(key);
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let (k, start, end) = self.slots[i];
            if k == key {
                return (start, end);
            }
            if k == 0 {
                return (0, 0);
            }
            i = (i + 1) & mask;
        }
    }

    /// The weights as bytes: magic, labels, scale, then rows sorted by key.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut rows: Vec<&(u32, u32, u32)> = self.slots.iter().filter(|s| s.0 != 0).collect();
        rows.sort_by_key(|s| s.0);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for &&(k, start, end) in &rows {
            out.extend_from_slice(&k.to_le_bytes());
            out.push((end - start) as u8);
            for e in &self.entries[start as usize..end as usize] {
                out.push(e.class);
                out.extend_from_slice(&e.weight.to_le_bytes());
            }
        }
        out
    }

    /// Reads weights written by [`Weights::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Weights, WeightsError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(WeightsError("not a kgx weights file"));
        }
        let n_labels = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n_labels.min(256));
        for _ in 0..n_labels {
            let len = r.take(1)?[0] as usize;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| WeightsError("label"))?;
            labels.push(s.to_string());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        let n_rows = r.u32()? as usize;
        let mut keys = Vec::with_capacity(n_rows.min(bytes.len() / 5));
        let mut entries = Vec::with_capacity((bytes.len() - r.at) / 3);
        for _ in 0..n_rows {
            let k = u64::from(u32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes")));
            let len = r.take(1)?[0] as usize;
            let raw = r.take(len * 3)?;
            let start = entries.len() as u32;
            for c in raw.chunks_exact(3) {
                if c[0] as usize >= n_labels {
                    return Err(WeightsError("row out of range"));
                }
                entries.push(Entry {
                    class: c[0],
                    weight: i16::from_le_bytes([c[1], c[2]]),
                });
            }
            if k == 0 {
                return Err(WeightsError("row out of range"));
            }
            keys.push((k, start, entries.len() as u32));
        }
        if r.at != bytes.len() {
            return Err(WeightsError("trailing bytes"));
        }
        Ok(Weights::from_rows(labels, scale, keys, entries))
    }
}

/// Run-time weights for a model of three classes (the parser's moves), laid out for speed.
///
/// A feature's fingerprint picks one bucket of one cache line: eight 16-bit tags and, beside
/// them, the eight rows of three weights inline. A lookup reads that one line and compares
/// all eight tags at once, with no branch on whether the feature is there: a missing feature
/// adds a row of zeros. A parse looks up some fifty features a move, most of them missing or cold;
/// without branches to mispredict, their cache misses overlap. Buckets are filled to 44% on
/// average (3.5 features in 8 slots); a feature whose bucket is full when it comes is kept only if it outweighs the
/// lightest row there (this drops about 0.3% of the features, the lightest).
#[derive(Clone, Debug)]
pub struct InlineWeights {
    buckets: Vec<Bucket>,
    dropped: usize,
}

/// Slots per bucket.
const WAYS: usize = 8;

/// Eight 16-bit tags side by side (slot j in bits 16j..16j+16; 0 marks an empty slot) and
/// their rows: 16 + 48 bytes, one cache line.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct Bucket {
    tags: u128,
    rows: [[i16; 3]; WAYS],
}

/// The lowest bit of every 16-bit lane.
const LANES_LOW: u128 = 0x0001_0001_0001_0001_0001_0001_0001_0001;

impl Bucket {
    fn tag(&self, j: usize) -> u16 {
        (self.tags >> (16 * j)) as u16
    }
    fn set_tag(&mut self, j: usize, t: u16) {
        self.tags = self.tags & !(0xffff << (16 * j)) | u128::from(t) << (16 * j);
    }
    /// The slot holding tag `t`, found without a branch: lanes equal to `t` become zero, and
    /// the lowest zero lane has its top bit set by the usual word-at-a-time test (higher lanes
    /// may be flagged falsely, never a lower one). `WAYS` when none holds it.
    #[inline]
    fn find(&self, t: u16) -> usize {
        find_tag(self.tags, t)
    }
}

/// The slot of eight 16-bit `tags` holding `t`, `WAYS` when none does (see [`Bucket::find`]).
#[inline]
fn find_tag(tags: u128, t: u16) -> usize {
    let x = tags ^ (LANES_LOW * u128::from(t));
    let zero = x.wrapping_sub(LANES_LOW) & !x & (LANES_LOW << 15);
    (zero.trailing_zeros() / 16) as usize
}

impl InlineWeights {
    /// The same weights, inline; fingerprints that share a bucket and a tag are added up, as
    /// training adds up keys that share a fingerprint.
    pub fn new(w: &Weights) -> InlineWeights {
        assert!(w.labels.len() <= 3, "a model of three classes at most");
        // 3.5 features a bucket of eight on average.
        let n = (w.feature_count() * 2 / 7).max(1);
        let mut buckets = vec![Bucket::default(); n];
        let mut dropped = 0;
        let weight = |row: &[i16; 3]| row.iter().map(|&x| i32::from(x).abs()).sum::<i32>();
        for &(k, start, end) in w.slots.iter().filter(|s| s.0 != 0) {
            let mut row = [0i16; 3];
            for e in &w.entries[start as usize..end as usize] {
                row[usize::from(e.class)] = e.weight;
            }
            let b = &mut buckets[bucket_of(k, n)];
            let t = tag(k);
            if let Some(j) = (0..WAYS).find(|&j| b.tag(j) == t) {
                for (a, x) in b.rows[j].iter_mut().zip(row) {
                    *a = a.saturating_add(x);
                }
            } else if let Some(j) = (0..WAYS).find(|&j| b.tag(j) == 0) {
                b.set_tag(j, t);
                b.rows[j] = row;
            } else {
                dropped += 1;
                let j = (0..WAYS)
                    .min_by_key(|&j| weight(&b.rows[j]))
                    .expect("a full bucket");
                if weight(&b.rows[j]) < weight(&row) {
                    b.set_tag(j, t);
                    b.rows[j] = row;
                }
            }
        }
        InlineWeights { buckets, dropped }
    }

    /// The summed rows of a set of features: the score of each class.
    #[inline]
    pub fn scores(&self, features: &[u64]) -> [i32; 3] {
        let n = self.buckets.len();
        let mut out = [0i32; 3];
        // Every bucket is asked for first, so that their cache misses overlap.
        for &f in features {
            prefetch(&self.buckets[bucket_of(fingerprint(f), n)]);
        }
        for &f in features {
            let fp = fingerprint(f);
            let b = &self.buckets[bucket_of(fp, n)];
            let j = b.find(tag(fp));
            // Whether the feature is there is a coin toss to the branch predictor: select.
            let row = std::hint::select_unpredictable(j < WAYS, b.rows[j & (WAYS - 1)], [0; 3]);
            for (o, &x) in out.iter_mut().zip(&row) {
                *o += i32::from(x);
            }
        }
        out
    }

    /// How many bytes the table takes.
    pub fn size_of(&self) -> usize {
        self.buckets.len() * std::mem::size_of::<Bucket>()
    }

    /// Appends the table (bucket count, dropped count, then each bucket as a byte of which
    /// slots it uses and, for each of those, its tag and row; little-endian). Most slots are
    /// empty, so this is less than half the table's size in memory.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.dropped as u32).to_le_bytes());
        for b in self.buckets.iter() {
            let used = (0..WAYS).filter(|&j| b.tag(j) != 0);
            out.push(used.clone().fold(0u8, |m, j| m | 1 << j));
            for j in used {
                out.extend_from_slice(&b.tag(j).to_le_bytes());
                for x in b.rows[j] {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    }

    /// Reads a table [`InlineWeights::write`] wrote.
    pub(crate) fn read(r: &mut Reader) -> Result<InlineWeights, WeightsError> {
        let n = r.u32()? as usize;
        let dropped = r.u32()? as usize;
        if n == 0 {
            return Err(WeightsError("an empty table"));
        }
        let mut buckets = Vec::with_capacity(n.min(r.left()));
        for _ in 0..n {
            let used = r.take(1)?[0];
            let mut b = Bucket::default();
            for j in (0..WAYS).filter(|&j| used & 1 << j != 0) {
                let raw = r.take(8)?;
                let tag = u16::from_le_bytes([raw[0], raw[1]]);
                if tag == 0 {
                    return Err(WeightsError("an empty slot's tag"));
                }
                b.set_tag(j, tag);
                for (x, c) in b.rows[j].iter_mut().zip(raw[2..].chunks_exact(2)) {
                    *x = i16::from_le_bytes([c[0], c[1]]);
                }
            }
            buckets.push(b);
        }
        Ok(InlineWeights { buckets, dropped })
    }

    /// How many features found their bucket full when the table was built.
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

/// Run-time weights for a model of many classes (the parser's labeller), laid out as
/// [`InlineWeights`] is: a fingerprint picks one 64-byte bucket of eight 16-bit tags, and the
/// tag is found without a branch. Rows are too long to sit inline (up to one weight a class,
/// two on average), so the bucket holds where each starts in `entries` and how long it is; a
/// missing feature reads a row of length zero. All the rows of an arc are located before any
/// is added, so their cache misses overlap. Fuller buckets drop their lightest rows, as
/// [`InlineWeights`] does.
#[derive(Clone, Debug)]
pub struct BucketedWeights {
    buckets: Vec<SpanBucket>,
    entries: Vec<Entry>,
    dropped: usize,
}

/// Eight tags, and the start and length of each tag's row: 16 + 32 + 8 bytes.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct SpanBucket {
    tags: u128,
    starts: [u32; WAYS],
    lens: [u8; WAYS],
}

impl BucketedWeights {
    /// The same weights in buckets; fingerprints that share a bucket and a tag are added up.
    pub fn new(w: &Weights) -> BucketedWeights {
        use std::borrow::Cow;
        let live: Vec<(u32, u32, u32)> = w.slots.iter().filter(|s| s.0 != 0).copied().collect();
        let n = (live.len() * 2 / 7).max(1);
        // The rows grouped by bucket, each bucket's in slot order (a counting sort). Buckets
        // fill independently, so this is what filling them in slot order gives, without a
        // vector for every bucket and row: loading builds the tagger's table this way.
        let mut next = vec![0u32; n + 1];
        for &(k, _, _) in &live {
            next[bucket_of(k, n) + 1] += 1;
        }
        for b in 0..n {
            next[b + 1] += next[b];
        }
        let bounds = next.clone();
        let mut order = vec![0u32; live.len()];
        for (i, &(k, _, _)) in live.iter().enumerate() {
            let b = bucket_of(k, n);
            order[next[b] as usize] = i as u32;
            next[b] += 1;
        }
        let mut dropped = 0;
        let weight = |row: &[Entry]| row.iter().map(|e| i32::from(e.weight).abs()).sum::<i32>();
        let mut entries = Vec::with_capacity(w.entries.len());
        let mut buckets = Vec::with_capacity(n);
        let mut ways: Vec<(u16, Cow<[Entry]>)> = Vec::with_capacity(WAYS);
        for b in 0..n {
            ways.clear();
            for &i in &order[bounds[b] as usize..bounds[b + 1] as usize] {
                let (k, start, end) = live[i as usize];
                let row = &w.entries[start as usize..end as usize];
                let t = tag(k);
                if let Some((_, old)) = ways.iter_mut().find(|(u, _)| *u == t) {
                    let old = old.to_mut();
                    for e in row {
                        match old.iter_mut().find(|o| o.class == e.class) {
                            Some(o) => o.weight = o.weight.saturating_add(e.weight),
                            None => old.push(*e),
                        }
                    }
                    old.sort_by_key(|e| e.class);
                } else if ways.len() < WAYS {
                    ways.push((t, Cow::Borrowed(row)));
                } else {
                    dropped += 1;
                    let (j, lightest) = ways
                        .iter()
                        .enumerate()
                        .map(|(j, (_, r))| (j, weight(r)))
                        .min_by_key(|&(_, x)| x)
                        .expect("a full bucket");
                    if lightest < weight(row) {
                        ways[j] = (t, Cow::Borrowed(row));
                    }
                }
            }
            let mut bucket = SpanBucket::default();
            for (j, (t, row)) in ways.iter().enumerate() {
                bucket.tags |= u128::from(*t) << (16 * j);
                bucket.starts[j] = entries.len() as u32;
                bucket.lens[j] = row.len() as u8;
                entries.extend_from_slice(row);
            }
            buckets.push(bucket);
        }
        BucketedWeights {
            buckets,
            entries,
            dropped,
        }
    }

    /// Scores every class for a set of features.
    #[inline]
    pub fn scores(&self, features: &[u64], scores: &mut [i32]) {
        let n = self.buckets.len();
        let mut spans = [(0u32, 0u32); 64];
        let mut full = [0i32; 256];
        for chunk in features.chunks(64) {
            for &f in chunk {
                prefetch(&self.buckets[bucket_of(fingerprint(f), n)]);
            }
            for (s, &f) in spans.iter_mut().zip(chunk) {
                *s = self.span(fingerprint(f));
                if let Some(e) = self.entries.get(s.0 as usize) {
                    prefetch(e);
                }
            }
            for &(start, end) in &spans[..chunk.len()] {
                for e in &self.entries[start as usize..end as usize] {
                    full[usize::from(e.class)] += i32::from(e.weight);
                }
            }
        }
        scores.copy_from_slice(&full[..scores.len()]);
    }

    /// Where a fingerprint's row starts and ends in `entries` (equal when it has none).
    #[inline]
    fn span(&self, fp: u32) -> (u32, u32) {
        let (start, len) = locate(&self.buckets, fp);
        (start, start + u32::from(len))
    }

    /// How many bytes the table takes.
    pub fn size_of(&self) -> usize {
        self.buckets.len() * std::mem::size_of::<SpanBucket>()
            + self.entries.len() * std::mem::size_of::<Entry>()
    }

    /// Appends the table as it stands (counts, each bucket's tags, row starts and lengths, then
    /// the entries as class and weight, little-endian).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.dropped as u32).to_le_bytes());
        for b in &self.buckets {
            out.extend_from_slice(&b.tags.to_le_bytes());
            for s in b.starts {
                out.extend_from_slice(&s.to_le_bytes());
            }
            out.extend_from_slice(&b.lens);
        }
        for e in &self.entries {
            out.push(e.class);
            out.extend_from_slice(&e.weight.to_le_bytes());
        }
    }

    /// Reads a table [`BucketedWeights::write`] wrote; every row must lie inside the entries.
    pub(crate) fn read(r: &mut Reader) -> Result<BucketedWeights, WeightsError> {
        let n = r.u32()? as usize;
        let n_entries = r.u32()? as usize;
        let dropped = r.u32()? as usize;
        let raw = r.take(n.checked_mul(56).ok_or(WeightsError("truncated"))?)?;
        if n == 0 {
            return Err(WeightsError("an empty table"));
        }
        let (chunks, _) = raw.as_chunks::<56>();
        let mut buckets = Vec::with_capacity(n);
        for c in chunks {
            let mut b = SpanBucket {
                tags: u128::from_le_bytes(c[..16].try_into().expect("16 bytes")),
                ..SpanBucket::default()
            };
            for (s, x) in b.starts.iter_mut().zip(c[16..48].chunks_exact(4)) {
                *s = u32::from_le_bytes(x.try_into().expect("4 bytes"));
            }
            b.lens.copy_from_slice(&c[48..56]);
            let inside = b
                .starts
                .iter()
                .zip(b.lens)
                .all(|(&s, len)| (s as usize).saturating_add(usize::from(len)) <= n_entries);
            if !inside {
                return Err(WeightsError("row out of range"));
            }
            buckets.push(b);
        }
        let raw = r.take(n_entries.checked_mul(3).ok_or(WeightsError("truncated"))?)?;
        let entries = raw
            .chunks_exact(3)
            .map(|c| Entry {
                class: c[0],
                weight: i16::from_le_bytes([c[1], c[2]]),
            })
            .collect();
        Ok(BucketedWeights {
            buckets,
            entries,
            dropped,
        })
    }

    /// How many features found their bucket full when the table was built.
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

/// Run-time weights for a model of a few classes read word by word (the tagger with `C` = 17
/// classes, the recogniser with 13): [`BucketedWeights`]' buckets, with the long rows kept
/// dense. A common feature (the bias, a frequent suffix or neighbour) has a weight for most
/// classes; adding such a row entry by entry, class index and weight, was most of the
/// tagger's time. A dense row is `C` weights added as one run of lanes the compiler
/// vectorises.
#[derive(Clone, Debug)]
pub struct DenseWeights<const C: usize> {
    buckets: Vec<SpanBucket>,
    /// The short rows, as in [`BucketedWeights`].
    entries: Vec<Entry>,
    /// The long rows; a slot whose length is [`DENSE`] holds its index here. Widened to
    /// `i32` when loaded, so adding them is nothing but adds.
    dense: Vec<[i32; C]>,
}

/// The length a slot gives for a dense row (no sparse row is this long: classes are bytes).
const DENSE: u8 = u8::MAX;

/// Rows this long or longer are kept dense.
const DENSE_FROM: usize = 4;

impl<const C: usize> DenseWeights<C> {
    /// The weights of a model of `C` classes; `None` when the model has another number.
    pub fn new(w: &Weights) -> Option<DenseWeights<C>> {
        if w.labels().len() != C {
            return None;
        }
        let table = BucketedWeights::new(w);
        let mut buckets = table.buckets;
        let mut entries = Vec::new();
        let mut dense = Vec::new();
        for b in &mut buckets {
            for j in 0..WAYS {
                let row = &table.entries[b.starts[j] as usize..][..usize::from(b.lens[j])];
                if row.len() >= DENSE_FROM {
                    let mut d = [0; C];
                    for e in row {
                        d[usize::from(e.class)] = i32::from(e.weight);
                    }
                    b.starts[j] = dense.len() as u32;
                    b.lens[j] = DENSE;
                    dense.push(d);
                } else {
                    b.starts[j] = entries.len() as u32;
                    entries.extend_from_slice(row);
                }
            }
        }
        Some(DenseWeights {
            buckets,
            entries,
            dense,
        })
    }

    /// Where a fingerprint's row is: its start and length, [`DENSE`] for a dense row (length 0
    /// when it has none).
    #[inline]
    fn slot(&self, fp: u32) -> (u32, u8) {
        locate(&self.buckets, fp)
    }

    /// Adds a located row into `acc`.
    #[inline]
    fn add_row(&self, (start, len): (u32, u8), acc: &mut [i32; C]) {
        if len == DENSE {
            for (a, &w) in acc.iter_mut().zip(&self.dense[start as usize]) {
                *a += w;
            }
        } else {
            for e in &self.entries[start as usize..][..usize::from(len)] {
                if let Some(a) = acc.get_mut(usize::from(e.class)) {
                    *a += i32::from(e.weight);
                }
            }
        }
    }

    /// Adds the rows of `keys` into `out`, each run of `per` keys into one scores array (one
    /// word's features). Each row is added `BEHIND` keys after its slot is read, so the slot
    /// reads run ahead of the adds that wait on them. (Asking the cache for buckets and rows
    /// ahead made it slower on the benchmark, whose tables stay in cache.)
    pub(crate) fn add_grouped(&self, keys: &[u64], per: usize, out: &mut [[i32; C]]) {
        const BEHIND: usize = 8;
        let mut ring = [(0u32, 0u8); BEHIND];
        for (i, &k) in keys.iter().enumerate() {
            let s = self.slot(fingerprint(k));
            if i >= BEHIND {
                self.add_row(ring[i % BEHIND], &mut out[(i - BEHIND) / per]);
            }
            ring[i % BEHIND] = s;
        }
        for i in keys.len().saturating_sub(BEHIND)..keys.len() {
            self.add_row(ring[i % BEHIND], &mut out[i / per]);
        }
    }

    /// Adds one key's row into `acc`.
    #[inline]
    pub(crate) fn add(&self, key: u64, acc: &mut [i32; C]) {
        self.add_row(self.slot(fingerprint(key)), acc);
    }

    /// The class a sure-answer row gives, if the key has one: a row of one class alone (see
    /// [`Weights::with_answers`]).
    #[inline]
    pub(crate) fn answer(&self, key: u64) -> Option<u8> {
        match self.slot(fingerprint(key)) {
            (start, 1) => self.entries.get(start as usize).map(|e| e.class),
            _ => None,
        }
    }
}

/// Where a fingerprint's row is in a table of [`SpanBucket`]s: the start and length its slot
/// holds (length 0 when the fingerprint has no slot).
#[inline]
fn locate(buckets: &[SpanBucket], fp: u32) -> (u32, u8) {
    let b = &buckets[bucket_of(fp, buckets.len())];
    let j = b.find(tag(fp));
    let k = j & (WAYS - 1);
    // Whether the feature is there is a coin toss to the branch predictor: select.
    let len = std::hint::select_unpredictable(j < WAYS, b.lens[k], 0);
    (b.starts[k], len)
}

impl SpanBucket {
    #[inline]
    fn find(&self, t: u16) -> usize {
        find_tag(self.tags, t)
    }
}

/// Asks the processor to bring `x`'s cache line in. The tables are far larger than the
/// cache, so the rows of one decision are asked for together and their misses overlap.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it reads nothing into the program and never faults,
    // and the pointer comes from a live reference anyway.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (x as *const T).cast(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Which of `n` buckets a fingerprint falls in: the high bits, scaled (Lemire's reduction).
#[inline]
fn bucket_of(fp: u32, n: usize) -> usize {
    ((u64::from(fp) * n as u64) >> 32) as usize
}

/// A fingerprint's tag within its bucket: low bits (the bucket took the high ones), never 0,
/// which marks an empty slot.
#[inline]
fn tag(fp: u32) -> u16 {
    ((fp >> 1) as u16).max(1)
}

/// Reads a byte string front to back; running past its end is an error, not a panic.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    /// How many bytes are left.
    pub(crate) fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// Whether every byte was read.
    pub(crate) fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], WeightsError> {
        let end = self.at.checked_add(n).ok_or(WeightsError("truncated"))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(WeightsError("truncated"))?;
        self.at = end;
        Ok(s)
    }
    pub(crate) fn u32(&mut self) -> Result<u32, WeightsError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
}

/// A small deterministic random generator (xorshift) for shuffling and exploration in training.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_pattern_and_survives_a_round_trip() {
        // Class 1 when feature "a" is present, class 0 when "b" is; "c" is noise.
        let (a, b, c) = (key(1, 1, 0, 0), key(1, 2, 0, 0), key(1, 3, 0, 0));
        let data = [(vec![a, c], 1), (vec![b, c], 0), (vec![a], 1), (vec![b], 0)];
        let mut t = Trainer::new(2);
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                let g = t.predict(f, &[], &mut scores);
                t.update(f, *y, g);
            }
        }
        let w = t.finish(vec!["zero".into(), "one".into()], 0.0);
        let back = Weights::from_bytes(&w.to_bytes()).expect("reads back");
        assert_eq!(back.labels(), ["zero", "one"]);
        let mut s = [0i32; 2];
        for (f, y) in &data {
            back.scores(f, &mut s);
            assert_eq!(best(&s, &[]), *y);
        }
        assert_eq!(back.to_bytes(), w.to_bytes());
    }

    #[test]
    fn inline_rows_score_as_the_table_does() {
        let mut t = Trainer::new(3);
        let mut rng = Rng::new(5);
        let feats: Vec<Vec<u64>> = (0..200)
            .map(|i| {
                (0..4)
                    .map(|j| key(j, rng.below(50) as u64, i % 7, 0))
                    .collect()
            })
            .collect();
        for (i, f) in feats.iter().enumerate() {
            t.update(f, i % 3, (i / 3) % 3);
        }
        let w = t.finish(vec!["a".into(), "b".into(), "c".into()], 0.0);
        let inline = InlineWeights::new(&w);
        let mut s = [0i32; 3];
        for f in &feats {
            w.scores(f, &mut s);
            assert_eq!(inline.scores(f), s);
        }
        assert_eq!(inline.scores(&[key(99, 1, 2, 3)]), [0; 3]);
        // Written as the slots it uses, read back whole; cut short, an error.
        let mut bytes = Vec::new();
        inline.write(&mut bytes);
        assert!(bytes.len() < inline.size_of());
        let back = InlineWeights::read(&mut Reader::new(&bytes)).expect("reads back");
        for f in &feats {
            assert_eq!(back.scores(f), inline.scores(f));
        }
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(again, bytes);
        for cut in 0..bytes.len() {
            assert!(InlineWeights::read(&mut Reader::new(&bytes[..cut])).is_err());
        }
    }

    #[test]
    fn bucketed_rows_score_as_the_table_does() {
        let classes = 40;
        let mut t = Trainer::new(classes);
        let mut rng = Rng::new(9);
        let feats: Vec<Vec<u64>> = (0..60)
            .map(|i| {
                (0..2)
                    .map(|j| key(j, rng.below(20) as u64, i % 3, 0))
                    .collect()
            })
            .collect();
        for (i, f) in feats.iter().enumerate() {
            t.update(f, i % classes, (i * 7 + 3) % classes);
        }
        let labels = (0..classes).map(|c| c.to_string()).collect();
        let w = t.finish(labels, 0.0);
        let bucketed = BucketedWeights::new(&w);
        assert_eq!(bucketed.dropped(), 0);
        let (mut a, mut b) = (vec![0i32; classes], vec![0i32; classes]);
        for f in &feats {
            w.scores(f, &mut a);
            bucketed.scores(f, &mut b);
            assert_eq!(a, b);
        }
        bucketed.scores(&[key(99, 1, 2, 3)], &mut b);
        assert!(b.iter().all(|&x| x == 0));
    }

    #[test]
    fn damaged_weights_are_an_error_not_a_panic() {
        let mut t = Trainer::new(2);
        t.update(&[key(1, 1, 0, 0)], 1, 0);
        let bytes = t.finish(vec!["a".into(), "b".into()], 0.0).to_bytes();
        for cut in 0..bytes.len() {
            assert!(Weights::from_bytes(&bytes[..cut]).is_err());
        }
        assert!(Weights::from_bytes(b"garbage!").is_err());
    }
}
