//! One spelling per path, before anything routes or authorizes: the policy must decide on the
//! path that is then served. `/amministrazione/operatori/`, `/amministrazione/operatori/.`,
//! `/amministrazione/%2e/operatori` and `/x/../amministrazione/operatori` all name one resource
//! (RFC 3986 §6.2.2), so they are rewritten to `/amministrazione/operatori` and get exactly its
//! answer; anything the router still does not know is the 404 page.

use axum::{
    extract::Request,
    http::{Uri, uri::PathAndQuery},
};

/// The normal form of a request path: unreserved characters percent-decoded, other escapes in
/// upper case, `.` and `..` segments resolved (never above the root), empty segments (`//`, a
/// trailing `/`) dropped. An escaped `/` (`%2F`) stays an escape inside its segment, so it never
/// becomes a separator.
pub fn normalise(path: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    for raw in path.split('/') {
        let segment = decode_unreserved(raw);
        match segment.as_str() {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut normal = String::with_capacity(path.len());
    for segment in &segments {
        normal.push('/');
        normal.push_str(segment);
    }
    if normal.is_empty() {
        normal.push('/');
    }
    normal
}

fn decode_unreserved(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) =
                (bytes.get(i + 1).and_then(hex), bytes.get(i + 2).and_then(hex))
        {
            let byte = high * 16 + low;
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(byte);
            } else {
                out.extend([b'%', HEX[usize::from(high)], HEX[usize::from(low)]]);
            }
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    // Only whole escapes were replaced, by ASCII: what was UTF-8 still is.
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hex(byte: &u8) -> Option<u8> {
    char::from(*byte).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// Rewrites the request's path to its normal form (the query is kept as sent).
pub fn rewrite(mut request: Request) -> Request {
    let uri = request.uri();
    let normal = normalise(uri.path());
    if normal == uri.path() {
        return request;
    }
    let path_and_query = match uri.query() {
        Some(query) => format!("{normal}?{query}"),
        None => normal,
    };
    let mut parts = uri.clone().into_parts();
    let Ok(path_and_query) = PathAndQuery::try_from(path_and_query) else {
        return request;
    };
    parts.path_and_query = Some(path_and_query);
    if let Ok(uri) = Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
    request
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn variants_of_a_path_have_one_normal_form() {
        for variant in [
            "/amministrazione/operatori",
            "/amministrazione/operatori/",
            "/amministrazione/operatori/.",
            "/amministrazione/operatori/./",
            "/amministrazione/%2e/operatori",
            "/amministrazione/%2E/operatori/",
            "/x/../amministrazione/operatori",
            "/amministrazione/x/../operatori",
            "/amministrazione/x/%2e%2e/operatori",
            "//amministrazione//operatori",
            "/../amministrazione/operatori",
            "/%61mministrazione/operatori",
        ] {
            assert_eq!(normalise(variant), "/amministrazione/operatori", "{variant}");
        }
    }

    #[test]
    fn the_root_and_escapes_that_are_not_unreserved_stay() {
        assert_eq!(normalise("/"), "/");
        assert_eq!(normalise(""), "/");
        assert_eq!(normalise("/.."), "/");
        assert_eq!(normalise("/./"), "/");
        assert_eq!(normalise("/amministrazione%2foperatori"), "/amministrazione%2Foperatori");
        assert_eq!(normalise("/opportunita/%20"), "/opportunita/%20");
        assert_eq!(normalise("/a%"), "/a%");
        assert_eq!(normalise("/a%zz"), "/a%zz");
        assert_eq!(normalise("/cv/esperienze"), "/cv/esperienze");
    }
}
