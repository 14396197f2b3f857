//! Mentions: capitalised names, teams, event phrases, pronouns and definite anaphors ("the
//! company"), typed with the ontology's classes from internal cues (head words), the gazetteer,
//! titles and context (role appositives, model nouns, release verbs).

use crate::model::ner;
use crate::model::word::is_headline;
use crate::ontology::{normalize_name, Class, FastMap, Lexeme, Ontology, Predicate};
use crate::span::Span;
use crate::text::pos::{is_acronym, Pos, Tagger};
use crate::text::sentence::Sentence;
use crate::text::token::{sentence_ranges, Token, TokenKind};

/// What kind of expression a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A capitalised name.
    Name,
    /// A team: "Qiu Xipeng's team", "a team led by …".
    Team,
    /// A lower-case phrase naming an event or a model ("the award ceremony").
    Phrase,
    /// he, she, his, her.
    Pronoun,
    /// "the company", "the lab".
    Anaphor,
}

/// How sure the class of a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Guessed from shape alone.
    Weak,
    /// From context (a role after it, a release verb before it).
    Context,
    /// From the name itself (a head word, the gazetteer, a title).
    Strong,
}

/// A mention of an entity in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Token range `[start, end)`.
    pub tokens: (usize, usize),
    /// Byte span.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
    /// Kind of expression.
    pub kind: MentionKind,
    /// Class, if known.
    pub class: Option<Class>,
    /// How sure the class is.
    pub certainty: Certainty,
    /// The label to show (the name without title, "the" or trailing punctuation).
    pub label: String,
    /// Token range of a title or role written before the name ("OpenAI CEO").
    pub title: Option<(usize, usize)>,
    /// For a team named after someone, the token range of that person's or organisation's name.
    pub owner: Option<(usize, usize)>,
    /// Whether the mention lies inside a quotation.
    pub quoted: bool,
    /// Whether a preposition or an opening bracket stands right before it ("at Sony",
    /// "(Reuters)"): such names are seldom what "it" or "the company" refers to.
    pub oblique: bool,
    /// A person's name with the family name first ("Qiu Xipeng").
    pub family_first: bool,
    /// An organisation's other name, in brackets right after the mention before it ("PAN
    /// (National Action Party)", "Welfare Party (RP)"): resolution makes the two one entity.
    pub renames: bool,
}

/// Whether a hyphenated word describes whoever follows ("Lisbon-based", "Microsoft-backed",
/// "state-run"): a modifier, never a name.
pub(crate) fn is_describing_compound(lower: &str) -> bool {
    [
        "-based", "-backed", "-owned", "-funded", "-led", "-run", "-listed", "-born",
    ]
    .iter()
    .any(|s| lower.ends_with(s))
}

/// A month (or its abbreviation) or a weekday: a match, not a list scan, as it is asked of
/// every capitalised word.
fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "jan."
            | "feb"
            | "feb."
            | "mar."
            | "apr"
            | "apr."
            | "jun."
            | "jul."
            | "aug"
            | "aug."
            | "sep."
            | "sept."
            | "oct"
            | "oct."
            | "nov"
            | "nov."
            | "dec"
            | "dec."
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            // Clock zones: "0107 GMT 2 Feb".
            | "gmt"
            | "utc"
    )
}

const LANGUAGES: &[&str] = &[
    "english",
    "arabic",
    "swahili",
    "hindi",
    "mandarin",
    "cantonese",
    "portuguese",
    "bengali",
    "urdu",
    "persian",
    "farsi",
    "hebrew",
    "thai",
    "malay",
    "tamil",
    "latin",
    "sheng",
    "esperanto",
];

const NUMBER_WORDS: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "percent",
];

const PRONOUNS: &[&str] = &["he", "she", "his", "her", "him"];

/// Everything mention finding reads.
pub struct Context<'a> {
    /// Document text.
    pub text: &'a str,
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Tagged tokens.
    pub tokens: &'a [Token],
    /// Per token: inside a quotation.
    pub quoted: &'a [bool],
    /// The vocabulary.
    pub ontology: &'a Ontology,
    /// The tagger's lexicon.
    pub tagger: &'a Tagger,
    /// Per token: what the vocabulary says of its word (looked up once here).
    lexemes: Vec<Lexeme>,
    /// Per token: whether it can be part of a name (decided once here; name finding asks
    /// several times for most capitalised words).
    name_words: Vec<bool>,
    /// Per sentence: written in Title Case (a headline), where capitals do not mark names.
    headline: Vec<bool>,
    /// The recogniser's names in text order, each with the kind voted over the document.
    names: Vec<ner::Name>,
}

impl<'a> Context<'a> {
    /// The context of one document's tokens.
    pub fn new(
        text: &'a str,
        sentences: &'a [Sentence],
        tokens: &'a [Token],
        quoted: &'a [bool],
        ontology: &'a Ontology,
        tagger: &'a Tagger,
    ) -> Self {
        let lexemes = tokens.iter().map(|t| ontology.lexeme(&t.lower)).collect();
        let mut cx = Context {
            text,
            sentences,
            tokens,
            quoted,
            ontology,
            tagger,
            lexemes,
            name_words: Vec::new(),
            headline: vec![false; sentences.len()],
            names: Vec::new(),
        };
        // Each recognised name takes the kind the recogniser gives that name most often in the
        // whole document: one sentence may read "Kai Lee" as a place, the article as a person.
        let classes: Vec<u8> = tokens.iter().map(|t| t.ner).collect();
        let names = ner::decode(&classes);
        let key = |n: &ner::Name| {
            normalize_name(
                Span::new(tokens[n.start].span.start, tokens[n.end - 1].span.end).slice(text),
            )
        };
        let mut votes: FastMap<String, [u32; 3]> = FastMap::default();
        for n in &names {
            votes.entry(key(n)).or_insert([0; 3])[n.kind.min(2)] += 1;
        }
        cx.names = names
            .iter()
            .map(|n| {
                let v = votes[&key(n)];
                let kind = (0..3)
                    .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
                    .unwrap_or(n.kind);
                ner::Name { kind, ..*n }
            })
            .collect();
        cx.name_words = (0..tokens.len()).map(|i| cx.decide_name_word(i)).collect();
        for (s, range) in sentence_ranges(tokens) {
            if let Some(h) = cx.headline.get_mut(s) {
                *h = is_headline(tokens[range].iter().map(|t| t.span.slice(text)));
            }
        }
        cx
    }

    /// The kind of name (0 person, 1 organisation, 2 place) the recogniser gives a name whose
    /// last word is token `i`, voted over the document; only a recognised name that ends there
    /// counts.
    fn recognised(&self, i: usize) -> Option<usize> {
        let k = self.names.partition_point(|n| n.end <= i);
        self.names.get(k).filter(|n| n.end == i + 1).map(|n| n.kind)
    }

    /// Per token: what the vocabulary says of its word.
    pub fn lexemes(&self) -> &[Lexeme] {
        &self.lexemes
    }

    /// Each token's vocabulary entry, kept for the relation stage.
    pub fn into_lexemes(self) -> Vec<Lexeme> {
        self.lexemes
    }

    #[inline]
    fn lexeme(&self, i: usize) -> Lexeme {
        self.lexemes.get(i).copied().unwrap_or_default()
    }

    fn is_role_word(&self, i: usize) -> bool {
        self.lexeme(i).role_word
    }

