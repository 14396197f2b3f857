//! Views: quotations attributed by a speech verb ("…," said X; X said, "…"; "…" he said),
//! reported speech (X said that …; X believes …; according to X, …; in X's view, …) and
//! end attributions (…, the company says). Each view's object is the claim's first noun phrase.
//! Speaking "at" an event also gives `spokeAt`.

use super::{Doc, Relation, Target};
use crate::mention::MentionKind;
use crate::ontology::{Class, Predicate};
use crate::text::pos::Pos;
use crate::text::token::TokenKind;

/// Words that may stand between a subject and its speech verb.
const ADVERBS: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "later",
    "then",
    "further",
    "previously",
    "publicly",
    "once",
    "reportedly",
    "separately",
    "still",
    "recently",
    "does",
    "did",
    "do",
    "not",
    "n't",
    "never",
    "would",
    "often",
    "repeatedly",
    "long",
    "firmly",
    "strongly",
    "again",
    "even",
    "only",
    "earlier",
    "privately",
    "openly",
    "already",
    "too",
];

/// Days that may follow a speech verb ("said Monday …", "… X said yesterday.").
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
];

/// Words after a speech verb that open a phrase before the that-clause ("said at the summit that").
const PREPOSITIONS: &[&str] = &[
    "at",
    "in",
    "on",
    "during",
    "to",
    "after",
    "before",
    "while",
    ",",
    "last",
    "this",
    "earlier",
    "recently",
    "publicly",
    "repeatedly",
    "previously",
    "also",
    "separately",
    "privately",
    "via",
    "through",
    "with",
    "when",
    "over",
    "as",
];

fn speaker_ok(doc: &Doc, e: usize) -> bool {
    let c = doc.class(e);
    c == Class::Person || c.is_organization() || c == Class::Team
}

/// The speech cue at `i` (strong, or weak when a that-clause follows), with its length.
fn speech_cue(doc: &Doc, i: usize) -> Option<usize> {
    if let Some(n) = doc.cue_at(Predicate::HoldsView, i, false) {
        return Some(n);
    }
    let n = doc.cue_at(Predicate::HoldsView, i, true)?;
    // A weak verb needs a that-clause, perhaps after a short phrase ("wrote on X that").
    let k = i + n;
    // "announced it would …": a clause with a pronoun subject.
    let clause = matches!(doc.word(k), "it" | "he" | "she" | "they" | "we")
        && doc
            .tokens
            .get(k + 1)
            .is_some_and(|t| matches!(t.pos, Pos::Aux | Pos::Verb));
    let ok = clause
        || doc.word(k) == "that"
        || PREPOSITIONS.contains(&doc.word(k))
            && (k..(k + 6).min(doc.tokens.len()))
                .take_while(|&j| doc.same_sentence(i, j) && doc.tokens[j].kind == TokenKind::Word)
                .any(|j| doc.word(j) == "that");
    ok.then_some(n)
}

/// Any speech cue at `i`, weak ones included (for attributions of quotations).
fn any_speech_cue(doc: &Doc, i: usize) -> Option<usize> {
    doc.cue_at(Predicate::HoldsView, i, false)
        .or_else(|| doc.cue_at(Predicate::HoldsView, i, true))
}

/// Nouns for what an organisation publishes, whose words are the organisation's.
const DOCUMENT_NOUNS: &[&str] = &[
    "post",
    "blog",
    "statement",
    "release",
    "report",
    "filing",
    "letter",
    "memo",
    "announcement",
    "notice",
    "website",
    "note",
    "press",
];

/// The organisation whose publication the words from `a` (at most five) name, and the index
/// one past them: "the company's blog post", "its statement", "Orvane's press release", "a
/// statement from Orvane".
fn publication_owner(doc: &Doc, a: usize) -> Option<(usize, usize)> {
    let org = |e: usize| doc.class(e).is_organization().then_some(e);
    let mut k = a;
    let mut owner = None;
    if let Some(m) = doc.mention_at(k) {
        let e = doc.entity(m)?;
        k = doc.mentions[m].tokens.1;
        if doc.word(k) != "'s" {
            return None;
        }
        owner = Some(org(e)?);
        k += 1;
    } else {
        match doc.word(k) {
            "its" => {
                owner = doc.organization_before(k);
                k += 1;
            }
            "the" | "a" => {
                k += 1;
                // "the company's blog post"
                if doc.ontology.anaphors.contains_key(doc.word(k)) && doc.word(k + 1) == "'s" {
                    owner = doc.organization_before(k);
                    k += 2;
                }
            }
            _ => return None,
        }
    }
    let start = k;
    while k < start + 2 && DOCUMENT_NOUNS.contains(&doc.word(k)) {
        k += 1;
    }
    if k == start {
        return None;
    }
    // "a statement from Orvane"
    if owner.is_none() && matches!(doc.word(k), "from" | "by" | "of") {
        let m = doc.mention_at(doc.skip_determiners(k + 1))?;
        owner = doc.entity(m).and_then(org);
        k = doc.mentions[m].tokens.1;
    }
    // "the blog post continues": the organisation the article last named.
    if owner.is_none() && doc.word(a) == "the" {
        owner = doc.organization_before(a);
    }
    owner.map(|o| (o, k))
}

