//! The JSON encoder of the output: byte for byte what serde_json writes (compact, and pretty
//! with two-space indents), into one buffer that may be handed on to a writer in pieces.
//!
//! serde_json's generic serializer was a tenth of the run time (issue 6): every field went
//! through trait objects for the formatter and writer, and strings were escaped a byte at a
//! time. Here strings are checked eight bytes at a time and copied in runs. The documents
//! themselves are written by `direct.rs`; the wire types of `wire.rs` still derive
//! `Serialize`, and the tests below check that both give the same bytes.

use std::io::{self, Write};

use super::wire::Id;

/// A JSON text being written.
pub struct Json<'o> {
    out: &'o mut Vec<u8>,
    pretty: bool,
    /// Open objects and arrays.
    depth: usize,
    /// Nothing has been written yet in the innermost open object or array.
    first: bool,
    /// Where `out` is passed on once it holds [`Json::drain_at`] bytes, so that a large
    /// document never sits whole in memory; `None` keeps everything in `out`.
    sink: Option<&'o mut dyn Write>,
    drain_at: usize,
    /// The first error of the sink; later output is dropped.
    error: Option<io::Error>,
}

impl<'o> Json<'o> {
    /// Writes into `out` only.
    pub fn new(out: &'o mut Vec<u8>, pretty: bool) -> Json<'o> {
        Json {
            out,
            pretty,
            depth: 0,
            first: true,
            sink: None,
            drain_at: usize::MAX,
            error: None,
        }
    }

    /// Writes through `out` to `sink` in pieces of about `out`'s capacity; call
    /// [`Json::finish`] at the end.
    pub fn streaming(out: &'o mut Vec<u8>, pretty: bool, sink: &'o mut dyn Write) -> Json<'o> {
        let drain_at = out.capacity().max(1);
        Json {
            sink: Some(sink),
            drain_at,
            ..Json::new(out, pretty)
        }
    }

    /// Writes `value` as the whole JSON text.
    pub fn value<T: ToJson + ?Sized>(&mut self, value: &T) {
        value.write(self);
    }

