//! A page's metadata: dates, authors, site, canonical address, language and
//! description, from its `<meta>`/`<link>` tags, the `lang` attribute and
//! its JSON-LD.

use std::fmt;

/// What a page says about itself besides its text: when it was published,
/// by whom, on which site, at which address, in which language.
///
/// Filled from the page's head (`<meta>` tags of Open Graph, `article:`,
/// Dublin Core, schema.org `itemprop` and the common `name`s; `<link
/// rel="canonical">`; `<html lang>`) and its JSON-LD (`datePublished`,
/// `dateModified`, `author`, `publisher`). The first source that has a value
/// wins, in that order: a page's own `article:published_time` outranks a
/// date a script put in the structured data, which outranks the first
/// `<time datetime>` of the page. Values are kept as the page wrote them
/// (trimmed); [`Metadata::published_unix`] reads a date. A text scrape has
/// no metadata.
///
/// # Examples
///
/// ```
/// use storysift::Document;
///
/// let page = r#"<html lang="en-GB"><head>
///   <meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
///   <meta name="author" content="Ann Lee">
///   <meta property="og:site_name" content="The Daily Example">
///   <link rel="canonical" href="https://example.com/storm">
/// </head><body><article><h1>Storm hits coast</h1>
///   <p>The storm hit the coast on Monday, officials said, and thousands lost power.</p>
/// </article></body></html>"#;
/// let c = storysift::clean(&Document::html("p1", page))?;
/// let m = c.metadata();
/// assert_eq!(m.published(), Some("2024-03-05T09:30:00+01:00"));
/// assert_eq!(m.published_unix(), Some(1_709_627_400)); // 08:30 UTC
/// assert_eq!(m.authors(), ["Ann Lee"]);
/// assert_eq!(m.site_name(), Some("The Daily Example"));
/// assert_eq!(m.url(), Some("https://example.com/storm"));
/// assert_eq!(m.language(), Some("en-GB"));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Metadata {
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) published: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) modified: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Vec::is_empty", default)
    )]
    pub(crate) authors: Vec<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) site_name: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) url: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) language: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) description: Option<String>,
    /// The page's `og:type` (for the page-kind judgement; not shown).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) og_type: Option<String>,
}

impl Metadata {
    /// The publication date and time in ISO 8601: as the page wrote it
    /// when it wrote ISO 8601; a date written with a month name
    /// (`Nov 19, 2019 8:15 pm`) converted (`2019-11-19T20:15:00`, its zone
    /// not read); failing any in the page's tags and structured data, the
    /// date in the byline block the cleaner removed.
    pub fn published(&self) -> Option<&str> {
        self.published.as_deref()
    }

    /// [`published`](Metadata::published) as seconds since 1970-01-01 UTC,
    /// when it is an ISO 8601 date (`2024-03-05`) or date and time
    /// (`2024-03-05T09:30`, seconds and fractions optional, `T` or a space)
    /// with an optional offset (`Z`, `+01:00`, `-0500`; none means UTC); or
    /// a date written with an English month name (`19 Nov 2019`, `November
    /// 19, 2019 01:38 PM`, `Tue, 19 Nov 2019 13:38:07 GMT`), read as UTC.
    pub fn published_unix(&self) -> Option<i64> {
        let p = self.published.as_deref()?;
        unix_time(p).or_else(|| written_date(p))
    }

    /// The last-modified date, as the page wrote it.
    pub fn modified(&self) -> Option<&str> {
        self.modified.as_deref()
    }

    /// The authors' names, each once, in the order found.
    pub fn authors(&self) -> &[String] {
        &self.authors
    }

    /// The site's or publisher's name.
    pub fn site_name(&self) -> Option<&str> {
        self.site_name.as_deref()
    }

    /// The page's canonical address.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The page's language tag (`"en"`, `"de-AT"`).
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// The page's own summary (`description`, `og:description`).
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        // `og_type` is not shown, so it does not count.
        [
            &self.published,
            &self.modified,
            &self.site_name,
            &self.url,
            &self.language,
            &self.description,
        ]
        .iter()
        .all(|f| f.is_none())
            && self.authors.is_empty()
    }
}

impl fmt::Display for Metadata {
    /// One line, `key: value` pairs separated by `; ` (empty when nothing
    /// was found).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        let mut field = |f: &mut fmt::Formatter<'_>, k: &str, v: &str| {
            let r = write!(f, "{sep}{k}: {v}");
            sep = "; ";
            r
        };
        for (k, v) in [
            ("published", &self.published),
            ("modified", &self.modified),
            ("site", &self.site_name),
            ("url", &self.url),
            ("language", &self.language),
        ] {
            if let Some(v) = v {
                field(f, k, v)?;
            }
        }
        if !self.authors.is_empty() {
            field(f, "authors", &self.authors.join(", "))?;
        }
        Ok(())
    }
}

