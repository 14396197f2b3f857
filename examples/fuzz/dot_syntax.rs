//! A reader of the DOT language's grammar (graphviz.org/doc/info/lang.html), strict enough to
//! say whether kgx's diagrams are well-formed without running Graphviz: every string closed,
//! every statement complete, braces and brackets balanced, nothing after the graph.

#[derive(Debug, PartialEq)]
enum Token {
    /// An identifier, a number or a quoted string (already checked).
    Id(String),
    Punct(char),
    Edge,
}

fn tokens(src: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '{' | '}' | '[' | ']' | ';' | ',' | '=' | ':' => out.push(Token::Punct(c)),
            '-' if chars.peek().is_some_and(|&(_, d)| d == '>') => {
                chars.next();
                out.push(Token::Edge);
            }
            '"' => {
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => return Err(format!("string opened at byte {at} is never closed")),
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.next() {
                            None => return Err(format!("string opened at byte {at} ends in \\")),
                            Some((_, e)) => {
                                s.push('\\');
                                s.push(e);
                            }
                        },
                        Some((p, c)) if c.is_control() && c != '\n' && c != '\t' => {
                            return Err(format!("control character {c:?} in a string at byte {p}"))
                        }
                        Some((_, c)) => s.push(c),
                    }
                }
                out.push(Token::Id(s));
            }
            '<' => return Err(format!("HTML label at byte {at}: kgx writes none")),
            '/' if chars.peek().is_some_and(|&(_, d)| d == '/' || d == '*') => {
                return Err(format!("comment at byte {at}: kgx writes none"))
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' => {
                let mut s = String::from(c);
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '.' {
                        s.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Token::Id(s));
            }
            c => return Err(format!("unexpected {c:?} at byte {at}")),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&Token::Punct(c))
    }

    fn keyword(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Token::Id(s)) if s.eq_ignore_ascii_case(k))
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.is_punct(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!(
                "expected {c:?} at token {}, found {:?}",
                self.at,
                self.peek()
            ))
        }
    }

    fn id(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(Token::Id(_)) => {
                self.at += 1;
                Ok(())
            }
            other => Err(format!(
                "expected an id at token {}, found {other:?}",
                self.at
            )),
        }
    }

    fn graph(&mut self) -> Result<(), String> {
        if self.keyword("strict") {
            self.at += 1;
        }
        if !(self.keyword("digraph") || self.keyword("graph")) {
            return Err("does not start with digraph or graph".into());
        }
        self.at += 1;
        if matches!(self.peek(), Some(Token::Id(_))) {
            self.at += 1;
        }
        self.block()?;
        if self.at != self.tokens.len() {
            return Err(format!(
                "text after the graph's closing brace (token {})",
                self.at
            ));
        }
        Ok(())
    }

    fn block(&mut self) -> Result<(), String> {
        self.expect('{')?;
        while !self.is_punct('}') {
            if self.peek().is_none() {
                return Err("a '{' is never closed".into());
            }
            self.statement()?;
            if self.is_punct(';') {
                self.at += 1;
            }
        }
        self.at += 1;
        Ok(())
    }

    fn attributes(&mut self) -> Result<(), String> {
        self.expect('[')?;
        while !self.is_punct(']') {
            self.id()?;
            self.expect('=')?;
            self.id()?;
            if self.is_punct(',') || self.is_punct(';') {
                self.at += 1;
            }
        }
        self.at += 1;
        if self.is_punct('[') {
            self.attributes()?;
        }
        Ok(())
    }

    fn node_or_subgraph(&mut self) -> Result<(), String> {
        if self.keyword("subgraph") || self.is_punct('{') {
            if self.keyword("subgraph") {
                self.at += 1;
                if matches!(self.peek(), Some(Token::Id(_))) {
                    self.at += 1;
                }
            }
            return self.block();
        }
        self.id()?;
        if self.is_punct(':') {
            self.at += 1;
            self.id()?;
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<(), String> {
        if self.keyword("graph") || self.keyword("node") || self.keyword("edge") {
            self.at += 1;
            return self.attributes();
        }
        // id = id
        if matches!(self.peek(), Some(Token::Id(_)))
            && self.tokens.get(self.at + 1) == Some(&Token::Punct('='))
        {
            self.at += 2;
            return self.id();
        }
        self.node_or_subgraph()?;
        while self.peek() == Some(&Token::Edge) {
            self.at += 1;
            self.node_or_subgraph()?;
        }
        if self.is_punct('[') {
            self.attributes()?;
        }
        Ok(())
    }
}

/// Checks that `src` is one well-formed DOT graph.
pub fn check(src: &str) -> Result<(), String> {
    let mut p = Parser {
        tokens: tokens(src)?,
        at: 0,
    };
    p.graph()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_dot_and_refuses_broken_dot() {
        assert!(super::check("digraph g { a -> b [label=\"x\\\"y\"]; subgraph c { n1 } }").is_ok());
        assert!(super::check("digraph g { a -> b [label=\"x]; }").is_err());
        assert!(super::check("digraph g { a -> }").is_err());
        assert!(super::check("digraph g { a } }").is_err());
    }
}
