//! Relations between entities, one file per family: affiliations, releases, speech, structure.

mod affiliation;
mod release;
mod speech;
mod structure;
pub(crate) mod syntax;

use crate::mention::{Mention, MentionKind};
use crate::ontology::{Class, Ontology, Predicate};
use crate::resolve::Resolution;
use crate::span::Span;
use crate::text::pos::{Pos, Tagger};
use crate::text::quote::Quote;
use crate::text::sentence::Sentence;
use crate::text::token::{Token, TokenKind};

/// What a relation points at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// An entity of the article.
    Entity(usize),
    /// A new entity this relation introduces (a topic, an organisation named inside another's name).
    New {
        /// Its label.
        label: String,
        /// Its class.
        class: Class,
    },
}

/// A fact found in one article, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Subject entity.
    pub subject: usize,
    /// Predicate.
    pub predicate: Predicate,
    /// Object.
    pub object: Target,
    /// The role, for affiliations.
    pub role: Option<String>,
    /// The claim, for views.
    pub claim: Option<String>,
    /// Index of the sentence that states it.
    pub sentence: usize,
    /// The words that triggered it.
    pub trigger: Span,
    /// The rule that fired, like "affiliation/appositive".
    pub rule: &'static str,
    /// How much the rule is trusted.
    pub confidence: f32,
}

impl Relation {
    /// A fact stated at token `at` (its sentence and span are the evidence), with no role or
    /// claim.
    pub fn at(
        doc: &Doc,
        subject: usize,
        predicate: Predicate,
        object: Target,
        at: usize,
        rule: &'static str,
        confidence: f32,
    ) -> Relation {
        let t = &doc.tokens[at.min(doc.tokens.len() - 1)];
        Relation {
            subject,
            predicate,
            object,
            role: None,
            claim: None,
            sentence: t.sentence,
            trigger: t.span,
            rule,
            confidence,
        }
    }
}

/// Everything the relation extractors read: the earlier stages' output.
pub struct Doc<'a> {
    /// Document text.
    pub text: &'a str,
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Tagged tokens.
    pub tokens: &'a [Token],
    /// Quotations.
    pub quotes: &'a [Quote],
    /// Per token: inside a quotation of speech.
    pub quoted: &'a [bool],
    /// Mentions.
    pub mentions: &'a [Mention],
    /// Entities.
    pub resolution: &'a Resolution,
    /// Vocabulary.
    pub ontology: &'a Ontology,
    /// Tagger lexicon.
    pub tagger: &'a Tagger,
    /// Per token: the longest mention starting there (its title included).
    starts: Vec<Option<usize>>,
    /// Per token: the longest mention ending just before it (exclusive end).
    ends: Vec<Option<usize>>,
    /// Normalised labels and aliases → entity.
    names: crate::ontology::FastMap<String, usize>,
    /// Per token: the cue phrases starting with its word (looked up once).
    cue_starts: Vec<Option<&'a [crate::ontology::CueEntry]>>,
    /// Per token: the longest mention of an entity covering it (`u32::MAX` if none).
    covering: Vec<u32>,
    /// The dependency parse as a tree.
    tree: syntax::Tree,
    /// Per token: its lexeme's pattern bits (word, role), for choosing sentences to parse.
    pattern_bits: Vec<(u8, u8)>,
}

