//! Releases and development: "ORG released MODEL", "MODEL, released by ORG", "the launch of
//! MODEL", "MODEL was developed by a team led by X" — never under negation or modality
//! ("did not release", "may launch", "plans to release").

use super::{Doc, Relation, Target};
use crate::ontology::{Class, Predicate};
use crate::text::pos::Pos;
use crate::text::token::TokenKind;

/// The model named right after token `i`: determiners, adjectives and model nouns may come
/// first ("the first large-scale language model MOSS").
fn model_after(doc: &Doc, i: usize) -> Option<usize> {
    let mut j = i;
    while j < i + 12 && doc.same_sentence(i, j) {
        if let Some(m) = doc.mention_at(j) {
            // "a robot model called Marten": the name, not the phrase that describes it.
            if let Some(name) = doc.named_after(m) {
                if let Some(e) = doc
                    .entity_at(name)
                    .filter(|&e| doc.class(e) == Class::Model)
                {
                    return Some(e);
                }
            }
            let e = doc.entity(m)?;
            return (doc.class(e) == Class::Model).then_some(e);
        }
        let t = &doc.tokens[j];
        // "its bilingual (Chinese and English) conversational model": skip a bracket.
        if t.lower == "(" {
            match (j + 1..(j + 8).min(doc.tokens.len())).find(|&k| doc.word(k) == ")") {
                Some(close) => {
                    j = close + 1;
                    continue;
                }
                None => return None,
            }
        }
        let ok = t.kind == TokenKind::Word
            && (matches!(
                t.pos,
                Pos::Det | Pos::Adj | Pos::Noun | Pos::Num | Pos::Propn
            ) || matches!(t.lower.as_str(), "its" | "their" | "his" | "her" | "our"))
            && !matches!(t.lower.as_str(), "that" | "this" | "which")
            // "the 3.5 version of its chatbot M", "a new edition of M".
            || t.kind == TokenKind::Number
            || t.lower == "of"
                && j > i
                && matches!(
                    doc.word(j - 1),
                    "version" | "versions" | "edition" | "update" | "upgrade" | "iteration"
                );
        // "its own robotics model, Gemini Robotics": a comma after a model noun.
        let apposition = t.lower == ","
            && j > i
            && doc.ontology.head_class(doc.word(j - 1)) == Some(Class::Model);
        if !ok && t.kind != TokenKind::OpenQuote && !apposition {
            return None;
        }
        j += 1;
    }
    None
}

/// The owner written before a model after token `i` ("the launch of Corvane's chatbot Lumo"):
/// an agent's name followed by "'s" among the model's first words.
fn owner_after(doc: &Doc, i: usize) -> Option<usize> {
    let mut j = doc.skip_determiners(i);
    while j < i + 4 && doc.same_sentence(i, j) {
        if let Some(m) = doc.mention_at(j) {
            let e = doc.entity(m)?;
            let end = doc.mentions[m].tokens.1;
            return (doc.is_agent(e) && doc.word(end) == "'s").then_some(e);
        }
        j += 1;
    }
    None
}

/// "made M (freely) available", "made M open source": a release written around the model.
fn made_available(doc: &Doc, out: &mut Vec<Relation>) {
    for i in 0..doc.tokens.len() {
        if !matches!(doc.word(i), "made" | "makes" | "make" | "making") || doc.hedged_before(i, 4) {
            continue;
        }
        let Some(m) = model_after(doc, i + 1) else {
            continue;
        };
        // Past the model's name and its nouns ("its Orca Bot 4.0 model") to the adjective.
        let Some(end) = (i + 1..(i + 14).min(doc.tokens.len()))
            .take_while(|&k| doc.same_sentence(i, k))
            .find(|&k| {
                matches!(
                    doc.word(k),
                    "available" | "public" | "open-source" | "accessible"
                ) || doc.word(k) == "open" && doc.word(k + 1) == "source"
            })
        else {
            continue;
        };
        let between_ok = (i + 1..end).all(|k| {
            let w = doc.word(k);
            !matches!(w, "." | ";" | "and" | "but" | "to")
        });
        if !between_ok {
            continue;
        }
        if let Some(agent) = agent_before(doc, i).filter(|&a| a != m) {
            out.push(Relation::at(
                doc,
                agent,
                Predicate::Released,
                Target::Entity(m),
                i,
                "release/made-available",
                0.8,
            ));
        }
    }
}

/// The nearest model mentioned before token `i` in the sentence.
fn model_before(doc: &Doc, i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .take_while(|&j| doc.same_sentence(i, j))
        .find_map(|j| {
            let e = doc.entity(doc.mention_before(j + 1)?)?;
            (doc.class(e) == Class::Model).then_some(e)
        })
}

