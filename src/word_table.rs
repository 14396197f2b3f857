//! Word-keyed tables and their hasher, below both `text` and `ontology` (which re-exports them):
//! the text stages own their word lists without reaching up into the vocabulary.
//!
//! A fast, deterministic hasher for the word tables: eight bytes at a time, multiply and
//! rotate (as rustc's FxHasher does). The tables are keyed by short lowercase words looked up
//! for every token; SipHash's DoS resistance buys nothing here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Word-at-a-time hashing of the bytes written.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // Mix the high bits down: hashbrown takes its control bytes from the top seven bits.
        self.0 ^ (self.0 >> 29)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy into a buffer would call memcpy for every short word.
            let last = rest
                .iter()
                .rev()
                .fold(rest.len() as u64, |acc, &b| (acc << 8) | u64::from(b));
            self.add(last);
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
}

/// A hash map with the fast hasher, for keys that are not looked up per token (names, facts).
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A hash set with the fast hasher.
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<WordHasher>>;
/// A map keyed by words.
pub type WordMap<V> = WordTable<V>;
/// A set of words.
pub type WordSet = WordTable<()>;

/// Bits in a table's filter.
const FILTER_BITS: usize = 1 << 14;

/// A word table: an open-addressing table from lowercase words, with a small bit filter in
/// front. Most tokens are in none of the ontology's tables, and the filter answers "no" for
/// them from a few bytes of the word, without hashing or comparing it. Words of up to 16
/// bytes (nearly all) sit in the slots as two integers, so a lookup compares two words of
/// memory instead of calling memcmp; longer ones go to an ordinary map.
#[derive(Clone)]
pub struct WordTable<V> {
    /// Power-of-two many slots (or none), at most half full.
    slots: Vec<Slot>,
    /// Words longer than a slot holds: their value's index.
    long: HashMap<String, u32, BuildHasherDefault<WordHasher>>,
    /// Words and values in insertion order.
    words: Vec<String>,
    values: Vec<V>,
    filter: Box<[u64]>,
}

/// A word of up to 16 bytes, zero-padded into two integers, with its length (0: empty slot)
/// and its value's index.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: [u64; 2],
    len: u32,
    value: u32,
}

/// The longest word kept in a slot.
const SLOT_BYTES: usize = 16;

/// `b` (at most eight bytes) as a little-endian integer, zero-padded.
/// Two overlapping loads instead of a loop over the bytes: the bytes they share are equal, so
/// OR-ing the second load in at its offset gives the same integer.
#[inline]
fn pack(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
    match n {
        8 => u64::from_le_bytes(b.try_into().expect("eight bytes")),
        4..=7 => u32_at(0) | (u32_at(n - 4) << ((n - 4) * 8)),
        2..=3 => u16_at(0) | (u16_at(n - 2) << ((n - 2) * 8)),
        1 => u64::from(b[0]),
        _ => 0,
    }
}

/// A short word's slot key.
#[inline]
fn slot_key(b: &[u8]) -> [u64; 2] {
    if b.len() <= 8 {
        [pack(b), 0]
    } else {
        [pack(&b[..8]), pack(&b[8..])]
    }
}

#[inline]
fn slot_hash(key: [u64; 2], len: usize) -> u64 {
    let h = (key[0] ^ (len as u64)).wrapping_mul(SEED).rotate_left(29) ^ key[1];
    h.wrapping_mul(SEED) ^ (h >> 32)
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            slots: Vec::new(),
            long: HashMap::default(),
            words: Vec::new(),
            values: Vec::new(),
            filter: vec![0; FILTER_BITS / 64].into_boxed_slice(),
        }
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for WordTable<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// The filter bit of a word: from its length and first, second and last bytes.
#[inline]
fn filter_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let x = (n as u32)
        ^ (u32::from(b[0]) << 4)
        ^ (u32::from(b[n / 2]) << 9)
        ^ (u32::from(b[n - 1]) << 14);
    (x.wrapping_mul(0x9e37_79b1) >> 18) as usize % FILTER_BITS
}

