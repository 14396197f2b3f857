//! The vocabulary: classes, properties and the lexical cues the extractor reads, loaded from the
//! Turtle files under `ontology/` (embedded at compile time).

pub mod dep;
mod load;
pub mod pattern;
pub mod vocab;

// The word tables live below the vocabulary (text/ uses them too); re-exported for its readers.
pub use crate::word_table::{FastMap, FastSet, WordMap, WordSet};

pub use vocab::{Class, Predicate};

use pattern::NodeKind;
use std::collections::BTreeMap;

/// The embedded ontology Turtle.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/kgx.ttl");
/// The embedded gazetteer Turtle.
pub const GAZETTEER_TTL: &str = include_str!("../../ontology/gazetteer.ttl");

/// A declared class.
#[derive(Clone, Debug, Default)]
pub struct ClassInfo {
    /// rdfs:label.
    pub label: String,
    /// rdfs:comment.
    pub comment: String,
}

/// A declared property.
#[derive(Clone, Debug, Default)]
pub struct PropertyInfo {
    /// rdfs:label.
    pub label: String,
    /// rdfs:comment.
    pub comment: String,
    /// Example sentences and the facts they must give.
    pub examples: Vec<Example>,
}

/// An example from the ontology: a sentence and the fact kgx must extract from it.
#[derive(Clone, Debug)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Subject label.
    pub subject: String,
    /// The predicate.
    pub predicate: Predicate,
    /// Object label (or, for holdsView, a word of the claim).
    pub object: String,
}

/// A multi-token cue phrase, lowercase.
pub type Phrase = Vec<String>;

/// A cue phrase of a predicate, strong or weak (`true`: needs a that-clause).
pub type CueEntry = (Predicate, bool, Phrase);

/// The longest cue of `p` among `entries` whose words match `word_at(0)`, `word_at(1)`, ….
pub fn longest_cue<'w>(
    entries: &[CueEntry],
    p: Predicate,
    weak: bool,
    word_at: impl Fn(usize) -> Option<&'w str>,
) -> Option<usize> {
    entries
        .iter()
        .filter(|(q, w, c)| {
            *q == p
                && *w == weak
                && c.iter()
                    .enumerate()
                    .all(|(k, a)| word_at(k) == Some(a.as_str()))
        })
        .map(|(_, _, c)| c.len())
        .max()
}

