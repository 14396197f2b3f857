//! The learned backbone: a part-of-speech tagger, a name recogniser and a dependency parser,
//! each an averaged perceptron trained from open treebanks (`kgx train`, see [`train`]) whose
//! weights are embedded in the binary.
//!
//! | stage | module | reads | produces |
//! |---|---|---|---|
//! | words | [`word`] | forms | hashed word features, sentence casing |
//! | tag | [`tagger`] | words | UPOS tags |
//! | recognise | [`ner`] | words, tags, vocabulary hints | PER / ORG / LOC spans (BILOU) |
//! | parse | [`parser`] | words, tags | heads and UD relations |
//!
//! [`Backbone::read`] runs all three over one sentence's forms; `kgx annotate` prints the result
//! as CoNLL-U so anyone can score it against a treebank with standard tools.

pub mod conllu;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;
pub mod word;

use crate::ontology::{Class, Ontology};
use crate::text::token::{sentence_ranges, Token, NO_HEAD};
use perceptron::{Weights, WeightsError};

const TAGGER_WEIGHTS: &[u8] = include_bytes!("../data/model/tagger.kgxw");
const RECOGNISER_WEIGHTS: &[u8] = include_bytes!("../data/model/recogniser.kgxw");
/// The parser's run-time tables, stored as they sit in memory (see [`parser::Parser::to_bytes`]).
const PARSER_TABLES: &[u8] = include_bytes!("../data/model/parser.kgxp");

/// The three models together.
#[derive(Clone, Debug)]
pub struct Backbone {
    tagger: tagger::Tagger,
    recogniser: ner::Recogniser,
    /// Loaded on first use: most runs never parse, and it is the largest model.
    parser: std::sync::OnceLock<parser::Parser>,
}

/// What the backbone read in one sentence, one entry per word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// UPOS class of each word (see [`tagger::UPOS`]).
    pub upos: Vec<u8>,
    /// Head of each word (0 = root, words count from 1).
    pub heads: Vec<usize>,
    /// Relation of each word (an index into [`Backbone::deprels`]).
    pub deprels: Vec<u16>,
    /// Names found (word spans with a kind from [`ner::KINDS`]).
    pub names: Vec<ner::Name>,
}

impl Backbone {
    /// The embedded models (a unit test proves they load).
    pub fn embedded() -> Result<Backbone, WeightsError> {
        Ok(Backbone {
            tagger: tagger::Tagger::new(Weights::from_bytes(TAGGER_WEIGHTS)?),
            recogniser: ner::Recogniser::new(Weights::from_bytes(RECOGNISER_WEIGHTS)?),
            parser: std::sync::OnceLock::new(),
        })
    }

    /// A backbone from trained weights.
    pub fn new(tagger: Weights, recogniser: Weights, parser: &parser::ParserWeights) -> Backbone {
        Backbone {
            tagger: tagger::Tagger::new(tagger),
            recogniser: ner::Recogniser::new(recogniser),
            parser: std::sync::OnceLock::from(parser.parser()),
        }
    }

    /// The parser, loading the embedded weights on first use (a unit test proves they load).
    fn parser(&self) -> &parser::Parser {
        self.parser.get_or_init(|| {
            parser::Parser::from_bytes(PARSER_TABLES).expect("embedded parser tables load (tested)")
        })
    }

    /// The dependency relations' names, in label order.
    pub fn deprels(&self) -> &[String] {
        self.parser().labels()
    }

    /// Tags, recognises and parses one sentence.
    pub fn read(&self, forms: &[&str], ontology: &Ontology) -> Reading {
        let (mut words, casing) = word::read_words(forms);
        add_hints(&mut words, forms, ontology);
        let upos = self.tagger.tag(&words, casing);
        let names = self.recogniser.names(&words, &upos, casing);
        let parse = self.parser().parse(&words, &upos, casing);
        Reading {
            upos,
            heads: parse.heads,
            deprels: parse.labels,
            names,
        }
    }