impl<V> WordTable<V> {
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let bit = filter_bit(word);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The index of a word's value.
    #[inline]
    fn find(&self, word: &str) -> Option<usize> {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > SLOT_BYTES {
            return self.long.get(word).map(|&v| v as usize);
        }
        if self.slots.is_empty() {
            return None;
        }
        let key = slot_key(b);
        let mask = self.slots.len() - 1;
        let mut i = slot_hash(key, b.len()) as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return None;
            }
            if slot.len as usize == b.len() && slot.key == key {
                return Some(slot.value as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts a short word's value index in its slot, growing the table to stay half empty.
    fn place(&mut self, word: &[u8], value: u32) {
        if (self.words.len() + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(64);
            let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
            for slot in old.into_iter().filter(|s| s.len != 0) {
                self.put(slot);
            }
        }
        self.put(Slot {
            key: slot_key(word),
            len: word.len() as u32,
            value,
        });
    }

    fn put(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = slot_hash(slot.key, slot.len as usize) as usize & mask;
        while self.slots[i].len != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    /// The value of a word.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.may_hold(word) {
            return None;
        }
        self.find(word).map(|i| &self.values[i])
    }

    /// Whether the table holds a word.
    #[inline]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// Adds a word (replacing its value).
    pub fn insert(&mut self, word: String, value: V) -> Option<V> {
        if let Some(i) = self.find(&word) {
            return Some(std::mem::replace(&mut self.values[i], value));
        }
        self.add(word, value);
        None
    }

    /// The value of a word, adding `make()` first if the word is new.
    pub fn get_or_insert_with(&mut self, word: String, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&word) {
            Some(i) => i,
            None => self.add(word, make()),
        };
        &mut self.values[i]
    }

    /// Adds a word that is not in the table; returns its value's index.
    fn add(&mut self, word: String, value: V) -> usize {
        let bit = filter_bit(&word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let index = self.values.len();
        let index32 = u32::try_from(index).expect("fewer than 4 billion words");
        if word.is_empty() || word.len() > SLOT_BYTES {
            self.long.insert(word.clone(), index32);
        } else {
            self.place(word.as_bytes(), index32);
        }
        self.words.push(word);
        self.values.push(value);
        index
    }

    /// Removes every word.
    pub fn clear(&mut self) {
        self.slots.clear();
        self.long.clear();
        self.words.clear();
        self.values.clear();
        self.filter.fill(0);
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The words and values, in the order they were first added.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.words.iter().zip(&self.values)
    }
}

impl WordTable<()> {
    /// Whether the set holds a word.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.contains_key(word)
    }
}

impl Extend<String> for WordTable<()> {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w, ());
        }
    }
}

impl FromIterator<String> for WordTable<()> {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = WordTable::default();
        set.extend(words);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_never_hides_a_word() {
        let mut t: WordTable<usize> = WordTable::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x{}", i * 7)).collect();
        for (i, w) in words.iter().enumerate() {
            t.insert(w.clone(), i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(&i));
        }
        assert_eq!(t.get("absent"), None);
        assert_eq!(t.get(""), None);
        t.clear();
        assert!(t.is_empty() && t.get(&words[0]).is_none());
    }

    #[test]
    fn packing_matches_a_byte_loop() {
        for n in 0..=8 {
            let b: Vec<u8> = (1..=n as u8).map(|x| x.wrapping_mul(37)).collect();
            let slow = b.iter().rev().fold(0, |acc, &x| (acc << 8) | u64::from(x));
            assert_eq!(pack(&b), slow, "{n} bytes");
        }
    }

    #[test]
    fn words_of_every_length_are_kept_apart() {
        let mut t: WordTable<usize> = WordTable::default();
        // Lengths 0 to 40 cross both integers of a slot and the long-word map; words that
        // differ only after byte 8 or 16, or only by a trailing zero-like byte, stay apart.
        let mut words: Vec<String> = (0..=40).map(|n| "a".repeat(n)).collect();
        words.extend((0..=40).map(|n| format!("{}b", "a".repeat(n))));
        words.extend(
            [
                "abcdefgh",
                "abcdefgi",
                "abcdefghijklmnop",
                "abcdefghijklmnoq",
            ]
            .map(String::from),
        );
        words.extend(["abcdefghijklmnopq", "naïve", "café", "ünïcödé-wörds-här"].map(String::from));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.insert(w.clone(), i), None, "{w:?}");
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(&i), "{w:?}");
        }
        assert_eq!(t.len(), words.len());
        let at = |w: &str| words.iter().position(|x| x == w).unwrap();
        assert_eq!(t.insert("abcdefgh".into(), 7), Some(at("abcdefgh")));
        assert_eq!(t.get("abcdefgh"), Some(&7));
        *t.get_or_insert_with("café".into(), || 0) += 1;
        *t.get_or_insert_with("new".into(), || 100) += 1;
        assert_eq!(t.get("new"), Some(&101));
        assert_eq!(t.get("café"), Some(&(at("café") + 1)));
        assert_eq!(t.get("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), None);
        let order: Vec<&String> = t.iter().map(|(w, _)| w).collect();
        assert_eq!(
            order[..3],
            [&words[0], &words[1], &words[2]],
            "insertion order"
        );
    }
}
