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

/// A word table: a hash map from lowercase words, with a small bit filter in front. Most tokens
/// are in none of the ontology's tables, and the filter answers "no" for them from a few bytes
/// of the word, without hashing or comparing it.
#[derive(Clone)]
pub struct WordTable<V> {
    map: HashMap<String, V, BuildHasherDefault<WordHasher>>,
    filter: Box<[u64]>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            map: HashMap::default(),
            filter: vec![0; FILTER_BITS / 64].into_boxed_slice(),
        }
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for WordTable<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.map.iter()).finish()
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

    /// The value of a word.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        if !self.may_hold(word) {
            return None;
        }
        self.map.get(word)
    }

    /// Whether the table holds a word.
    #[inline]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// Adds a word (replacing its value).
    pub fn insert(&mut self, word: String, value: V) -> Option<V> {
        let bit = filter_bit(&word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.map.insert(word, value)
    }

    /// The value of a word, adding `make()` first if the word is new.
    pub fn get_or_insert_with(&mut self, word: String, make: impl FnOnce() -> V) -> &mut V {
        let bit = filter_bit(&word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.map.entry(word).or_insert_with(make)
    }

    /// Removes every word.
    pub fn clear(&mut self) {
        self.map.clear();
        self.filter.fill(0);
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The words and values, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.map.iter()
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
}
