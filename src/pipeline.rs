//! The pipeline: Document → sentences → tokens → mentions → entities → relations.

use crate::document::Document;
use crate::error::Error;
use crate::mention::{self, Mention};
use crate::ontology::Ontology;
use crate::relation::{self, Doc, Relation};
use crate::resolve::{self, Resolution};
use crate::text::pos::Tagger;
use crate::text::quote::{self, Quote};
use crate::text::sentence::{self, Sentence};
use crate::text::token::{self, Token};

/// Quotations shorter than this many words are terms ("hallucination"), not speech.
const MIN_SPEECH_WORDS: usize = 3;

/// The configured extractor: the vocabulary and the tagger.
#[derive(Clone, Debug)]
pub struct Pipeline {
    ontology: Ontology,
    tagger: Tagger,
}

/// Everything the pipeline found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Mentions.
    pub mentions: Vec<Mention>,
    /// Entities and what each mention refers to.
    pub resolution: Resolution,
    /// Facts.
    pub relations: Vec<Relation>,
}

impl Pipeline {
    /// A pipeline over the given vocabulary, with the embedded tagger.
    pub fn new(ontology: Ontology) -> Self {
        Pipeline {
            ontology,
            tagger: Tagger::embedded(),
        }
    }

    /// A pipeline with the embedded ontology and tagger.
    pub fn embedded() -> Result<Self, Error> {
        Ok(Pipeline::new(Ontology::embedded()?))
    }

    /// Replaces the tagger.
    pub fn with_tagger(mut self, tagger: Tagger) -> Self {
        self.tagger = tagger;
        self
    }

    /// The vocabulary.
    pub fn ontology(&self) -> &Ontology {
        &self.ontology
    }

    /// Runs every stage over one document. Total: any text gives an analysis.
    pub fn run(&self, doc: &Document) -> Analysis {
        let text = doc.text.as_str();
        let sentences = sentence::split_sentences(text);
        let mut tokens = token::tokenize(text, &sentences);
        self.tagger.tag(text, &mut tokens);
        let quotes = quote::find_quotes(text, &tokens, &sentences);
        let quoted = quote::quoted_mask(&tokens, &quotes, MIN_SPEECH_WORDS);
        let cx = mention::Context::new(
            text,
            &sentences,
            &tokens,
            &quoted,
            &self.ontology,
            &self.tagger,
        );
        let mentions = mention::find_mentions(&cx);
        let resolution = resolve::resolve(&mentions);
        let view = Doc::new(
            text,
            &sentences,
            &tokens,
            &quotes,
            &quoted,
            &mentions,
            &resolution,
            &self.ontology,
            &self.tagger,
            cx.lexemes(),
        );
        let relations = relation::extract(&view);
        Analysis {
            sentences,
            tokens,
            quotes,
            mentions,
            resolution,
            relations,
        }
    }
}