/// Which field a `<meta>` tag fills, and its rank (lower wins).
fn meta_field(key: &str) -> Option<(Field, u8)> {
    Some(match key {
        "article:published_time" | "article:published" => (Field::Published, 0),
        "og:published_time" | "datepublished" => (Field::Published, 2),
        "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "dcterms.issued"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "originalpublicationdate" => (Field::Published, 3),
        "article:modified_time"
        | "article:modified"
        | "og:updated_time"
        | "datemodified"
        | "dcterms.modified" => (Field::Modified, 0),
        "author" | "article:author" | "dc.creator" | "parsely-author" | "sailthru.author"
        | "byl" => (Field::Author, 0),
        "og:site_name" | "application-name" | "publisher" | "dc.publisher" => (Field::SiteName, 0),
        "og:url" => (Field::Url, 1),
        "og:locale" | "content-language" | "dc.language" | "inlanguage" => (Field::Language, 1),
        "description" | "og:description" | "dc.description" | "twitter:description" => {
            (Field::Description, 0)
        }
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Published,
    Modified,
    Author,
    SiteName,
    Url,
    Language,
    Description,
}

/// Collects metadata while the page's elements are visited once.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    out: Metadata,
    ranks: [u8; 7],
    time: Option<String>,
}

impl Collector {
    pub(crate) fn new() -> Self {
        Collector {
            out: Metadata::default(),
            ranks: [u8::MAX; 7],
            time: None,
        }
    }

    fn offer(&mut self, field: Field, rank: u8, value: &str) {
        let value = crate::text::collapse(value);
        if value.is_empty() {
            return;
        }
        let slot = match field {
            Field::Published => &mut self.out.published,
            Field::Modified => &mut self.out.modified,
            Field::SiteName => &mut self.out.site_name,
            Field::Url => &mut self.out.url,
            Field::Language => &mut self.out.language,
            Field::Description => &mut self.out.description,
            Field::Author => {
                // "By Ann Lee and Bo Ray" in one tag stays one entry; a URL
                // (Facebook's `article:author`) is not a name.
                let name = value
                    .strip_prefix("By ")
                    .or_else(|| value.strip_prefix("by "))
                    .unwrap_or(&value)
                    .to_owned();
                if !name.contains("://") && !self.out.authors.contains(&name) {
                    self.out.authors.push(name);
                }
                return;
            }
        };
        let r = &mut self.ranks[field as usize];
        if rank < *r {
            *r = rank;
            *slot = Some(value);
        }
    }

    /// Looks at one element of the page.
    pub(crate) fn element(&mut self, el: &scraper::node::Element) {
        match el.name() {
            "meta" => {
                let Some(content) = el.attr("content") else {
                    return;
                };
                // `itemprop="datePublished dateCreated"`: every token counts.
                if el
                    .attr("property")
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case("og:type"))
                {
                    self.out.og_type = Some(content.trim().to_owned());
                }
                for attr in ["property", "name", "itemprop", "http-equiv"] {
                    for key in el
                        .attr(attr)
                        .into_iter()
                        .flat_map(str::split_ascii_whitespace)
                    {
                        if let Some((field, rank)) = meta_field(&key.to_ascii_lowercase()) {
                            self.offer(field, rank, content);
                        }
                    }
                }
            }
            "link" => {
                let canonical = el.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if let Some(href) = el.attr("href").filter(|_| canonical) {
                    self.offer(Field::Url, 0, href);
                }
            }
            "html" => {
                if let Some(lang) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    self.offer(Field::Language, 0, lang);
                }
            }
            "time" if self.time.is_none() => {
                if let Some(dt) = el.attr("datetime").filter(|d| unix_time(d).is_some()) {
                    self.time = Some(dt.to_owned());
                }
            }
            _ => {}
        }
    }

    /// Adds what the page's JSON-LD says and returns the result.
    pub(crate) fn finish(mut self, json_ld: &str) -> Metadata {
        if !json_ld.is_empty() {
            if let Some(d) = crate::json_ld::strings(json_ld, "datePublished").next() {
                self.offer(Field::Published, 1, &d);
            }
            if let Some(d) = crate::json_ld::strings(json_ld, "dateModified").next() {
                self.offer(Field::Modified, 1, &d);
            }
            if self.out.authors.is_empty() {
                for name in crate::json_ld::names(json_ld, "author") {
                    self.offer(Field::Author, 0, &name);
                }
            }
            if let Some(p) = crate::json_ld::names(json_ld, "publisher")
                .into_iter()
                .next()
            {
                self.offer(Field::SiteName, 1, &p);
            }
        }
        if let Some(t) = self.time.take() {
            self.offer(Field::Published, 4, &t);
        }
        self.out
    }
}