    /// Passes what is left to the sink; the first write error of the whole text, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.drain();
        self.error.map_or(Ok(()), Err)
    }

    /// Passes the buffer to the sink, if there is one.
    #[cold]
    fn drain(&mut self) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        if self.error.is_none() {
            if let Err(e) = sink.write_all(self.out) {
                self.error = Some(e);
            }
        }
        self.out.clear();
    }

    /// An object whose members `members` writes with [`Json::field`].
    pub(super) fn object(&mut self, members: impl FnOnce(&mut Self)) {
        self.open(b'{');
        members(self);
        self.close(b'}');
    }

    /// A member of the current object.
    // Always inlined: the key is then a constant, and copying it a few stores, not a call.
    #[inline(always)]
    pub(super) fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write(self);
    }

    /// The key of a member of the current object, whose value is written next.
    #[inline(always)]
    pub(super) fn key(&mut self, key: &str) {
        // Keys are our own field names: nothing to escape.
        debug_assert!(key.bytes().all(|b| ESCAPE[usize::from(b)] == 0));
        // In compact output, `,"key":` goes into room made once (see [`Json::range`]); the
        // test on the key's length is settled when this is inlined with a literal key.
        const ROOM: usize = 16;
        if !self.pretty && key.len() <= ROOM - 4 {
            let at = self.out.len();
            self.out.extend_from_slice(&[0; ROOM]);
            let room = &mut self.out[at..];
            room[0] = b',';
            let quote = usize::from(!self.first);
            self.first = false;
            room[quote] = b'"';
            let end = quote + 1 + key.len();
            room[quote + 1..end].copy_from_slice(key.as_bytes());
            room[end..end + 2].copy_from_slice(b"\":");
            self.out.truncate(at + end + 2);
            return;
        }
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        if self.pretty {
            self.out.push(b' ');
        }
    }

    /// A member written only when there is a value (`skip_serializing_if = "Option::is_none"`).
    #[inline]
    pub(super) fn field_if_some<T: ToJson>(&mut self, key: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(key, v);
        }
    }

    #[inline]
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    #[inline]
    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && !self.first {
            self.new_line();
        }
        self.out.push(bracket);
        // The enclosing object or array now holds at least this value.
        self.first = false;
    }

    /// An array of `items`, each written by `element`.
    pub(super) fn array<I: IntoIterator>(
        &mut self,
        items: I,
        mut element: impl FnMut(&mut Self, I::Item),
    ) {
        self.open(b'[');
        for item in items {
            // Between elements, the place to hand a full buffer on: a document is mostly lists
            // of small objects, so pieces stay near the buffer's size.
            if self.out.len() >= self.drain_at {
                self.drain();
            }
            self.separate();
            element(self, item);
        }
        self.close(b']');
    }

    /// What comes before a member or element: a comma after the first, and in pretty output
    /// a new indented line.
    #[inline(always)]
    fn separate(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        if self.pretty {
            self.new_line();
        }
        self.first = false;
    }

    #[inline]
    fn new_line(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// The members `"start":start,"end":end`, every span's first two. In compact output they
    /// go into room made once, not a push at a time: a tenth of the output's cost was the
    /// buffer's length and capacity bookkeeping of small pushes (issue 6).
    pub(super) fn range(&mut self, start: usize, end: usize) {
        if self.pretty {
            self.field("start", &start);
            self.field("end", &end);
            return;
        }
        const START: &[u8] = b"\"start\":";
        const END: &[u8] = b",\"end\":";
        const ROOM: usize = 1 + START.len() + MAX_DECIMAL + END.len() + MAX_DECIMAL;
        let at = self.out.len();
        self.out.extend_from_slice(&[0; ROOM]);
        let room = &mut self.out[at..];
        let mut len = 0;
        if !self.first {
            room[0] = b',';
            len = 1;
        }
        self.first = false;
        room[len..len + START.len()].copy_from_slice(START);
        len += START.len();
        len += put_decimal(&mut room[len..], start);
        room[len..len + END.len()].copy_from_slice(END);
        len += END.len();
        len += put_decimal(&mut room[len..], end);
        self.out.truncate(at + len);
    }

    #[inline]
    pub(super) fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    #[inline]
    fn string(&mut self, s: &str) {
        write_escaped(self.out, s);
    }

    #[inline]
    fn integer(&mut self, n: usize) {
        push_decimal(self.out, n);
    }
}

/// Appends `n` in decimal.
#[inline(always)]
fn push_decimal(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    // Room for any usize, then cut to size: a copy of fixed length compiles to a few stores,
    // where copying just the digits was a call to memcpy per number.
    let start = out.len();
    out.extend_from_slice(&[0; MAX_DECIMAL]);
    let len = put_decimal(&mut out[start..], n);
    out.truncate(start + len);
}

/// The most digits a usize has.
const MAX_DECIMAL: usize = 20;

/// Writes `n` in decimal at the start of `room` (at least [`MAX_DECIMAL`] bytes), two digits
/// a step as the `itoa` crate does; the number of digits.
#[inline(always)]
fn put_decimal(room: &mut [u8], mut n: usize) -> usize {
    const PAIRS: &[u8; 200] = b"\
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let len = decimal_len(n);
    let digits = &mut room[..len];
    let mut at = len;
    while n >= 100 {
        let pair = 2 * (n % 100);
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        digits[..2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
    } else {
        digits[0] = b'0' + n as u8;
    }
    len
}

/// The number of decimal digits of `n` (at least 1), from its bit length rather than a
/// division per digit: `bits * 1233 >> 12` is `floor(bits * log10(2))`, one short of the
/// count or exact.
#[inline(always)]
fn decimal_len(n: usize) -> usize {
    const POWERS: [u64; 20] = {
        let mut p = [1u64; 20];
        let mut i = 1;
        while i < 20 {
            p[i] = p[i - 1] * 10;
            i += 1;
        }
        p
    };
    // `n | 1` has as many digits as `n` (a power of ten is even) and is never 0.
    let n = n | 1;
    let bits = usize::BITS - n.leading_zeros();
    let guess = ((bits * 1233) >> 12) as usize;
    guess + usize::from(n as u64 >= POWERS[guess])
}

/// What serde_json writes after a backslash for each byte, or 0 when the byte goes as it is:
/// `"`, `\`, and the control characters below 0x20 (short forms where JSON has them, else
/// `\u00XX`). Bytes from 0x7F up go raw, except [`SEPARATOR`]'s.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0x85] = SEPARATOR;
    table[0xA8] = SEPARATOR;
    table[0xA9] = SEPARATOR;
    table
};