/// The speaker written before the verb at `verb`: a mention right before it (adverbs aside), or
/// the subject of the clause when an appositive stands between ("X, professor of Y, said").
fn subject_before(doc: &Doc, verb: usize) -> Option<usize> {
    let mut j = verb;
    while j > 0 && doc.same_sentence(j - 1, verb) && ADVERBS.contains(&doc.word(j - 1)) {
        j -= 1;
    }
    // "the company's blog post states": the publisher.
    if let Some(o) = (j.saturating_sub(6)..j)
        .filter(|&a| doc.same_sentence(a, verb))
        .find_map(|a| publication_owner(doc, a).filter(|&(_, end)| end == j))
    {
        return Some(o.0);
    }
    if let Some(m) = doc.mention_before(j) {
        let e = doc.entity(m)?;
        // "Mei Tanaka of brokerage Harcourt Lowe said": the person, not the organisation; nor
        // the town taken for a person's name ("Lena Marsh of Dunmore said"): people are not
        // "of" a person.
        if let Some(p) = doc.person_before_of(doc.mentions[m].tokens.0) {
            return Some(p);
        }
        return speaker_ok(doc, e).then_some(e);
    }
    // "She argued that …, and warned that …", "X acknowledged the challenge but said …": a
    // second verb shares the sentence's subject.
    if j > 0 && matches!(doc.word(j - 1), "and" | "but") {
        let mut start = j - 1;
        while start > 0 && doc.same_sentence(start - 1, verb) {
            start -= 1;
        }
        let e = (start..(start + 3).min(j - 1)).find_map(|k| doc.entity_at(k))?;
        return speaker_ok(doc, e).then_some(e);
    }
    if j == 0 || doc.word(j - 1) != "," {
        return None;
    }
    doc.appositive_head(j - 1).filter(|&e| speaker_ok(doc, e))
}

/// The speaker written right after the verb ("said Dr. Li Haoran"; "said LG Group chief Koo").
fn subject_after(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    // "posted the company's chief Omar Rask": past a description to the person.
    let m = match doc.mention_at(i) {
        Some(m) => m,
        None => doc.person_after_description(i)?,
    };
    let e = doc.entity(m)?;
    let end = doc.mentions[m].tokens.1;
    if doc.class(e).is_organization() {
        // "the company's chief X": past the possessive.
        let mut k = if doc.word(end) == "'s" { end + 1 } else { end };
        let end = k;
        while k < end + 4
            && doc.tokens.get(k).is_some_and(|t| {
                doc.ontology.role_words.contains(t.lower.as_str())
                    || doc.ontology.titles.contains(t.lower.as_str())
            })
        {
            k += 1;
        }
        if k > end {
            if let Some(p) = doc.entity_at(k).filter(|&p| doc.class(p) == Class::Person) {
                let pm = doc.mention_at(k)?;
                return Some((p, doc.mentions[pm].tokens.1));
            }
        }
    }
    speaker_ok(doc, e).then_some((e, end))
}

/// An event named right after `i` ("at the award ceremony").
fn event_after(doc: &Doc, i: usize) -> Option<usize> {
    let at = (i..(i + 3).min(doc.tokens.len())).find(|&k| doc.word(k) == "at")?;
    let k = doc.skip_determiners(at + 1);
    let e = doc.entity(doc.mention_at(k)?)?;
    (doc.class(e) == Class::Event).then_some(e)
}

struct Attribution {
    speaker: usize,
    verb: usize,
    /// Where the words after the attribution start (for spokeAt).
    after: usize,
}

/// Attribution after a closing quotation mark: `…," said X` / `…" X said` / `…" X, a professor, said that`.
fn attribution_after(doc: &Doc, close: usize) -> Option<Attribution> {
    let mut k = close + 1;
    while matches!(doc.word(k), "," | "." | "!" | "?") {
        k += 1;
    }
    if k >= doc.tokens.len() || !doc.same_paragraph(close, k) {
        return None;
    }
    if let Some(n) = any_speech_cue(doc, k) {
        let (e, after) = subject_after(doc, k + n)?;
        return Some(Attribution {
            speaker: e,
            verb: k,
            after,
        });
    }
    // `…," the blog post continues.`
    if let Some((o, end)) = publication_owner(doc, k) {
        if let Some(n) = any_speech_cue(doc, end) {
            return Some(Attribution {
                speaker: o,
                verb: end,
                after: end + n,
            });
        }
    }
    // `…," Chilean President X said`: a nationality before the title describes the speaker.
    if doc.mention_at(k).is_none() && doc.ontology.demonyms.contains_key(doc.word(k)) {
        k += 1;
    }
    let m = doc.mention_at(k)?;
    let end = doc.mentions[m].tokens.1;
    for v in end..(end + 40).min(doc.tokens.len()) {
        if !doc.same_sentence(k, v) || doc.tokens[v].kind == TokenKind::OpenQuote {
            break;
        }
        if let Some(n) = any_speech_cue(doc, v) {
            let e = subject_before(doc, v)?;
            // "Microsoft VP Sébastien Bubeck told": the organisation opens the person's title.
            let titled = doc
                .mention_before(v)
                .is_some_and(|pm| doc.mentions[pm].title.is_some_and(|t| t.0 == end));
            return (Some(e) == doc.entity(m) || titled).then_some(Attribution {
                speaker: e,
                verb: v,
                after: v + n,
            });
        }
        if v > end + 3 && doc.word(end) != "," {
            break;
        }
    }
    None
}