/// Seconds since 1970-01-01 UTC of an ISO 8601 date or date-time.
pub(crate) fn unix_time(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let d = b.get(from..from + len)?;
        d.iter().all(u8::is_ascii_digit).then(|| {
            d.iter()
                .fold(0i64, |acc, &c| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b[4] != b'-' || b[7] != b'-' || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    let mut i = 10;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
        if b[i + 3] != b':' || h > 24 || m > 59 {
            return None;
        }
        secs += h * 3600 + m * 60;
        i += 6;
        if b.get(i) == Some(&b':') {
            let sec = num(i + 1, 2)?;
            if sec > 60 {
                return None;
            }
            secs += sec;
            i += 3;
            if matches!(b.get(i), Some(b'.' | b',')) {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
        match b.get(i) {
            None | Some(b'Z' | b'z') => {}
            Some(&sign @ (b'+' | b'-')) => {
                let oh = num(i + 1, 2)?;
                let om = match b.get(i + 3) {
                    Some(b':') => num(i + 4, 2)?,
                    Some(_) => num(i + 3, 2)?,
                    None => 0,
                };
                let off = oh * 3600 + om * 60;
                secs += if sign == b'+' { -off } else { off };
            }
            Some(_) => return None,
        }
    } else if b.len() > 10 && !b[10].is_ascii_whitespace() {
        return None;
    }
    Some(secs)
}

/// Seconds since 1970-01-01 (read as UTC) of a date written with an English
/// month name: a four-digit year, a month, a day of one or two digits, and
/// optionally a time `H:MM[:SS]` with `AM`/`PM`. Zones are ignored.
fn written_date(s: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let (mut year, mut month, mut day, mut secs) = (None, None, None, 0i64);
    let words = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    for w in words {
        let lower = w.replace('.', "").to_ascii_lowercase();
        if w.contains(':') {
            let mut parts = w.split(':').map(|p| p.parse::<i64>().ok());
            let (h, m) = (parts.next()??, parts.next()??);
            let sec = parts.next().flatten().unwrap_or(0);
            if !(0..24).contains(&h) || !(0..60).contains(&m) || !(0..=60).contains(&sec) {
                return None;
            }
            secs = h * 3600 + m * 60 + sec;
        } else if lower == "pm" && secs < 12 * 3600 {
            secs += 12 * 3600;
        } else if lower == "am" && (12 * 3600..13 * 3600).contains(&secs) {
            secs -= 12 * 3600;
        } else if lower.len() >= 3 && month.is_none() {
            if let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m)) {
                month = Some(m as i64 + 1);
            }
        } else if lower.bytes().all(|b| b.is_ascii_digit()) {
            match lower.len() {
                4 if year.is_none() => year = lower.parse::<i64>().ok(),
                1 | 2 if day.is_none() => day = lower.parse::<i64>().ok(),
                _ => {}
            }
        }
    }
    let (y, m, d) = (year?, month?, day?);
    ((1..=31).contains(&d) && (1000..=9999).contains(&y))
        .then(|| days_from_civil(y, m, d) * 86_400 + secs)
}

/// Author names read from a byline block the cleaner removed ("By Jane
/// Doe and John Roe", "Von Anna Berg", "Jane Doe - Nov 19, 2019, 8:15
/// pm", "By Megan Rowe megan@example.com"): the first byline block that
/// yields a name. A leading "by" word (EN, DE, ES, FR, IT, PT, NL) goes;
/// the line is cut at a dash, bar, bullet, e-mail address, digit or a
/// word that starts a date or a note ("Published", "Updated", "View",
/// a weekday, or a month as the line rules know them); the rest is split at "and", "&" and commas; a
/// name is one to five words, each capitalised. The fallback when the page
/// names no author in its JSON-LD or meta tags.
pub(crate) fn authors_from_bylines<'a>(bylines: impl Iterator<Item = &'a str>) -> Vec<String> {
    const BY: &[&str] = &[
        "by",
        "written by",
        "words by",
        "from",
        "von",
        "por",
        "par",
        "di",
        "da",
        "door",
        "texto de",
        "text:",
        "texte:",
        "texto:",
    ];
    const STOP: &[&str] = &[
        "published",
        "updated",
        "posted",
        "view",
        "last",
        "veröffentlicht",
        "aktualisiert",
        "publicado",
        "actualizado",
        "publié",
        "mis",
        "pubblicato",
        "aggiornato",
        "gepubliceerd",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    const JOIN: &[&str] = &["and", "&", "und", "y", "et", "e", "en"];
    for line in bylines {
        let mut rest = line
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end();
        if let Some(by) = BY
            .iter()
            .filter(|b| {
                rest.get(..b.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(b))
                    && matches!(rest.as_bytes().get(b.len()), None | Some(b' ' | b':'))
            })
            .max_by_key(|b| b.len())
        {
            rest = rest[by.len()..].trim_start_matches([' ', ':']);
        }
        // Cut at the first separator, address, digit or stop word. A digit
        // inside a segment after a comma cuts an organisation's name
        // ("Jane Doe, Channel 8 Coastal"): that segment goes.
        let mut kept: Vec<&str> = Vec::new();
        let mut digit_cut = false;
        for word in rest.split_whitespace() {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.chars().any(|c| c.is_ascii_digit()) {
                digit_cut = true;
                break;
            }
            if matches!(word, "-" | "–" | "—" | "|" | "•" | "·" | "/")
                || word.contains('@')
                || word.contains("://")
                || STOP
                    .iter()
                    .chain(crate::boilerplate::MONTHS)
                    .any(|w| bare.eq_ignore_ascii_case(w))
            {
                break;
            }
            kept.push(word);
        }
        if digit_cut {
            if let Some(comma) = kept.iter().rposition(|w| w.ends_with(',')) {
                kept.truncate(comma + 1);
            }
        }
        let mut names: Vec<String> = Vec::new();
        let mut name: Vec<&str> = Vec::new();
        let flush = |name: &mut Vec<&str>, names: &mut Vec<String>| {
            let ok = (1..=5).contains(&name.len())
                && name
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if ok {
                names.push(name.join(" "));
            }
            name.clear();
        };
        for word in kept {
            if JOIN.iter().any(|j| word.eq_ignore_ascii_case(j)) {
                flush(&mut name, &mut names);
                continue;
            }
            let ends = word.ends_with([',', ';']);
            let w = word.trim_end_matches([',', ';']);
            if !w.is_empty() {
                name.push(w);
            }
            if ends {
                flush(&mut name, &mut names);
            }
        }
        flush(&mut name, &mut names);
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// A written date ("Nov 19, 2019, 8:15 pm", "19. November 2019") as ISO
/// 8601: the day, and the time of day when one was written
/// (`2019-11-19T20:15:00`, no offset: a zone written beside it is not
/// read). `None` when the text holds no such date.
pub(crate) fn iso_from_written(text: &str) -> Option<String> {
    let secs = written_date(text)?;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    Some(if rest == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rest / 3600,
            rest / 60 % 60,
            rest % 60
        )
    })
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_to_iso() {
        assert_eq!(
            iso_from_written("Nov 19, 2019, 8:15 pm CST").as_deref(),
            Some("2019-11-19T20:15:00")
        );
        assert_eq!(
            iso_from_written("7. November 2025").as_deref(),
            Some("2025-11-07")
        );
        assert_eq!(
            iso_from_written("29 Feb 2024").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(iso_from_written("By Jane Doe"), None);
        for days in [-800_000i64, -1, 0, 59, 365, 11_016, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn authors_from_byline_blocks() {
        let read = |lines: &[&str]| authors_from_bylines(lines.iter().copied());
        let cases: &[(&[&str], &[&str])] = &[
            (&["By Natalie Musumeci"], &["Natalie Musumeci"]),
            (
                &["By Lia Eustachewich and Yaron Steinbuch"],
                &["Lia Eustachewich", "Yaron Steinbuch"],
            ),
            (
                &["Chris Davies - Nov 19, 2019, 8:15 pm CST"],
                &["Chris Davies"],
            ),
            (
                &["By Megan Rowe megan@example.com (509) 555-0100"],
                &["Megan Rowe"],
            ),
            (
                &["The Associated Press Published Monday, November 18, 2019 8:22AM EST"],
                &["The Associated Press"],
            ),
            (&["By", "Michael Hiltzik"], &["Michael Hiltzik"]),
            (
                &["Von Anna Berg und Jonas Krüger"],
                &["Anna Berg", "Jonas Krüger"],
            ),
            (&["Por María López"], &["María López"]),
            (
                &["By Keziah Morland, Channel 8 Coastal"],
                &["Keziah Morland"],
            ),
            (
                &["Ilse Marchbank, Environment reporter"],
                &["Ilse Marchbank"],
            ),
            (&["*By Idunn Carvery · 5 min read*"], &["Idunn Carvery"]),
            (
                &["From Tallis Press Association"],
                &["Tallis Press Association"],
            ),
            (
                &["By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019"],
                &["Mike Wuerthele", "Malcolm Owen"],
            ),
        ];
        for &(lines, want) in cases {
            assert_eq!(read(lines), want, "{lines:?}");
        }
        // Not names: a date line, lower-case prose, nothing at all.
        assert!(read(&["20 Nov 2019 08:00 GMT"]).is_empty());
        assert!(read(&["written by our staff"]).is_empty());
        assert!(read(&[]).is_empty());
    }

    #[test]
    fn reads_iso_dates() {
        assert_eq!(unix_time("1970-01-01"), Some(0));
        assert_eq!(unix_time("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(unix_time("2024-03-05T09:30:00+01:00"), Some(1_709_627_400));
        assert_eq!(unix_time("2024-03-05T09:30+0100"), Some(1_709_627_400));
        assert_eq!(unix_time("2024-03-05 08:30:00.123Z"), Some(1_709_627_400));
        assert_eq!(unix_time("2024-03-05T03:30:00-05:00"), Some(1_709_627_400));
        for bad in [
            "",
            "2024",
            "2024-13-01",
            "2024-03-05T9:30",
            "March 5, 2024",
            "2024-03-05Tx",
            "2024-03-05T09:30:00 nonsense",
            "2024/03/05",
            "２０２４-03-05",
        ] {
            assert_eq!(unix_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_written_dates() {
        let day = unix_time("2019-11-19").unwrap();
        assert_eq!(written_date("19 Nov 2019"), Some(day));
        assert_eq!(written_date("November 19, 2019"), Some(day));
        assert_eq!(
            written_date("Tue, 19 Nov 2019 13:38:07 GMT"),
            Some(day + 49_087)
        );
        assert_eq!(
            written_date("November 19, 2019 01:38 PM"),
            Some(day + 49_080)
        );
        assert_eq!(written_date("Nov. 19, 2019, 12:05 a.m."), Some(day + 300));
        assert_eq!(written_date("19 Nov 2019 12:05 AM"), Some(day + 300));
        for bad in [
            "Nov 2019",
            "19 2019",
            "19 Nov",
            "Tue 19 Nov 2019 25:00",
            "",
            "Monday",
        ] {
            assert_eq!(written_date(bad), None, "{bad}");
        }
        let m = Metadata {
            published: Some("Tue Nov 19 2019".into()),
            ..Metadata::default()
        };
        assert_eq!(m.published_unix(), Some(day));
    }

    #[test]
    fn head_tags_then_json_ld_then_time() {
        let page = r#"<html lang="de"><head>
            <meta name="date" content="2024-01-02">
            <meta name="author" content="By Ann Lee"><meta property="article:author" content="https://facebook.com/x">
            <meta property="og:url" content="https://example.com/a?utm=1">
            <meta name="description" content="  A   summary. ">
            <script type="application/ld+json">{"datePublished": "2024-01-01T10:00:00Z",
              "author": [{"@type": "Person", "name": "Bo Ray"}], "publisher": {"name": "Example News"}}</script>
            </head><body><time datetime="2023-12-31">yesterday</time><p>Text.</p></body></html>"#;
        let c = crate::clean(&crate::Document::html("x", page)).unwrap();
        let m = c.metadata();
        // JSON-LD's date outranks a generic `date` meta; the `<time>` is a last resort.
        assert_eq!(m.published(), Some("2024-01-01T10:00:00Z"));
        assert_eq!(m.authors(), ["Ann Lee"]);
        assert_eq!(m.site_name(), Some("Example News"));
        assert_eq!(m.url(), Some("https://example.com/a?utm=1"));
        assert_eq!(m.language(), Some("de"));
        assert_eq!(m.description(), Some("A summary."));

        let bare = "<html><body><p>Text only.</p><time datetime='2023-12-31T23:00:00Z'>x</time></body></html>";
        let c = crate::clean(&crate::Document::html("y", bare)).unwrap();
        assert_eq!(c.metadata().published(), Some("2023-12-31T23:00:00Z"));
        assert_eq!(c.metadata().authors().len(), 0);

        let text = crate::clean(&crate::Document::text("z", "Title\n\nA paragraph.")).unwrap();
        assert!(text.metadata().is_empty());
        assert_eq!(text.metadata().to_string(), "");
    }
}