    /// Reads every sentence of a tokenized document: fills each token's part of speech and name
    /// class, and with `parse` its head and relation (otherwise heads stay [`NO_HEAD`]). Gives
    /// back the words it read, for [`Backbone::parse_tokens`].
    pub fn read_tokens(
        &self,
        text: &str,
        tokens: &mut [Token],
        ontology: &Ontology,
        parse: bool,
    ) -> WordsRead {
        let mut forms: Vec<&str> = Vec::new();
        // A document's distinct words are about a third of its tokens.
        let mut cache = crate::ontology::FastMap::with_capacity_and_hasher(
            tokens.len() / 3,
            Default::default(),
        );
        let mut read = WordsRead {
            words: Vec::with_capacity(tokens.len()),
            casings: Vec::new(),
        };
        let (mut tagging, mut naming) = (tagger::Scratch::default(), ner::Scratch::default());
        let (mut upos, mut ner) = (Vec::new(), Vec::new());
        let ranges: Vec<std::ops::Range<usize>> = sentence_ranges(tokens).map(|(_, r)| r).collect();
        for range in ranges {
            forms.clear();
            forms.extend(tokens[range.clone()].iter().map(|t| t.span.slice(text)));
            read.words.extend(forms.iter().map(|f| word::read_word(f)));
            let casing = word::casing(&forms);
            read.casings.push(casing);
            let words = &mut read.words[range.clone()];
            add_hints_cached(words, &forms, ontology, &mut cache);
            self.tagger.tag_into(words, casing, &mut tagging, &mut upos);
            self.recogniser
                .classes_into(words, &upos, casing, &mut naming, &mut ner);
            for ((t, &u), &n) in tokens[range.clone()].iter_mut().zip(&upos).zip(&ner) {
                t.pos = tagger::POS[u as usize];
                t.upos = u;
                t.ner = n;
            }
            if parse {
                self.fill_parse(&mut tokens[range.clone()], range.start, words, casing);
            }
        }
        read
    }

    /// Parses the sentences `wanted` picks (by sentence index) of a document that
    /// [`Backbone::read_tokens`] read (`read` is what it gave back), filling their tokens'
    /// heads and relations; the others keep [`NO_HEAD`]. Parsing costs more than every other
    /// stage together, so the pipeline asks only for sentences where relations can be.
    pub fn parse_tokens(
        &self,
        tokens: &mut [Token],
        read: &WordsRead,
        wanted: impl Fn(usize) -> bool,
    ) {
        let ranges: Vec<(usize, std::ops::Range<usize>)> = sentence_ranges(tokens).collect();
        for ((k, range), &casing) in ranges.into_iter().zip(&read.casings) {
            if !wanted(k) {
                continue;
            }
            // Words read from another document's tokens would not line up: none, no parse.
            let Some(words) = read.words.get(range.clone()) else {
                continue;
            };
            self.fill_parse(&mut tokens[range.clone()], range.start, words, casing);
        }
    }

    /// Parses one sentence whose first token is document token `first`.
    fn fill_parse(
        &self,
        sentence: &mut [Token],
        first: usize,
        words: &[word::Word],
        casing: word::Casing,
    ) {
        let upos: Vec<u8> = sentence.iter().map(|t| t.upos).collect();
        let parser = self.parser();
        let p = parser.parse(words, &upos, casing);
        for ((t, &h), &l) in sentence.iter_mut().zip(&p.heads).zip(&p.labels) {
            t.deprel = parser.dep(l);
            t.head = match h {
                0 => NO_HEAD,
                h => (first + h - 1) as u32,
            };
        }
    }

    /// Fills a CoNLL-U sentence's UPOS, HEAD, DEPREL and MISC (`NER=B-PER`, …) from the
    /// backbone's own reading of its forms.
    pub fn annotate(&self, s: &mut conllu::Sentence, ontology: &Ontology) {
        let forms: Vec<&str> = s.rows.iter().map(|r| r.form.as_str()).collect();
        let r = self.read(&forms, ontology);
        let mut ner = vec!["O".to_string(); forms.len()];
        for n in &r.names {
            for (i, tag) in ner.iter_mut().enumerate().take(n.end).skip(n.start) {
                let bio = if i == n.start { "B" } else { "I" };
                *tag = format!("{bio}-{}", ner::KINDS[n.kind]);
            }
        }
        for (i, row) in s.rows.iter_mut().enumerate() {
            row.upos = tagger::UPOS[r.upos[i] as usize].to_string();
            row.head = r.heads[i];
            row.deprel = self.deprels()[r.deprels[i] as usize].clone();
            row.misc = format!("NER={}", ner[i]);
        }
    }
}

/// What the vocabulary says about each word, folded into one hashed hint per word: title or
/// role word, head-word class, common given or family name, known one-word name's class.
/// The unigram lexicon's word frequency and proper-noun share also count as hints.
pub(crate) fn add_hints(words: &mut [word::Word], forms: &[&str], ontology: &Ontology) {
    let lexicon = crate::text::pos::Tagger::shared();
    for (w, form) in words.iter_mut().zip(forms) {
        w.hints = hints(ontology, lexicon, form);
    }
}

