//! What the models read of a word, computed once per token: hashes of its normalised form,
//! affixes and shape, and the capitalisation pattern of its sentence.

use super::perceptron::avalanche;
#[cfg(test)]
use super::perceptron::hash_str;

/// How a sentence is capitalised: headlines in Title Case and all-caps datelines read
/// differently from running text, so every model sees this as a feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    /// Ordinary running text.
    Normal,
    /// Most longer words capitalised (a headline, or a sentence full of names).
    Title,
    /// Letters all upper case.
    Upper,
    /// Starting in lower case: text whose writer does not capitalise (web posts), where a
    /// lower-case word may still be a name.
    Lower,
}

/// One word as the models see it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Word {
    /// Lowercase form with digits as 0.
    pub norm: u64,
    /// Last three characters of the lowercase form.
    pub suffix3: u64,
    /// Last two characters.
    pub suffix2: u64,
    /// First three characters.
    pub prefix3: u64,
    /// Shape: X for upper, x for lower, d for digit, runs cut at two ("Xxx", "XX-d").
    pub shape: u64,
    /// First letter upper case.
    pub capitalized: bool,
    /// Cannot start a name in running text: letters all lower case ("model"), or no letter or
    /// digit at all (",", "—").
    pub plain: bool,
    /// Hints from the vocabulary (gazetteer, titles, head words), as bits; 0 when none.
    pub hints: u64,
}

/// Reads the words of one sentence.
pub fn read_words(forms: &[&str]) -> (Vec<Word>, Casing) {
    let words = forms.iter().map(|f| read_word(f)).collect();
    (words, casing(forms))
}

/// The sentence's capitalisation pattern.
pub fn casing(forms: &[&str]) -> Casing {
    let (mut letters, mut upper_letters, mut long, mut long_capital) = (0, 0, 0, 0);
    for f in forms {
        // Most words are ASCII: count on the bytes.
        if f.is_ascii() {
            let b = f.as_bytes();
            let mut alphabetic = 0;
            for &c in b {
                alphabetic += usize::from(c.is_ascii_alphabetic());
                upper_letters += usize::from(c.is_ascii_uppercase());
            }
            letters += alphabetic;
            if b.len() > 3 && alphabetic == b.len() {
                long += 1;
                long_capital += usize::from(b[0].is_ascii_uppercase());
            }
            continue;
        }
        let mut chars = f.chars();
        let first = chars.next();
        for c in f.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper_letters += usize::from(c.is_uppercase());
        }
        if f.chars().count() > 3 && f.chars().all(char::is_alphabetic) {
            long += 1;
            long_capital += usize::from(first.is_some_and(char::is_uppercase));
        }
    }
    let first_word = forms
        .iter()
        .find(|f| f.chars().next().is_some_and(char::is_alphabetic));
    if first_word.is_some_and(|f| f.chars().next().is_some_and(char::is_lowercase)) {
        return Casing::Lower;
    }
    if letters >= 8 && upper_letters * 10 >= letters * 9 {
        Casing::Upper
    } else if long >= 3 && long_capital * 10 >= long * 7 {
        Casing::Title
    } else {
        Casing::Normal
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

#[inline]
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// Whether a sentence is a headline in Title Case: every word of four letters or more
/// capitalised ("April Mendes joined Orvane Technologies" is not one; "Mendes Joins Orvane" is).
pub fn is_headline<'a>(forms: impl IntoIterator<Item = &'a str>) -> bool {
    let mut long = 0;
    for f in forms {
        // Fewer than four bytes is fewer than four characters: most words stop here.
        if f.len() <= 3 || f.chars().count() <= 3 || !f.chars().all(char::is_alphabetic) {
            continue;
        }
        // One long word in lower case settles it: most sentences stop at their first.
        if !f.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        long += 1;
    }
    long >= 3
}

