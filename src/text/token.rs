//! Unicode-aware tokenization: words (hyphenated words, abbreviations and model names like
//! "GPT-4" stay whole), possessive 's, numbers, quotes with their direction, CJK characters.

use super::pos::Pos;
use super::sentence::Sentence;
use super::{is_abbreviation, is_abbreviation_bytes};
use crate::ontology::dep::Dep;
use crate::span::Span;
use compact_str::CompactString;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, dots or apostrophes inside.
    Word,
    /// Digits, possibly with separators.
    Number,
    /// The possessive marker 's or ’s.
    Possessive,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// Any other punctuation.
    Punct,
}

/// A token: its span, kind, lowercase form, sentence and part of speech.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the document.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// The lowercase form, with curly apostrophes straightened (inline up to 24 bytes, so
    /// tokenizing allocates nothing per word).
    pub lower: CompactString,
    /// Index of its sentence.
    pub sentence: usize,
    /// Part of speech (filled by the tagger).
    pub pos: Pos,
    /// Capitalised, computed once here because every later stage asks.
    pub capitalized: bool,
    /// The token this one depends on (a document token index), or [`NO_HEAD`] for the root of
    /// its sentence (filled by the parser).
    pub head: u32,
    /// The dependency relation to the head.
    pub deprel: Dep,
    /// Universal part of speech (a class of `model::tagger::UPOS`, filled by the tagger).
    pub upos: u8,
    /// The name recogniser's BILOU class (0 = outside any name; see `model::ner`).
    pub ner: u8,
}

/// [`Token::head`] of a sentence's root.
pub const NO_HEAD: u32 = u32::MAX;

/// Each sentence's run of tokens: the sentence index and the token range (sentences without
/// tokens are skipped).
pub fn sentence_ranges(
    tokens: &[Token],
) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = tokens.get(start)?;
        let end = start
            + tokens[start..]
                .iter()
                .take_while(|t| t.sentence == first.sentence)
                .count();
        let range = start..end;
        start = end;
        Some((first.sentence, range))
    })
}

/// Whether a word starts with an upper-case letter, or has inner capitals ("xAI").
fn capitalized(kind: TokenKind, s: &str) -> bool {
    if kind != TokenKind::Word {
        return false;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => chars.any(|c| c.is_uppercase()),
        Some(c) if c.is_numeric() => s.chars().any(|c| c.is_uppercase()),
        _ => false,
    }
}

impl Token {
    /// Whether the token starts with an upper-case letter, or is a word with inner capitals ("xAI")
    /// (computed when tokenizing).
    pub fn is_capitalized(&self) -> bool {
        self.capitalized
    }

    /// Whether the token is a quotation mark.
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::OpenQuote | TokenKind::CloseQuote)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !is_cjk(c)
}

/// Tokenizes each sentence of `text`.
pub fn tokenize(text: &str, sentences: &[Sentence]) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        tokenize_span(text, s.span, si, &mut chars, &mut out);
    }
    out
}

fn tokenize_span(
    text: &str,
    span: Span,
    sentence: usize,
    chars: &mut Vec<(usize, char)>,
    out: &mut Vec<Token>,
) {
    let s = &text[span.start..span.end];
    // Most sentences are ASCII: their own byte loop, with no table of offsets to build.
    if s.is_ascii() {
        tokenize_ascii(s, span.start, sentence, out);
    } else {
        tokenize_chars(text, span, sentence, chars, out);
    }
}

