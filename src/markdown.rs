//! Markdown bodies → safe HTML: CommonMark with tables, footnotes and
//! strikethrough, anchors on headings, fenced code highlighted by syntect with CSS
//! classes, and everything passed through an HTML sanitiser (raw HTML in records
//! comes from editors' pastes and must never carry a script onto the site).

use crate::sanitise_known::{MAX_ATTRIBUTE_BYTES, URL_SCHEMES};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Renders a Markdown body with the default allow-list (no iframes). Headings move
/// one level down (the page title is the only `<h1>`), and get ids made from their
/// text for links to a part of a page.
pub fn render(markdown: &str) -> String {
    render_with(markdown, &[])
}

/// Renders a Markdown body for a site: as [`render`], but `<iframe>`s whose `src`
/// is an `https` address on one of `iframe_hosts` (`[security] iframe_hosts` in
/// `site.toml`; a host also allows its subdomains) are kept, sandboxed.
pub fn render_for(config: &crate::config::SiteConfig, markdown: &str) -> String {
    render_with(markdown, &config.security.iframe_hosts)
}

/// Renders a Markdown body, allowing iframes from `iframe_hosts` only.
pub fn render_with(markdown: &str, iframe_hosts: &[String]) -> String {
    render_with_text(markdown, iframe_hosts, 0).0
}

/// [`render_for`], and the first `text_chars` characters of the body's text as
/// [`plain_text_prefix`] gives them, read in the same pass over the parser.
pub fn render_for_with_text(
    config: &crate::config::SiteConfig,
    markdown: &str,
    text_chars: usize,
) -> (String, String) {
    render_with_text(markdown, &config.security.iframe_hosts, text_chars)
}

/// The Markdown extensions of every body (also read by [`crate::body_guard`]).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// Renders and typesets a body ([`crate::typo::events`]): on the parser's events,
/// or, for the rare body that writes its own no-break spaces, by reading the
/// sanitised HTML again, so they stay as written.
fn render_with_text(
    markdown: &str,
    iframe_hosts: &[String],
    text_chars: usize,
) -> (String, String) {
    let (html, text, nbsp) = render_events(markdown, iframe_hosts, text_chars, true);
    match crate::typo::events::finish(html, nbsp) {
        Some(html) => (html, text),
        None => {
            let (html, text, _) = render_events(markdown, iframe_hosts, text_chars, false);
            (crate::typo::html(&html), text)
        }
    }
}

/// The sanitised HTML of a body, typeset on its events when `typeset` (with the
/// number of no-break spaces that wrote), and its text prefix.
fn render_events(
    markdown: &str,
    iframe_hosts: &[String],
    text_chars: usize,
    typeset: bool,
) -> (String, String, usize) {
    let written = write_html(markdown, text_chars, typeset);
    let html = sanitise(&written.html, written.editor_html, iframe_hosts);
    (html, written.text, written.nbsp)
}

/// A body as pulldown-cmark's writer gives it, before the sanitiser.
pub struct Written {
    pub html: String,
    /// The editor wrote raw HTML (the writer's own tags are all there is otherwise).
    pub editor_html: bool,
    /// The first characters of the body's text ([`render_for_with_text`]).
    pub text: String,
    /// No-break spaces typesetting wrote.
    pub nbsp: usize,
}