/// The loaded vocabulary, with lookup tables built once.
#[derive(Clone, Debug, Default)]
pub struct Ontology {
    /// Declared classes.
    pub classes: BTreeMap<Class, ClassInfo>,
    /// Declared properties.
    pub properties: BTreeMap<Predicate, PropertyInfo>,
    /// Lowercase head word → class (the most specific class wins ties by declaration priority).
    pub head_words: WordMap<Class>,
    /// Lowercase anaphor noun ("company") → class.
    pub anaphors: WordMap<Class>,
    /// Lowercase titles written before names.
    pub titles: WordSet,
    /// Role nouns, as phrases.
    pub role_cues: Vec<Phrase>,
    /// Single words allowed inside a role phrase.
    pub role_words: WordSet,
    /// The last word of every role cue ("officer" of "chief executive officer").
    pub role_heads: WordSet,
    /// Role nouns that make the holder a leader.
    pub lead_roles: Vec<Phrase>,
    /// Cue phrases per predicate (strong cues).
    pub cues: BTreeMap<Predicate, Vec<Phrase>>,
    /// Weak cue phrases per predicate (need a that-clause).
    pub weak_cues: BTreeMap<Predicate, Vec<Phrase>>,
    /// Dependency patterns per predicate, in the ontology's order.
    pub patterns: BTreeMap<Predicate, Vec<pattern::Pattern>>,
    /// Each extraction rule's confidence: its precision on annotated news
    /// (`kgx:ruleConfidence`, made by `scripts/calibrate.py`).
    pub rule_confidence: BTreeMap<String, f32>,
    /// First word → the cue phrases starting with it, with their predicate and strength.
    cue_index: WordMap<u32>,
    /// The cue lists `cue_index` points into.
    cue_lists: Vec<Vec<CueEntry>>,
    /// One-word cues of any property.
    cue_verbs: WordSet,
    /// Negation words.
    pub negations: WordSet,
    /// Modal words.
    pub modals: WordSet,
    /// Normalised known name → class.
    pub known_names: WordMap<Class>,
    /// Lowercase demonym → place name.
    pub demonyms: WordMap<String>,
    /// Common given names (as written).
    pub given_names: WordSet,
    /// Words whose title, head-word or given-name entries came after the backbone models were
    /// trained (`kgx:later…`): the models' features read them as unknown, as in training.
    pub untrained: WordSet,
    /// Common family names written first (as written).
    pub family_names: WordSet,
    /// Everything the tables above say about one lowercase word, so that a stage can look a
    /// token up once instead of once per table.
    lexemes: WordMap<Lexeme>,
    /// The predicates (bits) with a pattern through any occupational noun (a bare `ROLE`).
    pub occupation_patterns: u8,
    /// Lowercase names of the places a nationality names ("france" for "French"): countries
    /// and regions, not cities.
    pub countries: WordSet,
    /// (form, lemma) pairs the spelling rules do not make ("led", "lead").
    pub irregular_forms: Vec<(String, String)>,
    /// Last words of roles that speak for an organisation ("spokeswoman", "official").
    pub spokesperson_roles: WordSet,
    /// Words for followers of a party or creed ("democrat").
    pub adherents: WordSet,
    /// Nouns for places inside larger ones ("capital", "town").
    pub settlements: WordSet,
    /// Words for a part of a place ("eastern" Sudan).
    pub compass_words: WordSet,
    /// Roles whose "of X" is a place ("mayor").
    pub place_leaders: WordSet,
    /// Verbs and phrases that introduce a name ("called", "known as").
    pub naming_verbs: WordSet,
    /// Plurals whose possessive stays inside a name ("people" of "People's Bank").
    pub collectives: WordSet,
    /// Nouns a claim opens with that are not its topic ("demand" for X).
    pub light_topics: WordSet,
    /// Nouns for who made a thing ("maker", "creator"): "ChatGPT maker OpenAI".
    pub makers: WordSet,
}

/// What the vocabulary says about one lowercase word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lexeme {
    /// A title written before names ("professor").
    pub title: bool,
    /// A word allowed inside a role phrase.
    pub role_word: bool,
    /// The class it gives as a head word ("university").
    pub head: Option<Class>,
    /// The class it refers to as an anaphor noun ("company").
    pub anaphor: Option<Class>,
    /// The cue phrases starting with it (a number for [`Ontology::cue_list`]).
    pub cues: Option<u32>,
    /// The predicates (bit [`Predicate::bit`]) with a pattern whose verb or noun this word is a
    /// form of, written in lower case ("joined" for `VERB(join)`).
    pub pattern_word: u8,
    /// The predicates with a pattern whose role this word is ("CEO" for `ROLE(ceo)`), in any case.
    pub pattern_role: u8,
}

impl Ontology {
    /// The embedded ontology. Panics never: a test proves the embedded files load.
    pub fn embedded() -> Result<Ontology, crate::error::OntologyError> {
        load::load(ONTOLOGY_TTL, GAZETTEER_TTL)
    }

    /// Loads an ontology from Turtle texts (the vocabulary and the gazetteer).
    pub fn from_turtle(
        vocabulary: &str,
        gazetteer: &str,
    ) -> Result<Ontology, crate::error::OntologyError> {
        load::load(vocabulary, gazetteer)
    }

    /// The label of a predicate.
    pub fn predicate_label(&self, p: Predicate) -> &str {
        self.properties
            .get(&p)
            .map(|i| i.label.as_str())
            .unwrap_or(p.local_name())
    }

    /// The class a lowercase head word gives, if any.
    pub fn head_class(&self, lower: &str) -> Option<Class> {
        self.head_words.get(lower).copied()
    }

