//! The key of a page's inputs, which lets an incremental build take a page from the
//! previous output when everything it was made from is unchanged.

use serde::Serialize;

/// The key of a page's inputs: a 128-bit SipHash of the theme's fingerprint, the minify
/// flag and each part's JSON. Each part is serialized into one reused buffer and hashed in
/// one call (serde writes many tiny pieces, which a hasher takes slowly one by one).
pub(super) struct KeyHasher {
    hash: siphasher::sip128::SipHasher13,
    buf: Vec<u8>,
}

impl KeyHasher {
    /// A hash of a page rendered by a theme with `fingerprint`, minified or not.
    pub(super) fn new(fingerprint: u128, minify: bool) -> KeyHasher {
        use std::hash::Hasher;
        let mut hash = siphasher::sip128::SipHasher13::new();
        hash.write_u128(fingerprint);
        hash.write_u8(u8::from(minify));
        KeyHasher {
            hash,
            buf: Vec::new(),
        }
    }

    /// Adds one input, closed by a separator no JSON text contains.
    pub(super) fn part(&mut self, value: &(impl Serialize + ?Sized)) {
        use std::hash::Hasher;
        self.buf.clear();
        // Writing into memory cannot fail; a value that cannot serialize would fail the
        // render too.
        let _ = serde_json::to_writer(&mut self.buf, value);
        self.buf.push(0xFF);
        self.hash.write(&self.buf);
    }

    /// The key.
    pub(super) fn finish(&self) -> u128 {
        use siphasher::sip128::Hasher128;
        self.hash.finish128().as_u128()
    }
}

#[cfg(test)]
mod tests {
    use super::KeyHasher;

    fn key(fingerprint: u128, minify: bool, parts: &[&str]) -> u128 {
        let mut h = KeyHasher::new(fingerprint, minify);
        for p in parts {
            h.part(p);
        }
        h.finish()
    }

    #[test]
    fn a_key_changes_with_every_input_and_only_with_them() {
        let base = key(1, true, &["page.html", "{}"]);
        assert_eq!(base, key(1, true, &["page.html", "{}"]));
        assert_ne!(base, key(2, true, &["page.html", "{}"]), "theme");
        assert_ne!(base, key(1, false, &["page.html", "{}"]), "minify flag");
        assert_ne!(base, key(1, true, &["other.html", "{}"]), "template");
        assert_ne!(base, key(1, true, &["{}", "page.html"]), "order");
        // Parts are separated: moving text from one part to the next changes the key.
        assert_ne!(key(0, false, &["ab", "c"]), key(0, false, &["a", "bc"]));
    }
}
