//! A checker for `requiredClaims` expressions, following the syntax the framework evaluates
//! with `github.com/microbus-io/boolexp`: `&&` `||` `!`, `==` `!=` `<` `<=` `>` `>=`, `=~` `!~`
//! with a quoted regexp on the right, parentheses, `'` `"` and backtick strings, numbers,
//! dot paths (`roles.admin`) and the constants `true` and `false`.

#[derive(Debug, PartialEq, Eq)]
/// Why a `requiredClaims` expression does not parse.
pub struct SyntaxError {
    /// Character offset of the error in the expression.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, PartialEq, Eq)]
/// What a valid `requiredClaims` expression reads.
pub struct Checked {
    /// Dot paths the expression reads from the actor's claims.
    pub claim_paths: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Path(String),
    Str(String),
    Num,
    Bool,
    Op(&'static str),
    LParen,
    RParen,
}

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, SyntaxError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset, message: &str| SyntaxError {
        offset,
        message: message.to_string(),
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let op = ["&&", "||", "==", "!=", "<=", ">=", "=~", "!~"]
            .into_iter()
            .find(|o| two == *o);
        if let Some(op) = op {
            out.push((Tok::Op(op), start));
            i += 2;
            continue;
        }
        match c {
            '!' => out.push((Tok::Op("!"), start)),
            '<' => out.push((Tok::Op("<"), start)),
            '>' => out.push((Tok::Op(">"), start)),
            '(' => out.push((Tok::LParen, start)),
            ')' => out.push((Tok::RParen, start)),
            '\'' | '"' | '`' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(err(start, "unterminated string")),
                        Some(&q) if q == c => break,
                        Some('\\') if c != '`' => {
                            i += 1;
                            s.push(
                                *chars
                                    .get(i)
                                    .ok_or_else(|| err(start, "unterminated string"))?,
                            );
                        }
                        Some(&ch) => s.push(ch),
                    }
                    i += 1;
                }
                out.push((Tok::Str(s), start));
            }
            '&' | '|' => return Err(err(start, &format!("`{c}` must be doubled: `{c}{c}`"))),
            '=' => return Err(err(start, "`=` is not an operator; use `==`")),
            _ if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                i += 1;
                while chars
                    .get(i)
                    .is_some_and(|d| d.is_ascii_digit() || *d == '.')
                {
                    i += 1;
                }
                out.push((Tok::Num, start));
                continue;
            }
            _ if c.is_alphabetic() || c == '_' => {
                let mut s = String::new();
                while let Some(&d) = chars.get(i) {
                    if d.is_alphanumeric() || d == '_' || d == '-' || d == '.' {
                        s.push(d);
                        i += 1;
                    } else {
                        break;
                    }
                }
                if s.ends_with('.') || s.contains("..") {
                    return Err(err(start, &format!("`{s}` is not a valid dot path")));
                }
                out.push((
                    if s == "true" || s == "false" {
                        Tok::Bool
                    } else {
                        Tok::Path(s)
                    },
                    start,
                ));
                continue;
            }
            _ => return Err(err(start, &format!("unexpected character `{c}`"))),
        }
        i += 1;
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
    paths: Vec<String>,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }

    fn offset(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |t| t.1)
    }

    fn err(&self, message: String) -> SyntaxError {
        SyntaxError {
            offset: self.offset(),
            message,
        }
    }

    fn or(&mut self) -> Result<(), SyntaxError> {
        self.and()?;
        while self.peek() == Some(&Tok::Op("||")) {
            self.pos += 1;
            self.and()?;
        }
        Ok(())
    }

    fn and(&mut self) -> Result<(), SyntaxError> {
        self.unary()?;
        while self.peek() == Some(&Tok::Op("&&")) {
            self.pos += 1;
            self.unary()?;
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<(), SyntaxError> {
        if self.peek() == Some(&Tok::Op("!")) {
            self.pos += 1;
            return self.unary();
        }
        if self.peek() == Some(&Tok::LParen) {
            let open = self.offset();
            self.pos += 1;
            self.or()?;
            if self.peek() != Some(&Tok::RParen) {
                return Err(SyntaxError {
                    offset: open,
                    message: "`(` is never closed".into(),
                });
            }
            self.pos += 1;
            return Ok(());
        }
        self.operand()?;
        if let Some(Tok::Op(op)) = self.peek().cloned()
            && matches!(op, "==" | "!=" | "<" | "<=" | ">" | ">=" | "=~" | "!~")
        {
            self.pos += 1;
            if matches!(op, "=~" | "!~") {
                match self.peek().cloned() {
                    Some(Tok::Str(re)) => {
                        if let Err(e) = regex::Regex::new(&re) {
                            return Err(self.err(format!(
                                "invalid regexp: {}",
                                e.to_string().lines().last().unwrap_or("")
                            )));
                        }
                        self.pos += 1;
                    }
                    _ => {
                        return Err(
                            self.err(format!("the right side of `{op}` must be a quoted regexp"))
                        );
                    }
                }
            } else {
                self.operand()?;
            }
        }
        Ok(())
    }

    fn operand(&mut self) -> Result<(), SyntaxError> {
        match self.peek().cloned() {
            Some(Tok::Path(p)) => {
                self.paths.push(p);
                self.pos += 1;
                Ok(())
            }
            Some(Tok::Str(_) | Tok::Num | Tok::Bool) => {
                self.pos += 1;
                Ok(())
            }
            Some(Tok::LParen) => self.unary(),
            Some(t) => Err(self.err(format!(
                "expected a claim, a string or a number, found {}",
                describe(&t)
            ))),
            None => Err(self.err("the expression ends where an operand is expected".into())),
        }
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Op(o) => format!("`{o}`"),
        Tok::RParen => "`)`".into(),
        Tok::LParen => "`(`".into(),
        _ => "a value".into(),
    }
}

/// Parses a `requiredClaims` expression as the framework's boolexp does.
pub fn check(src: &str) -> Result<Checked, SyntaxError> {
    let toks = lex(src)?;
    if toks.is_empty() {
        return Err(SyntaxError {
            offset: 0,
            message: "the expression is empty".into(),
        });
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end: src.chars().count(),
        paths: Vec::new(),
    };
    p.or()?;
    if p.pos < p.toks.len() {
        let t = p.toks[p.pos].0.clone();
        return Err(p.err(format!(
            "unexpected {} after a complete expression",
            describe(&t)
        )));
    }
    Ok(Checked {
        claim_paths: p.paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_examples_are_valid() {
        for ok in [
            "roles.user",
            "roles.admin || roles.elevated",
            "roles.a || roles.m || roles.u",
            "groups.sales && (roles.director || roles.manager)",
            "level>5 && !guest",
            "iss=~\"^access\\.token\\.core$\" && sub!='robot'",
            "`x` == name && true",
            "!(roles.admin)",
        ] {
            assert!(check(ok).is_ok(), "{ok}: {:?}", check(ok));
        }
        assert_eq!(
            check("roles.admin || level >= 3").unwrap().claim_paths,
            ["roles.admin", "level"]
        );
        assert!(check("true").unwrap().claim_paths.is_empty());
        assert!(check("1==1").unwrap().claim_paths.is_empty());
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        let e = |s: &str| check(s).unwrap_err();
        assert_eq!(e("roles.admin &").offset, 12);
        assert_eq!(e("roles.admin &&").offset, 14);
        assert_eq!(e("(roles.admin || x").offset, 0);
        assert_eq!(e("roles.admin )").offset, 12);
        assert_eq!(e("name =~ admin").offset, 8);
        assert_eq!(e("name == 'x").offset, 8);
        assert_eq!(e("a = b").offset, 2);
        assert_eq!(e("roles. admin").offset, 0);
        assert_eq!(e("x =~ '('").offset, 5);
        assert_eq!(e("").offset, 0);
        assert_eq!(e("a b").offset, 2);
    }
}
