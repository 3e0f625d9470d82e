//! What demand-driven parsing reads of a hand-written Go file's chunks, so that the file's text
//! need not stay in memory between passes.
//!
//! Every identifier of a chunk is kept as a 32-bit word in each form the selection asks about:
//! the name alone, followed by `(` (a call or conversion), by `{` (a composite literal), by `.`
//! (a selector on a package or value), and as `new(Name)`. Two names that hash alike make a chunk
//! look as if it mentioned both: the chunk is parsed when it need not be, which only widens the
//! selection (a superset of what can matter, as triage must be), never narrows it.
//!
//! An identifier here is a run of ASCII letters, digits, `_` and non-ASCII bytes that does not
//! start with a digit: in Go code a name always stands between such runs' boundaries, so every
//! use of a name in code is a word of its chunk.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;

use super::{Chunk, ChunkKind};

/// Byte strings that make a chunk worth parsing on their own.
pub(crate) const TRIGGERS: &[&str] = &[
    "Request(",
    "Publish(",
    // A method value (`r := svc.Request`) or a call with a comment before its parenthesis.
    ".Request",
    ".Publish",
    "ForHost(",
    ".URL()",
    "JoinHostAndPath",
    ":666",
    "rootlint:",
    "RequiredClaims",
    ".Add(",
    "application.New",
];

/// [`TRIGGERS`], compiled once for the run.
static TRIGGER_MATCHER: std::sync::LazyLock<AhoCorasick> =
    std::sync::LazyLock::new(|| AhoCorasick::new(TRIGGERS).expect("static patterns"));

/// How a name stands in the code: each form is a different word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// The name anywhere.
    Name,
    /// `Name(`: a call or a conversion.
    Call,
    /// `Name{`: a composite literal.
    Brace,
    /// `Name.`: a selector on a package or value.
    Selector,
    /// `new(Name)`.
    New,
}

impl Form {
    /// Distinct odd constants, so that the forms of one name are distinct words and a word's
    /// name can be had back (`word ^ salt`).
    fn salt(self) -> u32 {
        match self {
            Form::Name => 0,
            Form::Call => 0x9E37_79B9,
            Form::Brace => 0x85EB_CA6B,
            Form::Selector => 0xC2B2_AE35,
            Form::New => 0x27D4_EB2F,
        }
    }
}

/// The word of `name` in `form`: FNV-1a, then murmur3's finalizer to spread short names.
pub(crate) fn word(name: &str, form: Form) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for &b in name.as_bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x85EB_CA6B);
    h ^= h >> 13;
    h = h.wrapping_mul(0xC2B2_AE35);
    h ^= h >> 16;
    h ^ form.salt()
}

/// The name word of a word taken to be in `form` (see [`Form::salt`]).
pub(crate) fn name_of(word: u32, form: Form) -> u32 {
    word ^ form.salt()
}

/// Go's keywords, which no declaration can use as its name (predeclared names such as `len` or
/// `string` can be declared again, so they stay words).
const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The offset of the first byte at or after `i` that is neither a space, a tab nor part of a
/// block comment on one line.
fn after_blanks(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(b'/') if b.get(i + 1) == Some(&b'*') => {
                let Some(len) = b[i + 2..].windows(2).position(|w| w == b"*/") else {
                    return i;
                };
                // A comment that spans lines acts as a newline.
                if b[i + 2..i + 2 + len].contains(&b'\n') {
                    return i;
                }
                i += len + 4;
            }
            _ => return i,
        }
    }
}

