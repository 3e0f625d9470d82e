//! Build constraints: the Go files that no build can include (`//go:build ignore`, `linux &&
//! windows`, a `//go:build linux` file named `…_windows.go`). Such files grant nothing and their
//! `main` packages are not entry points. Every other constraint is kept: a deployment may build
//! with any custom tag, for any platform.
//!
//! Go's rules: a `//go:build` line before the package clause wins over `// +build` lines; a file
//! name ending in `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` (after `.go` and `_test`) constrains it too.
//! rootlint takes the tag `ignore` as never set, as the Go tool's convention has it.

/// Operating systems Go knows (`go tool dist list`), each a tag set exactly when it is GOOS.
const GOOS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// The systems the `unix` tag covers.
const UNIX: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

const GOARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "arm64",
    "arm64be",
    "armbe",
    "loong64",
    "mips",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "mipsle",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// Expressions nest at most this deep; deeper is not read (a hostile file cannot recurse us).
const MAX_DEPTH: usize = 64;

/// A file's constraints may name at most this many tags; a longer line is not read.
const MAX_TAGS: usize = 1000;

/// Deciding a constraint tries every GOOS and GOARCH it names and every choice of its other tags;
/// past this many tag evaluations the file is kept (some build may include it) rather than
/// decided.
const MAX_WORK: usize = 4_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Constraint {
    Tag(String),
    Not(Box<Constraint>),
    And(Box<Constraint>, Box<Constraint>),
    Or(Box<Constraint>, Box<Constraint>),
}

/// What the header of a Go file says about the builds that include it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Some build may include the file.
    Built,
    /// No build includes the file; the text is the constraint that excludes it.
    NeverBuilt(String),
    /// A constraint line rootlint could not read (the Go tool refuses it too); the file is
    /// analyzed as if it were built.
    Unreadable { line: usize, message: String },
}

/// The constraint lines of a Go file's header, read as `go/build` (Go 1.19's
/// `parseFileHeader`) reads them: the header is the run of blank lines and comments before the
/// first other text; a `//go:build` line counts anywhere in it outside a `/* */` comment; a
/// `// +build` line counts only in the part that ends with the last blank line before the first
/// line that is not a `//` comment (so it must be followed by a blank line). A UTF-8 byte order
/// mark before it all is skipped. Two `//go:build` lines are an error, as in Go.
struct HeaderLines<'a> {
    go_build: Option<(usize, &'a str)>,
    plus_build: Vec<(usize, &'a str)>,
    error: Option<(usize, String)>,
}

fn header_lines(src: &str) -> HeaderLines<'_> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = HeaderLines {
        go_build: None,
        plus_build: Vec::new(),
        error: None,
    };
    // `// +build` candidates with their line, and the line the header's +build part ends at.
    let mut candidates: Vec<(usize, &str)> = Vec::new();
    let mut end_line = 0;
    let mut ended = false;
    let mut in_slash_star = false;
    'lines: for (i, raw) in src.split('\n').enumerate() {
        let line = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        if line.is_empty() && !ended {
            end_line = i + 1;
            continue;
        }
        if !line.starts_with("//") {
            ended = true;
        }
        if !in_slash_star && is_go_build(line) {
            if out.go_build.is_some() {
                out.error = Some((i + 1, "more than one `//go:build` line".into()));
                return out;
            }
            out.go_build = Some((i + 1, line["//go:build".len()..].trim()));
        }
        if !in_slash_star && let Some(expr) = plus_build_expr(line) {
            candidates.push((i + 1, expr));
        }
        // The rest of a comment line, or the text that ends the header.
        let mut rest = line;
        while !rest.is_empty() {
            if in_slash_star {
                match rest.find("*/") {
                    Some(j) => {
                        in_slash_star = false;
                        rest = rest[j + 2..].trim_matches(|c: char| c.is_ascii_whitespace());
                        continue;
                    }
                    None => continue 'lines,
                }
            }
            if rest.starts_with("//") {
                continue 'lines;
            }
            if let Some(after) = rest.strip_prefix("/*") {
                in_slash_star = true;
                rest = after.trim_matches(|c: char| c.is_ascii_whitespace());
                continue;
            }
            break 'lines;
        }
    }
    out.plus_build = candidates
        .into_iter()
        .filter(|(line, _)| *line <= end_line)
        .collect();
    out
}