    /// Whether a predicate's cue (strong, or weak when `weak`) starts at `words`; returns its length.
    pub fn cue_at(&self, p: Predicate, words: &[&str], weak: bool) -> Option<usize> {
        self.cue_len(p, weak, |k| words.get(k).copied())
    }

    /// Like [`Ontology::cue_at`], reading the words through `word_at` (no allocation): the
    /// longest cue of `p` whose words match `word_at(0)`, `word_at(1)`, ….
    pub fn cue_len<'w>(
        &self,
        p: Predicate,
        weak: bool,
        word_at: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<usize> {
        let first = word_at(0)?;
        longest_cue(self.cues_starting(first)?, p, weak, word_at)
    }

    /// Every cue phrase starting with this lowercase word, with its predicate and strength.
    pub fn cues_starting(&self, lower: &str) -> Option<&[CueEntry]> {
        self.cue_index.get(lower).map(|&k| self.cue_list(k))
    }

    /// A cue list by its number (see `Lexeme::cues`).
    pub fn cue_list(&self, k: u32) -> &[CueEntry] {
        self.cue_lists.get(k as usize).map_or(&[], Vec::as_slice)
    }

    /// What the vocabulary says about a lowercase word (all tables in one lookup).
    #[inline]
    pub fn lexeme(&self, lower: &str) -> Lexeme {
        self.lexemes.get(lower).copied().unwrap_or_default()
    }

    /// Builds the lookup tables derived from the cue lists and word tables.
    pub(crate) fn index(&mut self) {
        self.lexemes.clear();
        for (w, _) in self.titles.iter() {
            self.lexemes
                .get_or_insert_with(w.clone(), Lexeme::default)
                .title = true;
        }
        for (w, _) in self.role_words.iter() {
            self.lexemes
                .get_or_insert_with(w.clone(), Lexeme::default)
                .role_word = true;
        }
        for (w, c) in self.head_words.iter() {
            self.lexemes
                .get_or_insert_with(w.clone(), Lexeme::default)
                .head = Some(*c);
        }
        for (w, c) in self.anaphors.iter() {
            self.lexemes
                .get_or_insert_with(w.clone(), Lexeme::default)
                .anaphor = Some(*c);
        }
        self.cue_index.clear();
        self.cue_lists.clear();
        self.cue_verbs.clear();
        for (weak, table) in [(false, &self.cues), (true, &self.weak_cues)] {
            for (p, phrases) in table {
                for c in phrases {
                    if let Some(first) = c.first() {
                        let next = self.cue_lists.len() as u32;
                        let k = *self.cue_index.get_or_insert_with(first.clone(), || next);
                        if k == next {
                            self.cue_lists.push(Vec::new());
                        }
                        self.cue_lists[k as usize].push((*p, weak, c.clone()));
                        if c.len() == 1 {
                            self.cue_verbs.insert(first.clone(), ());
                        }
                    }
                }
            }
        }
        self.countries = self
            .demonyms
            .iter()
            .filter(|(d, _)| !d.ends_with("-based"))
            .map(|(_, place)| place.to_lowercase())
            .collect();
        self.occupation_patterns = 0;
        for (p, patterns) in &self.patterns {
            for step in patterns.iter().flat_map(|x| &x.steps) {
                let node = &step.node;
                let role = match node.kind {
                    NodeKind::Role if node.words.is_empty() => {
                        self.occupation_patterns |= p.bit();
                        continue;
                    }
                    NodeKind::Role => true,
                    NodeKind::Verb | NodeKind::Noun | NodeKind::Any => false,
                    NodeKind::Subject | NodeKind::Object => continue,
                };
                for form in node
                    .words
                    .iter()
                    .flat_map(|w| pattern::forms(w, &self.irregular_forms))
                {
                    let x = self.lexemes.get_or_insert_with(form, Lexeme::default);
                    if role {
                        x.pattern_role |= p.bit();
                    } else {
                        x.pattern_word |= p.bit();
                    }
                }
            }
        }
        let starts: Vec<(String, u32)> = self
            .cue_index
            .iter()
            .map(|(w, &k)| (w.clone(), k))
            .collect();
        for (w, k) in starts {
            self.lexemes.get_or_insert_with(w, Lexeme::default).cues = Some(k);
        }
    }