/// The words of one chunk's bytes, sorted and each once.
fn words_of(text: &str, out: &mut Vec<u32>) {
    let start_len = out.len();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !is_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_word_byte(b[i]) {
            i += 1;
        }
        if b[start].is_ascii_digit() {
            continue;
        }
        // Runs of whole bytes: the boundaries are ASCII, so the slice is UTF-8.
        let name = &text[start..i];
        if GO_KEYWORDS.contains(&name) {
            // Never a name of anything: about a fifth of a function's words.
            continue;
        }
        let h = word(name, Form::Name);
        out.push(h);
        // Go allows blanks and block comments between a name and what follows (`f (x)`,
        // `x . y`, `T /* c */ {`), never a line break (a semicolon would be inserted).
        let form = match b.get(after_blanks(b, i)) {
            Some(b'(') => Some(Form::Call),
            Some(b'{') => Some(Form::Brace),
            Some(b'.') => Some(Form::Selector),
            _ => None,
        };
        if let Some(form) = form {
            out.push(h ^ form.salt());
        }
        let newed = b.get(i) == Some(&b')')
            && start >= 4
            && &b[start - 4..start] == b"new("
            && !(start >= 5 && is_word_byte(b[start - 5]));
        if newed {
            out.push(h ^ Form::New.salt());
        }
    }
    out[start_len..].sort_unstable();
    let mut kept = start_len;
    for k in start_len..out.len() {
        if k == start_len || out[k] != out[kept - 1] {
            out[kept] = out[k];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// The literal URLs of a chunk's raw requests.
type LiteralUrls = Box<[Box<str>]>;

/// A hand-written Go file's chunks as words, with what the first selection reads of their bytes.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// Every chunk's words, chunk after chunk (top-level comments and the import block have none).
    words: Box<[u32]>,
    /// Where each chunk's words end in `words`.
    ends: Box<[u32]>,
    /// Chunks holding a trigger string.
    triggered: Box<[bool]>,
    /// The name words of the types each `type` chunk declares, as (chunk, word).
    pub(crate) type_names: Box<[(u32, u32)]>,
    /// For function chunks whose every trigger is a raw request with a literal method and URL
    /// (see [`literal_request_urls`]): those URLs.
    literal_requests: Box<[(u32, LiteralUrls)]>,
}

impl Outline {
    /// The outline of `text` split into `chunks`; `pub_alias` is the name the file imports the
    /// framework's `pub` package under.
    pub(crate) fn new(text: &str, chunks: &[Chunk], pub_alias: Option<&str>) -> Outline {
        let triggers = &*TRIGGER_MATCHER;
        let mut words = Vec::new();
        let mut ends = Vec::with_capacity(chunks.len());
        let mut triggered = Vec::with_capacity(chunks.len());
        let mut type_names = Vec::new();
        let mut literal_requests = Vec::new();
        for (ci, c) in chunks.iter().enumerate() {
            let bytes = &text[c.range()];
            let is_triggered = triggers.is_match(bytes);
            if c.kind != ChunkKind::Keep {
                words_of(bytes, &mut words);
            }
            // Chunk indices fit: a file's chunks are its lines, and files are capped below 4 GiB.
            let index = ci as u32;
            if c.kind == ChunkKind::Type {
                type_names.extend(
                    super::type_names(bytes)
                        .into_iter()
                        .map(|n| (index, word(n, Form::Name))),
                );
            }
            if c.kind == ChunkKind::Func
                && is_triggered
                && let Some(urls) = literal_request_urls(triggers, bytes, pub_alias)
            {
                literal_requests.push((index, urls.into_iter().map(Box::from).collect()));
            }
            // Fits: a token gives at most three words, and files are capped at 32 MiB.
            ends.push(u32::try_from(words.len()).unwrap_or(u32::MAX));
            triggered.push(is_triggered);
        }
        Outline {
            words: words.into_boxed_slice(),
            ends: ends.into_boxed_slice(),
            triggered: triggered.into_boxed_slice(),
            type_names: type_names.into_boxed_slice(),
            literal_requests: literal_requests.into_boxed_slice(),
        }
    }

    /// The words of chunk `ci`, sorted.
    pub(crate) fn words(&self, ci: usize) -> &[u32] {
        let start = ci
            .checked_sub(1)
            .map_or(0, |p| self.ends.get(p).copied().unwrap_or(0) as usize);
        let end = self.ends.get(ci).map_or(start, |&e| e as usize);
        self.words.get(start..end).unwrap_or(&[])
    }

    /// Whether chunk `ci` has any of `words`.
    pub(crate) fn mentions_any(&self, ci: usize, words: &HashSet<u32>) -> bool {
        !words.is_empty() && self.words(ci).iter().any(|w| words.contains(w))
    }

    /// Whether chunk `ci` holds a trigger string.
    pub(crate) fn triggered(&self, ci: usize) -> bool {
        self.triggered.get(ci).copied().unwrap_or(true)
    }

    /// The literal URLs of chunk `ci`'s raw requests, when they are all its triggers.
    pub(crate) fn literal_requests(&self, ci: usize) -> Option<&[Box<str>]> {
        let index = u32::try_from(ci).ok()?;
        self.literal_requests
            .binary_search_by_key(&index, |(c, _)| *c)
            .ok()
            .map(|k| &*self.literal_requests[k].1)
    }
}

/// When every trigger of `chunk` is a raw request whose method and URL are string literals right
/// in the call (`svc.Request(ctx, pub.POST("https://a.b:444/x"), …)`): the URLs. Whether such a
/// request can matter depends on the catalog (a :666 endpoint declared at the URL), which
/// demand-driven parsing decides once it has one.
pub(crate) fn literal_request_urls<'t>(
    triggers: &AhoCorasick,
    chunk: &'t str,
    pub_alias: Option<&str>,
) -> Option<Vec<&'t str>> {
    let alias = pub_alias?;
    let mut urls = Vec::new();
    for m in triggers.find_iter(chunk) {
        let pattern = TRIGGERS[m.pattern().as_usize()];
        // The argument list of the call: `.Request` directly followed by its parenthesis is
        // the call; followed by anything else it is a method value or a call written oddly.
        let open = match pattern {
            "Request(" | "Publish(" => m.end() - 1,
            ".Request" | ".Publish" if chunk[m.end()..].starts_with('(') => m.end(),
            _ => return None,
        };
        let args = call_arguments(&chunk[open..])?;
        if args.contains("...") || args.contains('`') || args.contains('\\') {
            return None;
        }
        let mut url = None;
        let mut rest = args;
        let prefix = format!("{alias}.");
        while let Some(at) = rest.find(&prefix) {
            let call = &rest[at + prefix.len()..];
            let name_len = call.bytes().take_while(|c| c.is_ascii_alphabetic()).count();
            let name = &call[..name_len];
            let inner = call_arguments(&call[name_len..])?;
            let literal = inner
                .trim()
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .filter(|s| !s.contains('"'));
            let sets_url = matches!(
                name,
                "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "URL"
            );
            match (sets_url, literal) {
                (true, Some(u)) if url.is_none() => url = Some(u),
                (true, _) => return None,
                (false, None) if name == "Method" => return None,
                _ => {}
            }
            rest = &call[name_len..];
        }
        urls.push(url?);
    }
    Some(urls)
}

