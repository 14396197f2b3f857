//! Text stages: sentences, tokens, part-of-speech tags.

pub mod pos;
pub mod quote;
pub mod sentence;
pub mod token;

/// Abbreviations whose full stop never ends a sentence (titles, "e.g.", "No.").
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "no", "gen", "rep",
    "sen", "gov", "rev", "hon", "fig", "approx", "dept", "univ", "mt", "ft", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est", "cf", "al", "op", "vol",
    "pp", "capt", "col", "lt", "sgt", "cmdr", "adm", "pres", "supt",
];

/// Abbreviations that may also end a sentence ("... Cobalt Lane Inc. The company ...").
pub(crate) const FINAL_ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "llc", "plc", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "etc",
];

/// Whether `word` (without its final full stop) is a known abbreviation.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    is_abbreviation_bytes(word.as_bytes())
}

/// [`is_abbreviation`] on bytes, lowering into a stack buffer: no list entry is longer than
/// six bytes, so longer words are not looked up at all.
pub(crate) fn is_abbreviation_bytes(word: &[u8]) -> bool {
    const LONGEST: usize = 6;
    if word.len() > LONGEST {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let lower = &*lower;
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
        || FINAL_ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}