    fn anaphor(&self, i: usize) -> Option<Class> {
        self.lexeme(i).anaphor
    }
}

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    fn is_sentence_initial(&self, i: usize) -> bool {
        i == 0
            || self.tokens[i - 1].sentence != self.tokens[i].sentence
            || matches!(self.tokens[i - 1].kind, TokenKind::OpenQuote)
            || matches!(self.word(i - 1), "*" | "-" | "—" | ":" | "(")
    }

    /// A month or weekday. A month name is a name ("Jan Leike", "April Ross") unless a date
    /// or a time phrase surrounds it ("Jan. 20", "in May", "last March").
    fn is_calendar(&self, i: usize) -> bool {
        let w = self.word(i);
        if !is_calendar_word(w) {
            return false;
        }
        if w.ends_with("day") || w.ends_with('.') {
            return true;
        }
        let next = self.tokens.get(i + 1);
        // "on 4 May", "the 18 January senator": a day before the month dates it too.
        let dated = next
            .is_some_and(|n| n.kind == TokenKind::Number || n.lower == "." || !n.is_capitalized())
            || i > 0
                && self.tokens[i - 1].kind == TokenKind::Number
                && self.tokens[i - 1].lower.len() <= 2
                && self.tokens[i - 1].sentence == self.tokens[i].sentence
                && !(i > 1 && self.word(i - 2) == "no.");
        let timed = i > 0
            && matches!(
                self.word(i - 1),
                "in" | "since"
                    | "by"
                    | "until"
                    | "last"
                    | "next"
                    | "of"
                    | "early"
                    | "late"
                    | "mid"
                    | "from"
                    | "through"
                    | "this"
                    | "each"
                    | "every"
                    | "during"
            );
        dated || timed || next.is_none()
    }

    fn is_title(&self, i: usize) -> bool {
        self.lexeme(i).title
    }

    /// A capitalised word that can be part of a name.
    #[inline]
    fn is_name_word(&self, i: usize) -> bool {
        self.name_words[i]
    }

    /// [`Context::is_name_word`], worked out.
    fn decide_name_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if !t.is_capitalized() || self.is_calendar(i) || t.lower == "i" {
            return false;
        }
        if self
            .ontology
            .known_names
            .contains_key(t.lower.trim_end_matches('.'))
        {
            return true;
        }
        if is_acronym(t.span.slice(self.text)) {
            return true;
        }
        // "Sora-class", "GPT-style": a capitalised word with a lower-case ending is an adjective.
        let raw = t.span.slice(self.text);
        if let Some((_, ending)) = raw.rsplit_once('-') {
            if ending.len() >= 3
                && ending.chars().all(char::is_lowercase)
                && !raw.chars().any(|c| c.is_ascii_digit())
                && self.tagger.is_common_word(ending)
            {
                return false;
            }
            // "Lisbon-based", "Microsoft-backed" describe; they are not names.
            if is_describing_compound(&t.lower) {
                return false;
            }
        }
        // "then-Texas Gov. X": a post held then, not a name.
        if t.lower.starts_with("then-") {
            return false;
        }
        // Contractions ("We're") and number words ("Million") are not names.
        if t.lower.contains('\'') && !t.lower.starts_with("o'") && !t.lower.starts_with("d'")
            || NUMBER_WORDS.contains(&t.lower.as_str())
        {
            return false;
        }
        // A capitalised cue verb in a headline ("UAE Launches …") is not part of a name.
        let initial = self.is_sentence_initial(i);
        if !initial && self.ontology.is_cue_verb(&t.lower) {
            return false;
        }
        // One lexicon lookup for both questions.
        let (pos, common) = self.tagger.lexical_info(&t.lower);
        // "Anatomist Jeffrey Laitman said": an occupation opening a sentence before a given
        // name describes the person.
        if initial
            && self.ontology.is_occupation(&t.lower)
            && !self.ontology.given_names.contains(raw)
            && self.tokens.get(i + 1).is_some_and(|n| {
                n.sentence == t.sentence
                    && self.ontology.given_names.contains(n.span.slice(self.text))
            })
            && self
                .tokens
                .get(i + 2)
                .is_some_and(|n| n.sentence == t.sentence && n.is_capitalized())
        {
            return false;
        }
        if initial {
            // "New Jersey Gov. X": a common word opening a known name is the name's; so is one
            // opening a firm's name that its legal form closes ("Waste Disposal Co.").
            // ("Chipmaker Intel Corp.": a descriptor noun is no part of the name.)
            let firm = || {
                matches!(pos, Some(Pos::Noun | Pos::Adj | Pos::Propn) | None)
                    && self.anaphor(i).is_none()
                    && !self.ontology.is_occupation(&t.lower)
                    && self.tokens[i + 1..]
                        .iter()
                        .take(4)
                        .take_while(|n| n.sentence == t.sentence && n.is_capitalized())
                        .any(|n| is_legal_form(&n.lower))
            };
            return !common
                || firm()
                || self.tokens.get(i + 1).is_some_and(|n| {
                    // (Joined on the stack: this asks at most once per sentence.)
                    let mut buf = [0u8; 48];
                    let (a, b) = (t.lower.as_bytes(), n.lower.as_bytes());
                    let len = a.len() + 1 + b.len();
                    n.is_capitalized() && len <= buf.len() && {
                        buf[..a.len()].copy_from_slice(a);
                        buf[a.len()] = b' ';
                        buf[a.len() + 1..len].copy_from_slice(b);
                        std::str::from_utf8(&buf[..len])
                            .is_ok_and(|key| self.ontology.known_names.contains_key(key))
                    }
                });
        }
        // "the Corvane Trust", "Orvel Guard": an organisation's head word is a name's, though
        // the lexicon knows it best as a verb.
        if !initial && self.head_class(i).is_some_and(|c| c.is_organization()) {
            return true;
        }
        // "Mount Sinai", "Fort Worth": a place's prefix before a capitalised word is a name's.
        if matches!(t.lower.as_str(), "mount" | "fort" | "port")
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.is_capitalized() && n.sentence == t.sentence)
            && !self.headline.get(t.sentence).copied().unwrap_or(false)
        {
            return true;
        }
        !(common
            && matches!(
                pos,
                Some(
                    Pos::Verb
                        | Pos::Aux
                        | Pos::Adp
                        | Pos::Det
                        | Pos::Pron
                        | Pos::Cconj
                        | Pos::Sconj
                        | Pos::Adv
                        | Pos::Part
                )
            ))
    }

    fn head_class(&self, i: usize) -> Option<Class> {
        self.lexeme(i).head
    }

    fn is_org_head(&self, i: usize) -> bool {
        self.head_class(i)
            .is_some_and(|c| c.is_organization() || c == Class::Event)
    }
}

/// Finds and types every mention, in text order.
pub fn find_mentions(cx: &Context) -> Vec<Mention> {
    let mut out = Vec::new();
    let toks = cx.tokens;
    let mut i = 0;
    while i < toks.len() {
        // A title and the role words after it ("Secretary General", "Chief Executive") precede a
        // name; they do not start one.
        let ordinal_title = is_ordinal_word(&toks[i].lower) && title_follows(cx, i + 1);
        if (cx.is_title(i) || ordinal_title) && toks[i].is_capitalized() && !cx.is_org_head(i) {
            i += 1;
            while i < toks.len()
                && (toks[i].is_capitalized() || cx.word(i) == "of")
                && (cx.is_title(i) || cx.is_role_word(i))
                && !cx.is_org_head(i)
            {
                i += 1;
            }
            continue;
        }
        if !cx.is_name_word(i)
            || (cx.is_title(i) && !cx.ontology.known_names.contains_key(toks[i].lower.as_str()))
        {
            i += 1;
            continue;
        }
        let (start, end) = name_extent(cx, i);
        i = end.max(i + 1);
        if let Some((place, outlet)) = source_line(cx, start, end) {
            // A headline before the report's number is a name of its own, if any.
            if place.0 > start + 1 {
                out.extend(name_mention(cx, start, place.0 - 1));
            }
            for ((a, b), class) in [(place, Class::Place), (outlet, Class::Media)] {
                if let Some(mut m) = name_mention(cx, a, b) {
                    m.class = Some(class);
                    m.certainty = m.certainty.max(Certainty::Context);
                    out.push(m);
                }
            }
            i = i.max(outlet.1);
            continue;
        }
        if let Some(m) = name_mention(cx, start, end) {
            // "the 5th U.S. Circuit Court of Appeals", "the 8th District": an ordinal opens an
            // organisation's name.
            let ordinal = start > 0
                && end - start >= 2
                && toks[start - 1].sentence == toks[start].sentence
                && is_ordinal(&toks[start - 1].lower)
                && m.class.is_some_and(|c| c.is_organization());
            let m = if ordinal {
                name_mention(cx, start - 1, end)
                    .filter(|w| w.class == m.class)
                    .unwrap_or(m)
            } else {
                m
            };
            out.push(m);
        }
    }
    // In a headline, capitals mark every word: a name the recogniser does not see there and
    // nothing else vouches for is a headline word ("Surpassed", "Objectively").
    out.retain(|m| {
        !(cx.headline.get(m.sentence).copied().unwrap_or(false)
            && m.certainty == Certainty::Weak
            && !(m.tokens.0..m.tokens.1).any(|k| toks[k].ner != 0))
    });
    // Names the recogniser found that the rules passed over. The rules' names are in order and
    // apart, so the one that could overlap a span is found by bisection (a scan of them all
    // for every span made one long document quadratic).
    let found = out.len();
    for &ner::Name { start, end, .. } in &cx.names {
        let k = out[..found].partition_point(|m| m.tokens.1 <= start);
        if out[..found].get(k).is_some_and(|m| m.tokens.0 < end) {
            continue;
        }
        // (A title alone, "President" in "Tan Dai, President of X", is no one's name.)
        let lone_title = end == start + 1 && cx.is_title(start);
        if !lone_title
            && (start..end).all(|k| toks[k].kind == TokenKind::Word && toks[k].is_capitalized())
        {
            if let Some(m) = name_mention(cx, start, end) {
                out.push(m);
            }
        }
    }
    out.sort_by_key(|m| m.tokens.0);
    add_teams(cx, &mut out);
    add_phrases(cx, &mut out);
    add_pronouns_and_anaphors(cx, &mut out);
    out.sort_by_key(|m| (m.tokens.0, std::cmp::Reverse(m.tokens.1)));
    // Drop mentions nested in an earlier one of the same kind (a name inside a team keeps both).
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if kept
            .iter()
            .rev()
            .take(4)
            .any(|k| k.kind == m.kind && k.tokens.0 <= m.tokens.0 && m.tokens.1 <= k.tokens.1)
        {
            continue;
        }
        kept.push(m);
    }
    for m in kept.iter_mut() {
        m.quoted = cx.quoted.get(m.tokens.0).copied().unwrap_or(false);
        let first = m.title.map_or(m.tokens.0, |t| t.0);
        m.oblique = first > 0
            && (toks[first - 1].pos == Pos::Adp || toks[first - 1].lower == "(")
            && toks[first - 1].sentence == m.sentence;
    }
    // "PAN (National Action Party)", "Party of the Democratic Revolution (PRD)": an acronym and
    // a full name, one in brackets right after the other, name one organisation, whatever
    // language the initials come from.
    for k in 1..kept.len() {
        let (a, b) = (&kept[k - 1], &kept[k]);
        let acronym = |m: &Mention| m.tokens.1 - m.tokens.0 == 1 && is_acronym(&m.label);
        let bracketed = a.kind == MentionKind::Name
            && b.kind == MentionKind::Name
            && b.tokens.0 == a.tokens.1 + 1
            && toks[a.tokens.1].lower == "("
            && toks.get(b.tokens.1).is_some_and(|t| t.lower == ")");
        let org = |m: &Mention| m.class.is_some_and(|c| c.is_organization());
        // (Not a dateline's "BUENOS AIRES (AP)": a place or a person keeps its own name.)
        let other = |m: &Mention| {
            m.class.is_none_or(|c| c.is_organization())
                || m.class != Some(Class::Place) && m.certainty == Certainty::Weak
        };
        if bracketed && acronym(a) != acronym(b) && (org(a) || org(b)) && other(a) && other(b) {
            let class = if org(a) { a.class } else { b.class };
            let certainty = a.certainty.max(b.certainty);
            for m in [k - 1, k] {
                if !org(&kept[m]) {
                    kept[m].class = class;
                    kept[m].certainty = certainty;
                }
            }
            kept[k].renames = true;
        }
    }
    // "Minho Seo of Daeyang Securities": a guessed person after "PERSON of" is an organisation.
    for k in 1..kept.len() {
        let (before, rest) = kept.split_at_mut(k);
        let m = &mut rest[0];
        let p = &before[k - 1];
        if m.kind != MentionKind::Name
            || m.class != Some(Class::Person)
            || m.certainty != Certainty::Weak
        {
            continue;
        }
        if p.tokens.1 > m.tokens.0 {
            continue; // overlapping (a team and the name inside it)
        }
        let gap = &toks[p.tokens.1..m.tokens.0];
        let linked = matches!(
            gap.first().map(|t| t.lower.as_str()),
            Some("of" | "at" | "from")
        ) && gap.len() <= 3
            && gap[1..]
                .iter()
                .all(|t| t.kind == TokenKind::Word && !t.is_capitalized());
        if linked && p.class == Some(Class::Person) && p.kind == MentionKind::Name {
            m.class = Some(Class::Organization);
            m.certainty = Certainty::Context;
        }
    }
    kept
}