/// The text between the parenthesis `s` starts with and its match, skipping strings.
fn call_arguments(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let (mut depth, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[1..i]);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(src: &str) -> (Vec<Chunk>, Outline) {
        let chunks = super::super::chunks(src);
        let o = Outline::new(src, &chunks, Some("pub"));
        (chunks, o)
    }

    #[test]
    fn words_hold_each_form_of_each_name() {
        let (_, o) = outline(
            "package a\n\nfunc F() {\n\tx := T{}\n\tp := new(U)\n\tg(x.y, p)\n\tvar 9z int\n}\n",
        );
        let w = o.words(1);
        for (name, form) in [
            ("F", Form::Call),
            ("T", Form::Brace),
            ("U", Form::New),
            ("g", Form::Call),
            ("x", Form::Selector),
            ("y", Form::Name),
            ("new", Form::Call),
        ] {
            assert!(w.contains(&word(name, form)), "{name} as {form:?}");
            assert!(w.contains(&word(name, Form::Name)), "{name}");
        }
        assert!(!w.contains(&word("z", Form::Name)), "`9z` is no identifier");
        assert!(
            !w.contains(&word("var", Form::Name)),
            "keywords are no names"
        );
        assert!(!w.contains(&word("T", Form::Call)));
        assert!(w.windows(2).all(|p| p[0] < p[1]), "sorted, each once");
        assert!(o.words(0).is_empty(), "the package clause has no words");
        assert_eq!(
            name_of(word("F", Form::Call), Form::Call),
            word("F", Form::Name)
        );
    }

    #[test]
    fn names_glued_to_other_names_are_not_mentioned() {
        let (_, o) = outline("package a\n\nfunc F() { xT(); T2(); é_T() }\n");
        let w = o.words(1);
        assert!(!w.contains(&word("T", Form::Name)));
        assert!(w.contains(&word("é_T", Form::Call)));
    }

    #[test]
    fn type_chunks_name_their_types() {
        let (_, o) = outline("package a\n\ntype (\n\tA struct{}\n\tB = int\n)\n");
        assert_eq!(
            &*o.type_names,
            &[(1, word("A", Form::Name)), (1, word("B", Form::Name))]
        );
    }

    #[test]
    fn literal_requests_are_kept_with_their_urls() {
        let (chunks, o) = outline(
            "package a\n\nfunc F() {\n\tsvc.Request(ctx, pub.POST(\"https://a.b:444/x\"), pub.Body(v))\n}\n\nfunc G() {\n\tsvc.Request(ctx, pub.URL(u))\n}\n\nfunc H() {}\n",
        );
        assert_eq!(chunks.len(), 4);
        assert_eq!(
            o.literal_requests(1).map(|u| u.to_vec()),
            Some(vec![Box::from("https://a.b:444/x")])
        );
        assert!(o.triggered(2) && o.literal_requests(2).is_none());
        assert!(!o.triggered(3));
    }

    #[test]
    fn requests_that_are_not_plain_literals_have_no_urls() {
        let triggers = AhoCorasick::new(TRIGGERS).unwrap();
        fn urls(chunk: &str) -> Option<Vec<&str>> {
            let triggers = AhoCorasick::new(TRIGGERS).unwrap();
            literal_request_urls(&triggers, chunk, Some("pub"))
        }
        assert_eq!(
            urls(
                "func f() {\n\t_, err := svc.Request(ctx, pub.POST(\"https://a.b:444/store\"), pub.Body(v))\n}\n"
            ),
            Some(vec!["https://a.b:444/store"])
        );
        for chunk in [
            "func f() { svc.Request(ctx, pub.URL(u)) }",
            "func f() { svc.Request(ctx, opts...) }",
            "func f() { svc.Request(ctx, pub.Method(m), pub.URL(\"https://a.b/x\")) }",
            "func f() { svc.Request(ctx, pub.GET(\"https://\" + h + \"/x\")) }",
            "func f() { svc.Request(ctx, pub.POST(\"https://a.b/x\")); c.ForHost(h) }",
            "func f() { r := svc.Request; r(ctx, pub.POST(\"https://a.b/x\")) }",
            "func f() { svc.Request /* x */ (ctx, pub.POST(\"https://a.b:666/x\")) }",
            "func f() { svc.Request(ctx, pub.GET(\"https://a.b/x\"), pub.POST(\"https://a.b/y\")) }",
        ] {
            assert_eq!(urls(chunk), None, "{chunk}");
        }
        assert_eq!(
            literal_request_urls(
                &triggers,
                "func f() { svc.Request(ctx, pub.GET(\"https://a.b/x\")) }",
                None
            ),
            None
        );
        assert_eq!(call_arguments("(a, f(\")\"), b)x"), Some("a, f(\")\"), b"));
    }

    proptest::proptest! {
        /// Any text: no panic, and every identifier of a chunk's bytes (a run of word bytes
        /// that starts with no digit and is no keyword), found here by a plain scan, is a word
        /// of that chunk: demand-driven parsing never misses a mention.
        #[test]
        fn any_text_outlines(src in r"(package a\n)?(\PC|\n|func F\(\) \{|\}|type T struct\{\}\n){0,60}") {
            let chunks = super::super::chunks(&src);
            let o = Outline::new(&src, &chunks, Some("pub"));
            // Demand-driven parsing reads the words of function chunks.
            for (ci, c) in chunks.iter().enumerate().filter(|(_, c)| c.kind == ChunkKind::Func) {
                let text = &src.as_bytes()[c.range()];
                for run in text.split(|b| !is_word_byte(*b)).filter(|r| !r.is_empty()) {
                    let Ok(name) = std::str::from_utf8(run) else { continue };
                    if run[0].is_ascii_digit() || GO_KEYWORDS.contains(&name) {
                        continue;
                    }
                    let wanted: HashSet<u32> = [word(name, Form::Name)].into();
                    proptest::prop_assert!(o.mentions_any(ci, &wanted), "{} in chunk {}", name, ci);
                }
            }
        }

        /// Soundness: every name a function's code uses is a word of its chunk, in the form
        /// it stands in, whatever the spacing and punctuation around it.
        #[test]
        fn every_name_in_code_is_a_word(
            parts in proptest::collection::vec(
                ("[a-zA-Z_][a-zA-Z0-9_]{0,6}", proptest::sample::select(vec![
                    " ", "(", "{", ".", ")", ", ", "\n\t", "[", "+", " (", "\t.", "  {", " /* c */ (",
                ])),
                1..30,
            )
        ) {
            let mut body = String::new();
            for (name, sep) in &parts {
                body.push_str(name);
                body.push_str(sep);
            }
            let src = format!("package a\n\nfunc F() {{\n\t{body}\n}}\n");
            let chunks = super::super::chunks(&src);
            let o = Outline::new(&src, &chunks, None);
            let w = o.words(1);
            for (name, sep) in &parts {
                if GO_KEYWORDS.contains(&name.as_str()) {
                    continue;
                }
                proptest::prop_assert!(w.contains(&word(name, Form::Name)), "{} in {}", name, src);
                let form = match sep.trim_start_matches([' ', '\t']).trim_start_matches("/* c */ ") {
                    "(" => Some(Form::Call),
                    "{" => Some(Form::Brace),
                    "." => Some(Form::Selector),
                    _ => None,
                };
                if let Some(form) = form {
                    proptest::prop_assert!(w.contains(&word(name, form)), "{} {:?} in {}", name, form, src);
                }
            }
        }
    }
}