/// Tokenizes any sentence, character by character (the reference for [`tokenize_ascii`]).
fn tokenize_chars(
    text: &str,
    span: Span,
    sentence: usize,
    chars: &mut Vec<(usize, char)>,
    out: &mut Vec<Token>,
) {
    let s = &text[span.start..span.end];
    chars.clear();
    chars.extend(s.char_indices());
    let chars = &*chars;
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let off = |k: usize| chars.get(k).map_or(s.len(), |&(i, _)| i);
    let mut k = 0;
    while k < n {
        let Some(c) = at(k) else { break };
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        let kind;
        if is_word_char(c) {
            let mut j = k + 1;
            loop {
                match at(j) {
                    Some(d) if is_word_char(d) => j += 1,
                    // Inner hyphens, dots, commas in numbers, apostrophes: keep the word whole.
                    Some(d @ ('-' | '.' | '\'' | '\u{2019}' | ',' | '&' | '/'))
                        if at(j + 1).is_some_and(is_word_char) =>
                    {
                        let next = at(j + 1).unwrap_or(' ');
                        let prev_digit = at(j - 1).is_some_and(|p| p.is_numeric());
                        let possessive = matches!(d, '\'' | '\u{2019}')
                            && matches!(next, 's' | 'S')
                            && !at(j + 2).is_some_and(is_word_char);
                        // "NEWSMAKER-DeepSeek": a capitalised kicker glued to a name. Two
                        // capitalised halves are one name ("ITAR-TASS").
                        let kicker = d == '-'
                            && next.is_uppercase()
                            && s[off(k)..off(j)]
                                .chars()
                                .filter(|c| c.is_uppercase())
                                .count()
                                >= 4
                            && s[off(k)..off(j)].chars().all(|c| c.is_uppercase())
                            && s[off(j + 1)..]
                                .chars()
                                .take_while(|&c| is_word_char(c))
                                .any(char::is_lowercase);
                        if possessive
                            || kicker
                            || (d == ',' && !(prev_digit && next.is_numeric()))
                            || (d == '/' && !(prev_digit && next.is_numeric()))
                            || (d == '&' && !(at(j - 1).is_some_and(char::is_uppercase)))
                        {
                            break;
                        }
                        j += 2;
                    }
                    _ => break,
                }
            }
            // "O 'Brien": an Irish surname as tokenised text writes it (spaced before its
            // apostrophe) is one word.
            // (After a capitalised name only: not "Vitamin D 'Cuts Risk'" in a headline.)
            let after_name = k >= 2 && at(k - 1) == Some(' ') && {
                let mut p = k - 2;
                while p > 0 && at(p - 1).is_some_and(is_word_char) {
                    p -= 1;
                }
                at(p).is_some_and(char::is_uppercase) && at(k - 2).is_some_and(char::is_lowercase)
            };
            if j == k + 1
                && after_name
                && matches!(c, 'O' | 'D')
                && at(j) == Some(' ')
                && matches!(at(j + 1), Some('\'' | '\u{2019}'))
                && at(j + 2).is_some_and(char::is_uppercase)
            {
                let mut e = j + 3;
                while at(e).is_some_and(is_word_char) {
                    e += 1;
                }
                // (Not a quotation that closes later: "Vitamin D 'Cuts Risk'".)
                let closes = (e..n).any(|q| {
                    matches!(at(q), Some('\'' | '\u{2019}'))
                        && !at(q + 1).is_some_and(char::is_alphanumeric)
                });
                if !closes {
                    j = e;
                }
            }
            // A full stop that belongs to an abbreviation or initial ("Dr.", "U.S.", "J.").
            let word = &s[off(k)..off(j)];
            if at(j) == Some('.')
                && (is_abbreviation(word)
                    || word.contains('.')
                    || (word.chars().count() == 1 && c.is_uppercase()))
            {
                j += 1;
            }
            kind = if word
                .chars()
                .all(|ch| ch.is_numeric() || ch == ',' || ch == '.')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            k = j;
        } else if matches!(c, '\'' | '\u{2019}')
            && matches!(at(k + 1), Some('s' | 'S'))
            && !at(k + 2).is_some_and(is_word_char)
            && k > 0
            && at(k - 1).is_some_and(|p| !p.is_whitespace())
        {
            kind = TokenKind::Possessive;
            k += 2;
        } else if c == '"' {
            let prev_space =
                k == 0 || at(k - 1).is_some_and(|p| p.is_whitespace() || "([{-—–".contains(p));
            let next_space = at(k + 1).is_none_or(|p| p.is_whitespace() || ",.;:!?)".contains(p));
            kind = if prev_space && !next_space {
                TokenKind::OpenQuote
            } else if next_space || !prev_space {
                TokenKind::CloseQuote
            } else {
                TokenKind::OpenQuote
            };
            k += 1;
        } else if matches!(c, '\'' | '\u{2018}' | '\u{2019}') {
            // Single quotation marks: opening before a word, closing after one.
            let prev_space =
                k == 0 || at(k - 1).is_some_and(|p| p.is_whitespace() || "([{-—–\"“".contains(p));
            let next_word = at(k + 1).is_some_and(|p| p.is_alphanumeric());
            let next_space =
                at(k + 1).is_none_or(|p| p.is_whitespace() || ",.;:!?)\"”".contains(p));
            // "Kestrel Dynamics' Hannah", "Pellam Systems' chatbot": a plural possessive.
            let word_start = (0..k)
                .rev()
                .find(|&p| !at(p).is_some_and(is_word_char))
                .map_or(0, |p| p + 1);
            let capitalized_word = at(word_start).is_some_and(char::is_uppercase);
            let plural_possessive = c == '\''
                && k > 0
                && at(k - 1) == Some('s')
                && at(k + 1).is_some_and(char::is_whitespace)
                && (at(k + 2).is_some_and(char::is_uppercase) || capitalized_word);
            kind = if plural_possessive {
                TokenKind::Possessive
            } else if prev_space && next_word {
                TokenKind::OpenQuote
            } else if next_space && !prev_space {
                TokenKind::CloseQuote
            } else {
                TokenKind::Punct
            };
            k += 1;
        } else if matches!(c, '\u{201c}' | '\u{300c}' | '\u{00ab}') {
            kind = TokenKind::OpenQuote;
            k += 1;
        } else if matches!(c, '\u{201d}' | '\u{300d}' | '\u{00bb}') {
            kind = TokenKind::CloseQuote;
            k += 1;
        } else if c == '.' && at(k + 1) == Some('.') {
            let mut j = k;
            while at(j) == Some('.') {
                j += 1;
            }
            kind = TokenKind::Punct;
            k = j;
        } else {
            kind = if is_cjk(c) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            k += 1;
        }
        let sp = Span::new(span.start + off(start), span.start + off(k));
        let raw = sp.slice(text);
        out.push(Token {
            span: sp,
            kind,
            // Every possessive reads "'s", the plural "Dynamics' " included.
            lower: if kind == TokenKind::Possessive {
                CompactString::const_new("'s")
            } else {
                lower(raw)
            },
            sentence,
            pos: Pos::Other,
            capitalized: capitalized(kind, raw),
            head: NO_HEAD,
            deprel: Dep::Unparsed,
            upos: 0,
            ner: 0,
        });
    }
}

