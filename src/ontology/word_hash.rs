//! A fast, deterministic hasher for the word tables (FNV-1a). The tables are keyed by short
//! lowercase words looked up for every token; SipHash's DoS resistance buys nothing here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the bytes written.
#[derive(Clone, Copy, Debug)]
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map keyed by words.
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
/// A set of words.
pub type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;
