//! Opaque keyset cursors: the sort key and id of the last row of a page, base64url-encoded.
//! Keyset paging stays fast on deep pages and stable while new rows arrive.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::server::store::{StoreError, StoreResult};

/// Position after which the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    /// Which list this cursor belongs to, so a cursor from another list is refused.
    pub list: String,
    pub key: i64,
    pub id: String,
}

impl Cursor {
    pub fn new(list: &str, key: i64, id: &str) -> Self {
        Cursor {
            list: list.to_string(),
            key,
            id: id.to_string(),
        }
    }

    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}|{}|{}", self.list, self.key, self.id))
    }

    /// Decodes a cursor given by a client for `list`.
    pub fn decode(list: &str, s: &str) -> StoreResult<Self> {
        let raw = URL_SAFE_NO_PAD
            .decode(s.as_bytes())
            .map_err(|_| StoreError::BadCursor)?;
        let text = String::from_utf8(raw).map_err(|_| StoreError::BadCursor)?;
        let mut parts = text.splitn(3, '|');
        let (Some(l), Some(k), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(StoreError::BadCursor);
        };
        if l != list {
            return Err(StoreError::BadCursor);
        }
        let key = k.parse().map_err(|_| StoreError::BadCursor)?;
        Ok(Cursor::new(l, key, id))
    }

    /// Decodes an optional cursor.
    pub fn decode_opt(list: &str, s: Option<&str>) -> StoreResult<Option<Self>> {
        s.map(|s| Self::decode(list, s)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let c = Cursor::new("seizures", 42, "SZ-1");
        assert_eq!(Cursor::decode("seizures", &c.encode()).unwrap(), c);
        assert!(Cursor::decode("traces", &c.encode()).is_err());
        assert!(Cursor::decode("seizures", "!!!").is_err());
        assert!(Cursor::decode("seizures", "bm9wZQ").is_err());
    }
}