const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const UPPER: u8 = 4;
const DIGIT: u8 = 8;

/// Byte classes for [`tokenize_ascii`]: one load instead of a chain of range tests.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        // Whitespace as `char::is_whitespace` sees it: tab to carriage return, and space.
        if matches!(c, b'\t'..=b'\r' | b' ') {
            t[b] |= SPACE;
        }
        if c.is_ascii_alphanumeric() {
            t[b] |= ALNUM;
        }
        if c.is_ascii_uppercase() {
            t[b] |= UPPER;
        }
        if c.is_ascii_digit() {
            t[b] |= DIGIT;
        }
        b += 1;
    }
    t
};

#[inline]
fn is_space(b: u8) -> bool {
    CLASS[b as usize] & SPACE != 0
}

#[inline]
fn is_alnum(b: u8) -> bool {
    CLASS[b as usize] & ALNUM != 0
}

#[inline]
fn is_upper(b: u8) -> bool {
    CLASS[b as usize] & UPPER != 0
}

/// [`tokenize_chars`] for an ASCII sentence, on its bytes: the same decisions, in the same
/// order, without decoding characters or building an offset table (most of the text).
fn tokenize_ascii(text: &str, base: usize, sentence: usize, out: &mut Vec<Token>) {
    let s = text.as_bytes();
    let n = s.len();
    let at = |k: usize| s.get(k).copied();
    let word = |k: usize| s.get(k).is_some_and(|&b| is_alnum(b));
    let mut k = 0;
    while k < n {
        let c = s[k];
        if is_space(c) {
            k += 1;
            continue;
        }
        let start = k;
        let kind;
        if is_alnum(c) {
            let mut j = k + 1;
            loop {
                match at(j) {
                    Some(d) if is_alnum(d) => j += 1,
                    Some(d @ (b'-' | b'.' | b'\'' | b',' | b'&' | b'/')) if word(j + 1) => {
                        let next = s[j + 1];
                        let prev_digit = s[j - 1].is_ascii_digit();
                        let possessive = d == b'\'' && matches!(next, b's' | b'S') && !word(j + 2);
                        let kicker = d == b'-'
                            && next.is_ascii_uppercase()
                            && s[k..j].iter().all(|&b| is_upper(b))
                            && j - k >= 4
                            && s[j + 1..]
                                .iter()
                                .take_while(|&&b| is_alnum(b))
                                .any(u8::is_ascii_lowercase);
                        if possessive
                            || kicker
                            || (d == b',' && !(prev_digit && next.is_ascii_digit()))
                            || (d == b'/' && !(prev_digit && next.is_ascii_digit()))
                            || (d == b'&' && !s[j - 1].is_ascii_uppercase())
                        {
                            break;
                        }
                        j += 2;
                    }
                    _ => break,
                }
            }
            let after_name = k >= 2 && s[k - 1] == b' ' && {
                let mut p = k - 2;
                while p > 0 && word(p - 1) {
                    p -= 1;
                }
                s[p].is_ascii_uppercase() && s[k - 2].is_ascii_lowercase()
            };
            if j == k + 1
                && after_name
                && matches!(c, b'O' | b'D')
                && at(j) == Some(b' ')
                && at(j + 1) == Some(b'\'')
                && at(j + 2).is_some_and(|b| b.is_ascii_uppercase())
            {
                let mut e = j + 3;
                while word(e) {
                    e += 1;
                }
                let closes = (e..n).any(|q| s[q] == b'\'' && !word(q + 1));
                if !closes {
                    j = e;
                }
            }
            let w = &s[k..j];
            if at(j) == Some(b'.')
                && (w.contains(&b'.')
                    || (w.len() == 1 && c.is_ascii_uppercase())
                    || is_abbreviation_bytes(w))
            {
                j += 1;
            }
            kind = if w
                .iter()
                .all(|&b| b.is_ascii_digit() || b == b',' || b == b'.')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            k = j;
        } else if c == b'\''
            && matches!(at(k + 1), Some(b's' | b'S'))
            && !word(k + 2)
            && k > 0
            && !is_space(s[k - 1])
        {
            kind = TokenKind::Possessive;
            k += 2;
        } else if c == b'"' {
            let prev_space = k == 0 || is_space(s[k - 1]) || b"([{-".contains(&s[k - 1]);
            let next_space = at(k + 1).is_none_or(|p| is_space(p) || b",.;:!?)".contains(&p));
            kind = if prev_space && !next_space {
                TokenKind::OpenQuote
            } else if next_space || !prev_space {
                TokenKind::CloseQuote
            } else {
                TokenKind::OpenQuote
            };
            k += 1;
        } else if c == b'\'' {
            let prev_space = k == 0 || is_space(s[k - 1]) || b"([{-\"".contains(&s[k - 1]);
            let next_word = word(k + 1);
            let next_space = at(k + 1).is_none_or(|p| is_space(p) || b",.;:!?)\"".contains(&p));
            let word_start = (0..k).rev().find(|&p| !word(p)).map_or(0, |p| p + 1);
            let capitalized_word = s[word_start].is_ascii_uppercase();
            let plural_possessive = k > 0
                && s[k - 1] == b's'
                && at(k + 1).is_some_and(is_space)
                && (at(k + 2).is_some_and(|b| b.is_ascii_uppercase()) || capitalized_word);
            kind = if plural_possessive {
                TokenKind::Possessive
            } else if prev_space && next_word {
                TokenKind::OpenQuote
            } else if next_space && !prev_space {
                TokenKind::CloseQuote
            } else {
                TokenKind::Punct
            };
            k += 1;
        } else if c == b'.' && at(k + 1) == Some(b'.') {
            while at(k) == Some(b'.') {
                k += 1;
            }
            kind = TokenKind::Punct;
        } else {
            kind = TokenKind::Punct;
            k += 1;
        }
        let raw = &s[start..k];
        let (lower, capitalized) = if kind == TokenKind::Possessive {
            (CompactString::const_new("'s"), false)
        } else {
            // One scan for capitals serves both: most tokens have none and are copied as they are.
            let upper = raw.iter().any(|&b| is_upper(b));
            let mut lower = CompactString::from(&text[start..k]);
            if upper {
                lower.make_ascii_lowercase();
                if raw.contains(&b' ') {
                    lower.retain(|c| c != ' '); // "O 'Brien" reads as "o'brien"
                }
            }
            (lower, kind == TokenKind::Word && upper)
        };
        out.push(Token {
            span: Span::new(base + start, base + k),
            kind,
            lower,
            sentence,
            pos: Pos::Other,
            capitalized,
            head: NO_HEAD,
            deprel: Dep::Unparsed,
            upos: 0,
            ner: 0,
        });
    }
}

