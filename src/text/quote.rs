//! Quotations: spans of quoted speech, found per paragraph so that a quote may run over
//! several sentences.

use super::sentence::Sentence;
use super::token::{Token, TokenKind};

/// A quotation: the token range of its words (without the marks) and the marks themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Index of the opening mark.
    pub open: usize,
    /// Index of the closing mark (or one past the last token of the paragraph when unclosed).
    pub close: usize,
    /// Whether the closing mark was found.
    pub closed: bool,
}

impl Quote {
    /// Token indices of the quoted words.
    pub fn inner(&self) -> std::ops::Range<usize> {
        self.open + 1..self.close
    }

    /// Number of word tokens inside.
    pub fn word_count(&self, tokens: &[Token]) -> usize {
        tokens[self.inner()]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    }
}

/// Finds the quotations of each paragraph. An opening mark without a closing one runs to the
/// paragraph's end.
pub fn find_quotes(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Single quotations nest ('Doing it is a 'moving target,' he said'); double ones do not:
    // an opening double mark inside a double quotation means the first was never closed.
    let mut depth = 0;
    let single = |i: usize| matches!(tokens[i].span.slice(text), "'" | "\u{2018}" | "\u{2019}");
    for (i, t) in tokens.iter().enumerate() {
        // Single marks pair only with single marks, and not inside a double quotation.
        if t.is_quote() && open.is_some_and(|o| single(o) != single(i)) {
            continue;
        }
        let para = sentences[t.sentence].paragraph;
        if let Some(o) = open {
            if sentences[tokens[o].sentence].paragraph != para {
                out.push(Quote {
                    open: o,
                    close: i,
                    closed: false,
                });
                open = None;
                depth = 0;
            }
        }
        match (t.kind, open) {
            (TokenKind::OpenQuote, None) => open = Some(i),
            (TokenKind::OpenQuote, Some(o)) if single(o) => depth += 1,
            (TokenKind::CloseQuote, Some(_)) if depth > 0 => depth -= 1,
            (TokenKind::CloseQuote, Some(o)) => {
                out.push(Quote {
                    open: o,
                    close: i,
                    closed: true,
                });
                open = None;
            }
            (TokenKind::OpenQuote, Some(o)) => {
                // Two openings in a row: the first quote was never closed.
                out.push(Quote {
                    open: o,
                    close: i,
                    closed: false,
                });
                open = Some(i);
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push(Quote {
            open: o,
            close: tokens.len(),
            closed: false,
        });
    }
    out
}

/// For each token, whether it lies inside a quotation of at least `min_words` words.
pub fn quoted_mask(tokens: &[Token], quotes: &[Quote], min_words: usize) -> Vec<bool> {
    let mut mask = vec![false; tokens.len()];
    for q in quotes.iter().filter(|q| q.word_count(tokens) >= min_words) {
        for m in &mut mask[q.inner()] {
            *m = true;
        }
    }
    mask
}