/// The expression of a `// +build` line as Go's `constraint` package splits it: `//`, optional
/// spaces, `+build`, then a space, a tab or nothing (`//+build x` counts too).
fn plus_build_expr(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("//")?
        .trim_matches(|c: char| c.is_ascii_whitespace());
    let expr = rest.strip_prefix("+build")?;
    (expr.is_empty() || expr.starts_with([' ', '\t'])).then(|| expr.trim())
}

/// `//go:build` followed by a space, a tab or nothing (Go's `isGoBuildComment`).
fn is_go_build(line: &str) -> bool {
    line.strip_prefix("//go:build")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Reads the constraints of a Go file: its name and its header (see [`header_lines`]).
pub(crate) fn verdict(file_name: &str, src: &str) -> Verdict {
    let header = header_lines(src);
    if let Some((line, message)) = header.error {
        return Verdict::Unreadable { line, message };
    }
    let go_build = header.go_build;
    let plus_build = header.plus_build;
    let mut parts: Vec<Constraint> = Vec::new();
    let mut text: Vec<String> = Vec::new();
    if let Some((line, expr)) = go_build {
        match parse(expr) {
            Ok(c) => parts.push(c),
            Err(message) => return Verdict::Unreadable { line, message },
        }
        text.push(format!("//go:build {expr}"));
    } else {
        for (line, expr) in plus_build {
            match parse_plus_build(expr) {
                Ok(c) => parts.push(c),
                Err(message) => return Verdict::Unreadable { line, message },
            }
            text.push(format!("// +build {expr}"));
        }
    }
    if let Some(c) = from_file_name(file_name) {
        parts.push(c);
        text.push(format!("the file name `{file_name}`"));
    }
    let tag_count: usize = parts.iter().map(|p| tags(p).len()).sum();
    if tag_count > MAX_TAGS {
        let line = go_build.map_or(1, |(l, _)| l);
        return Verdict::Unreadable {
            line,
            message: format!("the constraints name more than {MAX_TAGS} tags"),
        };
    }
    // `ignore` as a term of the top-level conjunction decides at once, however many tags
    // surround it.
    if parts.iter().any(|p| conjuncts(p).contains(&"ignore")) {
        return Verdict::NeverBuilt(text.join(" and "));
    }
    let Some(all) = parts
        .into_iter()
        .reduce(|a, b| Constraint::And(Box::new(a), Box::new(b)))
    else {
        return Verdict::Built;
    };
    if satisfiable(&all) {
        Verdict::Built
    } else {
        Verdict::NeverBuilt(text.join(" and "))
    }
}

/// `*_GOOS`, `*_GOARCH`, `*_GOOS_GOARCH`, after `.go` and `_test` are cut.
fn from_file_name(name: &str) -> Option<Constraint> {
    let stem = name.strip_suffix(".go")?;
    let stem = stem.strip_suffix("_test").unwrap_or(stem);
    let parts: Vec<&str> = stem.split('_').collect();
    let n = parts.len();
    let tag = |t: &str| Constraint::Tag(t.to_string());
    if n >= 3 && GOOS.contains(&parts[n - 2]) && GOARCH.contains(&parts[n - 1]) {
        return Some(Constraint::And(
            Box::new(tag(parts[n - 2])),
            Box::new(tag(parts[n - 1])),
        ));
    }
    if n >= 2 && (GOOS.contains(&parts[n - 1]) || GOARCH.contains(&parts[n - 1])) {
        return Some(tag(parts[n - 1]));
    }
    None
}

fn is_tag_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// `// +build a,b c !d`: lines are ANDed, space-separated options ORed, comma-separated terms
/// ANDed.
fn parse_plus_build(expr: &str) -> Result<Constraint, String> {
    if expr.split([' ', '\t', ',']).count() > MAX_TAGS {
        return Err(format!("the constraints name more than {MAX_TAGS} tags"));
    }
    let mut options = Vec::new();
    for option in expr.split_whitespace() {
        let mut terms = Vec::new();
        for term in option.split(',') {
            let (negated, tag) = match term.strip_prefix('!') {
                Some(t) => (true, t),
                None => (false, term),
            };
            if tag.is_empty() || !tag.chars().all(is_tag_char) {
                return Err(format!("`{term}` is not a build tag"));
            }
            let t = Constraint::Tag(tag.to_string());
            terms.push(if negated {
                Constraint::Not(Box::new(t))
            } else {
                t
            });
        }
        options.push(
            terms
                .into_iter()
                .reduce(|a, b| Constraint::And(Box::new(a), Box::new(b)))
                .ok_or("an empty term")?,
        );
    }
    options
        .into_iter()
        .reduce(|a, b| Constraint::Or(Box::new(a), Box::new(b)))
        .ok_or_else(|| "an empty `// +build` line".to_string())
}

/// `//go:build` expressions: `||`, `&&`, `!`, parentheses and tags.
fn parse(expr: &str) -> Result<Constraint, String> {
    let tokens = tokenize(expr)?;
    let mut p = Parser { tokens, at: 0 };
    let c = p.or(0)?;
    if p.at != p.tokens.len() {
        return Err(format!("unexpected `{}`", p.tokens[p.at]));
    }
    Ok(c)
}

fn tokenize(expr: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = expr.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if out.len() > 4 * MAX_TAGS {
            return Err(format!("the constraints name more than {MAX_TAGS} tags"));
        }
        match c {
            ' ' | '\t' => {}
            '(' | ')' | '!' => out.push(c.to_string()),
            '&' | '|' => match chars.next() {
                Some((_, d)) if d == c => out.push(format!("{c}{c}")),
                _ => return Err(format!("`{c}` must be doubled: `{c}{c}`")),
            },
            c if is_tag_char(c) => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !is_tag_char(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                out.push(expr[i..end].to_string());
            }
            other => return Err(format!("unexpected character {:?}", other)),
        }
    }
    if out.is_empty() {
        return Err("an empty `//go:build` line".into());
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn or(&mut self, depth: usize) -> Result<Constraint, String> {
        let mut left = self.and(depth)?;
        while self.peek() == Some("||") {
            self.at += 1;
            let right = self.and(depth)?;
            left = Constraint::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, depth: usize) -> Result<Constraint, String> {
        let mut left = self.not(depth)?;
        while self.peek() == Some("&&") {
            self.at += 1;
            let right = self.not(depth)?;
            left = Constraint::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not(&mut self, depth: usize) -> Result<Constraint, String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "the expression nests deeper than {MAX_DEPTH} levels"
            ));
        }
        match self.peek() {
            Some("!") => {
                self.at += 1;
                Ok(Constraint::Not(Box::new(self.not(depth + 1)?)))
            }
            Some("(") => {
                self.at += 1;
                let inner = self.or(depth + 1)?;
                if self.peek() != Some(")") {
                    return Err("a `(` is not closed".into());
                }
                self.at += 1;
                Ok(inner)
            }
            Some(t) if t.chars().all(is_tag_char) => {
                let t = t.to_string();
                self.at += 1;
                Ok(Constraint::Tag(t))
            }
            Some(t) => Err(format!("unexpected `{t}`")),
            None => Err("the expression ends early".into()),
        }
    }
}