    /// Whether a lowercase word is a one-word cue verb of any property (headline verbs).
    pub fn is_cue_verb(&self, lower: &str) -> bool {
        !matches!(
            lower,
            "is" | "was"
                | "states"
                | "state"
                | "release"
                | "launch"
                | "address"
                | "talk"
                | "speech"
                | "keynote"
                | "presentation"
                | "remarks"
                | "made"
                | "left"
                | "estimate"
        ) && self.cue_verbs.contains(lower)
    }

    /// The longest role cue starting at `words`.
    pub fn role_at(&self, words: &[&str]) -> Option<usize> {
        longest(&self.role_cues, words)
    }

    /// Whether a lowercase noun names an occupation: a role word of the vocabulary (singular or
    /// plural), or a word made the way occupations are ("astronomer", "economist",
    /// "technician", "pioneer", "spokesperson"), not one of the common nouns made alike.
    pub fn is_occupation(&self, word: &str) -> bool {
        let singular = word.strip_suffix('s').unwrap_or(word);
        if self.role_heads.contains(word) || self.role_heads.contains(singular) {
            return true;
        }
        const ENDINGS: &[&str] = &[
            "er", "or", "ist", "ian", "eer", "man", "woman", "person", "ant", "ee",
        ];
        const NOT: &[&str] = &[
            "computer",
            "murder",
            "border",
            "number",
            "center",
            "centre",
            "order",
            "power",
            "paper",
            "sector",
            "factor",
            "water",
            "letter",
            "matter",
            "layer",
            "server",
            "cluster",
            "chapter",
            "quarter",
            "corridor",
            "error",
            "monitor",
            "processor",
            "minor",
            "major",
            "motor",
            "color",
            "colour",
            "error",
            "honor",
            "tensor",
            "vector",
            "behavior",
            "behaviour",
            "favor",
            "floor",
            "door",
            "summer",
            "winter",
            "november",
            "october",
            "september",
            "december",
            "other",
            "another",
            "together",
            "however",
            "whether",
            "either",
            "neither",
            "rather",
            "further",
            "former",
            "latter",
            "never",
            "ever",
            "over",
            "under",
            "after",
            "offer",
            "answer",
            "parameter",
            "transformer",
            "browser",
            "buffer",
            "filter",
            "platter",
            "trigger",
            "container",
            "encoder",
            "decoder",
            "adapter",
            "border",
            "disorder",
            "manner",
            "banner",
            "dinner",
            "corner",
            "headquarter",
            "giant",
            "plant",
            "grant",
            "variant",
            "restaurant",
            "tenant",
            "elephant",
            "human",
            "german",
            "woman",
            "man",
            "guarantee",
            "committee",
            "fee",
            "tee",
            "coffee",
            "degree",
            "ian",
            // People in a relation that is no employment.
            "customer",
            "consumer",
            "user",
            "viewer",
            "reader",
            "listener",
            "subscriber",
            "shopper",
            "passenger",
            "voter",
            "supporter",
            "follower",
            "winner",
            "loser",
            "visitor",
            "neighbor",
            "neighbour",
            "borrower",
            "taxpayer",
            "bidder",
        ];
        let w = singular;
        w.len() > 4
            && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && ENDINGS.iter().any(|e| w.ends_with(e))
            && !NOT.contains(&w)
            && !w.ends_with("ment")
    }

    /// How many words of a naming verb ("called", "known as") the words `first`, `second`
    /// start with: 0 when they start none.
    pub fn naming_verb(&self, first: &str, second: &str) -> usize {
        if self.naming_verbs.contains(first) {
            return 1;
        }
        // Inline up to 24 bytes: no allocation for the pairs asked about.
        let mut pair = compact_str::CompactString::new(first);
        pair.push(' ');
        pair.push_str(second);
        if !second.is_empty() && self.naming_verbs.contains(pair.as_str()) {
            2
        } else {
            0
        }
    }