/// Attribution before an opening quotation mark: `X said, "…` / `X said: "…`.
fn attribution_before(doc: &Doc, open: usize) -> Option<Attribution> {
    let mut k = open;
    if k > 0 && matches!(doc.word(k - 1), "," | ":") {
        k -= 1;
    }
    for n in 1..=2 {
        if k < n {
            continue;
        }
        let v = k - n;
        if any_speech_cue(doc, v) == Some(n) {
            let e = subject_before(doc, v)?;
            return Some(Attribution {
                speaker: e,
                verb: v,
                after: k,
            });
        }
    }
    None
}

fn trim_claim(s: &str) -> String {
    let trim = |s: &str| -> String {
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '—'))
            .trim_end_matches(['.', ',', ' '])
            .to_string()
    };
    // Most claims hold no quotation mark: one byte scan instead of a character-by-character
    // rewrite (curly marks start with byte 0xE2).
    if s.bytes().any(|b| b == b'"' || b == 0xE2) {
        trim(&s.replace(['\u{201c}', '\u{201d}', '"'], ""))
    } else {
        trim(s)
    }
}

/// Whether token `k` opens "at least" / "at most": a quantifier of the noun phrase that
/// follows ("said at least two hospitals are testing it"), not a preposition.
fn at_least(doc: &Doc, k: usize) -> bool {
    doc.word(k) == "at" && matches!(doc.word(k + 1), "least" | "most")
}