/// The HTML the writer makes of a body, typeset on its events when `typeset`, as
/// [`sanitise`] takes it.
pub fn write_html(markdown: &str, text_chars: usize, typeset: bool) -> Written {
    let mut text = Collapsed::new(text_chars);
    let mut text_done = text_chars == 0;
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids = HeadingIds::default();
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut raw_html = NestingGuard::default();
    // Raw HTML the editor wrote: the body goes through the sanitiser.
    let mut editor_html = false;
    let mut highlight_budget = MAX_HIGHLIGHTED_BYTES;
    // For each open container (quote, list, item, footnote): is its tag written?
    let mut containers: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        if !text_done {
            text_done = text_piece(&event).is_some_and(|piece| text.push_str(piece));
        }
        // Containers nested deeper than the limit lose their tags, not their text.
        match &event {
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_),
            ) => {
                let keep = containers.len() < MAX_CONTAINER_DEPTH;
                containers.push(keep);
                if !keep {
                    continue;
                }
            }
            Event::End(
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition,
            ) if !containers.pop().unwrap_or(true) => continue,
            _ => {}
        }
        let event = match event {
            Event::Html(h) if !raw_html.admit(&h) => Event::Text(h),
            Event::InlineHtml(h) if !raw_html.admit(&h) => Event::Text(h),
            other => other,
        };
        editor_html |= matches!(event, Event::Html(_) | Event::InlineHtml(_));
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner)) = heading.take() {
                    emit_heading(&mut events, level, inner, &mut used_ids);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    // Highlighting runs at tens of KB a second: past the budget,
                    // code is shown plain (escaped), so a pasted log cannot stall
                    // the build.
                    let lang = if text.len() <= highlight_budget {
                        highlight_budget -= text.len();
                        lang
                    } else {
                        String::new()
                    };
                    events.push(Event::Html(highlight(&lang, &text).into()));
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            other => match heading.as_mut() {
                Some((_, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    crate::raw_text::show_unclosed_raw_text(&mut events);
    let (events, nbsp) = if typeset {
        crate::typo::events::typeset(events)
    } else {
        (events, 0)
    };
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Written {
        html: out,
        editor_html,
        text: text.out,
        nbsp,
    }
}

/// The writer's HTML of a body, sanitised. Without the editor's raw HTML it is
/// only the writer's own tags, which [`crate::sanitise_known`] writes as the
/// sanitiser would without parsing them; anything it does not know is parsed
/// and sanitised ([`sanitise_parsing`]).
pub fn sanitise(html: &str, editor_html: bool, iframe_hosts: &[String]) -> String {
    let known = if editor_html {
        None
    } else {
        crate::sanitise_known::sanitise(html)
    };
    known.unwrap_or_else(|| sanitise_parsing(html, iframe_hosts))
}

/// HTML sanitised by ammonia with the site's allow-list (iframes from
/// `iframe_hosts`).
pub fn sanitise_parsing(html: &str, iframe_hosts: &[String]) -> String {
    let html = crate::text_runs::split(html);
    if iframe_hosts.is_empty() {
        serialize(sanitizer().clean(&html))
    } else {
        let clean = serialize(iframe_sanitizer(iframe_hosts).clean(&html));
        drop_iframes_without_src(&with_fixed_frame_attributes(&clean))
    }
}

/// The sanitised HTML as a string (`Document::to_string` validates its UTF-8 with
/// std's slower validator).
fn serialize(document: ammonia::Document) -> String {
    let mut bytes = Vec::new();
    document
        .write_to(&mut bytes)
        .expect("writing to memory cannot fail");
    crate::utf8::string_from(bytes).expect("the serialiser writes UTF-8")
}

fn emit_heading<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    inner: Vec<Event<'a>>,
    used: &mut HeadingIds,
) {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let id = used.unique(crate::translit::slugify(&text));
    let level = (level as usize + 1).min(6);
    events.push(Event::Html(format!("<h{level} id=\"{id}\">").into()));
    events.extend(inner);
    events.push(Event::Html(format!("</h{level}>\n").into()));
}

/// Code highlighted per body, in bytes; the rest of the code is shown plain.
const MAX_HIGHLIGHTED_BYTES: usize = 64 * 1024;

/// Quotes and lists nested deeper than this keep their text but lose their tags:
/// like raw HTML below, `> > > …` 30 000 deep would stall the HTML parser.
const MAX_CONTAINER_DEPTH: usize = 50;

/// Raw HTML deeper than this is shown as text. The HTML parser behind the
/// sanitiser spends time proportional to the depth on every tag, so a body of
/// 100 000 unclosed `<div>` would take minutes; no real page nests 200 deep.
const MAX_RAW_HTML_DEPTH: usize = 200;

/// Follows the nesting of raw HTML tags in a body the way the HTML parser will see
/// it, closely enough to bound it: a start tag (even written `<div/>`) opens, an end
/// tag closes the innermost open element of its name and is ignored if there is
/// none, void elements never open. Miscounting only ever errs on the deep side.
#[derive(Default)]
struct NestingGuard {
    open: Vec<String>,
    exceeded: bool,
}

impl NestingGuard {
    /// Counts the tags of one raw HTML fragment; false once the body is too deep,
    /// then the fragment (and every later one) is to be shown as text.
    fn admit(&mut self, html: &str) -> bool {
        if self.exceeded {
            return false;
        }
        const VOID: [&str; 14] = [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr",
        ];
        let bytes = html.as_bytes();
        let mut i = 0;
        while let Some(offset) = html[i..].find('<') {
            let at = i + offset + 1;
            let closing = bytes.get(at) == Some(&b'/');
            let start = if closing { at + 1 } else { at };
            let len = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            i = start + len;
            if len == 0 || !bytes[start].is_ascii_alphabetic() {
                continue;
            }
            let name = html[start..start + len].to_ascii_lowercase();
            if closing {
                if let Some(pos) = self.open.iter().rposition(|n| *n == name) {
                    self.open.truncate(pos);
                }
            } else if !VOID.contains(&name.as_str()) {
                self.open.push(name);
                if self.open.len() > MAX_RAW_HTML_DEPTH {
                    self.exceeded = true;
                    return false;
                }
            }
        }
        true
    }
}

/// Heading ids given so far in one body: `itogi`, `itogi-2`, `itogi-3`… The next
/// number per base is remembered, so a body of 100 000 equal headings stays linear.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl HeadingIds {
    fn unique(&mut self, base: String) -> String {
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The readable text of a Markdown body as the parser reads it, whitespace as
/// written: for the search index, which splits words itself. Read straight from
/// the parser, so it needs no highlighting and no sanitiser (raw HTML is left
/// out, never interpreted).
pub fn readable_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    text_pieces(markdown, |piece| {
        out.push_str(piece);
        false
    });
    out
}

/// The first `max_chars` characters of the readable text with whitespace
/// collapsed (the whole of it when it is shorter): descriptions and feed
/// summaries read no further than they show.
pub fn plain_text_prefix(markdown: &str, max_chars: usize) -> String {
    let mut text = Collapsed::new(max_chars);
    text_pieces(markdown, |piece| text.push_str(piece));
    text.out
}

/// The first `max_chars` characters of `text` with every run of whitespace
/// written as one space, none at either end.
pub fn collapse(text: &str, max_chars: usize) -> String {
    let mut collapsed = Collapsed::new(max_chars);
    collapsed.push_str(text);
    collapsed.out
}

/// Calls `f` with each piece of a body's readable text in order, until `f`
/// returns true. Blocks and table cells are separate words (a space between
/// them); inline markup is not.
fn text_pieces(markdown: &str, mut f: impl FnMut(&str) -> bool) {
    for event in Parser::new_ext(markdown, OPTIONS) {
        if text_piece(&event).is_some_and(&mut f) {
            break;
        }
    }
}

/// An event's piece of the readable text, if it has one.
fn text_piece<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        Event::SoftBreak
        | Event::HardBreak
        | Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::FootnoteDefinition,
        ) => Some(" "),
        _ => None,
    }
}

