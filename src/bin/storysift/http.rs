//! The HTTP response inside a WARC `response` record: status line,
//! headers, body (chunked transfer and gzip/deflate encodings undone).

use std::io::Read;

use storysift::Format;

/// The `Content-Type` and the body of an HTTP response block.
pub fn response_body(mut block: Vec<u8>, max_bytes: usize) -> Result<(String, Vec<u8>), String> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })
        .ok_or("no end of the HTTP headers")?;
    let head = String::from_utf8_lossy(&block[..end.0]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    if !status.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:?}", truncate(status)));
    }
    let (mut content_type, mut chunked, mut encoding) = (String::new(), false, String::new());
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        if k.eq_ignore_ascii_case("content-type") {
            content_type = v.to_owned();
        } else if k.eq_ignore_ascii_case("transfer-encoding") {
            chunked |= v.to_ascii_lowercase().contains("chunked");
        } else if k.eq_ignore_ascii_case("content-encoding") {
            encoding = v.to_ascii_lowercase();
        }
    }
    let body = if chunked {
        dechunk(&block[end.1..]).ok_or("bad chunked transfer encoding")?
    } else {
        block.drain(..end.1);
        block
    };
    let cap = max_bytes as u64 + 1;
    let body = match encoding.as_str() {
        "" | "identity" | "none" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), cap)?,
        "deflate" => {
            // Servers send zlib-wrapped or raw deflate under this name.
            inflate(flate2::read::ZlibDecoder::new(&body[..]), cap)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), cap))?
        }
        other => return Err(format!("unsupported content encoding {other:?}")),
    };
    Ok((content_type, body))
}

fn inflate(r: impl Read, cap: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(cap)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decode the body: {e}"))?;
    Ok(out)
}

/// Undoes chunked transfer encoding; `None` when the chunks are malformed.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let nl = raw.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&raw[..nl]).ok()?.trim();
        let size_hex = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = &raw[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = &raw[size..];
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))
            .unwrap_or(raw);
    }
}

/// The document format of a media type, `None` for anything that is not
/// a page or text (images, scripts, PDFs…). An absent type is sniffed as
/// HTML by the cleaner's rules, so it counts as HTML here.
pub fn format_of(content_type: &str) -> Option<Format> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "" | "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/plain" => Some(Format::Text),
        _ => None,
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_chunked_and_gzip_bodies() {
        let r =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>caf\xe9</p>";
        let (ct, body) = response_body(r.to_vec(), 1000).unwrap();
        assert_eq!(ct, "text/html; charset=ISO-8859-1");
        assert_eq!(body, b"<p>caf\xe9</p>");

        let r = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5;x=y\r\nb</p>\r\n0\r\n\r\n";
        assert_eq!(response_body(r.to_vec(), 1000).unwrap().1, b"<p>ab</p>");

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut r = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        r.extend(gz.finish().unwrap());
        assert_eq!(response_body(r.clone(), 1000).unwrap().1, b"<p>zipped</p>");

        assert!(response_body(b"GET / HTTP/1.1\r\n\r\n".to_vec(), 10).is_err());
        assert!(
            response_body(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(),
                10
            )
            .is_err()
        );
        assert!(response_body(b"HTTP/1.1 200 OK".to_vec(), 10).is_err());
    }

    #[test]
    fn media_types() {
        assert_eq!(format_of("TEXT/HTML; charset=utf-8"), Some(Format::Html));
        assert_eq!(format_of("text/plain"), Some(Format::Text));
        assert_eq!(format_of("image/png"), None);
    }
}