/// The claim's first noun phrase: an entity it names, or a topic.
fn topic(doc: &Doc, a: usize, b: usize) -> Option<Target> {
    let mut j = a;
    while j < b {
        let t = &doc.tokens[j];
        let starts = t.kind == TokenKind::Word
            && matches!(
                t.pos,
                Pos::Det | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num
            )
            || t.kind == TokenKind::Number;
        if !starts || j > 0 && at_least(doc, j - 1) {
            j += 1;
            continue;
        }
        let mut k = j;
        let mut has_noun = false;
        let mut used_of = false;
        while k < b {
            let t = &doc.tokens[k];
            let nominal = t.kind == TokenKind::Word
                && matches!(t.pos, Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num)
                || t.kind == TokenKind::Number
                || (k == j && t.pos == Pos::Det);
            if nominal {
                has_noun |= matches!(t.pos, Pos::Noun | Pos::Propn);
                k += 1;
            } else if t.kind == TokenKind::Possessive && has_noun {
                k += 1;
            } else if t.lower == "of"
                && has_noun
                && !used_of
                && k + 1 < b
                && matches!(
                    doc.tokens[k + 1].pos,
                    Pos::Adj | Pos::Noun | Pos::Propn | Pos::Det
                )
            {
                used_of = true;
                k += 1;
                while k < b && doc.tokens[k].pos == Pos::Det {
                    k += 1;
                }
            } else {
                break;
            }
        }
        if !has_noun {
            j = k.max(j + 1);
            continue;
        }
        let mut s = j;
        while s < k && matches!(doc.tokens[s].pos, Pos::Det) {
            s += 1;
        }
        if s >= k {
            j = k.max(j + 1);
            continue;
        }
        // "Demand for X", "concerns about X": the view is about X.
        if k == s + 1
            && k < b
            && matches!(
                doc.word(k),
                "for" | "in" | "on" | "about" | "over" | "around"
            )
            && doc
                .ontology
                .light_topics
                .contains(doc.tokens[s].lower.as_str())
        {
            if let Some(t) = topic(doc, k + 1, b) {
                return Some(t);
            }
        }
        // The phrase names an entity ("Brightwing", "the company"): the view is about it.
        for start in [s, j] {
            if let Some(m) = doc.mention_at(start) {
                if doc.mentions[m].tokens.1 >= k && doc.mentions[m].kind != MentionKind::Pronoun {
                    if let Some(e) = doc.entity(m) {
                        return Some(Target::Entity(e));
                    }
                }
            }
        }
        let label = doc.text_of(s, k).replace('\u{2019}', "'");
        return Some(Target::New {
            label,
            class: Class::Topic,
        });
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn push_view(
    doc: &Doc,
    out: &mut Vec<Relation>,
    speaker: usize,
    a: usize,
    b: usize,
    cut: Option<(usize, usize)>,
    verb: usize,
    rule: &'static str,
    confidence: f32,
) {
    if a >= b {
        return;
    }
    let joined;
    let text = match cut {
        Some((ca, cb)) if a < ca && cb < b => {
            joined = format!("{} {}", doc.text_of(a, ca), doc.text_of(cb, b));
            joined.as_str()
        }
        _ => doc.text_of(a, b),
    };
    let claim = trim_claim(text);
    if claim.split_whitespace().nth(2).is_none() {
        return;
    }
    let fallback = || Target::New {
        label: claim
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" "),
        class: Class::Topic,
    };
    // A speaker talking about itself ("the company said it …") keeps a topic phrase: a view
    // must not point back at its own speaker.
    let object = topic(doc, a, b)
        .filter(|t| *t != Target::Entity(speaker))
        .unwrap_or_else(fallback);
    let t = &doc.tokens[verb.min(doc.tokens.len() - 1)];
    out.push(Relation {
        subject: speaker,
        predicate: Predicate::HoldsView,
        object,
        role: None,
        claim: Some(claim),
        sentence: doc.tokens[a].sentence,
        trigger: t.span,
        rule,
        confidence,
    });
}

/// A quotation of several sentences also gives one view per sentence: a speaker often makes
/// several claims in one quotation.
fn push_sentences(
    doc: &Doc,
    out: &mut Vec<Relation>,
    speaker: usize,
    a: usize,
    b: usize,
    verb: usize,
) {
    if a >= b || doc.tokens[a].sentence == doc.tokens[b - 1].sentence {
        return;
    }
    let mut start = a;
    for k in a..=b {
        if k == b || doc.tokens[k].sentence != doc.tokens[start].sentence {
            let words = (start..k)
                .filter(|&j| doc.tokens[j].kind == TokenKind::Word)
                .count();
            if words >= 6 {
                push_view(
                    doc,
                    out,
                    speaker,
                    start,
                    k,
                    None,
                    verb,
                    "speech/quote-sentence",
                    0.7,
                );
            }
            start = k;
        }
    }
}

/// A quotation's view (its words from `a`, or from `claim_start` when a clause before it
/// belongs to the claim) and, for a quotation of several sentences, a view per sentence.
#[allow(clippy::too_many_arguments)]
fn push_quotation(
    doc: &Doc,
    out: &mut Vec<Relation>,
    speaker: usize,
    claim_start: usize,
    a: usize,
    b: usize,
    verb: usize,
    rule: &'static str,
    confidence: f32,
) {
    push_view(
        doc,
        out,
        speaker,
        claim_start,
        b,
        None,
        verb,
        rule,
        confidence,
    );
    push_sentences(doc, out, speaker, a, b, verb);
}

fn push_spoke_at(doc: &Doc, out: &mut Vec<Relation>, speaker: usize, after: usize) {
    if doc.class(speaker) != Class::Person {
        return;
    }
    if let Some(ev) = event_after(doc, after) {
        let t = &doc.tokens[after.min(doc.tokens.len() - 1)];
        out.push(Relation {
            subject: speaker,
            predicate: Predicate::SpokeAt,
            object: Target::Entity(ev),
            role: None,
            claim: None,
            sentence: t.sentence,
            trigger: t.span,
            rule: "spokeAt/speech",
            confidence: 0.8,
        });
    }
}

fn sentence_end(doc: &Doc, i: usize) -> usize {
    let mut k = i;
    while k < doc.tokens.len()
        && doc.same_sentence(i, k)
        && doc.tokens[k].kind != TokenKind::OpenQuote
    {
        k += 1;
    }
    k
}

/// Whether the clause ending at `i` begins right after a closing quotation mark (then it is
/// the quotation's attribution, not a claim of its own).
fn follows_quote(doc: &Doc, a: usize) -> bool {
    a > 0 && doc.tokens[a - 1].kind == TokenKind::CloseQuote && doc.same_paragraph(a - 1, a)
}

fn clause_start(doc: &Doc, i: usize) -> usize {
    let mut k = i;
    while k > 0
        && doc.same_sentence(k - 1, i)
        && doc.tokens[k - 1].kind != TokenKind::CloseQuote
        && doc.word(k - 1) != ";"
    {
        k -= 1;
    }
    k
}

/// Within `[a, b)`, an interrupting attribution ", he added," or a final one ", he said": its range.
fn inner_attribution(doc: &Doc, a: usize, b: usize) -> Option<(usize, usize)> {
    for c in a..b {
        if doc.word(c) != "," {
            continue;
        }
        let m = doc.mention_at(c + 1)?;
        let mut v = doc.mentions[m].tokens.1;
        while ADVERBS.contains(&doc.word(v)) {
            v += 1;
        }
        if let Some(n) = any_speech_cue(doc, v) {
            let end = v + n;
            if end >= b || matches!(doc.word(end), "," | "." | ";") {
                return Some((c, (end + 1).min(b)));
            }
        }
    }
    None
}

pub(super) fn extract(doc: &Doc, out: &mut Vec<Relation>) {
    // Quotations. An unattributed quotation right after an attributed one in the same paragraph
    // continues it (`"…," she said. "…"`).
    let mut previous: Option<(usize, usize)> = None; // (speaker, paragraph)
    for q in doc.quotes {
        if q.word_count(doc.tokens) < 3 {
            continue;
        }
        let inner = q.inner();
        let mut end = inner.end;
        let mut attr = if q.closed {
            attribution_after(doc, q.close)
        } else {
            None
        };
        if !q.closed && end > inner.start {
            // An unclosed quotation ending in "He said." is attributed by it.
            let last = doc.tokens[end - 1].sentence;
            let first = (inner.start..end)
                .find(|&k| doc.tokens[k].sentence == last)
                .unwrap_or(end);
            if first > inner.start && end - first <= 5 {
                if let Some(m) = doc.mention_at(first) {
                    let v = doc.mentions[m].tokens.1;
                    if any_speech_cue(doc, v).is_some() {
                        if let Some(e) = doc.entity(m).filter(|&e| speaker_ok(doc, e)) {
                            attr = Some(Attribution {
                                speaker: e,
                                verb: v,
                                after: v + 1,
                            });
                            end = first;
                        }
                    }
                }
            }
        }
        if attr.is_none() {
            attr = attribution_before(doc, q.open);
        }
        let paragraph = doc.sentences[doc.tokens[q.open].sentence].paragraph;
        // Only a quotation that stands as speech: it opens its sentence or follows a colon
        // (not a title or a scare-quoted term inside a sentence).
        let stands_alone = q.open == 0
            || doc.tokens[q.open - 1].sentence != doc.tokens[q.open].sentence
            || doc.word(q.open - 1) == ":";
        if attr.is_none()
            && stands_alone
            && q.word_count(doc.tokens) >= 5
            && previous.is_none_or(|(_, p)| p != paragraph)
        {
            // A quotation with no attribution, in a paragraph about one person ("Osborne was
            // quick to point out … “AI can work 24/7.”"): that person's words.
            if let Some(speaker) = only_person_before(doc, q.open, paragraph) {
                push_quotation(
                    doc,
                    out,
                    speaker,
                    inner.start,
                    inner.start,
                    end,
                    q.open,
                    "speech/quote-paragraph",
                    0.6,
                );
                previous = Some((speaker, paragraph));
                continue;
            }
        }
        if attr.is_none() {
            // A paragraph that opens with a quotation and names no speaker goes on with the
            // speaker of the paragraph before.
            let paragraph_of = |k: usize| doc.sentences[doc.tokens[k].sentence].paragraph;
            let opens_paragraph = (q.open == 0 || paragraph_of(q.open - 1) != paragraph)
                && (q.close + 1..doc.tokens.len())
                    .take_while(|&k| paragraph_of(k) == paragraph)
                    .all(|k| doc.tokens[k].kind != TokenKind::Word);
            if let Some((speaker, p)) =
                previous.filter(|&(_, p)| p == paragraph || p + 1 == paragraph && opens_paragraph)
            {
                let p = p.max(paragraph);
                previous = Some((speaker, p));
                push_quotation(
                    doc,
                    out,
                    speaker,
                    inner.start,
                    inner.start,
                    end,
                    q.open,
                    "speech/quote-continued",
                    0.75,
                );
            }
            continue;
        }
        let Some(attr) = attr else { continue };
        previous = Some((attr.speaker, paragraph));
        // `The move will take it "to new heights," X said`: a quoted fragment finishes a claim
        // that began before it.
        let mut start = inner.start;
        let embedded = q.open > 0 && doc.tokens[q.open - 1].kind == TokenKind::Word;
        if attr.verb > q.close && embedded {
            let first = (0..q.open)
                .rev()
                .take_while(|&k| doc.same_sentence(k, q.open))
                .last();
            if let Some(f) = first.filter(|&f| !(f..q.open).any(|k| doc.tokens[k].is_quote())) {
                if (f..q.open)
                    .filter(|&k| doc.tokens[k].kind == TokenKind::Word)
                    .count()
                    >= 3
                {
                    start = f;
                }
            }
        }
        push_quotation(
            doc,
            out,
            attr.speaker,
            start,
            inner.start,
            end,
            attr.verb,
            "speech/quote",
            0.85,
        );
        push_spoke_at(doc, out, attr.speaker, attr.after);
    }

    turns(doc, out);

    // Reported speech.
    for i in 0..doc.tokens.len() {
        if doc.quoted[i] {
            continue;
        }
        let w = doc.word(i);
        if w == "according" && doc.word(i + 1) == "to" {
            according_to(doc, out, i);
            continue;
        }
        if w == "in" {
            in_view(doc, out, i);
            continue;
        }
        if w == "per" && i > 0 && doc.word(i - 1) == "," {
            if let Some(m) = doc.mention_at(doc.skip_determiners(i + 1)) {
                let e = doc.entity(m);
                let after = doc.mentions[m].tokens.1;
                if let Some(e) = e.filter(|&e| doc.class(e).is_organization()) {
                    if matches!(doc.word(after), "." | "") || !doc.same_sentence(i, after) {
                        let a = clause_start(doc, i);
                        push_view(doc, out, e, a, i - 1, None, i, "speech/per", 0.7);
                    }
                }
            }
            continue;
        }
        // Any speech verb attributes a claim written before it (", he added."); a weak one
        // introduces a claim after it only with a that-clause.
        let Some(n) = any_speech_cue(doc, i) else {
            continue;
        };
        let forward = speech_cue(doc, i).is_some();
        if i > 0 && doc.tokens[i - 1].kind == TokenKind::CloseQuote {
            continue; // `…" said X`: the quotation's attribution
        }
        // Inverted `…, said X.` with no quotation: the claim is before.
        let addressee = matches!(doc.word(i), "told" | "tells" | "tell");
        let inverted = subject_after(doc, i + n).filter(|&(_, after)| {
            // "X, a spokeswoman for Y, said it.": "it" is the object, never an inverted speaker.
            !addressee
                && doc
                    .tokens
                    .get(i + n)
                    .is_none_or(|t| t.span.slice(doc.text) != "it")
                && i > 0
                && doc.word(i - 1) == ","
                && (!doc.same_sentence(i, after)
                    || matches!(doc.word(after), "," | "." | ";" | "at" | "in" | "on"))
        });
        if let Some((e, after)) = inverted {
            {
                let a = clause_start(doc, i);
                if !(a..i).any(|k| doc.tokens[k].is_quote()) && !follows_quote(doc, a) {
                    push_view(doc, out, e, a, i - 1, None, i, "speech/end-inverted", 0.7);
                }
            }
            push_spoke_at(doc, out, e, after);
            continue;
        }
        // "…, said X, adding that CLAIM": a participle goes on with the sentence's speaker.
        let participle = i > 0
            && doc.word(i - 1) == ","
            && doc.word(i).ends_with("ing")
            && doc.word(i + n) == "that";
        let carried = participle
            .then(|| {
                out.iter()
                    .rev()
                    .find(|r| {
                        r.predicate == Predicate::HoldsView && r.sentence == doc.tokens[i].sentence
                    })
                    .map(|r| r.subject)
            })
            .flatten();
        let Some(speaker) = carried.or_else(|| subject_before(doc, i)) else {
            continue;
        };
        push_spoke_at(doc, out, speaker, i + n);
        let mut k = i + n;
        // End attribution `CLAIM, the company says.` / `CLAIM, he added, MORE`.
        let j = {
            let mut j = i;
            while j > 0 && ADVERBS.contains(&doc.word(j - 1)) {
                j -= 1;
            }
            j
        };
        let subj_start = {
            doc.mention_before(j).map(|m| {
                let s = doc.mentions[m]
                    .title
                    .map_or(doc.mentions[m].tokens.0, |t| t.0);
                if doc.class(speaker) == Class::Person {
                    doc.description_start(s)
                } else {
                    s
                }
            })
        };
        // "…, the company's blog post states.": the publication opens the attribution.
        let subj_start = subj_start.or_else(|| {
            (i.saturating_sub(7)..i)
                .filter(|&a| doc.same_sentence(a, i))
                .find(|&a| publication_owner(doc, a).is_some_and(|(_, end)| end == i))
        });
        // "CLAIM, X, the chief of Y, said.": the speaker opens the attribution, before the
        // appositive that closes right before the verb.
        let subj_start = subj_start.or_else(|| {
            if j == 0 || doc.word(j - 1) != "," || doc.class(speaker) != Class::Person {
                return None;
            }
            let open = doc.appositive_open(j - 1);
            let m = doc.mention_before(open)?;
            (doc.word(open) == "," && doc.entity(m) == Some(speaker)).then(|| {
                let m = &doc.mentions[m];
                doc.description_start(m.title.map_or(m.tokens.0, |t| t.0))
            })
        });
        if let Some(s) = subj_start {
            // "…, X told reporters (on Monday).": past the one told.
            let k = if matches!(doc.word(i), "told" | "tells") {
                let mut j = doc.skip_determiners(k);
                match doc.mention_at(j) {
                    Some(m) => j = doc.mentions[m].tokens.1,
                    None => {
                        while j < k + 3
                            && doc.tokens.get(j).is_some_and(|t| {
                                t.kind == TokenKind::Word
                                    && !t.is_capitalized()
                                    && matches!(t.pos, Pos::Noun | Pos::Adj)
                            })
                        {
                            j += 1;
                        }
                    }
                }
                j
            } else {
                k
            };
            // "…, X said on Monday.", "…, X said in a statement.": a short time or place
            // phrase may close the attribution.
            let short_tail =
                (matches!(doc.word(k), "on" | "in" | "at" | "during" | "last" | "this")
                    || DAYS.contains(&doc.word(k)))
                    && (k..(k + 8).min(doc.tokens.len()))
                        .find(|&j| !doc.same_sentence(i, j) || matches!(doc.word(j), "." | ";"))
                        .is_some();
            // "…, X said as she opened the conference.", "…, X said when asked": a clause of
            // circumstance closes the attribution too, unless a that-clause follows ("X said as
            // … that CLAIM" is a forward claim).
            let circumstance = matches!(doc.word(k), "as" | "when" | "while" | "after" | "before")
                && !matches!(doc.word(k + 1), "much" | "well" | "part" | "a" | "an")
                && !(k..sentence_end(doc, k)).any(|j| doc.word(j) == "that");
            let at_end = !doc.same_sentence(i, k)
                || matches!(doc.word(k), "," | "." | "" | ";")
                || short_tail
                || circumstance;
            if s > 0 && doc.word(s - 1) == "," && at_end {
                let a = clause_start(doc, s - 1);
                if !(a..s).any(|x| doc.tokens[x].is_quote()) && !follows_quote(doc, a) {
                    // "…, X said, the rest of the claim" but not "…, X said, as he left".
                    let more = doc.same_sentence(i, k)
                        && doc.word(k) == ","
                        && !matches!(
                            doc.word(k + 1),
                            "as" | "when" | "while" | "after" | "before" | "adding" | "noting"
                        );
                    let b = if more { sentence_end(doc, k) } else { s - 1 };
                    let cut = more.then_some((s - 1, k + 1));
                    push_view(doc, out, speaker, a, b, cut, i, "speech/end", 0.7);
                }
                continue;
            }
        }
        // Forward claim: `X said (at …) that CLAIM` / `X said CLAIM`.
        if !forward {
            continue;
        }
        if matches!(doc.word(k), "," | ":")
            && doc
                .tokens
                .get(k + 1)
                .is_some_and(|t| t.kind == TokenKind::OpenQuote)
        {
            continue;
        }
        if doc
            .tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::OpenQuote)
        {
            continue;
        }
        if !doc.same_sentence(i, k) {
            continue;
        }
        let mut end = sentence_end(doc, k);
        if end > k + 1 && end < doc.tokens.len() && doc.tokens[end].kind == TokenKind::OpenQuote {
            // A quotation inside the claim ('wrote that Sutskever "played a key role"') belongs to it.
            while end < doc.tokens.len() && doc.same_sentence(k, end) {
                end += 1;
            }
        }
        // "said Monday the company would …": a day is no claim.
        while DAYS.contains(&doc.word(k)) {
            k += 1;
        }
        if doc.word(k) == "that" {
            k += 1;
        } else if PREPOSITIONS.contains(&doc.word(k)) && !at_least(doc, k)
            || matches!(doc.word(i), "told" | "tells")
        {
            match (k..end).find(|&j| doc.word(j) == "that") {
                Some(t) => k = t + 1,
                None => continue,
            }
        }
        // "…, noting that …": the participle's claim is a claim of its own.
        if let Some(p) = (k..end).find(|&j| {
            doc.word(j) == ","
                && doc.word(j + 1).ends_with("ing")
                && any_speech_cue(doc, j + 1).is_some()
                && doc.word(j + 2) == "that"
        }) {
            end = p;
        }
        let cut = inner_attribution(doc, k, end);
        let b = match cut {
            Some((c, e)) if e >= end => c,
            _ => end,
        };
        let cut = cut.filter(|&(_, e)| e < end);
        // "… that A, and that B": two claims.
        let split = (k..b).find(|&j| doc.word(j) == "and" && doc.word(j + 1) == "that");
        match split {
            Some(s) => {
                push_view(doc, out, speaker, k, s, None, i, "speech/reported", 0.8);
                push_view(doc, out, speaker, s + 2, b, None, i, "speech/reported", 0.8);
            }
            None => push_view(doc, out, speaker, k, b, cut, i, "speech/reported", 0.8),
        }
    }
}