/// Every tag `c` names, with repetitions (iterative: a long `a && b && …` chain is deep on one
/// side).
fn tags(c: &Constraint) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![c];
    while let Some(c) = stack.pop() {
        match c {
            Constraint::Tag(t) => out.push(t.as_str()),
            Constraint::Not(x) => stack.push(x),
            Constraint::And(a, b) | Constraint::Or(a, b) => {
                stack.push(a);
                stack.push(b);
            }
        }
    }
    out
}

/// The tags that are terms of the top-level conjunction of `c`.
fn conjuncts(c: &Constraint) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![c];
    while let Some(c) = stack.pop() {
        match c {
            Constraint::Tag(t) => out.push(t.as_str()),
            Constraint::And(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            _ => {}
        }
    }
    out
}

/// Whether some GOOS, some GOARCH and some choice of the free tags make `c` true. Only the
/// systems and architectures `c` names are tried, and one that it does not name: all the
/// others behave alike.
fn satisfiable(c: &Constraint) -> bool {
    let mut named = tags(c);
    let size = named.len();
    named.sort_unstable();
    named.dedup();
    // Tags other than GOOS, GOARCH, `unix` and `ignore` are free: any choice may be set.
    let free: Vec<&str> = named
        .iter()
        .copied()
        .filter(|t| *t != "ignore" && *t != "unix" && !GOOS.contains(t) && !GOARCH.contains(t))
        .collect();
    let oses: Vec<&str> = GOOS
        .iter()
        .copied()
        .filter(|os| named.contains(os) || os_implies_named(os, &named))
        .chain([""])
        .collect();
    let arches: Vec<&str> = GOARCH
        .iter()
        .copied()
        .filter(|a| named.contains(a))
        .chain([""])
        .collect();
    let work = oses
        .len()
        .saturating_mul(arches.len())
        .saturating_mul(1usize.checked_shl(free.len() as u32).unwrap_or(usize::MAX))
        .saturating_mul(size);
    if free.len() >= 32 || work > MAX_WORK {
        return true;
    }
    for &os in &oses {
        for &arch in &arches {
            for bits in 0u32..(1 << free.len()) {
                let set = |tag: &str| -> bool {
                    match tag {
                        "ignore" => false,
                        "unix" => UNIX.contains(&os),
                        "linux" => os == "linux" || os == "android",
                        "darwin" => os == "darwin" || os == "ios",
                        "solaris" => os == "solaris" || os == "illumos",
                        t if GOOS.contains(&t) => os == t,
                        t if GOARCH.contains(&t) => arch == t,
                        t => free
                            .iter()
                            .position(|f| *f == t)
                            .is_some_and(|k| bits & (1 << k) != 0),
                    }
                };
                if eval(c, &set) {
                    return true;
                }
            }
        }
    }
    false
}