/// The words of a document's tokens as [`Backbone::read_tokens`] read them (one per token,
/// hints included) and each sentence's casing: what a later parse needs, kept so that it
/// does not read them again.
#[derive(Clone, Debug)]
pub struct WordsRead {
    words: Vec<word::Word>,
    casings: Vec<word::Casing>,
}

/// [`add_hints`] through a cache of the document's words (five vocabulary lookups become one).
fn add_hints_cached<'t>(
    words: &mut [word::Word],
    forms: &[&'t str],
    ontology: &Ontology,
    cache: &mut crate::ontology::FastMap<&'t str, u64>,
) {
    let lexicon = crate::text::pos::Tagger::shared();
    for (w, form) in words.iter_mut().zip(forms) {
        w.hints = *cache
            .entry(form)
            .or_insert_with(|| hints(ontology, lexicon, form));
    }
}

fn hints(ontology: &Ontology, lexicon: &crate::text::pos::Tagger, form: &str) -> u64 {
    let lower: std::borrow::Cow<str> = if form.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80)
    {
        form.to_lowercase().into()
    } else {
        form.into()
    };
    let lower = lower.as_ref();
    let (count, propn) = lexicon.counts(lower);
    let seen = if count == 0 {
        0
    } else {
        1 + u64::from(count.ilog2().min(6)) + 8 * (1 + u64::from(propn * 4 / count))
    };
    let mut lex = ontology.lexeme(lower);
    // The vocabulary added since training is no feature the models know.
    let untrained = ontology.untrained.contains_key(lower);
    if untrained {
        lex.title = false;
        lex.head = None;
    }
    let class_bits = |c: Option<Class>| c.map_or(0, |c| c as u64 + 1);
    let mut bits = u64::from(lex.title)
        | u64::from(lex.role_word) << 1
        | class_bits(lex.head) << 2
        | u64::from(!untrained && ontology.given_names.contains_key(form)) << 8
        | u64::from(ontology.family_names.contains_key(form)) << 9
        | seen << 16;
    if let Some(&c) = ontology.known_names.get(lower) {
        bits |= (c as u64 + 1) << 10;
    }
    if bits == 0 {
        0
    } else {
        perceptron::avalanche(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::pos::Pos;

    #[test]
    fn embedded_weights_load_quickly() {
        for bytes in [TAGGER_WEIGHTS, RECOGNISER_WEIGHTS] {
            assert!(Weights::from_bytes(bytes).is_ok());
        }
        let parser = parser::Parser::from_bytes(PARSER_TABLES).expect("parser tables load");
        assert_eq!(parser.to_bytes(), PARSER_TABLES);
    }

    #[test]
    fn tags_common_words_and_names_in_context() {
        let text = "Recently, Qiu Xipeng said the model will accelerate research.";
        let mut toks =
            crate::text::token::tokenize(text, &crate::text::sentence::split_sentences(text));
        let o = Ontology::embedded().unwrap();
        Backbone::embedded()
            .unwrap()
            .read_tokens(text, &mut toks, &o, false);
        let tags: Vec<Pos> = toks.iter().map(|t| t.pos).collect();
        assert_eq!(tags[0], Pos::Adv);
        assert_eq!(tags[2], Pos::Propn);
        assert_eq!(tags[3], Pos::Propn);
        assert_eq!(tags[4], Pos::Verb);
        assert_eq!(tags[7], Pos::Aux);
        assert_eq!(tags[8], Pos::Verb);
        assert_eq!(tags[9], Pos::Noun);
    }

    #[test]
    fn embedded_models_load_and_read_a_sentence() {
        let b = Backbone::embedded().expect("embedded weights load");
        let o = Ontology::embedded().unwrap();
        let forms = [
            "Mira",
            "Tanaka",
            "joined",
            "Harlow",
            "University",
            "in",
            "Oslo",
            ".",
        ];
        let r = b.read(&forms, &o);
        assert_eq!(r.upos.len(), forms.len());
        assert_eq!(r.heads.iter().filter(|&&h| h == 0).count(), 1);
        assert!(r.deprels.iter().all(|&d| (d as usize) < b.deprels().len()));
        assert!(r
            .names
            .iter()
            .all(|n| n.start < n.end && n.end <= forms.len()));
        assert!(b.read(&[], &o).upos.is_empty());
    }
}