    /// Whether a role phrase names a leader (founder, CEO, head).
    pub fn is_lead_role(&self, role: &str) -> bool {
        let words: Vec<&str> = role.split(' ').collect();
        // The leader's word must head its part of the phrase: "chair", "co-founder and CEO",
        // not "chair professor".
        (0..words.len()).any(|i| {
            longest(&self.lead_roles, &words[i..])
                .is_some_and(|n| i + n == words.len() || matches!(words[i + n], "and" | "&"))
        }) && !role.contains(" of ")
            && !role.starts_with("vice")
            && !role.starts_with("deputy")
    }
}

fn longest(table: &[Phrase], words: &[&str]) -> Option<usize> {
    table
        .iter()
        .filter(|c| c.len() <= words.len() && c.iter().zip(words).all(|(a, b)| a == b))
        .map(|c| c.len())
        .max()
}

/// Normalises a name for lookups: lowercase, curly apostrophes straightened, a leading "the "
/// and a trailing possessive dropped, punctuation other than hyphens and dots removed,
/// spaces collapsed.
pub fn normalize_name(name: &str) -> String {
    let out = if name.is_ascii() {
        normalize_ascii(name)
    } else {
        normalize_unicode(name)
    };
    let mut s = out.as_str();
    s = s.strip_prefix("the ").unwrap_or(s);
    s = s.strip_suffix("'s").unwrap_or(s);
    s = s.trim_end_matches(['.', '\'']);
    if s.len() == out.len() {
        out
    } else {
        s.to_string()
    }
}

/// [`normalize_name`]'s word joining for ASCII names, byte by byte (most names).
fn normalize_ascii(name: &str) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut gap = false;
    for &b in name.as_bytes() {
        if !(b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'.' | b'-' | b'&')) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(b' ');
        }
        gap = false;
        out.push(b.to_ascii_lowercase());
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// [`normalize_name`]'s word joining for any text.
fn normalize_unicode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // Words joined by single spaces: no leading, trailing or doubled space is ever pushed.
    let mut gap = false;
    for c in name.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        };
        let keep = c.is_alphanumeric() || c == '\'' || c == '.' || c == '-' || c == '&';
        if !keep {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_normalise_as_any_text_does() {
        // The general word joining is the reference for the ASCII one; the trims after it are
        // shared.
        let alphabet = b"the 's.&-,Ab C'\t";
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut name = String::new();
            for _ in 0..(state >> 60) as usize + 1 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                name.push(alphabet[(state >> 33) as usize % alphabet.len()] as char);
            }
            assert_eq!(normalize_ascii(&name), normalize_unicode(&name), "{name:?}");
        }
        for name in [
            "the 's",
            "The Lab's.",
            "the",
            "'s",
            "..",
            "the Orrery Lab's'",
        ] {
            assert_eq!(normalize_ascii(name), normalize_unicode(name), "{name:?}");
        }
    }

    #[test]
    fn embedded_ontology_loads_with_every_class_and_property() {
        let o = Ontology::embedded().unwrap();
        for c in Class::ALL {
            assert!(o.classes.contains_key(&c), "{c:?}");
        }
        for p in Predicate::ALL {
            assert!(o.properties.contains_key(&p), "{p:?}");
        }
        assert_eq!(o.head_class("university"), Some(Class::University));
        assert!(o.cue_at(Predicate::Released, &["rolled", "out"], false) == Some(2));
        assert!(o.known_names.contains_key("china"));
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalize_name("The New York Times"), "new york times");
        assert_eq!(normalize_name("Qiu Xipeng’s"), "qiu xipeng");
        assert_eq!(normalize_name("Cobalt Lane Inc."), "cobalt lane inc");
    }
}