/// Text with every run of whitespace written as one space, none at either end.
struct Collapsed {
    out: String,
    chars: usize,
    max_chars: usize,
    /// Whitespace was seen after the last character written.
    space: bool,
}

impl Collapsed {
    fn new(max_chars: usize) -> Collapsed {
        Collapsed {
            out: String::new(),
            chars: 0,
            max_chars,
            space: false,
        }
    }

    /// Appends `s`; returns whether `max_chars` characters are written.
    fn push_str(&mut self, s: &str) -> bool {
        for (i, word) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = !self.out.is_empty();
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.write(' ') {
                return true;
            }
            self.space = false;
            if self.max_chars == usize::MAX {
                self.out.push_str(word);
                continue;
            }
            // Whole words at once: most fit, and only the last is cut.
            let room = self.max_chars - self.chars;
            let fits = crate::shorten::prefix(word, room);
            self.out.push_str(fits);
            if fits.len() < word.len() {
                self.chars = self.max_chars;
                return true;
            }
            self.chars += fits.chars().count();
        }
        self.chars == self.max_chars
    }

    /// Writes `c` unless `max_chars` are written; returns whether it was written.
    fn write(&mut self, c: char) -> bool {
        if self.chars == self.max_chars {
            return false;
        }
        self.out.push(c);
        self.chars += 1;
        true
    }
}

/// Syntax definitions load once per process, and only when a page has code.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn highlight(lang: &str, code: &str) -> String {
    let escaped_lang = crate::escape::markup(lang);
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let Some(syntax) = syntax else {
        return format!(
            "<pre class=\"code\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
            crate::escape::markup(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>\n",
                crate::escape::markup(code)
            );
        }
    }
    format!(
        "<pre class=\"code\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
        generator.finalize()
    )
}

