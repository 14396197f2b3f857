//! A unigram part-of-speech tagger trained on UD English EWT and GUM (see
//! `scripts/train_pos_lexicon.py`; the lexicon is CC BY-SA 4.0, credited in the README).
//! It is deliberately simple: it separates verbs from nouns for claim and topic boundaries,
//! and tells a sentence-initial common word ("Recently") from a name.

use super::token::{Token, TokenKind};
use crate::ontology::WordMap;

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

/// The tagger: a word lexicon and suffix statistics.
#[derive(Clone, Debug)]
pub struct Tagger {
    words: WordMap<Entry>,
    suffixes: WordMap<Pos>,
}

impl Tagger {
    /// The embedded tagger.
    pub fn embedded() -> Tagger {
        let mut words = WordMap::default();
        let mut suffixes = WordMap::default();
        for line in LEXICON.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(w), Some(tag), Some(count), Some(propn)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let pos = Pos::from_ud(tag);
            if let Some(suffix) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
                suffixes.insert(suffix.to_string(), pos);
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
        Tagger { words, suffixes }
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

    fn guess(&self, lower: &str) -> Pos {
        if lower.contains('-') {
            return Pos::Adj;
        }
        for n in [4, 3, 2] {
            if lower.len() > n + 2 && lower.is_char_boundary(lower.len() - n) {
                if let Some(&p) = self.suffixes.get(&lower[lower.len() - n..]) {
                    return p;
                }
            }
        }
        Pos::Noun
    }

    /// Tags tokens in place. `text` is the document the spans point into.
    pub fn tag(&self, text: &str, tokens: &mut [Token]) {
        let mut prev_sentence = usize::MAX;
        let mut prev_kind = TokenKind::Punct;
        let mut prev_pos = Pos::Punct;
        let mut prev_to = false;
        for t in tokens.iter_mut() {
            let initial = t.sentence != prev_sentence
                || matches!(prev_kind, TokenKind::OpenQuote)
                || after_colon(text, t.span.start);
            prev_sentence = t.sentence;
            prev_kind = t.kind;
            t.pos = match t.kind {
                TokenKind::Number => Pos::Num,
                TokenKind::Possessive => Pos::Part,
                TokenKind::Punct | TokenKind::OpenQuote | TokenKind::CloseQuote => Pos::Punct,
                TokenKind::Word if t.capitalized && is_acronym(t.span.slice(text)) => Pos::Propn,
                TokenKind::Word => {
                    let cap = t.is_capitalized();
                    match self.words.get(t.lower.as_str()) {
                        Some(e) if cap && !initial && e.propn * 5 > e.count => Pos::Propn,
                        Some(e) if cap && initial && e.propn * 2 > e.count => Pos::Propn,
                        Some(e) => e.pos,
                        None if cap => Pos::Propn,
                        // An unknown word after "will", "can", "to" is a verb.
                        None if prev_pos == Pos::Aux || prev_to => Pos::Verb,
                        None => self.guess(&t.lower),
                    }
                }
            };
            prev_pos = t.pos;
            prev_to = t.lower == "to";
        }
    }
}

/// Whether the text before byte `start` ends with a colon, whitespace aside: a byte scan back
/// over ASCII spaces, and the general rule only when another character comes first.
fn after_colon(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    let mut k = start;
    while k > 0 {
        match b[k - 1] {
            b':' => return true,
            b'\t'..=b'\r' | b' ' => k -= 1,
            c if c < 0x80 => return false,
            _ => return text[..k].trim_end().ends_with(':'),
        }
    }
    false
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
    use crate::text::{sentence::split_sentences, token::tokenize};

    #[test]
    fn colon_before_a_token_is_found_past_any_whitespace() {
        for (text, want) in [
            ("Note: Ana", true),
            ("Note:\u{a0} \u{3000}Ana", true),
            ("Note:\n\tAna", true),
            ("café Ana", false),
            ("Note Ana", false),
            ("Ana", false),
        ] {
            let start = text.rfind("Ana").unwrap();
            assert_eq!(after_colon(text, start), want, "{text:?}");
            assert_eq!(text[..start].trim_end().ends_with(':'), want, "{text:?}");
        }
    }

    #[test]
    fn acronyms_are_told_the_same_way_for_ascii_and_other_text() {
        for w in [
            "AI", "U.S.", "GPT-4", "A", "A1", "Ai", "aI", "X-1", "SK", "4", "", "ÉTÉ",
        ] {
            assert_eq!(is_acronym(w), is_acronym_by_chars(w), "{w:?}");
        }
    }

    #[test]
    fn tags_common_words_and_names() {
        let text = "Recently, Qiu Xipeng said the model will accelerate research.";
        let mut toks = tokenize(text, &split_sentences(text));
        Tagger::embedded().tag(text, &mut toks);
        let tags: Vec<Pos> = toks.iter().map(|t| t.pos).collect();
        assert_eq!(tags[0], Pos::Adv);
        assert_eq!(tags[2], Pos::Propn);
        assert_eq!(tags[3], Pos::Propn);
        assert_eq!(tags[4], Pos::Verb);
        assert_eq!(tags[7], Pos::Aux);
        assert_eq!(tags[8], Pos::Verb);
        assert_eq!(tags[9], Pos::Noun);
    }
}
