//! CoNLL-U, the treebanks' format: reading gold sentences for training and evaluation, and
//! writing what the backbone read (`kgx annotate`).

/// One syntactic word of a CoNLL-U sentence (multi-word token lines and empty nodes are skipped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// FORM.
    pub form: String,
    /// UPOS.
    pub upos: String,
    /// HEAD (0 is the root).
    pub head: usize,
    /// DEPREL.
    pub deprel: String,
    /// MISC.
    pub misc: String,
}

/// A sentence: its comment lines and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines (`# sent_id = …`), without the leading `#`.
    pub comments: Vec<String>,
    /// Words in order.
    pub rows: Vec<Row>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The words' forms.
    pub fn forms(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.form.as_str()).collect()
    }
}

/// A line that is not CoNLL-U.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses CoNLL-U text. Lines with fewer than ten columns need only ID and FORM (other columns
/// read as `_`), so plain tokenised text in CoNLL-U shape is accepted too.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.rows.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let err = |message: &str| ConlluError {
            line: n + 1,
            message: message.to_string(),
        };
        if id.parse::<usize>().map_err(|_| err("ID is not a number"))? != cur.rows.len() + 1 {
            return Err(err("IDs are not 1, 2, 3, … within the sentence"));
        }
        let form = cols.get(1).ok_or_else(|| err("no FORM column"))?;
        let col = |i: usize| cols.get(i).copied().unwrap_or("_");
        let head = match col(6) {
            "_" => 0,
            h => h.parse().map_err(|_| err("HEAD is not a number"))?,
        };
        cur.rows.push(Row {
            form: form.to_string(),
            upos: col(3).to_string(),
            head,
            deprel: col(7).to_string(),
            misc: col(9).to_string(),
        });
    }
    if !cur.rows.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes one sentence as CoNLL-U (ID, FORM, UPOS, HEAD, DEPREL and MISC filled).
pub fn write(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        out.push_str("# ");
        out.push_str(c);
        out.push('\n');
    }
    for (i, r) in s.rows.iter().enumerate() {
        let misc = if r.misc.is_empty() { "_" } else { &r.misc };
        out.push_str(&format!(
            "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t{}\n",
            i + 1,
            r.form,
            r.upos,
            r.head,
            r.deprel,
            misc
        ));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let text = "# sent_id = a1\n# text = Ana's here\n1-2\tAna's\t_\n1\tAna\tAna\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n2\t's\tbe\tAUX\tVBZ\t_\t3\tcop\t_\t_\n3\there\there\tADV\tRB\t_\t0\troot\t_\tSpaceAfter=No\n\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].comment("sent_id"), Some("a1"));
        assert_eq!(s[0].forms(), ["Ana", "'s", "here"]);
        assert_eq!(s[0].rows[0].head, 3);
        assert_eq!(s[0].rows[2].deprel, "root");
        let mut out = String::new();
        write(&mut out, &s[0]);
        assert_eq!(parse(&out).unwrap()[0].rows, s[0].rows);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = parse("1\tA\n3\tB\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("x\tA\n").is_err());
    }
}