/// "AU0202111694 Paris AFP in English 0107 GMT 2 Feb 94": the source line of a monitored
/// report, a known place and the outlet there that published it, before "in" and the language.
/// Returns the place's and the outlet's token ranges inside the run `[start, end)`.
fn source_line(cx: &Context, start: usize, end: usize) -> Option<((usize, usize), (usize, usize))> {
    let toks = cx.tokens;
    let sentence = toks[start].sentence;
    let language = |w: &str| is_language(cx.ontology, w);
    // The outlet's name may go on in capitals the name rules stop at: "Athens I KATHIMERINI",
    // "Rio de Janeiro O GLOBO".
    let mut last = end;
    while last < end + 4
        && toks
            .get(last)
            .is_some_and(|t| t.sentence == sentence && t.kind == TokenKind::Word)
        && toks[last].is_capitalized()
    {
        last += 1;
    }
    let in_language = cx.word(last) == "in"
        && toks
            .get(last + 1)
            .is_some_and(|t| t.sentence == sentence && language(&t.lower));
    // The line may stand alone, the place and the outlet only ("Moscow INTERFAX", "Beirut Radio
    // Lebanon"): then the outlet is written in capitals or named by its kind.
    let line_start = start == 0 || toks[start - 1].sentence != sentence;
    let alone = line_start && toks.get(last).is_none_or(|t| t.sentence != sentence);
    let capitals = |a: usize, b: usize| {
        (a..b).all(|k| !toks[k].span.slice(cx.text).chars().any(char::is_lowercase))
    };
    // An outlet named by its kind, or in capitals beside a place that is not ("Moscow
    // INTERFAX"; "CHINA EXPORTS RISE" is a headline).
    let outlet_like = |place: (usize, usize), b: usize| {
        (place.1..b).any(|k| cx.head_class(k) == Some(Class::Media))
            || capitals(place.1, b) && !capitals(place.0, place.1)
    };
    if !in_language && !alone {
        return None;
    }
    let number = |k: usize| is_report_number(toks[k].span.slice(cx.text));
    // (After the number when there is one: a headline may run into it.)
    (start + 1..end)
        .filter(|&p| number(p - 1))
        .chain([start])
        .find_map(|p| {
            let known = (1..=3)
                .rev()
                .find(|&len| p + len < last && known_place(cx, p, p + len));
            // After a report's number the place comes first even when no list knows it
            // ("OW1304082694 Magadan Radio Magadan"); most such places are one word.
            let len = known.or_else(|| (p > start && p + 1 < last).then_some(1))?;
            let place = (p, p + len);
            // Without a number the line must start with the place and the outlet look like one
            // ("He lectured at Moscow State University in Russian" is no source line).
            let fits = if p > start {
                in_language || outlet_like(place, last)
            } else {
                line_start && outlet_like(place, last)
            };
            fits.then_some((place, (p + len, last)))
        })
}

/// Whether a word names a language ("Serbo-Croatian": the last part of a compound names it).
pub(crate) fn is_language(o: &Ontology, w: &str) -> bool {
    let w = w.rsplit('-').next().unwrap_or(w);
    LANGUAGES.contains(&w) || o.demonyms.contains_key(w)
}

