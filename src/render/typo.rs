//! Russian typography for generated text: a non-breaking space after «№», before
//! «г.»/«гг.» after a number, between initials and the surname; «ёлочки» instead
//! of straight and English curly quotes. Applied to the text of every rendered page
//! (never inside tags, `<script>`, `<style>`, `<pre>`, `<code>`, `<textarea>`) and
//! to the plain-text titles of feeds and the calendar.

const NBSP: char = '\u{a0}';

/// Typography for plain text.
pub fn text(s: &str) -> String {
    text_after(s, None)
}

/// [`text`] for a fragment that follows the character `prev` (the text before
/// an inline tag), so a quote is told opening or closing across tags.
fn text_after(s: &str, prev: Option<char>) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = prev;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            ' ' if nbsp_here(&chars, i) => out.push(NBSP),
            '"' | '“' | '”' | '„' => {
                let opening = match c {
                    '“' | '„' => true,
                    '”' => false,
                    _ => {
                        prev.is_none_or(|p| p.is_whitespace() || "([{—–-/«„".contains(p))
                            && next.is_none_or(|n| !n.is_whitespace())
                    }
                };
                out.push(if opening { '«' } else { '»' });
            }
            _ => out.push(c),
        }
        prev = Some(c);
        i += 1;
    }
    out
}

/// Whether the ordinary space at `i` should not break.
fn nbsp_here(chars: &[char], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).and_then(|j| chars.get(j)).copied();
    let after = |k: usize| chars.get(i + k).copied();
    // «№ 3», «№№ 3»
    if before(1) == Some('№') {
        return true;
    }
    // «2026 г.», «2025–2026 гг.»: a digit, the space, then «г.» or «гг.» ending a word.
    if before(1).is_some_and(|c| c.is_ascii_digit()) && after(1) == Some('г') {
        let rest: String = chars[i + 1..].iter().take(4).collect();
        let ends = |s: &str| {
            rest.strip_prefix(s)
                .is_some_and(|r| r.chars().next().is_none_or(|c| !is_cyr(c)))
        };
        if ends("г.") || ends("гг.") {
            return true;
        }
    }
    // Initials: «И. И. Иванова», «И.И. Иванова» (after an initial), and
    // «Иванова И. И.» (before an initial).
    if is_initial_end(chars, i) && after(1).is_some_and(is_cyr_upper) {
        return true;
    }
    if before(1).is_some_and(is_cyr_lower)
        && after(1).is_some_and(is_cyr_upper)
        && after(2) == Some('.')
        && after(3).is_none_or(|c| !is_cyr_lower(c))
    {
        // A surname (capitalised word) precedes.
        let mut j = i;
        while j > 0 && is_cyr(chars[j - 1]) {
            j -= 1;
        }
        return is_cyr_upper(chars[j]) && i - j >= 2;
    }
    false
}

/// Whether `chars[..i]` ends with an initial: a single capital Cyrillic letter and
/// a dot, standing alone (after a space, start, dot or nbsp).
fn is_initial_end(chars: &[char], i: usize) -> bool {
    if i < 2 || chars[i - 1] != '.' || !is_cyr_upper(chars[i - 2]) {
        return false;
    }
    i == 2 || matches!(chars[i - 3], ' ' | NBSP | '.' | '(' | '«')
}

fn is_cyr(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

fn is_cyr_upper(c: char) -> bool {
    matches!(c, 'А'..='Я' | 'Ё')
}

fn is_cyr_lower(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ё')
}

/// Typography for a rendered HTML page: only text between tags is changed; the
/// contents of `script`, `style`, `pre`, `code` and `textarea` are kept as they are.
/// Escaped quotes (`&quot;`, `&#34;`) in text become «ёлочки» too.
pub fn html(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + 64);
    let mut rest = page;
    let mut raw_until: Option<&'static str> = None;
    // The last character of text seen, carried across inline tags.
    let mut last: Option<char> = None;
    while !rest.is_empty() {
        if let Some(lt) = rest.find('<') {
            let (text_part, tail) = rest.split_at(lt);
            if raw_until.is_some() {
                out.push_str(text_part);
            } else {
                out.push_str(&text_in_html(text_part, &mut last));
            }
            let gt = tail.find('>').map(|g| g + 1).unwrap_or(tail.len());
            let tag = &tail[..gt];
            let name: String = tag
                .trim_start_matches('<')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect::<String>()
                .to_ascii_lowercase();
            match raw_until {
                Some(end) if name == end => raw_until = None,
                Some(_) => {}
                None => {
                    raw_until = match name.as_str() {
                        "script" => Some("/script"),
                        "style" => Some("/style"),
                        "pre" => Some("/pre"),
                        "code" => Some("/code"),
                        "textarea" => Some("/textarea"),
                        _ => None,
                    }
                }
            }
            out.push_str(tag);
            rest = &tail[gt..];
        } else {
            if raw_until.is_some() {
                out.push_str(rest);
            } else {
                out.push_str(&text_in_html(rest, &mut last));
            }
            break;
        }
    }
    out
}

fn text_in_html(t: &str, last: &mut Option<char>) -> String {
    if t.is_empty() {
        return String::new();
    }
    let unescaped = t.replace("&quot;", "\"").replace("&#34;", "\"");
    let done = text_after(&unescaped, *last);
    *last = unescaped.chars().last().or(*last);
    // Quotes left straight (none should be) go back to their escaped form.
    done.replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_sign_year_and_initials() {
        assert_eq!(text("Приказ № 285"), "Приказ №\u{a0}285");
        assert_eq!(
            text("10 сентября 2026 г. в зале"),
            "10 сентября 2026\u{a0}г. в зале"
        );
        assert_eq!(text("2025–2026 гг."), "2025–2026\u{a0}гг.");
        assert_eq!(text("в 2026 году"), "в 2026 году");
        assert_eq!(text("И. И. Петрова"), "И.\u{a0}И.\u{a0}Петрова");
        assert_eq!(text("Петрова И. И."), "Петрова\u{a0}И.\u{a0}И.");
        assert_eq!(
            text("Петрова И.И., директор"),
            "Петрова\u{a0}И.И., директор"
        );
        assert_eq!(text("куратор О.В. Ким"), "куратор О.В.\u{a0}Ким");
        assert_eq!(text("в МНЦ. Далее"), "в МНЦ. Далее");
    }

    #[test]
    fn quotes() {
        assert_eq!(text("МБОУ \"СОШ № 3\""), "МБОУ «СОШ №\u{a0}3»");
        assert_eq!(text("семинар “Оценивание”"), "семинар «Оценивание»");
    }

    #[test]
    fn html_text_only() {
        let page = "<p title=\"№ 5\">Приказ № 5 &quot;О группе&quot;</p><pre>№ 5 \"x\"</pre><script>var a = \"№ 5\";</script>";
        let got = html(page);
        assert_eq!(
            got,
            "<p title=\"№ 5\">Приказ №\u{a0}5 «О группе»</p><pre>№ 5 \"x\"</pre><script>var a = \"№ 5\";</script>"
        );
        // Quotes around a link: the opening one ends a text node, the closing one starts one.
        assert_eq!(
            html("<p>курс \"<a href=\"/x/\">Оценивание</a>\" начат</p>"),
            "<p>курс «<a href=\"/x/\">Оценивание</a>» начат</p>"
        );
    }
}