/// The last byte of U+0085 (C2 85), U+2028 (E2 80 A8) or U+2029 (E2 80 A9) maybe: valid JSON
/// raw, but line splitters (Python's `str.splitlines`, JavaScript before ES2019) break a
/// JSON Lines line at them, so they are escaped (issue 11). Their last byte is flagged, not
/// their first: E2 and C2 also start curly quotes, dashes, `€`, `£` and NBSP, which are common
/// in news text; A8, A9 and 85 end few characters (`é` is one).
const SEPARATOR: u8 = b'S';

/// Where the separator whose last byte is at `i` starts, and its escape; `None` when the byte
/// ends some other character.
fn separator_at(bytes: &[u8], i: usize) -> Option<(usize, &'static [u8])> {
    match (bytes[i], i.checked_sub(2).map(|j| &bytes[j..i])) {
        (0x85, _) if i > 0 && bytes[i - 1] == 0xC2 => Some((i - 1, b"\\u0085")),
        (0xA8, Some([0xE2, 0x80])) => Some((i - 2, b"\\u2028")),
        (0xA9, Some([0xE2, 0x80])) => Some((i - 2, b"\\u2029")),
        _ => None,
    }
}

/// Whether any of the eight bytes of `word` needs escaping. Bit tricks from "Bit Twiddling
/// Hacks" (haszero, hasless): exact for the word as a whole, which is all we ask.
fn any_needs_escape(word: u64) -> bool {
    escape_flags(word) != 0
}

/// Not zero when some byte of `word` needs escaping (see [`any_needs_escape`]).
#[inline(always)]
fn escape_flags(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGHS;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    // A8 or A9 (the low bit cleared), or 85: a separator's last byte, maybe.
    let a8_a9 = (word & !ONES) ^ (ONES * 0xA8);
    let x85 = word ^ (ONES * 0x85);
    // One test for all the conditions: fewer branches in the hottest loop of the output.
    below(word, 0x20) | below(quote, 1) | below(backslash, 1) | below(a8_a9, 1) | below(x85, 1)
}

fn word_at(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().expect("eight bytes"))
}