/// Whether a word is a monitored report's number: capitals and digits, at least eight, most of
/// them digits ("AU0202111694", "94WD0125D").
pub(crate) fn is_report_number(raw: &str) -> bool {
    raw.len() >= 8
        && raw.bytes().filter(u8::is_ascii_digit).count() >= 6
        && raw
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The token range of the name starting at `i`.
fn name_extent(cx: &Context, i: usize) -> (usize, usize) {
    let toks = cx.tokens;
    let sentence = toks[i].sentence;
    let same = |j: usize| j < toks.len() && toks[j].sentence == sentence;
    let mut end = i + 1;
    // After "of" or "for" in an organisation's name, every capitalised word is the name's:
    // "Institute for Near East Policy".
    let mut complement = false;
    loop {
        if !same(end) {
            break;
        }
        let t = &toks[end];
        // "German Embassy Third Secretary X", "Fleet First Deputy Commander X": an ordinal
        // before a title is the title's.
        if is_ordinal_word(&t.lower) && title_follows(cx, end + 1) {
            break;
        }
        // "the Soviet Navy Nikolai Kuznetsov": a given name and a family name after an
        // organisation's head word start a person's name.
        if end > i + 1
            && cx.is_org_head(end - 1)
            && !cx.is_org_head(end)
            && cx.ontology.given_names.contains(t.span.slice(cx.text))
            && same(end + 1)
            && cx.is_name_word(end + 1)
        {
            break;
        }
        if t.kind == TokenKind::Word
            && (cx.is_name_word(end)
                || complement && t.is_capitalized() && !is_calendar_word(&t.lower))
            && (!cx.is_title(end) || cx.is_org_head(end))
        {
            end += 1;
            continue;
        }
        // The second word of a person's name written as a common word: a family name after a
        // given name ("Dan Rather", "Amy Little"; not in a headline, where every word has a
        // capital: "Ana Leaves Orvel"), a given name after a family name ("Ma Long").
        if end == i + 1
            && t.kind == TokenKind::Word
            && t.is_capitalized()
            && !cx.is_title(end)
            && cx.head_class(end).is_none()
            && !is_calendar_word(&t.lower)
        {
            let first = toks[i].span.slice(cx.text);
            let given = cx.ontology.given_names.contains(first)
                && !cx.headline.get(toks[i].sentence).copied().unwrap_or(false)
                && !cx.ontology.is_cue_verb(&t.lower)
                && t.lower != "i";
            let family = cx.ontology.family_names.contains(first)
                && (cx.word(end + 1) == ","
                    || !cx.tokens.get(end + 1).is_some_and(|n| n.is_capitalized()));
            if given || family {
                end += 1;
                continue;
            }
        }
        let has_head = (i..end).any(|k| cx.is_org_head(k));
        // A capitalised common word after a connector of an organisation's name: "Institute
        // for Near East Policy", "Center for Security and Emerging Technology".
        let purpose = |c: usize| {
            let next = c + 1;
            same(next)
                && toks[next].kind == TokenKind::Word
                && toks[next].is_capitalized()
                && !is_calendar_word(&toks[next].lower)
                && (complement && cx.word(c) == "and"
                    || has_head
                        && matches!(cx.word(c), "of" | "for")
                        && (next + 1..(next + 3).min(toks.len()))
                            .any(|k| same(k) && cx.is_name_word(k)))
        };
        // Lower-case particles inside names: "Mohamed bin Zayed", "Ursula von der Leyen".
        if matches!(
            t.lower.as_str(),
            "bin"
                | "bint"
                | "ibn"
                | "al"
                | "van"
                | "von"
                | "vom"
                | "der"
                | "den"
                | "de"
                | "da"
                | "del"
                | "di"
                | "dos"
                | "le"
        ) && t
            .span
            .slice(cx.text)
            .starts_with(|c: char| c.is_lowercase())
            && same(end + 1)
            && cx.is_name_word(end + 1)
        {
            end += 1;
            continue;
        }
        // A collective noun's possessive inside a name: "People's Bank", "Children's Hospital".
        if t.kind == TokenKind::Possessive
            && cx
                .ontology
                .collectives
                .contains(toks[end - 1].lower.as_str())
            && same(end + 1)
            && toks[end + 1].is_capitalized()
            && (end + 1..(end + 4).min(toks.len()))
                .take_while(|&k| same(k) && cx.is_name_word(k))
                .any(|k| cx.is_org_head(k))
        {
            end += 1;
            continue;
        }
        // "Foundation for the Advancement of Teaching": an organisation's purpose, with its
        // article.
        // ("of the" more often names the organisation a unit is part of: "Committee of the
        // House of Commons", "Institute of Automation of the Chinese Academy of Sciences".)
        let article_run = (end + 2..(end + 6).min(toks.len()))
            .take_while(|&k| {
                same(k)
                    && toks[k].kind == TokenKind::Word
                    && toks[k].is_capitalized()
                    && !cx.is_title(k)
                    && !is_calendar_word(&toks[k].lower)
            })
            .count();
        // An "of the" that ends the name with words no organisation heads is the name's too:
        // "Party of the Democratic Revolution", "International Committee of the Red Cross".
        let of_the_end = t.lower == "of"
            && (1..=3).contains(&article_run)
            && !matches!(cx.word(end + 2 + article_run), "of" | "'s")
            && !known_place(cx, end + 2, end + 2 + article_run)
            && !(end + 2..end + 2 + article_run).any(|k| {
                known_place(cx, k, k + 1)
                    || cx.ontology.known_names.contains_key(toks[k].lower.as_str())
            });
        if (t.lower == "for" || of_the_end)
            && has_head
            && cx.word(end + 1) == "the"
            && article_run > 0
            && cx.is_name_word(end + 2)
            && !(end + 2..end + 2 + article_run).any(|k| cx.head_class(k).is_some())
        {
            end += 2;
            complement = true;
            continue;
        }
        // "Institute of Zoology of Kunming": a second "of" before a place gives where the
        // organisation is, not more of its name; so does the first after a firm's suffix
        // ("Ferrowind Energy of Bergen", "Halvar Systems Inc. of Oslo"), which never takes an
        // "of" ("Royal Bank of Scotland", "Group of Seven" do).
        let firm = || {
            end > i + 1
                && cx.head_class(end - 1) == Some(Class::Company)
                && !matches!(
                    cx.word(end - 1),
                    "bank" | "group" | "company" | "corporation" | "co" | "bancorp" | "partners"
                )
        };
        // A legal form closes a firm's name whatever follows ("Halvar Systems Inc. of Tarnby").
        if t.lower == "of" && end > i + 1 && is_legal_form(cx.word(end - 1)) {
            break;
        }
        if t.lower == "of" && (firm() || (i..end).any(|k| matches!(cx.word(k), "of" | "for"))) {
            let place = |a: usize, b: usize| {
                b <= toks.len()
                    && (a..b).all(|k| same(k) && toks[k].is_capitalized())
                    && !(same(b) && toks[b].is_capitalized())
                    && known_place(cx, a, b)
            };
            if place(end + 1, end + 2) || place(end + 1, end + 3) {
                break;
            }
        }
        // Connectors inside organisation and event names: "Institute of Advanced Computing".
        if matches!(t.lower.as_str(), "of" | "for" | "on" | "&" | "de" | "and")
            && same(end + 1)
            && (cx.is_name_word(end + 1) || purpose(end))
            && !cx.is_title(end + 1)
        {
            let joins = match t.lower.as_str() {
                // "Ministry of Science and Technology", "College of Business and Economics".
                // Not two full names side by side: "Andreessen Horowitz and LightSpeed
                // Ventures" are two firms, "Bill and Melinda Gates Foundation" one.
                "and" => {
                    let full_before = end - i >= 2 && !(i..end).any(|k| cx.word(k) == "of");
                    // "the Institute of Applied Mathematics and Wang Yuan": a person after.
                    let person = |k: usize| {
                        let raw = toks[k].span.slice(cx.text);
                        cx.ontology.given_names.contains(raw)
                            || cx.ontology.family_names.contains(raw)
                    };
                    !person(end + 1)
                        // "Tallinn and Ferrowind Energy": a place is a name of its own.
                        && !known_place(cx, i, end)
                        && !cx.is_org_head(end - 1)
                        && ((end + 1..(end + 5).min(toks.len()))
                            .any(|k| same(k) && cx.is_org_head(k))
                            && !full_before
                            || (i..end).any(|k| {
                                matches!(cx.word(k), "of" | "for") && k > i && cx.is_org_head(k - 1)
                            }))
                }
                "of" | "for" | "on" | "de" => {
                    has_head
                        && (end + 1..(end + 6).min(toks.len()))
                            .any(|k| same(k) && (cx.is_org_head(k) || cx.is_name_word(k)))
                }
                _ => true,
            };
            if joins
                && ((end + 1..(end + 8).min(toks.len()))
                    .take_while(|&k| same(k) && cx.is_name_word(k))
                    .count()
                    > 0
                    || purpose(end))
            {
                complement |= matches!(t.lower.as_str(), "of" | "for") && has_head;
                end += 1;
                continue;
            }
            if joins && complement && t.lower == "and" {
                end += 1;
                continue;
            }
        }
        // A parenthetical of capitalised words inside or closing an organisation or event name.
        if t.lower == "(" {
            let mut k = end + 1;
            while same(k) && cx.is_name_word(k) && k < end + 4 {
                k += 1;
            }
            let continues = same(k + 1) && cx.is_name_word(k + 1) && !cx.is_title(k + 1);
            // "Liberal Democratic Party (LDP)": an acronym closing a name is another name for
            // it (resolution links the two), not part of it.
            let acronym = k == end + 2 && is_acronym(toks[end + 1].span.slice(cx.text));
            if k > end + 1
                && same(k)
                && toks[k].lower == ")"
                && (has_head || continues)
                && (!acronym || continues)
            {
                end = k + 1;
                continue;
            }
        }
        // A small number or a version after a name: "Llama 3", "Dota 2", "Orca Bot 4.0".
        let version = t.lower.len() <= 5
            && t.lower.split_once('.').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            });
        if t.kind == TokenKind::Number
            && (t.lower.len() <= 2 && end == i + 1 || version && end - i <= 3)
            // ("in Greek 20 May": a language is no model's name.)
            && !(LANGUAGES.contains(&toks[i].lower.as_str())
                || cx.ontology.demonyms.contains_key(toks[i].lower.as_str()))
            && !t.lower.contains(',')
            && !matches!(
                cx.word(end + 1),
                "percent" | "%" | "billion" | "million" | "years" | "days" | "per"
            )
        {
            end += 1;
            continue;
        }
        break;
    }
    (i, end)
}

fn strip_label(s: &str) -> String {
    s.trim_matches(|c: char| c == ',' || c == ':' || c == ';' || c.is_whitespace())
        .to_string()
}

/// Builds a name mention over `[start, end)`, typed, or nothing when it is not a name.
fn name_mention(cx: &Context, mut start: usize, end: usize) -> Option<Mention> {
    let toks = cx.tokens;
    let o = cx.ontology;
    // A demonym is a modifier ("Chinese AI startup"), not a name, unless a head word follows.
    if o.demonyms.contains_key(toks[start].lower.as_str())
        && (end - start <= 2
            || toks[start].lower.ends_with("-based")
            || !(start + 1..end).any(|k| cx.is_org_head(k)))
    {
        start += 1;
        // "the Croatian President": what a nationality leaves of a name is no name when it is
        // a title; when it is one common word ("British Telecom", "Serbian People") the
        // nationality is part of the name.
        if end - start == 1 && o.known_names.get(toks[start].lower.as_str()).is_none() {
            if cx.is_title(start) {
                return None;
            }
            // "the American Embassy": a country's mission abroad is named by the country.
            let mission = matches!(toks[start].lower.as_str(), "embassy" | "consulate");
            // ("Swedish AI startup X" stays stripped: there the words describe what follows.)
            let describes = toks
                .get(end)
                .is_some_and(|t| !t.is_capitalized() && matches!(t.pos, Pos::Noun));
            if mission || cx.tagger.is_common_word(&toks[start].lower) && !describes {
                start -= 1;
            }
        }
    }
    if start >= end {
        return None;
    }
    let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
    let label = strip_label(span.slice(cx.text));
    let key = normalize_name(&label);
    let known = o.known_names.get(&key).copied();
    // A language or nationality alone ("English", "Chinese"), or its people ("Serbs",
    // "Americans"), is not a name.
    let lone = toks[start].lower.as_str();
    if end - start == 1
        && (o.demonyms.contains_key(lone)
            || LANGUAGES.contains(&lone)
            || lone
                .strip_suffix('s')
                .is_some_and(|one| o.demonyms.contains_key(one)))
    {
        return None;
    }
    // A lone head word ("University", "AI") is not a name.
    if end - start == 1 && known.is_none() && cx.head_class(start).is_some() {
        return None;
    }
    if key.is_empty() {
        return None;
    }
    // "Sen. Lena Marsh, D-Ohio, said": an American legislator's party and state, no name.
    let raw = toks[start].span.slice(cx.text);
    if end - start == 1
        && start > 0
        && cx.word(start - 1) == ","
        && (cx.word(end) == "," || cx.word(end) == "." && cx.word(end + 1) == ",")
        && ["D-", "R-", "I-"].iter().any(|p| raw.starts_with(p))
    {
        return None;
    }
    let mut m = Mention {
        tokens: (start, end),
        span,
        sentence: toks[start].sentence,
        kind: MentionKind::Name,
        class: None,
        certainty: Certainty::Weak,
        label,
        title: None,
        owner: None,
        quoted: false,
        oblique: false,
        family_first: false,
        renames: false,
    };
    // "Qiu Xipeng", "Seo Minho": a common family name written first.
    m.family_first = end - start > 1 && o.family_names.contains(toks[start].span.slice(cx.text));
    // Titles and roles written before the name ("Professor", "OpenAI CEO", "chief scientist").
    let mut t = start;
    while t > 0
        && toks[t - 1].sentence == m.sentence
        && toks[t - 1].kind == TokenKind::Word
        && !matches!(cx.word(t - 1), "of" | "and")
        && (cx.is_title(t - 1)
            || cx.is_role_word(t - 1)
            || t < start && is_ordinal_word(cx.word(t - 1)))
    {
        t -= 1;
    }
    // "BSP floor leader X", "NOVA-PRESS diplomatic correspondent X": lower-case words that
    // qualify the role, between it and the organisation's name before.
    let org_name_at =
        |k: usize| toks[k].sentence == m.sentence && (cx.is_name_word(k) || toks[k].lower == ")");
    if t < start && t > 0 {
        let mut u = t;
        while u > 0
            && t - u < 2
            && toks[u - 1].kind == TokenKind::Word
            && !toks[u - 1].is_capitalized()
            && matches!(toks[u - 1].pos, Pos::Noun | Pos::Adj)
        {
            u -= 1;
        }
        if u < t && u > 0 && org_name_at(u - 1) {
            t = u;
        }
    }
    // One role word is a title after an organisation's name: "Labor Party (PT) candidate X".
    if t < start && (start - t > 1 || cx.is_title(t) || t > 0 && org_name_at(t - 1)) {
        m.title = Some((t, start));
    }
    let (class, certainty) = classify(cx, &m, known);
    m.class = class;
    m.certainty = certainty;
    Some(m)
}