pub(crate) fn read_word(form: &str) -> Word {
    if form.is_ascii() {
        read_ascii_word(form.as_bytes())
    } else {
        read_any_word(form)
    }
}

/// [`read_word`] for any word, character by character. One pass over the characters, no
/// allocation: the normalised form and the shape are hashed as they are produced (equal to
/// `perceptron::hash_str` of the strings they spell), and the last three and first three
/// normalised characters are kept for the affixes.
fn read_any_word(form: &str) -> Word {
    let mut norm = FNV_OFFSET;
    let mut shape = FNV_OFFSET;
    let (mut last, mut run) = ('\0', 0);
    let mut tail = [0u8; 12];
    let mut tail_len = 0usize;
    let mut tail_chars = [0usize; 3];
    let mut n_chars = 0usize;
    let mut head = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in form.chars() {
        for l in c.to_lowercase() {
            let l = if l.is_ascii_digit() { '0' } else { l };
            let b = l.encode_utf8(&mut buf).as_bytes();
            norm = fnv(norm, b);
            if n_chars < 3 {
                head = fnv(head, b);
            }
            // Keep the last three characters' bytes.
            if tail_chars[0] > 0 && n_chars >= 3 {
                let drop = tail_chars[0];
                tail.copy_within(drop..tail_len, 0);
                tail_len -= drop;
                tail_chars = [tail_chars[1], tail_chars[2], 0];
            }
            tail[tail_len..tail_len + b.len()].copy_from_slice(b);
            tail_len += b.len();
            tail_chars[n_chars.min(2)] = b.len();
            n_chars += 1;
        }
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 2 {
            shape = fnv(shape, s.encode_utf8(&mut buf).as_bytes());
        }
    }
    let suffix3 = &tail[..tail_len];
    let suffix2 = &tail[tail_chars[0].min(tail_len)..tail_len];
    let suffix2 = if n_chars >= 3 {
        suffix2
    } else {
        suffix3_tail2(suffix3, n_chars, tail_chars)
    };
    Word {
        norm: avalanche(norm),
        suffix3: avalanche(fnv(FNV_OFFSET, suffix3)),
        suffix2: avalanche(fnv(FNV_OFFSET, suffix2)),
        prefix3: avalanche(head),
        shape: avalanche(shape),
        capitalized: form.chars().next().is_some_and(char::is_uppercase),
        plain: !form.is_empty()
            && (form.chars().all(char::is_lowercase) || !form.chars().any(char::is_alphanumeric)),
        hints: 0,
    }
}

/// [`read_word`] for a word in ASCII (most words of English news), on its bytes: the same
/// hashes, a third of the work.
fn read_ascii_word(b: &[u8]) -> Word {
    let normal = |c: u8| {
        if c.is_ascii_digit() {
            b'0'
        } else {
            c.to_ascii_lowercase()
        }
    };
    let (mut norm, mut shape) = (FNV_OFFSET, FNV_OFFSET);
    let (mut last, mut run) = (0u8, 0);
    for &c in b {
        norm = (norm ^ u64::from(normal(c))).wrapping_mul(FNV_PRIME);
        let s = if c.is_ascii_uppercase() {
            b'X'
        } else if c.is_ascii_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 2 {
            shape = (shape ^ u64::from(s)).wrapping_mul(FNV_PRIME);
        }
    }
    let affix = |part: &[u8]| {
        avalanche(part.iter().fold(FNV_OFFSET, |h, &c| {
            (h ^ u64::from(normal(c))).wrapping_mul(FNV_PRIME)
        }))
    };
    let n = b.len();
    Word {
        norm: avalanche(norm),
        suffix3: affix(&b[n.saturating_sub(3)..]),
        suffix2: affix(&b[n.saturating_sub(2)..]),
        prefix3: affix(&b[..n.min(3)]),
        shape: avalanche(shape),
        capitalized: b.first().is_some_and(u8::is_ascii_uppercase),
        plain: n > 0
            && (b.iter().all(u8::is_ascii_lowercase) || !b.iter().any(u8::is_ascii_alphanumeric)),
        hints: 0,
    }
}

