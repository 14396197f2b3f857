//! Inputs for the fuzzer: the example articles, mutated. Every case is a function of the seed
//! and the iteration number only, so any case can be made again from its two numbers.

/// SplitMix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// The generator of iteration `i` of a run seeded with `seed`.
    pub fn for_case(seed: u64, i: u64) -> Rng {
        let mut r = Rng(seed ^ i.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One fuzz case: articles as files (bytes, maybe not UTF-8) or one JSON Lines file.
#[derive(Clone, Debug)]
pub enum Case {
    /// Text articles: (id, bytes).
    Text(Vec<(String, Vec<u8>)>),
    /// The bytes of a JSON Lines file.
    Jsonl(Vec<u8>),
}

/// What the case runs with besides its input.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `--base` as given (checked like the CLI does; a refused base is a valid outcome).
    pub base: String,
    /// Worker threads for the JSON Lines stream.
    pub jobs: usize,
}

const CONTROL: &[&str] = &[
    "\u{1}", "\u{7}", "\u{8}", "\t", "\u{b}", "\u{c}", "\r", "\r\n", "\u{1b}", "\u{1f}", "\u{7f}",
    "\u{85}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{200b}", "\u{200d}", "\u{202e}", "\n", "\n\n",
    "\u{0}",
];
const QUOTES: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "`", "''", "\"\"", "\\\"", "\\", "\"'",
];
const BRACKETS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "<>",
    "{}",
    "()",
    "<http://x/>",
    "]]>",
    "<!--",
    "&amp;",
    "&#0;",
    "&",
    "@",
    "#",
    ";",
    "_:b0",
    "^^",
    "@en",
    "\\u0000",
    "%",
    "%2F",
    "}\"",
    "->",
];
const NON_ASCII: &[&str] = &[
    "é",
    "É",
    "ß",
    "ẞ",
    "İ",
    "ı",
    "ﬁ",
    "Ⅻ",
    "复旦大学",
    "阿里巴巴",
    "東京大学",
    "🙂",
    "👩‍🔬",
    "e\u{301}",
    "\u{301}",
    "Ωmega",
    "Ärzte",
    "Straße",
    "Σ",
    "ς",
    "ﾃｽﾄ",
    "\u{10ffff}",
    "\u{fffd}",
    "\u{e000}",
    "𝐀",
    "Ǆ",
    "ǅ",
    "ŉ",
    "\u{2003}",
    "\u{a0}",
    "—",
    "–",
    "…",
    "·",
];
const WORDS: &[&str] = &[
    " said ",
    " Dr. ",
    " University",
    " Inc.",
    " CEO ",
    " released ",
    " developed ",
    " of ",
    " Professor ",
    " the company ",
    " he ",
    " she ",
    " team",
    " Lab",
    " at the ",
    " led by ",
    " according to ",
    ", a professor at ",
    " announced ",
    " U.S. ",
    " Mr. ",
    " spokeswoman ",
    " Ltd ",
    " in ",
    " model ",
    " (LDP) ",
    "'s ",
    " Qiu Xipeng ",
    " Fudan University ",
];

/// A case: text articles most of the time, a JSON Lines file otherwise.
pub fn case(rng: &mut Rng, seeds: &[Vec<u8>]) -> (Case, Settings) {
    let settings = Settings {
        base: match rng.below(12) {
            0 => "http://ex.org/kg".into(),
            1 => "urn:x:".into(),
            2 => "http://例子.org/kg#".into(),
            3 => "http://ex.org/a b/".into(),
            4 => "https://ex.org/%41/".into(),
            _ => "https://w3id.org/kgx/id/".into(),
        },
        jobs: 1 + rng.below(2),
    };
    let case = if rng.below(10) < 7 {
        let n = 1 + rng.below(3);
        Case::Text((0..n).map(|k| (id(rng, k), article(rng, seeds))).collect())
    } else {
        Case::Jsonl(jsonl(rng, seeds))
    };
    (case, settings)
}

fn id(rng: &mut Rng, k: usize) -> String {
    match rng.below(12) {
        0 => format!("a/b c/{k}"),
        1 => format!("Ünïcödé {k} 复旦"),
        2 => format!("{}{k}", "x".repeat(300)),
        3 => format!("http://ex.org/2024/01/ai-model-{k}"),
        4 => format!("..{k}"),
        5 => format!("<{k}> \"#?&"),
        _ => format!("doc{k}"),
    }
}

/// A mutated article: an example, or two spliced, with 1–12 mutations.
fn article(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = rng.pick(seeds).clone();
    if rng.one_in(4) {
        let other = rng.pick(seeds);
        let at = rng.below(bytes.len() + 1);
        let from = rng.below(other.len() + 1);
        let to = from + rng.below(other.len() - from + 1);
        bytes.splice(at..at, other[from..to].iter().copied());
    }
    let n = 1 + rng.below(12);
    for _ in 0..n {
        mutate(rng, &mut bytes, seeds);
    }
    // Most articles are made valid UTF-8 again (bytes that are not become U+FFFD), so that they
    // reach the pipeline; the rest test the decoder.
    if !rng.one_in(4) {
        bytes = String::from_utf8_lossy(&bytes).into_owned().into_bytes();
    }
    bytes
}

fn insert_one(rng: &mut Rng, bytes: &mut Vec<u8>, pieces: &[&str]) {
    let piece = *rng.pick(pieces);
    insert(rng, bytes, piece.as_bytes());
}