/// The agent written before token `i`: the nearest mention to the left, skipping time
/// phrases and relative pronouns ("Cobalt Lane Inc., which released").
fn agent_before(doc: &Doc, i: usize) -> Option<usize> {
    let mut j = i;
    let mut skipped = 0;
    while j > 0 && doc.same_sentence(j - 1, i) && skipped < 8 {
        if let Some(m) = doc.mention_before(j) {
            let e = doc.entity(m)?;
            // "01.AI, a startup founded by Kai-Fu Lee, released": the clause's subject.
            let end = doc.mentions[m].tokens.1;
            // "…, which released": a relative clause attaches to the name before the comma.
            let relative = matches!(doc.word(end + 1), "which" | "who" | "that");
            if doc.word(end) == "," && !relative {
                if let Some(head) = doc
                    .appositive_head(end)
                    .filter(|&h| doc.is_agent(h) && h != e)
                {
                    return Some(head);
                }
            }
            return doc.is_agent(e).then_some(e);
        }
        let w = doc.word(j - 1);
        let t = &doc.tokens[j - 1];
        let adverb = t.pos == Pos::Adv && !t.is_capitalized();
        // "has developed and publicly released": a coordinated verb.
        let verb = doc.cue_at(Predicate::Developed, j - 1, false).is_some()
            || doc.cue_at(Predicate::Released, j - 1, false).is_some();
        // "Shanghai lab releases …": a descriptor noun after the name.
        let descriptor =
            doc.ontology.anaphors.contains_key(w) && doc.mention_before(j - 1).is_some();
        let skippable = adverb
            || verb
            || descriptor
            || matches!(
                w,
                "began"
                    | "begins"
                    | "started"
                    | "starts"
                    | "and"
                    | "its"
                    | "their"
                    | "partners"
                    | "collaborators"
            )
            || matches!(
                w,
                "," | "which"
                    | "who"
                    | "that"
                    | "has"
                    | "have"
                    | "had"
                    | "also"
                    | "on"
                    | "in"
                    | "last"
                    | "this"
                    | "week"
                    | "month"
                    | "year"
                    | "recently"
                    | "quietly"
                    | "officially"
                    | "formally"
                    | "jointly"
                    | "today"
                    | "yesterday"
                    | "finally"
                    | "first"
            )
            || doc.tokens[j - 1].kind == TokenKind::Number
            || doc.tokens[j - 1].is_capitalized() && doc.mention_before(j).is_none();
        if !skippable {
            return None;
        }
        j -= 1;
        skipped += 1;
    }
    None
}

/// The agent after "by" within a few tokens of `i` ("released in April by Qinghe Intelligence").
fn agent_by(doc: &Doc, i: usize) -> Option<usize> {
    let by = (i..(i + 8).min(doc.tokens.len()))
        .take_while(|&j| doc.same_sentence(i, j) && !matches!(doc.word(j), "," | "." | ";" | "and"))
        .find(|&j| doc.word(j) == "by")?;
    let mut k = doc.skip_determiners(by + 1);
    // "by Microsoft-backed Corvane": past who backs it.
    while crate::mention::is_describing_compound(doc.word(k)) {
        k += 1;
    }
    if let Some(m) = doc.mention_at(k) {
        let e = doc.entity(m)?;
        return doc.is_agent(e).then_some(e);
    }
    // "by Norwegian firm Fjellby Audio"
    doc.organization_from(k, 4).map(|(_, e)| e)
}

/// The organisation a sentence is about: its first organisation before token `i` other than the
/// model itself.
fn sentence_organization(doc: &Doc, i: usize, model: usize) -> Option<usize> {
    let mut start = i;
    while start > 0 && doc.same_sentence(start - 1, i) {
        start -= 1;
    }
    (start..i).find_map(|k| {
        let e = doc.entity(doc.mention_at(k)?)?;
        (e != model && doc.class(e).is_organization()).then_some(e)
    })
}

/// For an agent written as "X and Y", the other agent.
fn coordinated_agent(doc: &Doc, agent: usize, verb: usize) -> Option<usize> {
    let m = (1..=verb).rev().take(6).find_map(|k| {
        doc.mention_before(k)
            .filter(|&m| doc.entity(m) == Some(agent))
    })?;
    let start = doc.mentions[m].tokens.0;
    if start == 0 || doc.word(start - 1) != "and" {
        return None;
    }
    let e = doc.entity(doc.mention_before(start - 1)?)?;
    (e != agent && doc.class(e).is_organization() && doc.class(agent).is_organization())
        .then_some(e)
}

/// "Tencent's Hunyuan", "OpenAI's GPT-4 Turbo", "its foundation model Hunyuan": the owner of a
/// model developed it.
fn owned_models(doc: &Doc, out: &mut Vec<Relation>) {
    for (mi, m) in doc.mentions.iter().enumerate() {
        let Some(model) = doc.entity(mi) else {
            continue;
        };
        if doc.class(model) != Class::Model || !doc.is_named(mi) {
            continue;
        }
        let mut k = m.tokens.0;
        while k > 0 && m.tokens.0 - k < 5 && doc.same_sentence(k - 1, m.tokens.0) {
            let t = &doc.tokens[k - 1];
            let modifier = t.kind == TokenKind::Word
                && matches!(t.pos, Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num)
                && doc.mention_before(k).is_none();
            if !modifier {
                break;
            }
            k -= 1;
        }
        let owner = if k > 0 && doc.word(k - 1) == "'s" {
            doc.entity_before(k - 1)
        } else if k > 0 && doc.word(k - 1) == "its" {
            doc.organization_before(k - 1)
        } else {
            None
        };
        let Some(owner) = owner.filter(|&o| o != model && doc.class(o).is_organization()) else {
            continue;
        };
        out.push(Relation::at(
            doc,
            owner,
            Predicate::Developed,
            Target::Entity(model),
            k - 1,
            "develop/possessive",
            0.7,
        ));
    }
}