/// Systems that set a named tag without being named themselves (`android` sets `linux` and
/// `unix`).
fn os_implies_named(os: &str, named: &[&str]) -> bool {
    (named.contains(&"unix") && UNIX.contains(&os))
        || (named.contains(&"linux") && os == "android")
        || (named.contains(&"darwin") && os == "ios")
        || (named.contains(&"solaris") && os == "illumos")
}

fn eval(c: &Constraint, set: &dyn Fn(&str) -> bool) -> bool {
    match c {
        Constraint::Tag(t) => set(t),
        Constraint::Not(x) => !eval(x, set),
        Constraint::And(a, b) => eval(a, set) && eval(b, set),
        Constraint::Or(a, b) => eval(a, set) || eval(b, set),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str, src: &str) -> Verdict {
        verdict(name, src)
    }

    #[test]
    fn ignore_and_contradictions_are_never_built() {
        assert!(matches!(
            v("gen.go", "//go:build ignore\n\npackage main\n"),
            Verdict::NeverBuilt(_)
        ));
        assert!(matches!(
            v("x.go", "//go:build linux && windows\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        assert!(matches!(
            v("x_windows.go", "//go:build linux\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        assert!(matches!(
            v("x.go", "// +build ignore\n\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        assert!(matches!(
            v("x.go", "//go:build tag && !tag\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        assert!(matches!(
            v("x.go", "//go:build windows && unix\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
    }

    #[test]
    fn satisfiable_constraints_are_kept() {
        for (name, src) in [
            ("x.go", "//go:build linux\npackage a\n"),
            ("x.go", "//go:build !windows\npackage a\n"),
            (
                "x.go",
                "//go:build enterprise && (linux || darwin)\npackage a\n",
            ),
            ("x.go", "//go:build android && linux\npackage a\n"),
            ("x.go", "//go:build !ignore\npackage a\n"),
            ("x_linux_amd64.go", "package a\n"),
            ("linux.go", "package a\n"),
            (
                "x.go",
                "// +build linux,amd64 darwin\n// +build cgo\n\npackage a\n",
            ),
            ("x.go", "package a\n//go:build ignore\n"),
        ] {
            assert_eq!(v(name, src), Verdict::Built, "{name}: {src}");
        }
    }

    #[test]
    fn go_build_wins_over_plus_build() {
        assert_eq!(
            v("x.go", "//go:build linux\n// +build ignore\npackage a\n"),
            Verdict::Built
        );
    }

    #[test]
    fn malformed_lines_are_reported_not_guessed() {
        for src in [
            "//go:build linux &\npackage a\n",
            "//go:build (linux\npackage a\n",
            "//go:build\npackage a\n",
            "//go:build linux)\npackage a\n",
            "//go:build a@b\npackage a\n",
        ] {
            assert!(
                matches!(v("x.go", src), Verdict::Unreadable { line: 1, .. }),
                "{src}"
            );
        }
        let deep = format!(
            "//go:build {}a{}\npackage a\n",
            "(".repeat(500),
            ")".repeat(500)
        );
        assert!(matches!(v("x.go", &deep), Verdict::Unreadable { .. }));
        let bangs = format!("//go:build {}a\npackage a\n", "!".repeat(500));
        assert!(matches!(v("x.go", &bangs), Verdict::Unreadable { .. }));
    }

    #[test]
    fn large_constraints_are_bounded() {
        let tags: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        let src = format!("//go:build {} && ignore\npackage a\n", tags.join(" && "));
        assert!(matches!(v("x.go", &src), Verdict::NeverBuilt(_)));
        // Too many combinations to try: kept, as a deployment might set the tags.
        let src = format!("//go:build {} && !t0\npackage a\n", tags.join(" && "));
        assert_eq!(v("x.go", &src), Verdict::Built);
        // A line longer than rootlint reads is reported.
        let many: Vec<String> = (0..5000).map(|i| format!("t{i}")).collect();
        let src = format!("//go:build {}\npackage a\n", many.join(" && "));
        assert!(matches!(v("x.go", &src), Verdict::Unreadable { .. }));
        let src = format!("// +build {}\n\npackage a\n", many.join(","));
        assert!(matches!(v("x.go", &src), Verdict::Unreadable { .. }));
    }

    #[test]
    fn the_header_is_read_as_go_build_reads_it() {
        // A `// +build` line must be followed by a blank line.
        assert_eq!(v("x.go", "// +build ignore\npackage a\n"), Verdict::Built);
        assert!(matches!(
            v("x.go", "// +build ignore\n\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        // No constraint inside a block comment, nor after the package clause.
        assert_eq!(
            v("x.go", "/*\n//go:build ignore\n*/\n\npackage a\n"),
            Verdict::Built
        );
        assert_eq!(
            v("x.go", "package a\n\n//go:build ignore\n"),
            Verdict::Built
        );
        // A byte order mark is skipped.
        assert!(matches!(
            v("x.go", "\u{feff}//go:build ignore\n\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        // After a block comment the header goes on, but a later blank line no longer ends the
        // +build part.
        assert!(matches!(
            v("x.go", "/* c */\n//go:build ignore\npackage a\n"),
            Verdict::NeverBuilt(_)
        ));
        assert_eq!(
            v("x.go", "/* c */\n// +build ignore\n\npackage a\n"),
            Verdict::Built
        );
        // Two `//go:build` lines: Go refuses the file.
        assert!(matches!(
            v("x.go", "//go:build a\n//go:build b\n\npackage a\n"),
            Verdict::Unreadable { .. }
        ));
    }
}