/// The last two characters of a word of fewer than three characters.
fn suffix3_tail2(all: &[u8], n_chars: usize, widths: [usize; 3]) -> &[u8] {
    if n_chars <= 2 {
        all
    } else {
        &all[widths[0]..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_and_datelines_are_told_from_running_text() {
        assert_eq!(
            casing(&["Mira", "Tanaka", "Joins", "Harlow", "Labs", "As", "Chief"]),
            Casing::Title
        );
        assert_eq!(
            casing(&["Mira", "Tanaka", "joined", "the", "company", "last", "week"]),
            Casing::Normal
        );
        assert_eq!(
            casing(&["SEOUL", ",", "MARCH", "3", "(", "REUTERS", ")"]),
            Casing::Upper
        );
        assert_eq!(
            casing(&["\"", "where", "is", "tampa", "bay", "?"]),
            Casing::Lower
        );
        assert!(is_headline(["Mira", "Tanaka", "Joins", "Harlow", "Labs"]));
        assert!(!is_headline([
            "April",
            "Mendes",
            "joined",
            "Orvane",
            "Technologies",
            "in",
            "May"
        ]));
    }

    /// The ASCII path reads every word as the character path does.
    #[test]
    fn ascii_words_read_as_any_words() {
        for form in [
            "Microsoft",
            "a",
            "ab",
            "abc",
            "x1-Y",
            "",
            "\0\0a",
            "GPT-4o",
            "U.S.",
            "don't",
            "1999",
            "--",
            "Q3",
            "McDONALD",
            "e.g.",
            "AAAbbb111",
            ",",
            "$",
            "3.5%",
        ] {
            let (a, c) = (read_ascii_word(form.as_bytes()), read_any_word(form));
            assert_eq!(
                (a.norm, a.suffix3, a.suffix2, a.prefix3, a.shape),
                (c.norm, c.suffix3, c.suffix2, c.prefix3, c.shape),
                "{form}"
            );
            assert_eq!((a.capitalized, a.plain), (c.capitalized, c.plain), "{form}");
        }
    }

    #[test]
    fn shapes_affixes_and_digits_generalise() {
        let (w, _) = read_words(&["Microsoft", "GPT-4", "2017", "1999", "é"]);
        assert_eq!(w[0].shape, hash_str("Xxx"));
        assert_eq!(w[1].shape, hash_str("XX-d"));
        assert_eq!(w[2].norm, w[3].norm);
        assert_eq!(w[0].suffix3, hash_str("oft"));
        assert_eq!(w[4].suffix3, hash_str("é"));
        assert!(w[0].capitalized && !w[2].capitalized);
    }

    /// The one-pass hashing equals hashing the strings it spells.
    #[test]
    fn one_pass_hashes_equal_the_strings() {
        for form in [
            "Microsoft",
            "a",
            "ab",
            "abc",
            "ÉtÉ",
            "x1-Y",
            "Straße",
            "İstanbul",
            "日本語",
            "",
            "\0\0a",
            "GPT-4o",
            "U.S.",
            "don't",
            "1999",
            "--",
            "Q3",
        ] {
            let w = read_word(form);
            let norm: String = form
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect();
            let chars: Vec<char> = norm.chars().collect();
            let tail = |n: usize| {
                chars[chars.len().saturating_sub(n)..]
                    .iter()
                    .collect::<String>()
            };
            let head: String = chars.iter().take(3).collect();
            assert_eq!(w.norm, hash_str(&norm), "{form}");
            assert_eq!(w.suffix3, hash_str(&tail(3)), "{form}");
            assert_eq!(w.suffix2, hash_str(&tail(2)), "{form}");
            assert_eq!(w.prefix3, hash_str(&head), "{form}");
        }
    }
}
