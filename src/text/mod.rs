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
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str()) || FINAL_ABBREVIATIONS.contains(&lower.as_str())
}
