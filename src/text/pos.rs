//! Part-of-speech tags, and a unigram lexicon built from UD English EWT and GUM (see
//! `scripts/train_pos_lexicon.py`; the lexicon is CC BY-SA 4.0, credited in the README). The
//! tags come from `model::tagger`, which reads context; the lexicon tells a common word
//! ("Recently") from a name and gives the models a frequency hint.

use crate::word_table::WordMap;

const LEXICON: &str = include_str!("../data/pos_lexicon.tsv");

/// Universal part-of-speech tags (the subset kgx distinguishes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    /// Common noun.
    Noun,
    /// Proper noun.
    Propn,
    /// Verb.
    Verb,
    /// Auxiliary.
    Aux,
    /// Adjective.
    Adj,
    /// Adverb.
    Adv,
    /// Determiner.
    Det,
    /// Adposition.
    Adp,
    /// Pronoun.
    Pron,
    /// Coordinating conjunction.
    Cconj,
    /// Subordinating conjunction.
    Sconj,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Punctuation.
    Punct,
    /// Anything else.
    Other,
}

impl Pos {
    /// The tag for a UD UPOS name (INTJ, SYM, X and unknown names are `Other`).
    pub fn from_ud(tag: &str) -> Pos {
        match tag {
            "NOUN" => Pos::Noun,
            "PROPN" => Pos::Propn,
            "VERB" => Pos::Verb,
            "AUX" => Pos::Aux,
            "ADJ" => Pos::Adj,
            "ADV" => Pos::Adv,
            "DET" => Pos::Det,
            "ADP" => Pos::Adp,
            "PRON" => Pos::Pron,
            "CCONJ" => Pos::Cconj,
            "SCONJ" => Pos::Sconj,
            "NUM" => Pos::Num,
            "PART" => Pos::Part,
            "PUNCT" => Pos::Punct,
            _ => Pos::Other,
        }
    }

    /// Whether the tag can sit inside a noun phrase before its head.
    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num)
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    pos: Pos,
    count: u32,
    propn: u32,
}

impl Entry {
    /// Seen often, rarely as a proper noun.
    fn is_common(&self) -> bool {
        self.count >= 3 && (self.propn as f32) < 0.3 * self.count as f32
    }
}

/// The lexicon: each word's most frequent tag, how often it was seen, and how often as a
/// proper noun. (Tagging in context is `model::tagger`'s; this answers "is this a common
/// word" and gives the models a frequency hint.)
#[derive(Clone, Debug)]
pub struct Tagger {
    words: WordMap<Entry>,
}

impl Tagger {
    /// The embedded tagger.
    pub fn embedded() -> Tagger {
        let mut words = WordMap::default();
        for line in LEXICON.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(w), Some(tag), Some(count), Some(propn)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let pos = Pos::from_ud(tag);
            // Suffix statistics ("-tion") guessed tags for unseen words before the tagger
            // read context; they are not words.
            if w.len() > 1 && w.starts_with('-') {
                continue;
            }
            words.insert(
                w.to_string(),
                Entry {
                    pos,
                    count: count.parse().unwrap_or(0),
                    propn: propn.parse().unwrap_or(0),
                },
            );
        }
        Tagger { words }
    }

    /// The embedded lexicon, read once per process and shared.
    pub fn shared() -> &'static Tagger {
        static LEXICON: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        LEXICON.get_or_init(Tagger::embedded)
    }

    /// Whether a lowercase word is a common (non-name) word of English: seen often, rarely as a
    /// proper noun.
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.words.get(lower).is_some_and(Entry::is_common)
    }

    /// The lexicon's tag of a lowercase word, and whether it is a common word, in one lookup.
    pub fn lexical_info(&self, lower: &str) -> (Option<Pos>, bool) {
        match self.words.get(lower) {
            Some(e) => (Some(e.pos), Entry::is_common(e)),
            None => (None, false),
        }
    }

    /// How often the lexicon saw a lowercase word, and how often as a proper noun (0, 0 when
    /// unseen).
    pub fn counts(&self, lower: &str) -> (u32, u32) {
        self.words.get(lower).map_or((0, 0), |e| (e.count, e.propn))
    }

    /// The lexicon's tag of a lowercase word, if it knows the word.
    pub fn lexical_pos(&self, lower: &str) -> Option<Pos> {
        self.words.get(lower).map(|e| e.pos)
    }
}

/// Whether a word is an acronym: two or more letters, all upper case ("AI", "CEO", "U.S.").
pub fn is_acronym(word: &str) -> bool {
    if word.is_ascii() {
        // Letters must be upper case, so counting upper-case bytes counts the letters; the
        // first lower-case byte ends the scan.
        let b = word.as_bytes();
        return b
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
            && b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    }
    is_acronym_by_chars(word)
}

/// [`is_acronym`] for any text, character by character (the reference for the byte scan).
fn is_acronym_by_chars(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_told_the_same_way_for_ascii_and_other_text() {
        for w in [
            "AI", "U.S.", "GPT-4", "A", "A1", "Ai", "aI", "X-1", "SK", "4", "", "ÉTÉ",
        ] {
            assert_eq!(is_acronym(w), is_acronym_by_chars(w), "{w:?}");
        }
    }
}