/// The sanitiser's allow-list: ammonia's defaults (text formatting, lists, tables,
/// links, images; no scripts, no event handlers, no `javascript:` URLs, no iframes)
/// plus `id` and `class`, which headings, footnotes and highlighted code need.
/// See docs/security.md for the full list.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = base_sanitizer();
        b.attribute_filter(|_, _, value| bounded(value).then_some(Cow::Borrowed(value)));
        b
    })
}

fn bounded(value: &str) -> bool {
    value.len() <= MAX_ATTRIBUTE_BYTES
}

fn base_sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    // Links on a municipal site go to web pages, mail and phones; ammonia's
    // defaults also let through magnet:, bitcoin:, ssh: and the like.
    b.url_schemes(HashSet::from(URL_SCHEMES));
    b.add_generic_attributes(["id", "class"]);
    b.add_tag_attributes("ol", ["start"]);
    b.add_tag_attributes("td", ["colspan", "rowspan"]);
    b.add_tag_attributes("th", ["colspan", "rowspan", "scope"]);
    b
}

/// The allow-list plus sandboxed `<iframe>`s from the listed hosts. Built once per
/// host list (a site has one) and shared by the render threads.
/// Whatever the editor wrote, a frame is sandboxed: it may run its own player,
/// never navigate the page or open forms on our origin. Written here, in this
/// order, rather than by ammonia's `set_tag_attribute_value`, whose hash map put
/// the three attributes in a different order on every run (builds were not
/// reproducible). The editor's own values of these attributes are not in the
/// allow-list, so ammonia has removed them; in its output `<iframe ` can only
/// start a tag (a `<` in text is `&lt;`).
fn with_fixed_frame_attributes(html: &str) -> String {
    html.replace(
        "<iframe ",
        "<iframe sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\" loading=\"lazy\" referrerpolicy=\"no-referrer\" ",
    )
}

fn iframe_sanitizer(hosts: &[String]) -> Arc<ammonia::Builder<'static>> {
    type Cache = Mutex<Option<(Vec<String>, Arc<ammonia::Builder<'static>>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(|| Mutex::new(None))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some((cached_hosts, builder)) = cache.as_ref()
        && cached_hosts == hosts
    {
        return builder.clone();
    }
    let allowed: Vec<String> = hosts
        .iter()
        .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect();
    let mut b = base_sanitizer();
    b.add_tags(["iframe"]);
    b.add_tag_attributes(
        "iframe",
        ["src", "width", "height", "title", "allowfullscreen"],
    );
    b.attribute_filter(move |element, attribute, value| {
        if !bounded(value) {
            return None;
        }
        if element != "iframe" {
            return Some(Cow::Borrowed(value));
        }
        match attribute {
            "src" => allowed_frame_src(value, &allowed).map(Cow::Owned),
            "width" | "height" => (!value.is_empty()
                && value.len() <= 5
                && value.chars().all(|c| c.is_ascii_digit() || c == '%'))
            .then_some(Cow::Borrowed(value)),
            "allowfullscreen" => Some(Cow::Borrowed("")),
            // Quotes and angle brackets never reach the output, so the iframe's
            // opening tag ends at its first `>` (see drop_iframes_without_src).
            _ => Some(Cow::Owned(value.replace(['"', '<', '>', '&'], " "))),
        }
    });
    let builder = Arc::new(b);
    *cache = Some((hosts.to_vec(), builder.clone()));
    builder
}

/// Whether an `<iframe src>` is kept with `[security] iframe_hosts` = `hosts`.
pub fn frame_allowed(src: &str, hosts: &[String]) -> bool {
    let allowed: Vec<String> = hosts
        .iter()
        .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect();
    !allowed.is_empty() && allowed_frame_src(src, &allowed).is_some()
}

/// The normalised `src` of a frame when it is `https` on an allowed host (or its
/// subdomain), else None.
fn allowed_frame_src(src: &str, allowed: &[String]) -> Option<String> {
    let url = ammonia::Url::parse(src.trim()).ok()?;
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let listed = allowed
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")));
    (url.scheme() == "https" && listed && url.username().is_empty() && url.password().is_none())
        .then(|| url.to_string())
}

