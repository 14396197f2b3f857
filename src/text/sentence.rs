//! Sentence splitting that survives abbreviations, initials, decimals, ellipses, quotes and
//! headlines without a full stop.

use super::{ABBREVIATIONS, FINAL_ABBREVIATIONS};
use crate::span::Span;

/// A sentence: its span and the paragraph (line block) it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span, trimmed of surrounding whitespace.
    pub span: Span,
    /// Index of the paragraph: a line, or lines joined because the next began in lower case.
    pub paragraph: usize,
}

/// Words that start a sentence after an abbreviation that may end one ("Inc. The company").
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "There",
    "As",
    "For",
    "After",
    "Before",
    "While",
    "When",
    "If",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Meanwhile",
];

/// Splits `text` into sentences. Total: any input gives spans on char boundaries.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut block_start = 0;
    // Lines: a newline ends a paragraph unless the next line continues in lower case.
    loop {
        let line_end = memchr_newline(bytes, line_start).unwrap_or(bytes.len());
        let next = line_end + 1;
        let continues = next < bytes.len() && {
            let rest = &text[next..];
            let first = rest.chars().next();
            first.is_some_and(|c| c.is_lowercase())
        };
        if line_end >= bytes.len() || !continues {
            let block = Span::new(block_start, line_end.min(bytes.len()));
            if !text[block.start..block.end].trim().is_empty() {
                split_block(text, block, paragraph, &mut out);
                paragraph += 1;
            }
            block_start = next.min(bytes.len());
        }
        if line_end >= bytes.len() {
            break;
        }
        line_start = next;
    }
    out
}

fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|p| p + from)
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{300d}'
    )
}

