//! UTF-8 validation of record files and whole pages. The site's text is Russian, where
//! std's validator leaves its ASCII fast path on nearly every byte: at 10,000
//! records that check alone was ~9 % of a build. `simdutf8` validates with SIMD.

use std::string::FromUtf8Error;

/// `std::str::from_utf8`, validated with SIMD; the error tells where valid
/// UTF-8 ends, as std's does.
pub fn str_from(bytes: &[u8]) -> Result<&str, simdutf8::compat::Utf8Error> {
    simdutf8::compat::from_utf8(bytes)
}

/// `String::from_utf8`, validated with SIMD.
pub fn string_from(bytes: Vec<u8>) -> Result<String, FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was validated as UTF-8 just above.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        // The slow path only builds std's error, with its position.
        String::from_utf8(bytes)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_std() {
        for bytes in [
            "Дорожная карта № 3".as_bytes().to_vec(),
            vec![0xD0, 0x94, 0xFF],
            vec![0xE2, 0x80],
            Vec::new(),
        ] {
            let ours = super::string_from(bytes.clone()).map_err(|e| e.utf8_error());
            let std = String::from_utf8(bytes).map_err(|e| e.utf8_error());
            assert_eq!(ours, std);
        }
    }
}