/// Who made a model developed it: "ChatGPT maker OpenAI", "Kestrel Labs, the creator of the
/// Lumo chatbot", "Orvane – creator of Quilla –".
fn makers(doc: &Doc, out: &mut Vec<Relation>) {
    let maker = |k: usize| {
        doc.ontology.makers.contains(doc.word(k))
            && doc.tokens.get(k).is_some_and(|t| !t.is_capitalized())
    };
    for (mi, m) in doc.mentions.iter().enumerate() {
        let Some(e) = doc.entity(mi) else { continue };
        let end = m.tokens.1;
        let found = if doc.class(e) == Class::Model && maker(end) {
            // MODEL maker AGENT
            doc.entity_at(end + 1)
                .filter(|&a| a != e && doc.is_agent(a))
                .map(|a| (a, e, end))
        } else if doc.is_agent(e) && matches!(doc.word(end), "," | "–" | "—" | "(") {
            // AGENT, (the) maker of (the) (words) MODEL
            let k = doc.skip_determiners(end + 1);
            (maker(k) && doc.word(k + 1) == "of")
                .then(|| doc.skip_determiners(k + 2))
                .and_then(|j| {
                    (j..(j + 4).min(doc.tokens.len()))
                        .take_while(|&x| doc.same_sentence(j, x) && doc.word(x) != ",")
                        .find_map(|x| doc.entity_at(x))
                })
                .filter(|&model| doc.class(model) == Class::Model)
                .map(|model| (e, model, k))
        } else {
            None
        };
        if let Some((agent, model, at)) = found {
            out.push(Relation::at(
                doc,
                agent,
                Predicate::Developed,
                Target::Entity(model),
                at,
                "develop/maker",
                0.8,
            ));
        }
    }
}

pub(super) fn extract(doc: &Doc, out: &mut Vec<Relation>) {
    makers(doc, out);
    owned_models(doc, out);
    made_available(doc, out);
    for i in (0..doc.tokens.len()).filter(|&i| doc.has_cue(i)) {
        for (p, rule_active, rule_passive, conf) in [
            (
                Predicate::Released,
                "release/active",
                "release/passive",
                0.85,
            ),
            (
                Predicate::Developed,
                "develop/active",
                "develop/passive",
                0.8,
            ),
        ] {
            let Some(n) = doc.cue_at(p, i, false) else {
                continue;
            };
            if doc.hedged_before(i, 4) {
                continue;
            }
            let nominal = doc.word(i + n - 1) == "of";
            let passive = agent_by(doc, i + n);
            let passive_voice =
                i > 0 && matches!(doc.word(i - 1), "was" | "were" | "been" | "is" | "being");
            let (subject, object, rule) = if let Some(agent) = passive.filter(|_| !nominal) {
                match model_before(doc, i) {
                    Some(m) => (agent, m, rule_passive),
                    None => continue,
                }
            } else if nominal {
                // "the launch of OpenAI's chatbot ChatGPT": past the owner to the model.
                let owner = owner_after(doc, i + n);
                let from = owner.map_or(i + n, |_| {
                    (i + n..(i + n + 6).min(doc.tokens.len()))
                        .find(|&k| doc.word(k) == "'s")
                        .map_or(i + n, |k| k + 1)
                });
                let Some(m) = model_after(doc, from) else {
                    continue;
                };
                let Some(agent) = passive.or(owner).or_else(|| agent_before(doc, i)) else {
                    continue;
                };
                (agent, m, "release/nominal")
            } else if passive_voice && p == Predicate::Released {
                // "Orrery 2, which was released last spring": the organisation the sentence is about.
                let Some(m) = model_before(doc, i) else {
                    continue;
                };
                let Some(agent) = sentence_organization(doc, i, m) else {
                    continue;
                };
                (agent, m, "release/agentless")
            } else {
                let Some(m) = model_after(doc, i + n) else {
                    continue;
                };
                let Some(agent) = agent_before(doc, i) else {
                    continue;
                };
                (agent, m, rule_active)
            };
            if subject == object {
                continue;
            }
            // "X and Y jointly released M": both.
            let other = coordinated_agent(doc, subject, i).map(|o| (o, conf * 0.9));
            for (agent, confidence) in other.into_iter().chain([(subject, conf)]) {
                out.push(Relation::at(
                    doc,
                    agent,
                    p,
                    Target::Entity(object),
                    i,
                    rule,
                    confidence,
                ));
            }
        }
    }
}