fn split_block(text: &str, block: Span, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &text[block.start..block.end];
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        let i = next;
        // Most bytes are ASCII and no terminator: skip them without decoding a character.
        let b = bytes[i];
        if b < 0x80 && !matches!(b, b'.' | b'!' | b'?') {
            next += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        next = i + c.len_utf8();
        if !matches!(
            c,
            '.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{ff01}' | '\u{ff1f}'
        ) {
            continue;
        }
        // Extend over repeated terminators and closing quotes/brackets.
        let mut end = next;
        while let Some(d) = s[end..].chars().next() {
            if matches!(d, '.' | '!' | '?' | '\u{2026}') || is_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        next = end;
        let cjk = matches!(c, '\u{3002}' | '\u{ff01}' | '\u{ff1f}');
        let rest = &s[end..];
        let after = rest.trim_start();
        if !cjk && (after.len() == rest.len() || after.is_empty()) {
            continue; // no space after: "1.5", "U.S.-based", or the block's end
        }
        let next_char = after.chars().next();
        let opens = next_char.is_some_and(|n| {
            n.is_uppercase()
                || n.is_numeric()
                || matches!(
                    n,
                    '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[' | '*' | '-'
                )
                || !n.is_ascii() && !n.is_alphabetic()
        });
        if !cjk && !opens {
            continue;
        }
        if c == '.' && end == i + 1 && !is_boundary_after_period(&s[..i], after) {
            continue;
        }
        push(text, block.start + start, block.start + end, paragraph, out);
        start = end;
    }
    push(text, block.start + start, block.end, paragraph, out);
}

/// Decides whether a lone full stop after `before` ends the sentence, given the text `after` it.
fn is_boundary_after_period(before: &str, after: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // An initial: "J. K. Rowling".
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    let initialism = word.len() >= 3
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    if FINAL_ABBREVIATIONS.contains(&lower.as_str()) || initialism {
        let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        // "… Corbel Analytics Inc. Whitfield estimates …": a name then a lower-case word.
        let rest = after[next_word.len()..].trim_start();
        let then_lower = rest.chars().next().is_some_and(char::is_lowercase);
        let capital = next_word.chars().next().is_some_and(char::is_uppercase);
        if STARTERS.contains(&next_word.as_str()) {
            return true;
        }
        // "Judge J.H. Berman refused": initials after a capitalised word and before a name are
        // a person's ("in the U.S. Berman said" has a lower-case word before).
        let titled = before[..word_start]
            .trim_end_matches(' ')
            .rsplit(' ')
            .next()
            .is_some_and(|w| {
                w.len() > 1
                    && w.starts_with(char::is_uppercase)
                    && (w.chars().last().is_some_and(char::is_alphabetic)
                        || ABBREVIATIONS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
            });
        // (A place's initials end sentences as before: "in Washington D.C. Marsh said".)
        let place = FINAL_ABBREVIATIONS.contains(&lower.as_str())
            || matches!(
                lower.trim_end_matches('.'),
                "d.c"
                    | "n.y"
                    | "l.a"
                    | "n.j"
                    | "s.c"
                    | "n.c"
                    | "n.m"
                    | "n.d"
                    | "s.d"
                    | "r.i"
                    | "n.h"
            );
        if initialism && titled && capital && !place && word.len() <= 6 {
            return false;
        }
        return capital && then_lower && next_word.len() > 1;
    }
    true
}

/// Sentences longer than this (in bytes) are cut at a space: no real sentence is this long,
/// and the cap keeps every later sentence-bounded scan linear in the text's size.
pub const MAX_SENTENCE_BYTES: usize = 4096;

fn push(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let mut s = start + lead;
    let e = s + trimmed.len();
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[s..cut];
        let at = window
            .rfind(char::is_whitespace)
            .filter(|&p| p > 0)
            .map_or(cut, |p| s + p);
        out.push(Sentence {
            span: Span::new(s, at),
            paragraph,
        });
        s = at;
        while s < e && text[s..].starts_with(char::is_whitespace) {
            s += text[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if s < e {
        out.push(Sentence {
            span: Span::new(s, e),
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| s.span.slice(t)).collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        assert_eq!(
            texts("Dr. Li met Prof. Wang of Acme Inc. in the U.S. on Friday. It cost 1.5 billion. J. K. Rowling was there."),
            vec![
                "Dr. Li met Prof. Wang of Acme Inc. in the U.S. on Friday.",
                "It cost 1.5 billion.",
                "J. K. Rowling was there."
            ]
        );
    }

    #[test]
    fn initials_after_a_capitalised_word_are_a_name() {
        assert_eq!(
            texts("Circuit Judge K.L. Marsh refused. Then Mr. G.K. Tandon spoke. It is in the U.S. Marsh said so. He flew to Washington D.C. Marsh said so."),
            vec![
                "Circuit Judge K.L. Marsh refused.",
                "Then Mr. G.K. Tandon spoke.",
                "It is in the U.S.",
                "Marsh said so.",
                "He flew to Washington D.C.",
                "Marsh said so."
            ]
        );
    }

    #[test]
    fn final_abbreviation_before_a_starter_splits() {
        assert_eq!(
            texts("They sold it to Cobalt Inc. The company agreed."),
            vec!["They sold it to Cobalt Inc.", "The company agreed."]
        );
    }

    #[test]
    fn headlines_and_quotes() {
        let t =
            "Big model launched\n\n\"It works. It is fast,\" she said. No. 1 is next... Then more!";
        assert_eq!(
            texts(t),
            vec![
                "Big model launched",
                "\"It works.",
                "It is fast,\" she said.",
                "No. 1 is next...",
                "Then more!"
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_and_paragraphs_count() {
        let t = "One line that\ncontinues here. Two.\nNew paragraph";
        let s = split_sentences(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].span.slice(t), "One line that\ncontinues here.");
        assert_eq!((s[1].paragraph, s[2].paragraph), (0, 1));
    }

    #[test]
    fn overlong_sentences_are_cut_at_spaces() {
        let t = "word ".repeat(3000);
        let s = split_sentences(&t);
        assert!(s.len() >= 3);
        assert!(s
            .iter()
            .all(|x| x.span.end - x.span.start <= MAX_SENTENCE_BYTES));
        assert!(s.iter().all(|x| !x.span.slice(&t).starts_with(' ')));
    }

    #[test]
    fn non_ascii_spans_slice() {
        let t = "Qiu said “好。” Then — café… Done.";
        for s in split_sentences(t) {
            let _ = s.span.slice(t);
        }
    }
}