/// The one person named (or referred to) in a paragraph before token `i`, if only one is.
fn only_person_before(doc: &Doc, i: usize, paragraph: usize) -> Option<usize> {
    let mut found = None;
    for (m, mention) in doc.mentions.iter().enumerate() {
        if mention.tokens.1 > i {
            break;
        }
        if doc.sentences[mention.sentence].paragraph != paragraph || mention.quoted {
            continue;
        }
        let Some(e) = doc.entity(m) else { continue };
        if doc.class(e) != Class::Person {
            continue;
        }
        match found {
            None => found = Some(e),
            Some(f) if f == e => {}
            Some(_) => return None,
        }
    }
    found
}

/// Interview transcripts and headline attributions: a person's name and a colon ("Ya-Qin
/// Zhang: It's quite interesting; …", "Summit | Liu Qingfeng: Aiming to be …"), at the start of
/// a paragraph or after a headline's bar or dash, attributes the rest of its sentence to that
/// person, and the rest of the paragraph. In a transcript (two or more such turns) a turn runs
/// on through the paragraphs that follow until the next speaker's name. Questions are not views.
fn turns(doc: &Doc, out: &mut Vec<Relation>) {
    let mut labels: Vec<(usize, usize, bool)> = Vec::new(); // (colon, speaker, opens a paragraph)
    for (m, mention) in doc.mentions.iter().enumerate() {
        let (a, b) = mention.tokens;
        if doc.word(b) != ":" || mention.quoted || !doc.is_named(m) {
            continue;
        }
        let Some(e) = doc.entity(m).filter(|&e| doc.class(e) == Class::Person) else {
            continue;
        };
        let first_of_paragraph = a == 0 || {
            let p = |k: usize| doc.sentences[doc.tokens[k].sentence].paragraph;
            p(a - 1) != p(a)
        };
        let after_bar = a > 0 && matches!(doc.word(a - 1), "|" | "—" | "–" | "-");
        if first_of_paragraph || after_bar {
            labels.push((b, e, first_of_paragraph));
        }
    }
    // A headline's label speaks for its own paragraph only; turns that open paragraphs make a
    // transcript.
    let transcript = labels.iter().filter(|l| l.2).count() >= 2;
    let paragraph = |k: usize| doc.sentences[doc.tokens[k].sentence].paragraph;
    for (n, &(colon, speaker, opens)) in labels.iter().enumerate() {
        let limit = if transcript && opens {
            labels.get(n + 1).map_or(doc.tokens.len(), |&(c, _, _)| {
                // The next label's paragraph starts where that paragraph's first token is.
                let p = paragraph(c);
                (0..c)
                    .rev()
                    .find(|&k| paragraph(k) != p)
                    .map_or(0, |k| k + 1)
            })
        } else {
            (colon..doc.tokens.len())
                .find(|&k| paragraph(k) != paragraph(colon))
                .unwrap_or(doc.tokens.len())
        };
        let mut start = colon + 1;
        let mut claims = 0;
        while start < limit && claims < 12 {
            let s = doc.tokens[start].sentence;
            let end = (start..limit)
                .find(|&k| doc.tokens[k].sentence != s)
                .unwrap_or(limit);
            let question = doc.word(end - 1) == "?";
            let words = (start..end)
                .filter(|&k| doc.tokens[k].kind == TokenKind::Word)
                .count();
            // "1." numbering a point is not part of it.
            let mut a = start;
            while a + 1 < end && doc.tokens[a].kind == TokenKind::Number && doc.word(a + 1) == "." {
                a += 2;
            }
            if !question && words >= 4 {
                push_view(doc, out, speaker, a, end, None, colon, "speech/turn", 0.7);
                claims += 1;
            }
            start = end;
        }
    }
}