fn insert(rng: &mut Rng, bytes: &mut Vec<u8>, piece: &[u8]) {
    let at = rng.below(bytes.len() + 1);
    bytes.splice(at..at, piece.iter().copied());
}

/// One mutation. Most keep the text UTF-8 (to reach the pipeline); byte flips, raw bytes and
/// truncations may not (to reach the decoder's errors).
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    match rng.below(16) {
        0 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
        }
        1 => {
            let s = rng.pick(CONTROL).as_bytes();
            let s: &'static [u8] = s;
            // NUL makes the file binary: rare, so that most cases reach the pipeline.
            if s != b"\0" || rng.one_in(8) {
                insert(rng, bytes, s)
            }
        }
        2 => insert_one(rng, bytes, QUOTES),
        3 => insert_one(rng, bytes, BRACKETS),
        4 | 5 => insert_one(rng, bytes, NON_ASCII),
        6 | 7 => insert_one(rng, bytes, WORDS),
        8 if rng.one_in(3) => {
            // A huge line: a piece of text repeated with no line break, or one endless word.
            let piece: Vec<u8> = match rng.below(3) {
                0 => b"a".to_vec(),
                1 => rng.pick(WORDS).as_bytes().to_vec(),
                _ => {
                    let from = rng.below(bytes.len() + 1);
                    let to = (from + 1 + rng.below(200)).min(bytes.len());
                    bytes[from..to]
                        .iter()
                        .map(|&b| if b == b'\n' { b' ' } else { b })
                        .collect()
                }
            };
            let target = 4_000 + rng.below(60_000);
            let mut line = Vec::with_capacity(target + piece.len());
            while !piece.is_empty() && line.len() < target {
                line.extend_from_slice(&piece);
            }
            insert(rng, bytes, &line);
        }
        9 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
        }
        10 => {
            // Splice in a piece of another article.
            let other = rng.pick(seeds);
            let from = rng.below(other.len() + 1);
            let to = (from + rng.below(400)).min(other.len());
            let piece = other[from..to].to_vec();
            insert(rng, bytes, &piece);
        }
        11 if !bytes.is_empty() => {
            // Delete a run.
            let from = rng.below(bytes.len());
            let to = (from + rng.below(64)).min(bytes.len());
            bytes.drain(from..to);
        }
        12 if !bytes.is_empty() => {
            // Duplicate a run.
            let from = rng.below(bytes.len());
            let to = (from + rng.below(300)).min(bytes.len());
            let piece = bytes[from..to].to_vec();
            insert(rng, bytes, &piece);
        }
        13 => {
            // A raw byte, maybe not UTF-8.
            let b = rng.below(256) as u8;
            insert(rng, bytes, &[b]);
        }
        14 if !bytes.is_empty() => {
            // Case change of a run (İ and ẞ change length when lowered or uppered).
            let from = rng.below(bytes.len());
            let to = (from + rng.below(200)).min(bytes.len());
            if let Ok(s) = std::str::from_utf8(&bytes[from..to]) {
                let changed = if rng.one_in(2) {
                    s.to_uppercase()
                } else {
                    s.to_lowercase()
                };
                bytes.splice(from..to, changed.into_bytes());
            }
        }
        _ => insert_one(rng, bytes, WORDS),
    }
}

/// A JSON Lines file: 1–8 records made from mutated articles (with ids, numbers, metadata,
/// missing or odd fields), blank lines, CRLF endings, and sometimes mutated as raw bytes.
fn jsonl(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    if rng.one_in(10) {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let n = 1 + rng.below(8);
    for k in 0..n {
        let text = String::from_utf8_lossy(&article(rng, seeds)).into_owned();
        let mut record = serde_json::Map::new();
        match rng.below(8) {
            0 => {}
            1 => {
                record.insert("id".into(), serde_json::json!(k * 7));
            }
            2 => {
                record.insert("id".into(), serde_json::json!(null));
            }
            3 => {
                record.insert("id".into(), serde_json::json!([k]));
            }
            _ => {
                record.insert("id".into(), serde_json::json!(id(rng, k)));
            }
        }
        match rng.below(12) {
            0 => {}
            1 => {
                record.insert("text".into(), serde_json::json!(42));
            }
            _ => {
                record.insert("text".into(), serde_json::json!(text));
            }
        }
        if rng.one_in(2) {
            let title: String = text.chars().take(rng.below(80)).collect();
            record.insert("title".into(), serde_json::json!(title));
            record.insert("date".into(), serde_json::json!("2026-01-02"));
            record.insert("url".into(), serde_json::json!("http://ex.org/a b?c=<d>"));
            record.insert("author".into(), serde_json::json!(["A", {"b": 1}]));
            record.insert("language".into(), serde_json::json!(rng.below(3)));
        }
        let line = serde_json::to_string(&serde_json::Value::Object(record)).unwrap();
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(if rng.one_in(5) { b"\r\n" } else { b"\n" });
        if rng.one_in(6) {
            out.extend_from_slice(b"\n  \n");
        }
    }
    if rng.one_in(4) {
        for _ in 0..1 + rng.below(4) {
            match rng.below(4) {
                0 if !out.is_empty() => {
                    let at = rng.below(out.len());
                    out[at] ^= 1 << rng.below(8);
                }
                1 => out.truncate(rng.below(out.len() + 1)),
                2 => insert(
                    rng,
                    &mut out,
                    b"{\"id\": \"x\", \"text\": \"A said. \\ud800\"}\n",
                ),
                _ => insert_one(rng, &mut out, QUOTES),
            }
        }
    }
    out
}