/// Appends `s` as a quoted JSON string, escaped exactly as serde_json escapes it and with the
/// line separators of [`SEPARATOR`] escaped too. Runs of bytes
/// that need no escape (nearly all of a news text) are found eight at a time and copied whole.
pub fn write_escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `bytes[copied..at]` needs no escape and is not yet written.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Sixteen bytes a step while they last: one test and branch for two words (claims'
        // texts are long).
        if let Some(chunk) = bytes.get(at..at + 16) {
            if escape_flags(word_at(&chunk[..8])) | escape_flags(word_at(&chunk[8..])) == 0 {
                at += 16;
                continue;
            }
        }
        // The next eight bytes; near the end, the last eight, overlapping bytes already seen,
        // so that a string's tail is not read a byte at a time.
        let window = at.min(bytes.len().saturating_sub(8));
        if let Some(chunk) = bytes.get(window..window + 8) {
            if !any_needs_escape(word_at(chunk)) {
                at = window + 8;
                continue;
            }
        }
        // A chunk with something to escape, or the last few bytes: one byte at a time.
        let end = (at + 8).min(bytes.len());
        for i in at..end {
            let b = bytes[i];
            let escape = ESCAPE[usize::from(b)];
            if escape == 0 {
                continue;
            }
            if escape == SEPARATOR {
                // Its first bytes are not escapes, so nothing from them on is written yet.
                if let Some((start, escaped)) = separator_at(bytes, i) {
                    out.extend_from_slice(&bytes[copied..start]);
                    out.extend_from_slice(escaped);
                    copied = i + 1;
                }
                continue;
            }
            out.extend_from_slice(&bytes[copied..i]);
            copied = i + 1;
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            } else {
                out.extend_from_slice(&[b'\\', escape]);
            }
        }
        at = end;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Escapes the line separators of [`SEPARATOR`] in JSON that serde_json wrote (error records,
/// the diff report), as [`write_escaped`] does in documents. Outside strings JSON holds only
/// ASCII, so every such character found is inside a string.
pub fn escape_separators(json: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut copied = 0;
    for i in memchr::memchr2_iter(0xC2, 0xE2, &json) {
        let len = match json[i..] {
            [0xC2, 0x85, ..] => 2,
            [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
            _ => continue,
        };
        let (_, escaped) = separator_at(&json, i + len - 1).expect("a separator ends here");
        out.extend_from_slice(&json[copied..i]);
        out.extend_from_slice(escaped);
        copied = i + len;
    }
    if copied == 0 {
        return json;
    }
    out.extend_from_slice(&json[copied..]);
    out
}

/// A value that can write itself as JSON.
pub trait ToJson {
    fn write(&self, json: &mut Json);
}

impl ToJson for str {
    #[inline]
    fn write(&self, json: &mut Json) {
        json.string(self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write(&self, json: &mut Json) {
        (**self).write(json);
    }
}

impl ToJson for usize {
    #[inline]
    fn write(&self, json: &mut Json) {
        json.integer(*self);
    }
}

impl ToJson for u32 {
    fn write(&self, json: &mut Json) {
        json.integer(*self as usize);
    }
}

impl ToJson for bool {
    fn write(&self, json: &mut Json) {
        json.out
            .extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl ToJson for f64 {
    fn write(&self, json: &mut Json) {
        // Shortest round-trip digits (and `null` for NaN and infinities) exactly as serde_json
        // prints them: figures are few, so borrowing its float printer costs nothing.
        serde_json::to_writer(&mut *json.out, self).expect("writing to memory cannot fail");
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write(&self, json: &mut Json) {
        match self {
            Some(v) => v.write(json),
            None => json.null(),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write(&self, json: &mut Json) {
        json.array(self, |j, item| item.write(j));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, json: &mut Json) {
        self.as_slice().write(json);
    }
}

impl ToJson for Id {
    fn write(&self, json: &mut Json) {
        json.out.extend_from_slice(&[b'"', self.prefix()]);
        push_decimal(json.out, self.number());
        json.out.push(b'"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{
        Claim, ClaimKind, DateSource, Document, Entity, EntityType, Figure, Header, Mention,
        Qualifier, ReportClass, Source, Span, Time, TimeType,
    };
    use crate::extractor::Extractor;
    use crate::output::{to_wire, DocumentJson};

    fn ours<T: ToJson + ?Sized>(value: &T, pretty: bool) -> String {
        let mut out = Vec::new();
        Json::new(&mut out, pretty).value(value);
        String::from_utf8(out).expect("UTF-8")
    }

    fn serde<T: serde::Serialize + ?Sized>(value: &T, pretty: bool) -> String {
        if pretty {
            serde_json::to_string_pretty(value).unwrap()
        } else {
            serde_json::to_string(value).unwrap()
        }
    }

    fn assert_same<T: ToJson + serde::Serialize + ?Sized>(value: &T) {
        for pretty in [false, true] {
            assert_eq!(
                ours(value, pretty),
                serde(value, pretty),
                "pretty: {pretty}"
            );
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let cases = [
            "",
            "plain words, long enough to take the eight-byte path twice",
            "\"quoted\" and back\\slash",
            "tab\tnew\nline\rreturn\u{8}backspace\u{c}feed\u{0}nul\u{1f}unit\u{7f}del",
            "é’€𝄞 non-ASCII goes raw, \"even\" next to\u{1}escapes",
            "12345678\"2345678\\234567\n",
            "1234567\"",
            "\u{1}",
            &every_ascii,
        ];
        for case in cases {
            // Every alignment of the escapes against the eight-byte chunks.
            for pad in 0..9 {
                let s = format!("{}{case}", "x".repeat(pad));
                assert_same(s.as_str());
            }
        }
    }

    /// serde_json's text with the line separators escaped, as claimex writes them.
    fn serde_escaped(value: &str, pretty: bool) -> String {
        let json = serde(value, pretty).into_bytes();
        String::from_utf8(escape_separators(json)).unwrap()
    }

    #[test]
    fn line_separators_are_escaped() {
        let cases = [
            "a\u{2028}b\u{2029}c\u{85}d",
            "\u{2028}",
            "\u{85}",
            "long enough for sixteen bytes a step\u{2029} and more after it, then\u{85}",
            // Their last bytes ending other characters: é (C3 A9), © (C2 A9), ą (C4 85), ‧ (E2 80 A7),
            // 㨀 (E3 A8 80), and the lead bytes of ’ and NBSP.
            "café © ą ‧ 㨀 ’ \u{a0} ‰ \u{202a}",
        ];
        for case in cases {
            for pad in 0..17 {
                let s = format!("{}{case}", "x".repeat(pad));
                for pretty in [false, true] {
                    let ours = ours(s.as_str(), pretty);
                    assert_eq!(ours, serde_escaped(&s, pretty), "{s:?}");
                    assert!(!ours.contains(['\u{2028}', '\u{2029}', '\u{85}']), "{ours}");
                    let back: String = serde_json::from_str(&ours).unwrap();
                    assert_eq!(back, s);
                }
            }
        }
        assert_eq!(
            serde_escaped("\u{2028}\u{85}x", false),
            r#""\u2028\u0085x""#
        );
    }

    #[test]
    fn decimal_lengths_are_exact_at_every_power_of_ten() {
        let mut cases = vec![0usize, 1, usize::MAX];
        let mut p = 1usize;
        while let Some(next) = p.checked_mul(10) {
            cases.extend([p - 1, p, p + 1, next - 1]);
            p = next;
        }
        cases.extend((0..64).map(|b| 1usize << b));
        for n in cases {
            assert_eq!(decimal_len(n), n.to_string().len(), "{n}");
        }
    }

    #[test]
    fn the_eight_byte_test_agrees_with_the_table() {
        // Every byte at every position, among fillers that stress the borrows of the trick.
        for filler in [
            b'a', 0x00, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0x84, 0x86, 0xA7, 0xA8,
            0xAA, 0xFF,
        ] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let naive = bytes.iter().any(|&b| ESCAPE[usize::from(b)] != 0);
                    assert_eq!(
                        any_needs_escape(u64::from_le_bytes(bytes)),
                        naive,
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_and_literals_match_serde_json() {
        for n in [
            0usize,
            7,
            10,
            99,
            100,
            101,
            999,
            1000,
            12_345,
            100_000,
            usize::MAX,
        ] {
            assert_same(&n);
        }
        for v in [
            0.0,
            -0.0,
            1.0,
            0.5,
            -12.75,
            1e21,
            1.5e-7,
            2.3e6,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_same(&v);
            assert_same(&Some(v));
        }
        assert_same(&None::<f64>);
        assert_same(&true);
        assert_same(&false);
        assert_same(&Vec::<usize>::new());
        assert_same(&vec![Vec::<usize>::new(), vec![1, 2]]);
    }

    /// Every optional field set, and every one missing.
    /// Our document encoder writes what serde_json writes for the document's wire form.
    fn assert_same_document(id: &str, text: &str, doc: &Document) {
        for explain in [false, true] {
            for pretty in [false, true] {
                assert_eq!(
                    ours(&DocumentJson::new(id, text, doc, explain), pretty),
                    serde(&to_wire(id, text, doc, explain), pretty),
                    "explain: {explain}, pretty: {pretty}"
                );
            }
        }
    }

    #[test]
    fn full_and_empty_documents_match_serde_json() {
        let text = "Title\nJo said \"£2.5bn\" was é’ too\tmuch.\nShe said no.";
        let at = |part: &str| {
            let start = text.find(part).expect("part of the text");
            Span::new(start, start + part.len())
        };
        let mention = |part: &str| Mention {
            span: at(part),
            via: "gazetteer".into(),
            kind: Default::default(),
        };
        let full_claim = Claim {
            fragments: vec![at("£2.5bn"), at("too\tmuch")],
            cue: Some(at("said")),
            cue_class: Some(ReportClass::Belief),
            source: Some(Source {
                span: at("Jo"),
                entity: Some(11),
                role: Some(at("é’")),
                affiliation: Some(0),
                entities: vec![11, 0],
            }),
            hedges: vec!["may".into(), "reportedly".into()],
            figures: vec![0, 9],
            entities: vec![99],
            time: Some(0),
            period: Some(0),
            ..Claim::whole(
                at("\"£2.5bn\" was é’ too\tmuch."),
                ClaimKind::Mixed,
                "reported:said",
            )
        };
        let bare_claim = Claim::whole(at("no"), ClaimKind::Indirect, "unattributed");
        let full = Document {
            header: Header {
                date: Some("2024-01-02".into()),
                title: Some(at("Title")),
            },
            sentences: vec![at("Title\n"), at("Jo said \"£2.5bn\" was é’ too\tmuch.\n")],
            entities: vec![
                Entity {
                    entity_type: EntityType::Person,
                    subtype: Some("politician".into()),
                    name: "Jo \"JB\" Bloggs".into(),
                    kb_id: Some("Q1".into()),
                    mentions: vec![mention("Jo"), mention("She")],
                },
                Entity {
                    entity_type: EntityType::Place,
                    subtype: None,
                    name: "É’".into(),
                    kb_id: None,
                    mentions: vec![mention("é’")],
                },
            ],
            figures: vec![Figure {
                span: at("£2.5bn"),
                value: Some(2.5e9),
                low: Some(0.1),
                high: None,
                qualifier: Some(Qualifier::About),
                approximate: true,
                unit: Some("GBP".into()),
                period: Some(0),
                via: "figure:money".into(),
            }],
            claims: vec![full_claim, bare_claim],
            times: vec![Time {
                span: at("Title"),
                time_type: TimeType::Duration,
                value: "P3W".into(),
                relative: false,
            }],
            date: Some(("2024-01-02".into(), DateSource::Header)),
        };
        assert_same_document("dir/näme\\1.txt", text, &full);
        assert_same_document("", "", &Document::default());
    }

    #[test]
    fn extracted_documents_match_serde_json() {
        let extractor = Extractor::new(&Default::default()).expect("default extractor");
        let texts = [
            "",
            "date 2024-03-01 Council budget\nThe council said it would spend £2.5m, about 40% more.",
            "\"We will not stop,\" said Ana López, the union's leader. Nearly 300 workers – \
             a third of the staff – walked out.\r\n\r\nPolice said two\tpeople were hurt.",
            "According to the ministry, between 10 and 15 schools closed; “it is temporary”.",
        ];
        for text in texts {
            assert_same_document("id", text, &extractor.extract(text));
        }
    }

    #[test]
    fn streamed_output_is_the_same_in_any_piece_size() {
        let extractor = Extractor::new(&Default::default()).expect("default extractor");
        let text = "The mayor said 40 people, about a third, had left. ".repeat(20);
        let doc = extractor.extract(&text);
        let wire = DocumentJson::new("id", &text, &doc, true);
        for pretty in [false, true] {
            let whole = ours(&wire, pretty);
            for piece in [1, 7, 64, 1 << 20] {
                let mut sink = Vec::new();
                let mut out = Vec::with_capacity(piece);
                let mut json = Json::streaming(&mut out, pretty, &mut sink);
                json.value(&wire);
                json.finish().expect("a Vec takes everything");
                assert_eq!(String::from_utf8(sink).unwrap(), whole, "pieces of {piece}");
            }
        }
    }

    /// Takes `room` bytes, then fails as a full disk does.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::ErrorKind::StorageFull.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_sink_reports_its_error_at_the_end() {
        let wire = vec![12345usize; 50];
        let size = ours(&wire, false).len();
        for (room, fails) in [(0, true), (10, true), (size - 1, true), (size, false)] {
            let mut sink = Full { room };
            let mut out = Vec::with_capacity(16);
            let mut json = Json::streaming(&mut out, false, &mut sink);
            json.value(&wire);
            let result = json.finish();
            assert_eq!(result.is_err(), fails, "room for {room} of {size} bytes");
            if let Err(e) = result {
                assert_eq!(e.kind(), io::ErrorKind::StorageFull);
            }
        }
    }
}