impl<'a> Doc<'a> {
    /// Builds the view with its token → mention indexes.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        text: &'a str,
        sentences: &'a [Sentence],
        tokens: &'a [Token],
        quotes: &'a [Quote],
        quoted: &'a [bool],
        mentions: &'a [Mention],
        resolution: &'a Resolution,
        ontology: &'a Ontology,
        tagger: &'a Tagger,
        lexemes: &[crate::ontology::Lexeme],
    ) -> Self {
        let mut starts = vec![None; tokens.len() + 1];
        let mut ends = vec![None; tokens.len() + 1];
        let len = |m: &Mention| m.tokens.1 - m.tokens.0;
        for (i, m) in mentions.iter().enumerate() {
            if resolution.of_mention[i].is_none() {
                continue;
            }
            let person = resolution.of_mention[i]
                .is_some_and(|e| resolution.entities[e].class == Class::Person);
            let title = m.title.filter(|_| person).map(|t| t.0);
            for s in [Some(m.tokens.0), title].into_iter().flatten() {
                if starts[s].is_none_or(|j: usize| len(&mentions[j]) < len(m)) {
                    starts[s] = Some(i);
                }
            }
            let e = m.tokens.1;
            if ends[e].is_none_or(|j: usize| len(&mentions[j]) < len(m)) {
                ends[e] = Some(i);
            }
        }
        // "Mohamed bin Zayed University (MBZUAI) released": a name's acronym in brackets is the
        // same entity, so the name also ends after the closing bracket.
        for (i, m) in mentions.iter().enumerate() {
            let e = m.tokens.1;
            let bracketed = |k: usize, w: &str| tokens.get(k).is_some_and(|t| t.lower == w);
            if !(bracketed(e, "(") && bracketed(e + 2, ")")) || e + 3 > tokens.len() {
                continue;
            }
            let same = ends[e + 2].is_some_and(|inner| {
                resolution.of_mention[inner].is_some()
                    && resolution.of_mention[inner] == resolution.of_mention[i]
            });
            if same && ends[e + 3].is_none() {
                ends[e + 3] = Some(i);
            }
        }
        let mut covering = vec![u32::MAX; tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            if resolution.of_mention[i].is_none() {
                continue;
            }
            for c in &mut covering[m.tokens.0.min(tokens.len())..m.tokens.1.min(tokens.len())] {
                if *c == u32::MAX || len(&mentions[*c as usize]) < len(m) {
                    *c = i as u32;
                }
            }
        }
        let tree = syntax::Tree::new(tokens, mentions, |k| resolution.of_mention[k].is_some());
        let mut names = crate::ontology::FastMap::default();
        for (i, e) in resolution.entities.iter().enumerate() {
            for n in std::iter::once(&e.label).chain(&e.aliases) {
                names.entry(crate::ontology::normalize_name(n)).or_insert(i);
            }
        }
        // Mention finding looked every token up once; its entries carry the cue lists.
        debug_assert_eq!(lexemes.len(), tokens.len());
        let cue_starts = lexemes
            .iter()
            .map(|x| x.cues.map(|k| ontology.cue_list(k)))
            .collect();
        let pattern_bits = lexemes
            .iter()
            .map(|x| (x.pattern_word, x.pattern_role))
            .collect();
        Doc {
            pattern_bits,
            covering,
            tree,
            cue_starts,
            names,
            text,
            sentences,
            tokens,
            quotes,
            quoted,
            mentions,
            resolution,
            ontology,
            tagger,
            starts,
            ends,
        }
    }

    /// The entity with this normalised name (label or alias).
    pub fn entity_named(&self, key: &str) -> Option<usize> {
        self.names.get(key).copied()
    }

    /// The lowercase word at `i`, or "" past the end.
    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    /// Where the name starts that a lower-case phrase mention describes through a naming verb:
    /// "a robot model called Marten", "a chat model known as Pica".
    pub fn named_after(&self, m: usize) -> Option<usize> {
        let mention = &self.mentions[m];
        if mention.kind != crate::mention::MentionKind::Phrase {
            return None;
        }
        let end = mention.tokens.1;
        let name = match self
            .ontology
            .naming_verb(self.word(end), self.word(end + 1))
        {
            0 => return None,
            words => end + words,
        };
        self.mention_at(name)
            .filter(|&n| self.mentions[n].kind == crate::mention::MentionKind::Name)
            .map(|_| name)
    }

    /// Whether tokens `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        i < self.tokens.len()
            && j < self.tokens.len()
            && self.tokens[i].sentence == self.tokens[j].sentence
    }

    /// Whether tokens `i` and `j` are in the same paragraph.
    pub fn same_paragraph(&self, i: usize, j: usize) -> bool {
        i < self.tokens.len()
            && j < self.tokens.len()
            && self.sentences[self.tokens[i].sentence].paragraph
                == self.sentences[self.tokens[j].sentence].paragraph
    }

    /// The mention starting at token `i` (its title counts as its start).
    pub fn mention_at(&self, i: usize) -> Option<usize> {
        self.starts.get(i).copied().flatten()
    }

    /// The longest mention covering token `i`.
    pub fn mention_covering(&self, i: usize) -> Option<usize> {
        self.covering
            .get(i)
            .copied()
            .filter(|&m| m != u32::MAX)
            .map(|m| m as usize)
    }

    /// The entity of the mention starting at token `i`.
    pub fn entity_at(&self, i: usize) -> Option<usize> {
        self.mention_at(i).and_then(|m| self.entity(m))
    }

    /// The entity of the mention ending just before token `i`.
    pub fn entity_before(&self, i: usize) -> Option<usize> {
        self.mention_before(i).and_then(|m| self.entity(m))
    }

    /// Whether an "organisation" is more likely a town: a lone unfamiliar word whose class is
    /// only guessed ("X, 8, of Aumsville" is where X lives, not an employer).
    pub fn maybe_town(&self, entity: usize) -> bool {
        let e = &self.resolution.entities[entity];
        let label = e.label.as_str();
        !label.contains(' ')
            && !label.bytes().skip(1).any(|b| b.is_ascii_uppercase())
            && e.certainty < crate::mention::Certainty::Strong
            && !self
                .ontology
                .known_names
                .contains_key(label.to_lowercase().as_str())
    }

    /// The mention ending just before token `i`, in the same sentence ("Gov. X" opening a
    /// sentence holds no title of the name ending the line before).
    pub fn mention_before(&self, i: usize) -> Option<usize> {
        let m = self.ends.get(i).copied().flatten()?;
        (i >= self.tokens.len() || self.same_sentence(i - 1, i)).then_some(m)
    }

    /// The entity of a mention.
    pub fn entity(&self, mention: usize) -> Option<usize> {
        self.resolution.of_mention[mention]
    }

    /// The class of an entity.
    pub fn class(&self, entity: usize) -> Class {
        self.resolution.entities[entity].class
    }

    /// The text between two tokens (inclusive start, exclusive end).
    pub fn text_of(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.tokens.len() {
            return "";
        }
        &self.text[self.tokens[a].span.start..self.tokens[b - 1].span.end]
    }

    /// Whether any cue phrase starts at token `i` (most tokens: no).
    #[inline]
    pub fn has_cue(&self, i: usize) -> bool {
        self.cue_starts.get(i).is_some_and(Option::is_some)
    }

    /// The cue of `p` starting at token `i`, with its length in tokens.
    pub fn cue_at(&self, p: Predicate, i: usize, weak: bool) -> Option<usize> {
        // The cues starting at each token were looked up once, in `Doc::new`.
        let entries = self.cue_starts.get(i).copied().flatten()?;
        crate::ontology::longest_cue(entries, p, weak, |k| {
            (i + k < self.tokens.len() && self.same_sentence(i, i + k)).then(|| self.word(i + k))
        })
    }

    /// Whether a negation stands in the few tokens before `i` in its clause ("did not join").
    pub fn negated_before(&self, i: usize, reach: usize) -> bool {
        self.clause_word_before(i, reach, |w| {
            self.ontology.negations.contains(w) || w.ends_with("n't")
        })
    }

    /// Whether a negation or modal word stands in the few tokens before `i` in its clause.
    pub fn hedged_before(&self, i: usize, reach: usize) -> bool {
        self.clause_word_before(i, reach, |w| {
            self.ontology.negations.contains(w)
                || self.ontology.modals.contains(w)
                || w.ends_with("n't")
        })
    }

    /// Whether one of the few words before `i`, back to a clause break or a name, is `wanted`.
    fn clause_word_before(&self, i: usize, reach: usize, wanted: impl Fn(&str) -> bool) -> bool {
        let mut j = i;
        while j > 0 && i - j < reach && self.same_sentence(j - 1, i) {
            j -= 1;
            let w = self.word(j);
            if matches!(w, "," | ";" | ":") || self.mention_before(j + 1).is_some() {
                break;
            }
            if wanted(w) {
                return true;
            }
        }
        false
    }

    /// The role phrase starting at token `i` (lowercase, e.g. "chief research officer") and the
    /// index one past it.
    pub fn role_phrase(&self, i: usize) -> Option<(String, usize)> {
        if let Some(r) = self.bare_role_phrase(i) {
            return Some(r);
        }
        // "a computer engineering professor", "a leading AI researcher": up to two nouns or
        // adjectives (an -ing participle is one; "appointed" is not) before the role.
        for skip in 1..=2 {
            let ok = (i..i + skip).all(|k| {
                self.tokens.get(k).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && (!t.is_capitalized() || t.lower == "ai")
                        && (matches!(t.pos, Pos::Noun | Pos::Adj)
                            || t.pos == Pos::Verb && t.lower.ends_with("ing"))
                })
            });
            if !ok {
                break;
            }
            if let Some((_, end)) = self.bare_role_phrase(i + skip) {
                // "a leading AI researcher" is an AI researcher: praise is no part of a role.
                let from = (i..i + skip)
                    .find(|&k| self.tokens[k].pos != Pos::Verb)
                    .unwrap_or(i + skip);
                return Some((self.text_of(from, end).to_lowercase(), end));
            }
        }
        None
    }

    fn bare_role_phrase(&self, i: usize) -> Option<(String, usize)> {
        let o = self.ontology;
        let mut j = i;
        let mut has_cue = false;
        let mut last_good = None;
        while j < self.tokens.len()
            && self.same_sentence(i, j)
            && self.tokens[j].kind == TokenKind::Word
        {
            let w = self.word(j);
            if matches!(w, "of" | "and") {
                // Only inside a role: "director of research", "chairman and chief officer".
                if j == i
                    || !self.tokens.get(j + 1).is_some_and(|t| {
                        o.role_words.contains(t.lower.as_str())
                            && (w == "and" || !t.is_capitalized())
                            || matches!(t.lower.as_str(), "a" | "an") && w == "and"
                    })
                {
                    break;
                }
                if w == "and" && matches!(self.word(j + 1), "a" | "an") {
                    break;
                }
                j += 1;
                continue;
            }
            if !o.role_words.contains(w) {
                break;
            }
            let words: Vec<&str> = (j..(j + 3).min(self.tokens.len()))
                .map(|k| self.word(k))
                .collect();
            if let Some(n) = o.role_at(&words) {
                has_cue = true;
                j += n;
                last_good = Some(j);
                continue;
            }
            j += 1;
            // "head of technology research": the field after "of" belongs to the role.
            if has_cue && (i..j).any(|k| self.word(k) == "of") {
                last_good = Some(j);
            }
        }
        let mut end = last_good?;
        if !has_cue {
            return None;
        }
        // "secretary general", "professor emeritus": modifiers after the role noun.
        if j > end && (end..j).all(|k| !matches!(self.word(k), "of" | "and")) {
            end = j;
        }
        Some((
            self.text_of(i, end).to_lowercase().replace('\u{2019}', "'"),
            end,
        ))
    }

    /// Skips determiners, ages and adjectives of a description: "the 39-year-old", "a".
    pub fn skip_determiners(&self, mut i: usize) -> usize {
        while matches!(
            self.word(i),
            "a" | "an"
                | "the"
                | "its"
                | "their"
                | "his"
                | "her"
                | "another"
                | "previously"
                | "formerly"
                | "currently"
                | "now"
                | "also"
                | "most"
                | "recently"
        ) || self.word(i).ends_with("-year-old")
        {
            i += 1;
        }
        i
    }

    /// Whether an entity may own or release things (an organisation, team or person).
    pub fn is_agent(&self, entity: usize) -> bool {
        self.class(entity).is_agent()
    }

    /// Looks right from `i` for an organisation (or team) mention, skipping a description of up
    /// to `reach` tokens ("the U.S. research firm Corbel Analytics Inc.").
    pub fn organization_from(&self, i: usize, reach: usize) -> Option<(usize, usize)> {
        let mut j = i;
        let mut limit = i + reach;
        while j < limit && j < self.tokens.len() && self.same_sentence(i, j) {
            if let Some(m) = self.mention_at(j) {
                let e = self.entity(m)?;
                let c = self.class(e);
                // "the Chilean copper company X": a nationality taken for a name describes.
                if c.is_organization() && !self.could_employ(e) {
                    j = self.mentions[m].tokens.1;
                    continue;
                }
                if c.is_organization() || c == Class::Team {
                    return Some((m, e));
                }
                if c != Class::Place {
                    return None;
                }
                j = self.mentions[m].tokens.1;
                // "of New York's Mount Sinai School": the place owns the organisation.
                if self
                    .tokens
                    .get(j)
                    .is_some_and(|t| t.kind == TokenKind::Possessive)
                {
                    j += 1;
                    limit = limit.max(j + 2);
                }
                continue;
            }
            let t = &self.tokens[j];
            // "the board at", "the AI division at": one hop through a unit to its organisation.
            // "chief of waste disposal for the NRC": a field, then whom it is done for.
            let hop = matches!(t.lower.as_str(), "of" | "at") && j > i
                || t.lower == "for" && j > i && self.tokens[j - 1].pos == Pos::Noun
                || t.lower.ends_with("-based");
            // "chairman of the largest opposition party, the Free Farmers Union": a common noun
            // for an organisation, then its name in apposition.
            let renamed = t.lower == "," && j > i && self.names_organization(j - 1);
            let describes = t.kind == TokenKind::Word
                && !t.is_capitalized()
                && matches!(
                    t.pos,
                    Pos::Det | Pos::Adj | Pos::Noun | Pos::Num | Pos::Propn
                )
                // "the outlawed Free Workers Front", "the machine learning department": a
                // participle describes too.
                || t.kind == TokenKind::Word
                    && !t.is_capitalized()
                    && t.pos == Pos::Verb
                    && (t.lower.ends_with("ed") || t.lower.ends_with("ing"))
                || self.ontology.demonyms.contains_key(t.lower.as_str())
                || hop
                || renamed
                || t.lower == "ai"
                || matches!(t.lower.as_str(), "its" | "their" | "his" | "her");
            if !describes {
                return None;
            }
            // After a hop the organisation may still be a few words on: "head of research at
            // the machine learning department at ORG".
            if hop && !t.lower.ends_with("-based") || renamed {
                limit = limit.max(j + 5);
            }
            j += 1;
        }
        None
    }

    /// Whether token `k` is a lowercase common noun for an organisation ("party", "company").
    fn names_organization(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        let class = |c: Option<&Class>| c.is_some_and(|c| c.is_organization() || *c == Class::Team);
        !t.is_capitalized()
            && t.pos == Pos::Noun
            && (class(self.ontology.anaphors.get(t.lower.as_str()))
                || class(self.ontology.head_words.get(t.lower.as_str())))
    }

    /// The comma (or closing quotation mark) before the one at `comma`, in the same sentence
    /// and at most 40 tokens back (an age between commas aside): where an appositive closed
    /// by `comma` opens.
    pub fn appositive_open(&self, comma: usize) -> usize {
        let mut open = comma;
        while open > 0 && self.same_sentence(open - 1, comma) && comma - open < 40 {
            open -= 1;
            if self.word(open) == "," || self.tokens[open].kind == TokenKind::CloseQuote {
                break;
            }
        }
        // "X, 44, a member of …,": past an age.
        if open > 1
            && self.word(open) == ","
            && self.tokens[open - 1].kind == TokenKind::Number
            && self.word(open - 2) == ","
        {
            open -= 2;
        }
        open
    }

    /// For a comma at `comma` closing an appositive ("X, a startup founded by Y, released"),
    /// the entity of the clause's first mention X, when it is followed by a comma.
    pub fn appositive_head(&self, comma: usize) -> Option<usize> {
        let open = self.appositive_open(comma);
        if self.word(open) == "," {
            // ", Rui Barros," after "Its chief executive": the appositive is the name itself.
            if let Some(m) = self.mention_at(open + 1) {
                if self.mentions[m].tokens.1 == comma {
                    let e = self.entity(m)?;
                    if self.class(e) == Class::Person {
                        return Some(e);
                    }
                }
            }
            if let Some(m) = self.mention_before(open) {
                let e = self.entity(m)?;
                if self.class(e) == Class::Person {
                    return Some(e);
                }
                // "Professor X of the School of Y at Z University, who …, said": back to X.
                let mut start = self.mentions[m].tokens.0;
                for _ in 0..3 {
                    match self.person_before_of(start) {
                        Some(p) => return Some(p),
                        None => {
                            let k = start.saturating_sub(1);
                            if !matches!(self.word(k), "of" | "at" | "from" | "in") {
                                break;
                            }
                            match self.mention_before(self.skip_back_determiners(k)) {
                                Some(pm) => start = self.mentions[pm].tokens.0,
                                None => break,
                            }
                        }
                    }
                }
                return Some(e);
            }
        }
        None
    }

    fn skip_back_determiners(&self, mut k: usize) -> usize {
        while k > 0 && matches!(self.word(k - 1), "the" | "a" | "an") {
            k -= 1;
        }
        k
    }

    /// The organisation last named before token `i` (for "its", "their").
    pub fn organization_before(&self, i: usize) -> Option<usize> {
        let org = |k: usize| {
            let m = self.mention_before(k)?;
            let e = self.entity(m)?;
            // A dateline's "(Reuters)" is not what "its" refers to.
            let bracketed =
                self.mentions[m].tokens.0 > 0 && self.word(self.mentions[m].tokens.0 - 1) == "(";
            (self.class(e).is_organization() && !bracketed).then_some(e)
        };
        // The first organisation of the sentence (its subject, most often), else the nearest.
        let mut start = i;
        while start > 0 && self.same_sentence(start - 1, i) {
            start -= 1;
        }
        (start + 1..=i)
            .find_map(org)
            .or_else(|| (1..=i).rev().take(120).find_map(org))
    }

    /// For a mention starting at `i` inside "PERSON of/at/from (descriptor) ORG", the person.
    pub fn person_before_of(&self, i: usize) -> Option<usize> {
        let mut k = self.skip_back_determiners(i);
        while k > 0
            && i - k < 3
            && self.tokens[k - 1].kind == TokenKind::Word
            && !self.tokens[k - 1].is_capitalized()
            && !matches!(self.word(k - 1), "of" | "at" | "from")
        {
            k -= 1;
        }
        if k == 0 || !matches!(self.word(k - 1), "of" | "at" | "from") {
            return None;
        }
        let e = self.entity(self.mention_before(k - 1)?)?;
        (self.class(e) == Class::Person).then_some(e)
    }

    /// The first token within `reach` after a person's name (ending at `end`) for which
    /// `found` holds, staying in the person's clause: the scan ends at the sentence's end, at
    /// "." or ";", at one of `stop`, or at another person's name.
    pub fn verb_of_person(
        &self,
        end: usize,
        reach: usize,
        stop: &[&str],
        found: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        for k in end..(end + reach).min(self.tokens.len()) {
            if !self.same_sentence(end, k)
                || matches!(self.word(k), "." | ";")
                || stop.contains(&self.word(k))
            {
                return None;
            }
            let person = self
                .entity_at(k)
                .is_some_and(|e| self.class(e) == Class::Person);
            if k > end && person {
                return None;
            }
            if found(k) {
                return Some(k);
            }
        }
        None
    }

    /// Whether token `i` may stand in a description before a person's name: a determiner, a
    /// role or title word, "and", "former", a possessive.
    pub fn describes_person(&self, i: usize) -> bool {
        let w = self.word(i);
        matches!(
            w,
            "the" | "a" | "an" | "its" | "their" | "and" | "former" | "'s" | "then"
        ) || self.ontology.role_words.contains(w)
            || self.ontology.titles.contains(w)
            || w.ends_with("-year-old")
            || !self.tokens[i].capitalized && self.ontology.is_occupation(w)
    }

    /// The person named after a description starting at `i` ("Sakana's co-founder and Chief
    /// Executive Officer David Ha"): the person's mention, if one comes within a few words.
    pub fn person_after_description(&self, i: usize) -> Option<usize> {
        let mut k = i;
        while k < i + 12 && k < self.tokens.len() && self.same_sentence(i, k) {
            if let Some(m) = self.mention_at(k) {
                let e = self.entity(m)?;
                if self.class(e) == Class::Person {
                    return Some(m);
                }
                // An organisation owning the role ("Sakana's"), then on.
                if !self.class(e).is_organization() || self.word(self.mentions[m].tokens.1) != "'s"
                {
                    return None;
                }
                k = self.mentions[m].tokens.1;
                continue;
            }
            // "the company's chief X": an organisation named by its kind.
            if self.ontology.anaphors.contains_key(self.word(k)) && self.word(k + 1) == "'s" {
                k += 2;
                continue;
            }
            if !self.describes_person(k) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Where the description before a person's name starting at `s` begins (`s` itself when
    /// there is none): "…, Hugging Face's co-founder and CEO Clément Delangue said".
    pub fn description_start(&self, s: usize) -> usize {
        let mut k = s;
        while k > 0 && s - k < 12 && self.same_sentence(k - 1, s) {
            if self.word(k - 1) == "'s" {
                match self.mention_before(k - 1) {
                    Some(m) => {
                        k = self.mentions[m].tokens.0;
                        continue;
                    }
                    None => break,
                }
            }
            // "former Google engineers": an organisation qualifying the occupation after it.
            if let Some(m) = self.mention_before(k) {
                let org = self
                    .entity(m)
                    .is_some_and(|e| self.class(e).is_organization());
                if org && self.describes_person(k) {
                    k = self.mentions[m].tokens.0;
                    continue;
                }
            }
            if !self.describes_person(k - 1) || self.word(k - 1) == "'s" {
                break;
            }
            k -= 1;
        }
        k
    }

    /// Whether a mention is a name, team or phrase (not a pronoun or anaphor).
    pub fn is_named(&self, mention: usize) -> bool {
        !matches!(
            self.mentions[mention].kind,
            MentionKind::Pronoun | MentionKind::Anaphor
        )
    }
}

/// Runs every extractor over the article (the syntactic ones see what the parser filled in).
pub fn extract(doc: &Doc) -> Vec<Relation> {
    let mut out = extract_windows(doc);
    extract_syntax(doc, &mut out);
    out
}

/// The extractors that read token windows, cues and the mentions: no parse needed.
pub fn extract_windows(doc: &Doc) -> Vec<Relation> {
    let mut out = Vec::new();
    affiliation::extract(doc, &mut out);
    release::extract(doc, &mut out);
    speech::extract(doc, &mut out);
    structure::extract(doc, &mut out);
    out
}

/// The extractors that read the dependency parse (of the sentences parsed), then the checks
/// every fact must pass.
pub fn extract_syntax(doc: &Doc, out: &mut Vec<Relation>) {
    syntax::extract(doc, out);
    out.retain(|r| match (r.predicate, &r.object) {
        (Predicate::AffiliatedWith | Predicate::Leads, Target::Entity(o)) => doc.could_employ(*o),
        // A lone common word taken for an organisation's name ("Embassy") is not placed.
        (Predicate::LocatedIn, _) if doc.class(r.subject).is_organization() => {
            doc.could_employ(r.subject)
        }
        _ => true,
    });
    // A form of address is no role ("Dr. X of Y").
    for r in out.iter_mut() {
        if r.role.as_deref().is_some_and(|role| {
            matches!(
                role.trim_end_matches('.'),
                "dr" | "mr" | "mrs" | "ms" | "miss" | "sir" | "dame" | "mx"
            )
        }) {
            r.role = None;
        }
    }
    // A fact is as sure as its rule has proved on annotated news.
    for r in out.iter_mut() {
        if let Some(&c) = doc.ontology.rule_confidence.get(r.rule) {
            r.confidence = c;
        }
    }
}

/// The sentences worth a second look through the parser after the window extractors: those
/// with two entities that a dependency pattern could relate, that no window fact relates
/// anywhere in the document (the parse would only repeat a fact already found), and
/// that hold one of the words the pattern needs (its verb, noun or an occupation). Parsing costs
/// more than every other stage together, so sentences the windows read, or where no pattern
/// could fire, are left alone.
pub fn sentences_to_parse(doc: &Doc, found: &[Relation]) -> Vec<bool> {
    let n = doc.sentences.len();
    // A leader is affiliated too: a window fact of either kind explains both.
    let family = |p: Predicate| match p {
        Predicate::Leads => Predicate::AffiliatedWith,
        p => p,
    };
    let mut related = std::collections::HashSet::new();
    for r in found {
        // An affiliation without its role is still worth a look: the parse may give the role.
        if r.predicate == Predicate::AffiliatedWith && r.role.is_none() {
            continue;
        }
        if let Target::Entity(o) = r.object {
            related.insert((r.subject.min(o), r.subject.max(o), family(r.predicate)));
        }
    }
    // The entities named in each sentence, in order, with where each mention of them stands.
    /// An entity and the token spans of its mentions in one sentence.
    type Named = (usize, Vec<(usize, usize)>);
    let mut named: Vec<Vec<Named>> = vec![Vec::new(); n];
    for (m, mention) in doc.mentions.iter().enumerate() {
        if let Some(e) = doc.entity(m) {
            let s = mention.sentence;
            if s >= n {
                continue;
            }
            // "it" is as often no one ("it is not difficult to …", "to implement it") as an
            // organisation, and the windows read "it released X": not a name to parse for.
            if mention.tokens.1 == mention.tokens.0 + 1
                && doc.tokens[mention.tokens.0].lower == "it"
            {
                continue;
            }
            // A model the article names only in lower case ("its rival system", "a commercial
            // version") is no name a release pattern reads; the windows have it.
            if doc.class(e) == Class::Model
                && !doc.resolution.entities[e]
                    .label
                    .chars()
                    .any(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                continue;
            }
            match named[s].iter_mut().find(|(x, _)| *x == e) {
                Some((_, spans)) => spans.push(mention.tokens),
                None => named[s].push((e, vec![mention.tokens])),
            }
        }
    }
    let ranges: Vec<std::ops::Range<usize>> = crate::text::token::sentence_ranges(doc.tokens)
        .map(|(_, r)| r)
        .collect();
    // How far outside a pair's two names a pattern's word may stand ("X joined Y as its CTO").
    const MARGIN: usize = 4;
    let mut wanted = vec![false; n];
    // Which parenthetical each token stands in (0: none): a pattern does not join a name in
    // parentheses ("(Staff Reporter X)") to one outside.
    let mut group = vec![0u32; doc.tokens.len()];
    let (mut open, mut count) = (0, 0);
    for (k, t) in doc.tokens.iter().enumerate() {
        match t.lower.as_str() {
            "(" => {
                count += 1;
                open = count;
            }
            ")" => open = 0,
            _ => group[k] = open,
        }
    }
    for range in ranges {
        let s = doc.tokens[range.start].sentence;
        let es = &named[s];
        wanted[s] = es.iter().enumerate().any(|(i, (a, spans_a))| {
            es[i + 1..].iter().any(|(b, spans_b)| {
                let (a, b) = (*a, *b);
                let (ca, cb) = (doc.class(a), doc.class(b));
                doc.ontology.patterns.keys().any(|&p| {
                    let fits = syntax::fits(p, ca, true) && syntax::fits(p, cb, false)
                        || syntax::fits(p, cb, true) && syntax::fits(p, ca, false);
                    fits && !related.contains(&(a.min(b), a.max(b), family(p)))
                        && spans_a.iter().any(|x| {
                            spans_b.iter().any(|y| {
                                group[x.0] == group[y.0] && {
                                    let from = x.0.min(y.0).saturating_sub(MARGIN).max(range.start);
                                    let to = (x.1.max(y.1) + MARGIN).min(range.end);
                                    syntax::anchored(doc, p, from..to)
                                }
                            })
                        })
                })
            })
        });
    }
    wanted
}

impl Doc<'_> {
    /// Whether an entity's name could be an employer's: not a nationality ("Soviet"), a party
    /// and state tag ("D-Calif"), or a single common word taken for a name ("Education",
    /// "Prime") unless the vocabulary knows it.
    pub fn could_employ(&self, entity: usize) -> bool {
        let label = self.resolution.entities[entity].label.as_str();
        let lower = label.to_lowercase();
        if self.ontology.demonyms.contains_key(lower.as_str()) {
            return false;
        }
        let b = label.as_bytes();
        if b.len() > 2 && b[0].is_ascii_uppercase() && b[1] == b'-' && b[2].is_ascii_uppercase() {
            return false;
        }
        // "Chilean", "Kenyan", "Japanese", "Danish": a nationality the gazetteer does not list.
        let nationality = !label.contains(' ')
            && label.len() > 5
            && ["ian", "ean", "ese", "ish", "yan"]
                .iter()
                .any(|e| lower.ends_with(e))
            && !self.ontology.known_names.contains_key(lower.as_str());
        // "Democrat", "Communist": an adherent, not an employer.
        let adherent = self
            .ontology
            .adherents
            .contains(lower.trim_end_matches('s'));
        if nationality || adherent {
            return false;
        }
        let one_word =
            !label.contains([' ', '.', '-']) && label.chars().skip(1).all(|c| !c.is_uppercase());
        !(one_word
            && self.tagger.is_common_word(&lower)
            && !self.ontology.known_names.contains_key(lower.as_str()))
    }
}