/// An iframe whose `src` the filter refused stays as an empty `<iframe>`; remove it,
/// and the text inside every iframe (it is never shown).
fn drop_iframes_without_src(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<iframe") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let open_end = tail.find('>').map_or(tail.len(), |i| i + 1);
        let close = tail[open_end..]
            .find("</iframe>")
            .map_or(tail.len(), |i| open_end + i + "</iframe>".len());
        let open = &tail[..open_end];
        if open.contains(" src=\"") {
            out.push_str(open);
            out.push_str("</iframe>");
        }
        rest = &tail[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_prefix_is_the_start_of_plain_text() {
        let md = "# Заголовок\n\n  Текст   с *разметкой*\u{a0}и `кодом`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- пункт\n";
        let full = plain_text_prefix(md, usize::MAX);
        assert_eq!(full, collapse(&readable_text(md), usize::MAX));
        assert!(!full.contains("  ") && full == full.trim(), "{full:?}");
        for n in 0..full.chars().count() + 3 {
            let prefix = plain_text_prefix(md, n);
            assert!(full.starts_with(&prefix), "{n}: {prefix:?} of {full:?}");
            assert_eq!(prefix.chars().count(), n.min(full.chars().count()), "{n}");
            assert_eq!(prefix, collapse(&readable_text(md), n));
        }
    }

    #[test]
    fn rendering_reads_the_same_text_start_as_plain_text_prefix() {
        let md = "# Цель\n\n> цитата\n>\n> - пункт **жирный**\n\n```python\nprint(1)\n```\n\n<div>сырой</div>\n\nТекст[^1].\n\n[^1]: Сноска.\n";
        for n in [0, 1, 5, 12, 40, usize::MAX] {
            let (html, text) = render_with_text(md, &[], n);
            assert_eq!(html, render(md));
            assert_eq!(text, plain_text_prefix(md, n), "{n}");
        }
    }

    proptest::proptest! {
        /// Text pushed in pieces, cut at `max` characters, is the start of its
        /// words joined by single spaces.
        #[test]
        fn collapsed_text_is_the_start_of_the_words_joined(
            pieces in proptest::collection::vec("[а-я a-z\\n\\t\\u{A0}𝔸]{0,8}", 0..6),
            max in 0usize..40,
        ) {
            let mut collapsed = Collapsed::new(max);
            for piece in &pieces {
                if collapsed.push_str(piece) {
                    break;
                }
            }
            let whole = pieces.concat();
            let joined = whole.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected: String = joined.chars().take(max).collect();
            proptest::prop_assert_eq!(collapsed.out, expected);
        }
    }

    #[test]
    fn plain_text_keeps_words_and_drops_markup() {
        let text = plain_text_prefix(
            "# Цели\n\nТекст **жир**ный и `код`.\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            usize::MAX,
        );
        assert_eq!(text, "Цели Текст жирный и код. a b 1 2");
    }

    #[test]
    fn renders_tables_footnotes_and_anchors() {
        let html = render(
            "# Цели\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст[^1].\n\n[^1]: Сноска.\n\n~~нет~~\n",
        );
        assert!(html.contains("<h2 id=\"celi\">Цели</h2>"), "{html}");
        assert!(html.contains("<table>"));
        assert!(html.contains("Сноска"));
        assert!(html.contains("<del>нет</del>"));
    }

    #[test]
    fn highlights_code_with_classes_only() {
        let html = render("```rust\nfn main() { let x = 1; }\n```\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn huge_code_is_shown_plain() {
        let big = format!("```yaml\n{}```\n", "- a: [b, {c: d}]\n".repeat(10_000));
        let html = render(&big);
        assert!(!html.contains("class=\"hl-"), "highlighted past the budget");
        assert!(html.contains("- a: [b, {c: d}]"));
        // Small blocks in the same body are still highlighted, up to the budget.
        let html = render(&format!("```rust\nfn main() {{}}\n```\n\n{big}"));
        assert!(html.contains("class=\"hl-"), "{}", &html[..200]);
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn keeps_iframes_from_listed_hosts_only() {
        let hosts = vec!["rutube.ru".to_string()];
        let html = render_with(
            "<iframe src=\"https://rutube.ru/play/embed/1\" width=\"720\" onload=\"alert(1)\">x</iframe>\n\n\
             <iframe src=\"https://evil.example/rutube.ru\"></iframe>\n\n\
             <iframe src=\"http://rutube.ru/insecure\"></iframe>\n\n\
             <iframe src=\"https://rutube.ru.evil.example/\"></iframe>\n\n\
             <iframe src=\"javascript:alert(1)\"></iframe>\n",
            &hosts,
        );
        assert_eq!(html.matches("<iframe").count(), 1, "{html}");
        assert!(
            html.contains("src=\"https://rutube.ru/play/embed/1\""),
            "{html}"
        );
        assert!(html.contains("sandbox="), "{html}");
        assert!(!html.contains("onload"), "{html}");
        assert!(!html.contains("evil"), "{html}");
        assert!(!render("<iframe src=\"https://rutube.ru/x\"></iframe>").contains("<iframe"));
    }

    #[test]
    fn a_frame_is_always_sandboxed_the_same_way_whatever_the_editor_wrote() {
        let hosts = vec!["rutube.ru".to_string()];
        let markdown = "<iframe src=\"https://rutube.ru/play/embed/1\" sandbox=\"allow-top-navigation\" loading=\"eager\"></iframe>\n";
        let first = render_with(markdown, &hosts);
        assert!(
            first.contains("<iframe sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\" loading=\"lazy\" referrerpolicy=\"no-referrer\" src=\"https://rutube.ru/play/embed/1\">"),
            "{first}"
        );
        assert_eq!(first.matches("sandbox=").count(), 1, "{first}");
        assert!(!first.contains("allow-top-navigation"), "{first}");
        // The same text renders the same bytes every time (reproducible builds).
        for _ in 0..20 {
            assert_eq!(render_with(markdown, &hosts), first);
        }
    }

    #[test]
    fn many_equal_headings_get_numbered_ids_in_linear_time() {
        // Quadratic numbering took minutes on 100 000 headings; this is instant.
        let html = render(&"## a\n\n".repeat(30_000));
        assert!(html.contains("id=\"a-30000\""));
        // An id written as a heading text is not given twice.
        let html = render("## a-2\n\n## a\n\n## a\n");
        assert!(
            html.contains("id=\"a-2\"") && html.contains("id=\"a\"") && html.contains("id=\"a-3\""),
            "{html}"
        );
    }

    #[test]
    fn deeply_nested_raw_html_is_shown_as_text() {
        // 100 000 unclosed <div> took minutes in the HTML parser; now the tags past
        // the limit are text, and rendering is quick.
        let html = render(&"<div>".repeat(30_000));
        assert!(
            html.matches("<div>").count() <= MAX_RAW_HTML_DEPTH,
            "too deep"
        );
        assert!(html.contains("&lt;div&gt;"));
        // End tags of elements that are not open do not reduce the depth.
        let html = render(&"<div></span>".repeat(20_000));
        assert!(html.matches("<div>").count() <= MAX_RAW_HTML_DEPTH);
        // Ordinary balanced HTML is untouched, however long.
        let table = format!(
            "<table>{}</table>",
            "<tr><td><p><span>x</span></p></td></tr>".repeat(5_000)
        );
        let html = render(&table);
        assert!(!html.contains("&lt;"), "balanced HTML was escaped");
        assert_eq!(html.matches("<td>").count(), 5_000);
    }

    #[test]
    fn deeply_nested_quotes_and_lists_are_flattened() {
        for markdown in [
            "> ".repeat(30_000) + "глубоко\n",
            "- ".repeat(30_000) + "глубоко\n",
        ] {
            let html = render(&markdown);
            assert!(html.contains("глубоко"), "the text is kept");
            let depth = html.matches("<blockquote>").count() + html.matches("<li>").count();
            assert!(depth <= 2 * MAX_CONTAINER_DEPTH, "{depth} levels");
        }
        // Ordinary nesting is untouched.
        let html = render("> цитата\n>\n> - пункт\n>   - подпункт\n");
        assert!(
            html.contains("<blockquote>") && html.matches("<ul>").count() == 2,
            "{html}"
        );
    }

    #[test]
    fn numbers_repeated_heading_ids() {
        let html = render("## Итоги\n\n## Итоги\n");
        assert!(
            html.contains("id=\"itogi\"") && html.contains("id=\"itogi-2\""),
            "{html}"
        );
    }

    /// Bodies that exercise what typesetting on events has to get as reading the
    /// sanitised HTML again got: runs split by the parser, quotes across inline
    /// tags, blocks, table cells and footnotes, raw HTML, code, image
    /// descriptions, and an editor's own no-break space.
    const TYPOGRAPHY_BODIES: [&str; 18] = [
        "<noscript>\"н\" № 14</noscript> <iframe>\"ф\" № 15</iframe> <title>\"т\"</title>\n",
        "Ссылка <https://example.org/a?b=\"c\"> и &laquo;\\\"x\\\"&raquo; ~~\\\"зачёркнуто\\\"~~ _\\\"курсив\\\"_\\\nперенос \\\"y\\\"\n",
        "1. \\\"первый\\\"\n   - вложенный № 16 \\\"z\\\"\n2. <span>\"сырой\"</span>\n",
        "<div>\n<p>Иванова И. И. и И.И. Петров</p>\n<!-- \"> № 17 -->\n\"после комментария\"\n</div>\n",
        "<textarea>\"поле\" № 12</textarea>\n\nПосле <xmp>\"x\" № 13</xmp>.\n",
        "Приказ № 5 от 1 сентября 2026 г. подписал И. И. Петров, куратор Ким О.В.\n",
        "Курс \\\"**Оценивание**\\\" начат, &quot;семинар&quot; прошёл.\n",
        "| № | Тема |\n|---|---|\n| 1 | &quot;Итоги&quot; 2026 г. |\n| &quot;x | y&quot; |\n",
        "Текст[^1] \\\"после сноски\\\".\n\n[^1]: Примечание № 3 \\\"в сноске\\\".\n",
        "<div class=\"x\">\n\"Цитата\" № 7 <b>жирно</b> \"ещё\"\n</div>\n\nАбзац.\n",
        "Код `\"x\" № 1`.\n\n```\n\"блок\" № 2\n```\n\nПосле \\\"кода\\\".\n",
        "![Зал \"Актовый\" № 5](/x.png) и \\\"подпись\\\"\n",
        "<pre>\"сырой\" № 4</pre>\n\n<span title=\"№ 5\">\"в теге\"</span> <!-- \"№ 6\" -->\n",
        "Свой&nbsp;пробел и № 6 \\\"кавычки\\\" &nbsp;\\\"после\\\".\n",
        "Строка\nвторая № 8 \"мягкий\nперенос\"\n",
        "> \\\"Цитата\\\" в блоке\n\n- пункт \\\"один\\\"\n- № 9\n\n---\n\\\"после черты\\\"\n",
        "## Заголовок \\\"в кавычках\\\" № 10\n\nТекст «ёлочки» и “английские” „немецкие“.\n",
        "<p>Абзац <a href=\"/a/\" title='\"№ 11\"'>ссылка \"x\"</a> 2026 г.</p>\n",
    ];

    #[test]
    fn typesetting_on_events_gives_what_reading_the_sanitised_html_again_gave() {
        for body in TYPOGRAPHY_BODIES {
            let (untypeset, _, _) = render_events(body, &[], 0, false);
            assert_eq!(render(body), crate::typo::html(&untypeset), "{body}");
        }
    }

    #[test]
    fn a_body_quote_across_bold_is_opened_and_closed() {
        let html = render("Курс \\\"**Оценивание**\\\" начат.\n");
        assert!(
            html.contains("Курс «<strong>Оценивание</strong>» начат."),
            "{html}"
        );
    }

    #[test]
    fn code_and_image_descriptions_are_not_typeset() {
        let html = render("Код `\"x\" № 1` и ![Зал \"А\" № 5](/x.png)\n");
        assert!(html.contains("<code>\"x\" № 1</code>"), "{html}");
        // (The parser's smart punctuation made the quotes curly; typography did
        // not touch the attribute.)
        assert!(html.contains("alt=\"Зал “А” № 5\""), "{html}");
    }

    #[test]
    fn typeset_no_break_spaces_are_characters_and_an_editors_own_stay_as_written() {
        let html = render("Приказ № 5.\n");
        assert!(html.contains("Приказ №\u{a0}5."), "{html}");
        let html = render("Свой&nbsp;пробел, приказ № 5.\n");
        assert!(
            html.contains("Свой&nbsp;пробел, приказ №\u{a0}5."),
            "{html}"
        );
    }
}