/// `According to X, CLAIM.` and `CLAIM, according to X.`
fn according_to(doc: &Doc, out: &mut Vec<Relation>, i: usize) {
    // "according to her" is a pronoun, not a determiner.
    let k = if doc.mention_at(i + 2).is_some() {
        i + 2
    } else {
        doc.skip_determiners(i + 2)
    };
    let found = doc.mention_at(k);
    // "according to Sakana's co-founder and chief executive David Ha": past the owner and the
    // description to the person.
    let owner_end = found
        .filter(|&m| doc.word(doc.mentions[m].tokens.1) == "'s")
        .map(|m| doc.mentions[m].tokens.1 + 1);
    let person = |m: usize| doc.entity(m).is_some_and(|e| doc.class(e) == Class::Person);
    let m = match (found, owner_end) {
        (Some(m), None) if person(m) => m,
        (_, Some(after)) => match doc.person_after_description(after).or(found) {
            Some(m) => m,
            None => return,
        },
        (_, None) => match doc.person_after_description(k).or(found) {
            Some(m) => m,
            None => return,
        },
    };
    let Some(e) = doc.entity(m).filter(|&e| speaker_ok(doc, e)) else {
        return;
    };
    let after = doc.mentions[m].tokens.1;
    let start = clause_start(doc, i);
    if start + 1 >= i && doc.word(after) == "," {
        let end = sentence_end(doc, after);
        push_view(
            doc,
            out,
            e,
            after + 1,
            end,
            None,
            i,
            "speech/according-to",
            0.75,
        );
    } else if i > start + 3 && doc.word(i - 1) == "," {
        push_view(
            doc,
            out,
            e,
            start,
            i - 1,
            None,
            i,
            "speech/according-to",
            0.75,
        );
    }
}

/// `In X's view, CLAIM.` / `In his view, CLAIM.`
fn in_view(doc: &Doc, out: &mut Vec<Relation>, i: usize) {
    let Some(m) = doc.mention_at(i + 1) else {
        return;
    };
    let Some(e) = doc.entity(m).filter(|&e| speaker_ok(doc, e)) else {
        return;
    };
    let mut k = doc.mentions[m].tokens.1;
    if doc.word(k) == "'s" {
        k += 1;
    }
    if !matches!(
        doc.word(k),
        "view" | "opinion" | "words" | "assessment" | "estimation" | "eyes"
    ) || doc.word(k + 1) != ","
    {
        return;
    }
    let end = sentence_end(doc, k + 2);
    push_view(doc, out, e, k + 2, end, None, i, "speech/in-view", 0.8);
}
