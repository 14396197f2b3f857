//! What kgx reads from a query's own text, beyond what the parser returns: a syntax error
//! said for people, and the order of `SELECT *`'s variables.

use crate::ontology::vocab::PREFIXES;
use oxigraph::sparql::Variable;

/// The parser's message made one line for people. spargebra says
/// `error at 1:26: expected one of ",", "{", ['0' ..= '9' | '\u{00B7}' …], …`: the character
/// classes (several lines of Unicode ranges) say nothing a user can act on and go; an
/// unknown prefix, which spargebra lists as "Prefix not found" among the tokens, is named.
pub(super) fn syntax_message(query: &str, raw: &str) -> String {
    let Some(rest) = raw.strip_prefix("error at ") else {
        return format!("syntax error: {}", one_line(raw));
    };
    let Some((position, expected)) = rest.split_once(": ") else {
        return format!("syntax error: {}", one_line(raw));
    };
    let (line, column) = position.split_once(':').unwrap_or((position, "?"));
    let at = format!("syntax error at line {line}, column {column}");
    let expected = expected.strip_prefix("expected ").unwrap_or(expected);
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    let items = split_expected(expected);
    if items.contains(&"Prefix not found") {
        if let Some(prefix) = prefix_before(query, line, column) {
            return format!(
                "{at}: unknown prefix '{prefix}:' (declare it with PREFIX {prefix}: <…>; kgx \
                 declares {})",
                PREFIXES
                    .iter()
                    .map(|(p, _)| format!("{p}:"))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }
    let tokens: Vec<&str> = items
        .iter()
        .copied()
        .filter(|i| !i.starts_with('[') && *i != "Prefix not found")
        .collect();
    match tokens.as_slice() {
        [] => format!("{at}: unexpected character"),
        [one] => format!("{at}: expected {one}"),
        many => format!("{at}: expected one of {}", many.join(" ")),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits peg's list of expected tokens at the commas between them, not those inside quotes
/// or character classes.
fn split_expected(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut quote, mut escaped, mut start) = (0usize, None, false, 0);
    for (i, c) in list.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                items.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(list[start..].trim());
    items.retain(|i| !i.is_empty());
    items
}

/// The prefix of the last prefixed name before the error's position (`foo` in `?s foo:p`).
fn prefix_before(query: &str, line: &str, column: &str) -> Option<String> {
    let line: usize = line.parse().ok()?;
    let column: usize = column.parse().ok()?;
    let text = query.lines().nth(line.checked_sub(1)?)?;
    let upto: String = text.chars().take(column.saturating_sub(1)).collect();
    let colon = upto.rfind(':')?;
    let name: String = upto[..colon]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

/// `SELECT *`'s variables in the order the query first names them (oxigraph sorts them by
/// name, so `SELECT * { ?s ?p ?o }` would print o, p, s); other projections are kept.
pub(super) fn in_query_order(query: &str, variables: &[Variable]) -> Vec<Variable> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let star = words.windows(2).any(|w| w[0] == "SELECT" && w[1] == "*")
        || words
            .windows(3)
            .any(|w| w[0] == "SELECT" && (w[1] == "DISTINCT" || w[1] == "REDUCED") && w[2] == "*");
    let mut variables = variables.to_vec();
    if star {
        variables.sort_by_key(|v| first_use(query, v.as_str()).unwrap_or(usize::MAX));
    }
    variables
}

/// Where `?name` or `$name` first stands as a whole variable in the query.
fn first_use(query: &str, name: &str) -> Option<usize> {
    let bytes = query.as_bytes();
    query.match_indices(name).map(|(i, _)| i).find(|&i| {
        let sigil = i > 0 && matches!(bytes[i - 1], b'?' | b'$');
        let end = i + name.len();
        let whole = query[end..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        sigil && whole
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_the_place_and_the_tokens_only() {
        let raw = r#"error at 1:26: expected one of ",", ".", "{", ['0' ..= '9' | '\u{00B7}'], ['_'], [_]"#;
        assert_eq!(
            syntax_message("", raw),
            r#"syntax error at line 1, column 26: expected one of "," "." "{""#
        );
    }

    #[test]
    fn an_unknown_prefix_is_named() {
        let q = "SELECT * WHERE { ?s foo:p ?o }";
        let raw = "error at 1:26: expected one of OPTIONAL, Prefix not found, [':']";
        assert!(syntax_message(q, raw).contains("unknown prefix 'foo:'"));
    }

    #[test]
    fn select_star_keeps_the_query_order() {
        let vars: Vec<Variable> = ["o", "p", "s"].map(Variable::new_unchecked).to_vec();
        let q = "select * { ?s ?p $o }";
        let names: Vec<String> = in_query_order(q, &vars)
            .iter()
            .map(|v| v.as_str().to_string())
            .collect();
        assert_eq!(names, ["s", "p", "o"]);
    }
}