fn is_model_shape(label: &str) -> bool {
    let has_digit = label.chars().any(|c| c.is_ascii_digit());
    let has_alpha = label.chars().any(|c| c.is_alphabetic());
    let first_alpha = label.chars().next().is_some_and(|c| c.is_alphabetic());
    has_digit
        && has_alpha
        && first_alpha
        && (label.contains('-')
            || label.contains(' ')
            || label.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

/// Verbs that put someone in a post, as written after the one who does it ("Corvane named
/// Lena Marsh chief executive").
pub const APPOINTING: &[&str] = &[
    "named",
    "appointed",
    "elected",
    "promoted",
    "hired",
    "tapped",
    "nominated",
    "picked",
    "chose",
    "selected",
    "recruited",
    "installed",
];

/// Whether a title starts at `k`, after at most two role words ("Vice President"), in the
/// sentence of the token before.
fn title_follows(cx: &Context, k: usize) -> bool {
    let toks = cx.tokens;
    let same = |j: usize| j < toks.len() && k > 0 && toks[j].sentence == toks[k - 1].sentence;
    (k..k + 3)
        .take_while(|&j| same(j) && toks[j].is_capitalized())
        .find(|&j| !cx.is_role_word(j) || cx.is_title(j))
        .is_some_and(|j| cx.is_title(j))
}

/// An ordinal that can open a title: "First Deputy Commander", "Third Secretary".
fn is_ordinal_word(word: &str) -> bool {
    matches!(word, "first" | "second" | "third" | "fourth" | "fifth")
}

/// A numeral ordinal: "2nd", "5th", "21st".
fn is_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

/// A firm's legal form, which ends its name ("Inc.", "Co.", "GmbH").
fn is_legal_form(word: &str) -> bool {
    matches!(
        word,
        "inc" | "inc." | "corp" | "corp." | "co." | "ltd" | "ltd." | "llc" | "plc" | "gmbh"
    )
}

fn classify(cx: &Context, m: &Mention, known: Option<Class>) -> (Option<Class>, Certainty) {
    let toks = cx.tokens;
    let o = cx.ontology;
    let (start, end) = m.tokens;
    if let Some(c) = known {
        return (Some(c), Certainty::Strong);
    }
    // Where the name's phrase starts: at "the" when one stands before it.
    let before = if start >= 1 && cx.word(start - 1) == "the" {
        start - 1
    } else {
        start
    };
    // "the mayor of Mohammadia": what a mayor or governor heads is a place.
    // ("the governor of the Upper Nile region".)
    if before >= 2
        && cx.word(before - 1) == "of"
        && o.place_leaders.contains(cx.word(before - 2))
        && o.known_names
            .get(toks[start].lower.as_str())
            .is_none_or(|c| *c == Class::Place)
    {
        return (Some(Class::Place), Certainty::Context);
    }
    // "Halvar Systems Inc. of Tarnby": after a firm's legal form, "of" gives its town.
    if start >= 2
        && cx.word(start - 1) == "of"
        && is_legal_form(cx.word(start - 2))
        && (start..end).all(|k| cx.head_class(k).is_none())
    {
        return (Some(Class::Place), Certainty::Context);
    }
    // "unveils ‘Apple Intelligence’": a quoted name a release verb takes is a product, whatever
    // its last word.
    if start >= 2
        && toks[start - 1].kind == TokenKind::OpenQuote
        // (American style puts the comma inside: “Apple Intelligence,”.)
        && [end, end + 1].iter().any(|&k| {
            toks.get(k).is_some_and(|t| t.kind == TokenKind::CloseQuote)
                && (k == end || matches!(cx.word(end), "," | "."))
        })
        && o.cue_at(Predicate::Released, &[cx.word(start - 2)], false)
            .is_some()
    {
        // As sure as a head word: the quotation marks set the product off as one.
        return (Some(Class::Model), Certainty::Strong);
    }
    // The head: the last word before a connector ("Laboratory" of "Laboratory of X University").
    let head_end = (start..end)
        .find(|&k| matches!(toks[k].lower.as_str(), "of" | "for" | "(" | "on" | "de"))
        .unwrap_or(end);
    // "Generative AI", "Open-Source AI": an adjective before "AI" makes a topic, not a company.
    let adjective_ai = head_end >= start + 2
        && cx.word(head_end - 1) == "ai"
        && matches!(
            cx.tagger
                .lexical_pos(cx.word(head_end - 2))
                .unwrap_or(toks[head_end - 2].pos),
            Pos::Adj
        );
    if adjective_ai
        || (head_end >= start + 2
            && cx.word(head_end - 1) == "ai"
            && toks[head_end - 2].lower.contains('-'))
    {
        return (None, Certainty::Weak);
    }
    if head_end > start {
        if let Some(c) = cx.head_class(head_end - 1) {
            if c != Class::Team || end - start > 1 {
                return (Some(c), Certainty::Strong);
            }
        }
    }
    // The last word's class ("… Research Competition" is an event), then any organisation word.
    if let Some(c) = cx
        .head_class(end - 1)
        .filter(|&c| (c != Class::Team && c != Class::Model) || end - start > 1)
    {
        return (Some(c), Certainty::Strong);
    }
    if let Some(c) = (start..end)
        .rev()
        .find_map(|k| cx.head_class(k).filter(|c| c.is_organization()))
    {
        return (Some(c), Certainty::Strong);
    }
    if is_model_shape(&m.label) {
        return (Some(Class::Model), Certainty::Strong);
    }
    if o.known_names.get(toks[start].lower.as_str()) == Some(&Class::Place) && end - start == 1 {
        return (Some(Class::Place), Certainty::Strong);
    }
    let n = end - start;
    let first = toks[start].span.slice(cx.text);
    let personal = (2..=3).contains(&n)
        && (start..end).all(|k| {
            toks[k].kind == TokenKind::Word && !cx.tagger.is_common_word(&toks[k].lower)
                || k == start
        });
    if m.title.is_some_and(|(a, b)| (a..b).any(|k| cx.is_title(k))) && n <= 3 {
        return (Some(Class::Person), Certainty::Strong);
    }
    // ("Dan Rather", "Amy Little": after a given name even a common word is a family name.)
    let given_then_family = n == 2
        && o.given_names.contains(first)
        && toks[start + 1].kind == TokenKind::Word
        && !cx.tagger.is_common_word(&toks[start].lower);
    if (2..=3).contains(&n)
        && (o.given_names.contains(first) || o.family_names.contains(first))
        && (personal || given_then_family)
    {
        return (Some(Class::Person), Certainty::Strong);
    }
    // Context after the name: ", a professor", ", the chief executive", "said".
    let mut k = end;
    if cx.word(k) == "," {
        k += 1;
        while matches!(cx.word(k), "a" | "an" | "the" | "who" | "is" | "was")
            || cx.word(k).ends_with("-year-old")
        {
            k += 1;
        }
        let words: Vec<&str> = (k..(k + 4).min(toks.len())).map(|j| cx.word(j)).collect();
        if o.role_at(&words).is_some() || words.first().is_some_and(|w| o.titles.contains(w)) {
            return (Some(Class::Person), Certainty::Context);
        }
    }
    // "the launch of Lumo", "the release of Quilla": what is launched is a model or product.
    if before >= 2
        && cx.word(before - 1) == "of"
        && matches!(
            cx.word(before - 2),
            "launch" | "release" | "debut" | "unveiling" | "rollout"
        )
        && cx.word(end) != "'s"
        && !o.given_names.contains(first)
    {
        return (Some(Class::Model), Certainty::Context);
    }
    // "Microsoft-backed Corvane", "state-owned Halvard": what is backed or owned is an
    // organisation.
    if start >= 1
        && ["-backed", "-owned", "-funded", "-led"]
            .iter()
            .any(|suffix| cx.word(start - 1).ends_with(suffix))
        && !o.given_names.contains(first)
    {
        return (Some(Class::Organization), Certainty::Context);
    }
    // "Corvane's chatbot", "Sakana's co-founder and chief executive": a name that owns a product
    // or a position is an organisation (a person's team is a team mention of its own).
    if cx.word(end) == "'s" && n <= 3 && !o.given_names.contains(first) {
        let owned = (end + 1..(end + 4).min(toks.len()))
            .take_while(|&k| toks[k].kind == TokenKind::Word)
            .find(|&k| {
                !matches!(toks[k].pos, Pos::Adj) && !matches!(cx.word(k), "new" | "own" | "latest")
            });
        if let Some(k) = owned {
            let w = cx.word(k);
            let product = cx.head_class(k) == Some(Class::Model) && !toks[k].is_capitalized();
            let position = o.is_occupation(w)
                && (o.role_words.contains(w)
                    || o.lead_roles
                        .iter()
                        .any(|p| p.first().is_some_and(|f| f == w)))
                && !matches!(w, "partner" | "member" | "student" | "fellow");
            if product || position && !toks[k].is_capitalized() {
                return (Some(Class::Organization), Certainty::Context);
            }
        }
    }
    // "Lumo maker Kestrel Labs": what a maker named after it makes is a product.
    if toks.get(end).is_some_and(|t| !t.is_capitalized())
        && o.makers.contains(cx.word(end))
        && toks.get(end + 1).is_some_and(|t| t.is_capitalized())
        && !o.given_names.contains(first)
    {
        return (Some(Class::Model), Certainty::Context);
    }
    // "analysts at X", "president of the X", "a spokeswoman for X": the place of an
    // occupation is an organisation.
    // ("the creator of X" made X: what a maker is of is a work, not an employer.)
    if before >= 2
        && matches!(cx.word(before - 1), "at" | "from" | "of" | "for" | "with")
        && !toks[before - 2].is_capitalized()
        && o.is_occupation(cx.word(before - 2))
        && !(cx.word(before - 1) == "of" && o.makers.contains(cx.word(before - 2)))
    {
        return (Some(Class::Organization), Certainty::Context);
    }
    // "Black Harbor Fleet Commander Tomas Rell", "Corvane Radiology Director Petra Lind": a name
    // before a capitalised title and the name it precedes is where the title is held. (Places
    // and nationalities that do the same, "Texas Governor", are known and typed above.)
    if toks.get(end).is_some_and(|t| t.is_capitalized()) && cx.is_title(end) {
        let t = &toks[end];
        // Not before an honorific, which is no post, nor a title that is also a given name
        // ("Datuk Sri Dr. Mahathir", "Anthropologist Dean Falk"); not one common word ("The
        // Opposition Leader X"); not before a place's post ("Dunmore Mayor Rick Osbon").
        let honorific = matches!(
            t.lower.trim_end_matches('.'),
            "dr" | "mr" | "mrs" | "ms" | "sir" | "dame" | "drs" | "h.e"
        ) || o.given_names.contains(t.span.slice(cx.text));
        let description = n == 1 && cx.tagger.is_common_word(&toks[start].lower);
        let place_post = o.place_leaders.contains(t.lower.trim_end_matches('.'))
            || matches!(t.lower.as_str(), "gov." | "sen." | "rep." | "senator");
        if !honorific && !description && !place_post && !o.given_names.contains(first) {
            let mut k = end;
            while k < toks.len() && k < end + 3 && toks[k].is_capitalized() && cx.is_title(k) {
                k += 1;
            }
            if toks.get(k).is_some_and(|t| t.sentence == m.sentence) && cx.is_name_word(k) {
                return (Some(Class::Organization), Certainty::Context);
            }
        }
    }
    // "Corvane named Lena Marsh chief executive": a lone unfamiliar name that puts a person
    // in a post is an organisation.
    let verb = if matches!(cx.word(end), "has" | "had") {
        end + 1
    } else {
        end
    };
    if n == 1
        && APPOINTING.contains(&cx.word(verb))
        && toks.get(verb + 1).is_some_and(|t| t.is_capitalized())
        && cx.recognised(end - 1) != Some(0)
        && !o.given_names.contains(first)
        && !o.family_names.contains(first)
    {
        return (Some(Class::Organization), Certainty::Context);
    }
    // "a Kessler Freight operations manager", "former Orbis engineers": a name that qualifies
    // an occupation written after it. (Not the one appointed to it: "Corvane named Lena Marsh
    // publisher of …".)
    let appointed = before >= 1
        && APPOINTING.contains(&cx.word(before - 1))
        && (o.given_names.contains(first) || cx.recognised(end - 1) == Some(0));
    if !appointed
        && (end..(end + 3).min(toks.len()))
            .take_while(|&k| {
                toks[k].kind == TokenKind::Word
                    && !toks[k].is_capitalized()
                    && matches!(toks[k].pos, Pos::Noun | Pos::Adj)
            })
            .last()
            .is_some_and(|k| o.is_occupation(cx.word(k)) && matches!(toks[k].pos, Pos::Noun))
        && !o.is_occupation(cx.word(end - 1))
    {
        return (Some(Class::Organization), Certainty::Context);
    }
    // "Aon Hewitt Canada", "Orvane Japan": a name that ends in a country is a company's arm
    // there (people are not named after countries, though some are after cities: "Sevket
    // Kazan").
    if n >= 2
        && o.countries.contains(toks[end - 1].lower.as_str())
        && o.known_names.get(toks[start].lower.as_str()).is_none()
        && !o.given_names.contains(first)
        && (start..end - 1).all(|k| toks[k].is_capitalized() && cx.head_class(k).is_none())
    {
        return (Some(Class::Organization), Certainty::Context);
    }
    // "Ashby, Wis.", "Tromsø, Norway": a name followed by a comma and a known place (that ends
    // the phrase) is a place.
    // "Kassala in eastern Sudan", "from Lowman in central Idaho": an unfamiliar word that a
    // preposition takes and that stands in a known place is a place too.
    let direction = |k: usize| o.compass_words.contains(cx.word(k));
    let in_known_place = |k: usize| {
        let k = if direction(k) { k + 1 } else { k };
        toks.get(k).is_some_and(|t| {
            t.is_capitalized() && o.known_names.get(t.lower.as_str()) == Some(&Class::Place)
        })
    };
    if n == 1
        && start > 0
        && matches!(cx.word(start - 1), "from" | "to" | "in" | "near" | "of")
        && cx.word(end) == "in"
        && in_known_place(end + 1)
        && !o.given_names.contains(first)
        && o.known_names.get(toks[start].lower.as_str()).is_none()
    {
        return (Some(Class::Place), Certainty::Context);
    }
    if cx.word(end) == "," && n <= 3 {
        // "Mohammadia, south-east Algeria".
        let k = if direction(end + 1) { end + 2 } else { end + 1 };
        let known = (1..=3).find(|&len| {
            k + len <= toks.len()
                && toks[k..k + len]
                    .iter()
                    .all(|t| t.is_capitalized() || t.lower == ".")
                && o.known_names.get(
                    crate::ontology::normalize_name(
                        &cx.text[toks[k].span.start..toks[k + len - 1].span.end],
                    )
                    .as_str(),
                ) == Some(&Class::Place)
        });
        let ends = known.is_some_and(|len| {
            let after = k + len;
            after >= toks.len()
                || !toks[after].is_capitalized() && toks[after].kind != TokenKind::Word
                || toks[after].sentence != toks[end].sentence
        });
        if ends && !o.given_names.contains(first) {
            return (Some(Class::Place), Certainty::Context);
        }
    }
    // "based in X", "held in X": a place.
    if start >= 2
        && cx.word(start - 1) == "in"
        && matches!(
            cx.word(start - 2),
            "based" | "headquartered" | "located" | "held" | "hosted"
        )
    {
        return (Some(Class::Place), Certainty::Context);
    }
    // "X was developed by", "X was released on Friday": the subject of a passive release is a model.
    if matches!(cx.word(end), "was" | "were" | "is" | "has") {
        let k = if cx.word(end + 1) == "been" {
            end + 2
        } else {
            end + 1
        };
        let k = if toks.get(k).is_some_and(|t| t.pos == Pos::Adv) {
            k + 1
        } else {
            k
        };
        let w = cx.word(k);
        if w.ends_with("ed")
            && (o.cue_at(Predicate::Released, &[w], false).is_some()
                || o.cue_at(Predicate::Developed, &[w], false).is_some())
        {
            return (Some(Class::Model), Certainty::Context);
        }
    }
    // A model noun after ("the Tianlu model", "Quill chatbot").
    if toks.get(end).is_some_and(|t| !t.is_capitalized())
        && cx.head_class(end) == Some(Class::Model)
        && matches!(
            cx.word(end),
            "model" | "models" | "chatbot" | "llm" | "assistant"
        )
    {
        return (Some(Class::Model), Certainty::Context);
    }
    // "its own robotics model, Gemini Robotics,": a name in apposition to a model noun.
    if start >= 2
        && cx.word(start - 1) == ","
        && cx.head_class(start - 2) == Some(Class::Model)
        && !toks[start - 2].is_capitalized()
    {
        return (Some(Class::Model), Certainty::Context);
    }
    // A descriptor noun before ("chip start-up Hanul Silicon", "the chatbot Orla"), also
    // across a naming verb ("a coding model called Tessa Coder", "a start-up named Orvel",
    // "a lab known as Quarry").
    // After a definite phrase the same verbs appoint or telephone ("the company named Kel
    // Varrow as chief executive", "the lab called Ana Prieto"): across "called", "named" or
    // "dubbed" the descriptor counts only in an indefinite phrase ("a small chat model").
    let indefinite = |d: usize| {
        (d.saturating_sub(3)..d)
            .rev()
            .find(|&k| toks[k].pos == Pos::Det || toks[k].is_capitalized())
            .is_some_and(|k| matches!(cx.word(k), "a" | "an"))
    };
    let word_before = |back: usize| start.checked_sub(back).map_or("", |k| cx.word(k));
    let descriptor = if o.naming_verb(word_before(1), "") == 1 {
        start.checked_sub(2).filter(|&d| indefinite(d))
    } else if o.naming_verb(word_before(2), word_before(1)) == 2 {
        start.checked_sub(3)
    } else {
        start.checked_sub(1)
    };
    if let Some(d) = descriptor.filter(|&d| !toks[d].is_capitalized()) {
        if let Some(&c) = o.anaphors.get(cx.word(d)).filter(|c| c.is_organization()) {
            return (Some(c), Certainty::Context);
        }
        // A model noun before ("the chatbot Orla").
        if cx.head_class(d) == Some(Class::Model) {
            return (Some(Class::Model), Certainty::Context);
        }
    }
    if start > 0
        && toks[start - 1].kind == TokenKind::OpenQuote
        && toks
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::CloseQuote)
    {
        let after: Vec<usize> = (end + 1..(end + 5).min(toks.len())).collect();
        if after
            .iter()
            .any(|&j| cx.head_class(j) == Some(Class::Model))
        {
            return (Some(Class::Model), Certainty::Context);
        }
    }
    if cx.word(end) == "," && matches!(cx.word(end + 1), "a" | "an" | "the" | "its" | "their") {
        let stop = |j: usize| {
            matches!(
                cx.word(j),
                "," | "." | ";" | "that" | "which" | "of" | "by" | "at"
            )
        };
        // ", a research scientist at": a role names a person.
        for j in end + 2..(end + 9).min(toks.len()) {
            if stop(j) {
                break;
            }
            let words: Vec<&str> = (j..(j + 3).min(toks.len())).map(|k| cx.word(k)).collect();
            if o.role_at(&words).is_some() && !o.anaphors.contains_key(words[0]) {
                return (Some(Class::Person), Certainty::Context);
            }
        }
        for j in end + 2..(end + 9).min(toks.len()) {
            if stop(j) {
                break;
            }
            if let Some(c) = cx
                .head_class(j)
                .or_else(|| o.anaphors.get(cx.word(j)).copied())
            {
                // "Tolna, a small town in Hungary": a lower-case place noun makes a place.
                let place = c == Class::Place && toks.get(j).is_some_and(|t| !t.is_capitalized());
                if c == Class::Model || c.is_organization() || place {
                    return (Some(c), Certainty::Context);
                }
            }
        }
    }
    // The object of a release verb ("released Jinghong").
    let mut b = start;
    while b > 0 && matches!(toks[b - 1].pos, Pos::Det | Pos::Adj | Pos::Num) && start - b < 3 {
        b -= 1;
    }
    if b > 0 {
        let lower = cx.word(b - 1);
        if o.cue_at(Predicate::Released, &[lower], false).is_some() && !lower.ends_with("of") {
            return (Some(Class::Model), Certainty::Context);
        }
    }
    // The maker of a model ("Orvane released a small chat model", "Quillon launched two new
    // models"): a one-word name, not a known given or family name, right before a release
    // verb whose object is a model noun.
    if n == 1 && !o.given_names.contains(first) && !o.family_names.contains(first) {
        let verb = cx.word(end);
        if o.cue_at(Predicate::Released, &[verb], false).is_some() && !verb.ends_with("of") {
            let object = || {
                (end + 1..(end + 6).min(toks.len()))
                    .take_while(|&k| toks[k].sentence == toks[end].sentence)
                    .take_while(|&k| !matches!(cx.word(k), "." | "," | ";" | "by"))
            };
            // "Dana released her first app": a person's own.
            let model_object = object()
                .any(|k| cx.head_class(k) == Some(Class::Model) && !toks[k].is_capitalized())
                && !object().any(|k| matches!(cx.word(k), "his" | "her"));
            if model_object {
                return (Some(Class::Company), Certainty::Context);
            }
        }
    }
    // "Vishwa Hindu Parishad (VHP)": a name followed by its initials in brackets is an
    // organisation's; people are not abbreviated so.
    if n >= 2
        && cx.word(end) == "("
        && cx.word(end + 2) == ")"
        && !o.given_names.contains(toks[start].span.slice(cx.text))
    {
        let initials = (start..end)
            .filter(|&k| !matches!(cx.word(k), "of" | "for" | "and" | "the" | "&"))
            .filter_map(|k| toks[k].span.slice(cx.text).chars().next());
        let acronym = toks[end + 1].span.slice(cx.text);
        // ("Line of Actual Control (LAC)" is a place's: common words name it.)
        let common = (start..end)
            .filter(|&k| {
                !matches!(cx.word(k), "of" | "for" | "and" | "the" | "&")
                    && cx.tagger.is_common_word(&toks[k].lower)
            })
            .count();
        let named = (start..end).any(|k| cx.is_org_head(k)) || 2 * common < n;
        if named
            && is_acronym(acronym)
            && initials.eq(acronym.chars().filter(|c| c.is_alphabetic()))
        {
            return (Some(Class::Organization), Certainty::Context);
        }
    }
    // The recogniser's kind for the name: a person or an organisation. Its places are left
    // out: it reads unfamiliar one-word firms as places ("at Nordbanken"), and the gazetteer
    // knows the places that matter.
    if let Some(kind @ 0..=1) = cx.recognised(end - 1) {
        // People are not written as acronyms in running text ("Crouch of NASA"); an
        // all-capital word beside a lower-case one is an organisation's.
        let acronym = n == 1
            && is_acronym(first)
            && [start.wrapping_sub(1), end].iter().any(|&k| {
                toks.get(k)
                    .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
            });
        let kind = if acronym { 1 } else { kind };
        let class = [Class::Person, Class::Organization][kind];
        return (Some(class), Certainty::Context);
    }
    // A word of a known organisation's name ("LG Sciencepark") makes an organisation.
    if (start..end).any(|k| {
        o.known_names
            .get(toks[k].lower.as_str())
            .is_some_and(|c| c.is_organization())
    }) {
        return (Some(Class::Organization), Certainty::Weak);
    }
    if personal && n >= 2 {
        return (Some(Class::Person), Certainty::Weak);
    }
    // "for the NRC", "the DEM's division": an all-capital word after "the" that no list knows
    // is an organisation's; people are not written so, and the gazetteer has the places.
    if n == 1
        && is_acronym(first)
        && first.bytes().all(|c| c.is_ascii_uppercase())
        && start > 0
        && toks[start - 1].lower == "the"
        && !cx.tagger.is_common_word(&toks[start].lower)
        && !o.is_occupation(&toks[start].lower)
    {
        return (Some(Class::Organization), Certainty::Weak);
    }
    (None, Certainty::Weak)
}

/// Teams: "Qiu Xipeng's team", "OpenAI's Dota team", "a team led by Professor Ana Prieto",
/// "the Superalignment team".
fn add_teams(cx: &Context, out: &mut Vec<Mention>) {
    let toks = cx.tokens;
    // The names found so far, without their labels: teams are pushed onto `out` meanwhile.
    #[derive(Clone, Copy)]
    struct Name {
        tokens: (usize, usize),
        span: Span,
        sentence: usize,
        class: Option<Class>,
        title: Option<(usize, usize)>,
    }
    let names: Vec<Name> = out
        .iter()
        .map(|m| Name {
            tokens: m.tokens,
            span: m.span,
            sentence: m.sentence,
            class: m.class,
            title: m.title,
        })
        .collect();
    let is_team_head =
        |i: usize| cx.head_class(i) == Some(Class::Team) && !toks[i].is_capitalized();
    for m in names.iter() {
        let (_, end) = m.tokens;
        // NAME 's (modifiers) team
        if toks
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
        {
            let mut k = end + 1;
            while k < toks.len()
                && k < end + 5
                && !is_team_head(k)
                && (toks[k].pos.is_nominal() || cx.is_name_word(k))
                && toks[k].kind == TokenKind::Word
            {
                k += 1;
            }
            if k < toks.len() && is_team_head(k) && toks[k].sentence == m.sentence {
                let span = Span::new(m.span.start, toks[k].span.end);
                out.push(team(cx, (m.tokens.0, k + 1), span, Some(m.tokens)));
            }
        }
        // NAME team (a capitalised team name)
        if toks.get(end).is_some_and(|_| is_team_head(end)) && m.class != Some(Class::Person) {
            let span = Span::new(m.span.start, toks[end].span.end);
            out.push(team(cx, (m.tokens.0, end + 1), span, None));
        }
    }
    // team led by (title) NAME
    for (i, tok) in toks.iter().enumerate() {
        if is_team_head(i) && cx.word(i + 1) == "led" && cx.word(i + 2) == "by" {
            let at = names.partition_point(|m| m.title.map_or(m.tokens.0, |t| t.0) < i + 3);
            if let Some(m) = names[at..].iter().take(2).find(|m| {
                let from = m.title.map_or(m.tokens.0, |t| t.0);
                from == i + 3 && m.class == Some(Class::Person)
            }) {
                let span = Span::new(tok.span.start, m.span.end);
                let mut t = team(cx, (i, m.tokens.1), span, Some(m.tokens));
                t.label = format!(
                    "team led by {}",
                    span_text(cx, m.title.map_or(m.tokens.0, |t| t.0), m.tokens.1)
                );
                out.push(t);
            }
        }
    }
}

/// Whether tokens `a..b` spell a place the gazetteer knows.
fn known_place(cx: &Context, a: usize, b: usize) -> bool {
    cx.ontology
        .known_names
        .get(normalize_name(&span_text(cx, a, b)).as_str())
        == Some(&Class::Place)
}

fn span_text(cx: &Context, a: usize, b: usize) -> String {
    Span::new(cx.tokens[a].span.start, cx.tokens[b - 1].span.end)
        .slice(cx.text)
        .to_string()
}

fn team(
    cx: &Context,
    tokens: (usize, usize),
    span: Span,
    owner: Option<(usize, usize)>,
) -> Mention {
    Mention {
        tokens,
        span,
        sentence: cx.tokens[tokens.0].sentence,
        kind: MentionKind::Team,
        class: Some(Class::Team),
        certainty: Certainty::Strong,
        label: strip_label(span.slice(cx.text)).replace('\u{2019}', "'"),
        title: None,
        owner,
        quoted: false,
        oblique: false,
        family_first: false,
        renames: false,
    }
}

/// Lower-case event phrases ("the award ceremony", "a closed-door symposium") and model
/// phrases after a release verb ("launched a free AI assistant").
fn add_phrases(cx: &Context, out: &mut Vec<Mention>) {
    let toks = cx.tokens;
    let o = cx.ontology;
    for i in 0..toks.len() {
        let t = &toks[i];
        if t.kind != TokenKind::Word || t.is_capitalized() {
            continue;
        }
        let head = cx.head_class(i);
        let release_object = i > 0
            && matches!(cx.word(i), "a" | "an" | "its" | "the")
            && o.cue_at(Predicate::Released, &[cx.word(i - 1)], false)
                .is_some();
        if head == Some(Class::Event) && cx.word(i + 1) != "of"
            || (head == Some(Class::Event) && cx.word(i + 1) == "of")
        {
            let mut s = i;
            // Modifiers of an event noun are singular nouns and adjectives ("award", "closed-door").
            let modifier = |k: usize| {
                let w = cx.word(k);
                let base_verb =
                    toks[k].pos == Pos::Verb && !w.ends_with("ed") && !w.ends_with("ing");
                toks[k].kind == TokenKind::Word
                    && !toks[k].is_capitalized()
                    && (matches!(toks[k].pos, Pos::Noun | Pos::Adj) || base_verb)
                    && (!w.ends_with('s') || w.ends_with("ss"))
                    && !o.role_words.contains(w)
                    && !o.anaphors.contains_key(w)
            };
            while s > 0 && i - s < 3 && toks[s - 1].sentence == t.sentence && modifier(s - 1) {
                s -= 1;
            }
            let det = s > 0 && matches!(cx.word(s - 1), "a" | "an" | "the" | "this" | "that");
            if s == i && !det {
                continue;
            }
            let span = Span::new(toks[s].span.start, t.span.end);
            out.push(Mention {
                tokens: (s, i + 1),
                span,
                sentence: t.sentence,
                // "the conference" refers back; "a conference" introduces one.
                kind: if s == i && cx.word(i - 1) == "the" {
                    MentionKind::Anaphor
                } else {
                    MentionKind::Phrase
                },
                class: Some(Class::Event),
                certainty: Certainty::Strong,
                label: span.slice(cx.text).to_string(),
                title: None,
                owner: None,
                quoted: false,
                oblique: false,
                family_first: false,
                renames: false,
            });
        } else if release_object {
            // "a free AI assistant": determiner, modifiers, a model head noun.
            let mut k = i + 1;
            while k < toks.len()
                && k < i + 6
                && toks[k].sentence == t.sentence
                && toks[k].kind == TokenKind::Word
                && cx.head_class(k) != Some(Class::Model)
            {
                k += 1;
            }
            // "its chatbot Orla", "its own model, Gemini Robotics": the name is the model.
            let named_after = toks
                .get(k + 1)
                .is_some_and(|n| n.is_capitalized() || n.kind == TokenKind::OpenQuote)
                || (cx.word(k + 1) == "," && toks.get(k + 2).is_some_and(|n| n.is_capitalized()));
            if k < toks.len()
                && k > i + 1
                && !named_after
                && cx.head_class(k) == Some(Class::Model)
                && !toks[i + 1..k].iter().any(|x| {
                    x.is_capitalized() && !cx.tagger.is_common_word(&x.lower) && x.lower != "ai"
                })
            {
                let span = Span::new(toks[i + 1].span.start, toks[k].span.end);
                out.push(Mention {
                    tokens: (i + 1, k + 1),
                    span,
                    sentence: t.sentence,
                    kind: MentionKind::Phrase,
                    class: Some(Class::Model),
                    certainty: Certainty::Context,
                    label: span.slice(cx.text).to_string(),
                    title: None,
                    owner: None,
                    quoted: false,
                    oblique: false,
                    family_first: false,
                    renames: false,
                });
            }
        }
    }
}

fn add_pronouns_and_anaphors(cx: &Context, out: &mut Vec<Mention>) {
    let toks = cx.tokens;
    // Where each name ends, in order, for "the agency" to look back a few sentences from where
    // it stands without a scan of every name.
    let mut name_ends: Vec<usize> = out
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .map(|m| m.tokens.1)
        .collect();
    name_ends.sort_unstable();
    for (i, tok) in toks.iter().enumerate() {
        let w = tok.lower.as_str();
        let (kind, class, len) = if PRONOUNS.contains(&w) {
            (MentionKind::Pronoun, Class::Person, 1)
        } else if w == "it" {
            (MentionKind::Pronoun, Class::Organization, 1)
        } else if w == "the" {
            // A head word that ends the phrase is its noun ("the institute").
            let ends_with_head = |k: usize| {
                cx.head_class(k).is_some()
                    && toks
                        .get(k + 1)
                        .is_none_or(|n| n.is_capitalized() || n.pos != Pos::Noun)
            };
            // "the company", "the Stockholm-based company", "the U.S. chip designer".
            let mut k = i + 1;
            while k < i + 4
                && toks.get(k).is_some_and(|t| {
                    t.lower.ends_with("-based")
                        || cx.ontology.demonyms.contains_key(t.lower.as_str())
                        || cx.ontology.known_names.get(t.lower.as_str()) == Some(&Class::Place)
                        || (t.kind == TokenKind::Word
                            && !t.is_capitalized()
                            && matches!(t.pos, Pos::Noun | Pos::Adj)
                            && cx.anaphor(k).is_none()
                            && !ends_with_head(k))
                })
            {
                k += 1;
            }
            if toks.get(k).is_none_or(|t| t.is_capitalized()) {
                continue;
            }
            // "the agency", "the institute": an organisation's head word stands for the one
            // named with it before ("the Federal Water Agency … the agency").
            let head = || {
                cx.head_class(k)
                    .filter(|c| c.is_organization() && !cx.word(k + 1).starts_with("of"))
                    .filter(|_| {
                        let before = name_ends.partition_point(|&e| e <= i);
                        name_ends[..before]
                            .iter()
                            .rev()
                            .take_while(|&&e| {
                                toks[i].sentence.saturating_sub(toks[e - 1].sentence) <= 3
                            })
                            .any(|&e| toks[e - 1].lower == toks[k].lower)
                    })
            };
            // (The name's class before the word's own: "agency" alone is a news agency.)
            match head().or_else(|| cx.anaphor(k)) {
                Some(c) if !cx.word(k + 1).starts_with("of") || c == Class::Team => {
                    (MentionKind::Anaphor, c, k + 1 - i)
                }
                _ => continue,
            }
        } else {
            continue;
        };
        let span = Span::new(toks[i].span.start, toks[i + len - 1].span.end);
        out.push(Mention {
            tokens: (i, i + len),
            span,
            sentence: toks[i].sentence,
            kind,
            class: Some(class),
            certainty: Certainty::Strong,
            label: span.slice(cx.text).to_string(),
            title: None,
            owner: None,
            quoted: false,
            oblique: false,
            family_first: false,
            renames: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{quote, sentence::split_sentences, token::tokenize};

    fn mentions(text: &str) -> Vec<(String, MentionKind, Option<Class>)> {
        let o = Ontology::embedded().unwrap();
        let tagger = Tagger::embedded();
        let sentences = split_sentences(text);
        let mut tokens = tokenize(text, &sentences);
        crate::model::Backbone::embedded()
            .unwrap()
            .read_tokens(text, &mut tokens, &o, false);
        let quotes = quote::find_quotes(text, &tokens, &sentences);
        let quoted = quote::quoted_mask(&tokens, &quotes, 3);
        let cx = Context::new(text, &sentences, &tokens, &quoted, &o, &tagger);
        find_mentions(&cx)
            .into_iter()
            .map(|m| (m.label, m.kind, m.class))
            .collect()
    }

    #[test]
    fn names_are_typed_by_head_words_titles_and_context() {
        let found = mentions("Recently, Professor Ines Valdes of the Vision Laboratory of Marlow University met Tallis Robotics in Lisbon.");
        assert!(found.contains(&("Ines Valdes".into(), MentionKind::Name, Some(Class::Person))));
        assert!(found.contains(&(
            "Vision Laboratory of Marlow University".into(),
            MentionKind::Name,
            Some(Class::Lab)
        )));
        assert!(found.contains(&(
            "Tallis Robotics".into(),
            MentionKind::Name,
            Some(Class::Company)
        )));
        assert!(found.contains(&("Lisbon".into(), MentionKind::Name, Some(Class::Place))));
        assert!(!found.iter().any(|(l, _, _)| l == "Recently"));
    }

    #[test]
    fn teams_events_pronouns_and_anaphors() {
        let found =
            mentions("Wen Tao's team spoke at the award ceremony. He said the company was ready.");
        assert!(found.contains(&(
            "Wen Tao's team".into(),
            MentionKind::Team,
            Some(Class::Team)
        )));
        assert!(found.contains(&(
            "award ceremony".into(),
            MentionKind::Phrase,
            Some(Class::Event)
        )));
        assert!(found.contains(&("He".into(), MentionKind::Pronoun, Some(Class::Person))));
        assert!(found.contains(&(
            "the company".into(),
            MentionKind::Anaphor,
            Some(Class::Company)
        )));
    }
}