fn lower(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut out = CompactString::from(s);
        out.make_ascii_lowercase();
        out.retain(|c| c != ' '); // "O 'Brien" reads as "o'brien"
        return out;
    }
    s.chars()
        .filter(|&c| c != ' ')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentence::split_sentences;

    fn toks(t: &str) -> Vec<(&str, TokenKind)> {
        let s = split_sentences(t);
        tokenize(t, &s)
            .into_iter()
            .map(|k| (k.span.slice(t), k.kind))
            .collect()
    }

    /// Both paths over one ASCII sentence.
    fn both_paths(s: &str) -> (Vec<Token>, Vec<Token>) {
        let span = Span::new(0, s.len());
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        tokenize_ascii(s, 0, 0, &mut fast);
        tokenize_chars(s, span, 0, &mut Vec::new(), &mut reference);
        (fast, reference)
    }

    #[test]
    fn a_surname_tokenised_before_its_apostrophe_is_one_word() {
        let t = "said James O 'Brien and Tom D \u{2019}Amato, not O 'brien.";
        let words: Vec<&str> = toks(t).into_iter().map(|(w, _)| w).collect();
        assert!(words.contains(&"O 'Brien"), "{words:?}");
        assert!(words.contains(&"D \u{2019}Amato"), "{words:?}");
        assert!(!words.contains(&"O 'brien"), "{words:?}");
        let s = split_sentences(t);
        let lower: Vec<String> = tokenize(t, &s)
            .iter()
            .map(|k| k.lower.to_string())
            .collect();
        assert!(lower.contains(&"o'brien".to_string()), "{lower:?}");
        // Not a quotation opening after a letter, nor after a lower-case word.
        for t in ["Vitamin D 'Cuts Cancer Risk'", "the O 'Brien"] {
            let words: Vec<&str> = toks(t).into_iter().map(|(w, _)| w).collect();
            assert!(!words.iter().any(|w| w.contains(' ')), "{words:?}");
        }
    }

    #[test]
    fn the_ascii_path_agrees_with_the_character_path() {
        // The example articles, sentence by sentence, then random strings built from the
        // characters every rule looks at (a small LCG keeps the run the same each time).
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut cases: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                for s in split_sentences(&text) {
                    let s = s.span.slice(&text);
                    if s.is_ascii() {
                        cases.push(s.to_string());
                    }
                }
            }
        }
        assert!(cases.len() > 50, "the examples should give sentences");
        let alphabet = b"aAsSzZ09 .,'\"-&/([{)!?;:\t\nDrMrIncUSO";
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let len = (state >> 59) as usize + 1;
            let mut s = String::new();
            for _ in 0..len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(alphabet[(state >> 33) as usize % alphabet.len()] as char);
            }
            cases.push(s);
        }
        cases.extend(
            [
                "NEWSMAKER-DeepSeek rises",
                "AB-CD",
                "Dr. J. Smith's",
                "U.S. firms' shares",
                "Kestrel Dynamics' Hannah",
                "dogs' toys",
                "'quoted' words",
                "1,500.5 and 3/4",
                "R&D at AT&T",
                "e.g. this... or that..",
                "rock'n'roll",
                "x'S",
                "'s",
                "a's",
                "James O 'Brien said",
                "Vitamin D 'Cuts Cancer Risk'",
                "Tom O 'Brien's 'x",
                "D 'Amato",
                "O 'brien",
                "O '",
                "TO 'X",
            ]
            .map(String::from),
        );
        for s in &cases {
            let (fast, reference) = both_paths(s);
            assert_eq!(fast, reference, "{s:?}");
        }
    }

    #[test]
    fn words_keep_hyphens_and_abbreviations() {
        let t = "Dr. Li's large-scale GPT-4 cost $1,500.5 in the U.S. today.";
        let words: Vec<&str> = toks(t).into_iter().map(|(w, _)| w).collect();
        assert_eq!(
            words,
            vec![
                "Dr.",
                "Li",
                "'s",
                "large-scale",
                "GPT-4",
                "cost",
                "$",
                "1,500.5",
                "in",
                "the",
                "U.S.",
                "today",
                "."
            ]
        );
    }

    #[test]
    fn a_kicker_is_cut_from_a_name_but_two_capitalised_halves_are_one() {
        fn words(t: &str) -> Vec<&str> {
            toks(t).into_iter().map(|(w, _)| w).collect()
        }
        assert_eq!(words("NEWSMAKER-Orvel"), vec!["NEWSMAKER", "-", "Orvel"]);
        assert_eq!(words("NOVA-PRESS said"), vec!["NOVA-PRESS", "said"]);
        assert_eq!(words("ÉLAN-NORD said"), vec!["ÉLAN-NORD", "said"]);
    }

    #[test]
    fn quotes_have_directions() {
        let t = "\"Yes,\" he said. “No” she said.";
        let kinds: Vec<TokenKind> = toks(t).into_iter().map(|(_, k)| k).collect();
        assert_eq!(kinds[0], TokenKind::OpenQuote);
        assert_eq!(kinds[3], TokenKind::CloseQuote);
        assert!(kinds.contains(&TokenKind::OpenQuote));
    }

    #[test]
    fn cjk_characters_are_tokens_and_spans_slice() {
        let t = "复旦大学 released MOSS’s weights — café.";
        for (w, _) in toks(t) {
            assert!(!w.is_empty());
        }
        assert_eq!(toks("复旦")[0].0, "复");
        assert_eq!(toks("MOSS’s")[1], ("’s", TokenKind::Possessive));
    }
}
