//! Hash tables that `build.rs` writes (format in its `hash_table`) and that are probed in
//! place, so loading them costs nothing.

/// FNV-1a's starting state.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a, for callers that hash a key while they build it.
#[inline]
pub fn fnv1a_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a, as `build.rs` hashes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_START, |h, &b| fnv1a_step(h, b))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// An embedded table of byte keys to values of `value_len` bytes.
#[derive(Clone)]
pub struct EmbeddedTable {
    table: &'static [u8],
    slots: usize,
    value_len: usize,
}

impl EmbeddedTable {
    pub fn new(table: &'static [u8], value_len: usize) -> EmbeddedTable {
        let slots = u32_at(table, 0).expect("embedded table has a header") as usize;
        assert!(slots.is_power_of_two(), "embedded table is valid");
        EmbeddedTable {
            table,
            slots,
            value_len,
        }
    }

    /// The value stored under `key`.
    pub fn get(&self, key: &[u8]) -> Option<&'static [u8]> {
        self.get_hashed(key, fnv1a(key))
    }

    /// The value stored under `key`, whose FNV-1a hash is `hash`.
    pub fn get_hashed(&self, key: &[u8], hash: u64) -> Option<&'static [u8]> {
        let records = 4 + self.slots * 4;
        let mut slot = (hash as usize) & (self.slots - 1);
        for _ in 0..self.slots {
            let offset = u32_at(self.table, 4 + slot * 4)?;
            if offset == u32::MAX {
                return None;
            }
            let at = records + offset as usize;
            let len = usize::from(*self.table.get(at)?);
            if self.table.get(at + 1..at + 1 + len) == Some(key) {
                return self.table.get(at + 1 + len..at + 1 + len + self.value_len);
            }
            slot = (slot + 1) & (self.slots - 1);
        }
        None
    }
}
