//! The value encoding that crosses the sandbox wall, in both directions.
//!
//! A value travels Python → `jscell-python` (writes this format) → `jscell-host` (copies the bytes into guest
//! memory) → `jscell-engine` (reads it into QuickJS), and back the same way. Both ends use this one crate, so
//! the format lives in exactly one place.
//!
//! # Format
//!
//! A value is a one-byte tag followed by its payload. Integers and floats are little-endian; a length or count
//! is a `u32`.
//!
//! | tag | name        | payload                                   | JS side                      | Python side        |
//! |-----|-------------|-------------------------------------------|------------------------------|--------------------|
//! | 0   | `UNDEFINED` | —                                         | `undefined`                  | `None`             |
//! | 1   | `NULL`      | —                                         | `null`                       | `None`             |
//! | 2   | `FALSE`     | —                                         | `false`                      | `False`            |
//! | 3   | `TRUE`      | —                                         | `true`                       | `True`             |
//! | 4   | `INT`       | `i64`, always a safe integer (\|n\| < 2⁵³) | number                       | `int`              |
//! | 5   | `FLOAT`     | `f64`                                     | number                       | `float`            |
//! | 6   | `BIGINT`    | len + ASCII decimal, optional leading `-` | BigInt                       | `int`              |
//! | 7   | `STRING`    | len + WTF-8 bytes                         | string                       | `str`              |
//! | 8   | `BYTES`     | len + raw bytes                           | `Uint8Array` (typed arrays and `ArrayBuffer` → bytes) | `bytes` |
//! | 9   | `ARRAY`     | count + that many values                  | Array                        | `list`             |
//! | 10  | `OBJECT`    | count + that many (key, value) pairs; a key is len + WTF-8 bytes, with no tag | plain object | `dict` |
//! | 11  | `DATE`      | `f64` milliseconds since the Unix epoch   | `Date`                       | aware `datetime`   |
//!
//! Strings are WTF-8: UTF-8 that may also hold lone surrogates (U+D800..U+DFFF as three bytes), because both
//! JS strings and Python `str` can hold them.
//!
//! # Results
//!
//! Every fallible guest export answers with one [`Status`] byte followed by its payload. The status says what
//! happened; nothing about an outcome is ever told by matching an error's name or message.
//! - [`Status::Ok`]: one value.
//! - An exception status ([`Status::Thrown`], [`Status::SyntaxError`], [`Status::OutOfMemory`],
//!   [`Status::Stopped`], [`Status::CallbackError`], [`Status::Terminated`]): the JS exception, as four values: name (`STRING`, or
//!   `NULL` when the thrown value is not an `Error`), message (`STRING`), stack (`STRING`), and the thrown value
//!   itself (`UNDEFINED` for an `Error` or a value that cannot be converted).
//! - [`Status::Unconvertible`]: the result could not be converted; UTF-8 text saying what and where.
//! - [`Status::Invalid`]: the request itself was malformed; UTF-8 text.
//!
//! The guest interface itself (exports, imports, buffers) is declared in [`abi`].
//!
//! # Trust
//!
//! [`Reader`] never trusts its input: every length is checked against the bytes that are left, counts cannot
//! promise more items than the bytes could hold, and no method panics. The host decodes guest output with it.

use std::fmt;

pub mod abi;

/// How deep arrays and objects may nest, in either direction.
///
/// Python's own `json` module stops near 1,000 too; deeper data is almost always a cycle or an attack, and
/// each level costs native stack on whichever side walks it.
pub const MAX_DEPTH: usize = 1000;

/// Limits both sides must agree on: the guest starts with them (they are in the snapshot), and the host only
/// asks for others.
pub mod limits {
    /// QuickJS's heap limit when the caller sets none, in bytes.
    pub const DEFAULT_MEMORY_LIMIT: u32 = 512 << 20;
    /// The largest stack limit a caller may set, in bytes: the guest's shadow stack is 1 MiB, and the rest is
    /// for native code that runs past QuickJS's last check.
    pub const MAX_STACK_LIMIT: u32 = 896 << 10;
    /// QuickJS's stack limit when the caller sets none, in bytes.
    pub const DEFAULT_STACK_LIMIT: u32 = 768 << 10;
}

/// The largest safe integer, `2**53 - 1`: beyond it a JS number cannot hold every integer.
/// A callback name (`jscell_define`) or a call path (`jscell_call`) that starts with this byte names a member of
/// the web platform's internal object (by the rest), instead of a global. Only the host can name it: page code
/// cannot see or replace what is there. `Context(on_request=...)` reaches `fetch` this way, and
/// `Context(browser=...)` installs the browser.
pub const INTERNAL: u8 = 0;

pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The tag bytes. See the table in the crate documentation.
pub mod tag {
    /// JS `undefined`.
    pub const UNDEFINED: u8 = 0;
    /// JS `null`.
    pub const NULL: u8 = 1;
    /// `false`.
    pub const FALSE: u8 = 2;
    /// `true`.
    pub const TRUE: u8 = 3;
    /// A safe integer, as `i64`.
    pub const INT: u8 = 4;
    /// A float, as `f64`.
    pub const FLOAT: u8 = 5;
    /// A BigInt, as ASCII decimal.
    pub const BIGINT: u8 = 6;
    /// A string, as WTF-8.
    pub const STRING: u8 = 7;
    /// Raw bytes.
    pub const BYTES: u8 = 8;
    /// An array: count, then items.
    pub const ARRAY: u8 = 9;
    /// A plain object: count, then (key, value) pairs.
    pub const OBJECT: u8 = 10;
    /// A date, as `f64` milliseconds since the epoch.
    pub const DATE: u8 = 11;
}

/// Flags of the guest's `jscell_eval` and `jscell_call` exports, or-ed together.
pub mod flags {
    /// `jscell_eval`: keep the source's declarations local to this run (`evaluate`) instead of running it as a
    /// global script (`compile`).
    pub const LOCAL: u32 = 1;
    /// Encode the completion value or return value; without it the answer is `undefined`.
    pub const RESULT: u32 = 2;
    /// If the value is a Promise, run the job queue (and timers) until it settles and answer with its outcome.
    pub const AWAIT: u32 = 4;
    /// Keep the timers still pending when the call returns, instead of cancelling them.
    pub const KEEP_TIMERS: u32 = 8;
}

/// The levels of the `jscell.console` import: which `console` method wrote the message.
pub mod console_level {
    /// `console.log`.
    pub const LOG: u32 = 0;
    /// `console.info`.
    pub const INFO: u32 = 1;
    /// `console.warn`.
    pub const WARN: u32 = 2;
    /// `console.error`.
    pub const ERROR: u32 = 3;
    /// `console.debug`.
    pub const DEBUG: u32 = 4;
}

/// Operations of the guest's `jscell_global` export on one property of the global object.
pub mod global_op {
    /// Answers whether the property exists (`true`/`false`).
    pub const HAS: u32 = 0;
    /// Answers the property's value (`undefined` when it does not exist).
    pub const GET: u32 = 1;
    /// Sets the property to the encoded value that follows the name; answers `undefined`.
    pub const SET: u32 = 2;
    /// Deletes the property; answers whether it is gone (`false` for a non-configurable one).
    pub const DELETE: u32 = 3;
    /// Answers the names of the global object's own enumerable string-keyed properties, as an array of
    /// strings; the name is empty.
    pub const KEYS: u32 = 4;
}

/// Operations of the guest's `jscell_hook_data` export on the hook data `$storeResult` and `$terminate` store.
pub mod hook_op {
    /// Answers the stored JSON text (a string), or `null` when nothing is stored.
    pub const GET: u32 = 0;
    /// Forgets the stored data; answers `undefined`.
    pub const CLEAR: u32 = 1;
}

/// The first byte of every guest answer: what happened. See the crate documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// One value follows.
    Ok = 0,
    /// JS threw and nothing caught it; the exception follows.
    Thrown = 1,
    /// The result could not be converted; UTF-8 text follows.
    Unconvertible = 2,
    /// The request was malformed; UTF-8 text follows.
    Invalid = 3,
    /// Source given to the guest did not parse; the parser's exception follows.
    SyntaxError = 4,
    /// QuickJS ran out of its memory limit and nothing caught that error (the very error object QuickJS threw,
    /// recognised by identity); the exception follows.
    OutOfMemory = 5,
    /// The host asked the guest to stop (a time limit, an interrupt) and it did; the uncatchable error follows.
    Stopped = 6,
    /// A host callback failed and nothing caught the error the guest made of it; the exception follows.
    CallbackError = 7,
    /// JS called `$terminate`, which stopped all JS at once; the uncatchable error follows.
    Terminated = 8,
}

impl Status {
    /// The status for a byte, if it is one.
    pub fn from_byte(byte: u8) -> Option<Status> {
        Some(match byte {
            0 => Status::Ok,
            1 => Status::Thrown,
            2 => Status::Unconvertible,
            3 => Status::Invalid,
            4 => Status::SyntaxError,
            5 => Status::OutOfMemory,
            6 => Status::Stopped,
            7 => Status::CallbackError,
            8 => Status::Terminated,
            _ => return None,
        })
    }
}

/// One step of splitmix64: advances `state` and returns the next 64 random bits. Both sides use it: the host
/// for WASI's random bytes, the guest to turn a seed into its generator's state.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Encoded bytes that do not follow the format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    /// Where in the input the problem was found.
    pub offset: usize,
    /// What was wrong there.
    pub reason: &'static str,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed value at byte {}: {}", self.offset, self.reason)
    }
}

impl std::error::Error for WireError {}

/// Appends encoded values to a byte buffer.
///
/// The writer does not check structure: the caller writes a count and then exactly that many items.
/// [`Reader`] checks it on the other side.
#[derive(Default, Debug)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer { buf: Vec::new() }
    }

    /// A writer that appends to `buf` (whose old content is kept).
    pub fn from_vec(buf: Vec<u8>) -> Writer {
        Writer { buf }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Gives the buffer back.
    pub fn into_vec(self) -> Vec<u8> {
        self.buf
    }

    /// How many bytes are written.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Forgets what was written after the first `len` bytes.
    pub fn truncate(&mut self, len: usize) {
        self.buf.truncate(len);
    }

    /// Forgets everything written, keeping the allocation.
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// Appends a raw byte (a [`Status`], for instance).
    pub fn raw_byte(&mut self, byte: u8) {
        self.buf.push(byte);
    }

    /// Overwrites the byte at `index`, which was written before (a status decided only after its payload).
    ///
    /// # Panics
    /// When nothing was written at `index`.
    pub fn set_byte(&mut self, index: usize, byte: u8) {
        self.buf[index] = byte;
    }

    /// Appends raw bytes with no tag or length.
    pub fn raw_bytes(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// `undefined`.
    pub fn undefined(&mut self) {
        self.buf.push(tag::UNDEFINED);
    }

    /// `null`.
    pub fn null(&mut self) {
        self.buf.push(tag::NULL);
    }

    /// A boolean.
    pub fn bool(&mut self, value: bool) {
        self.buf.push(if value { tag::TRUE } else { tag::FALSE });
    }

    /// A safe integer. The caller keeps `|value| <= MAX_SAFE_INTEGER`; larger ones go through [`Writer::bigint`].
    pub fn int(&mut self, value: i64) {
        self.buf.push(tag::INT);
        self.buf.extend_from_slice(&value.to_le_bytes());
    }

    /// A float.
    pub fn float(&mut self, value: f64) {
        self.buf.push(tag::FLOAT);
        self.buf.extend_from_slice(&value.to_le_bytes());
    }

    /// A BigInt, as ASCII decimal digits with an optional leading `-`.
    pub fn bigint(&mut self, decimal: &[u8]) {
        self.tagged_bytes(tag::BIGINT, decimal);
    }

    /// A string, as WTF-8.
    pub fn string(&mut self, wtf8: &[u8]) {
        self.tagged_bytes(tag::STRING, wtf8);
    }

    /// Raw bytes.
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.tagged_bytes(tag::BYTES, bytes);
    }

    /// The start of an array of `count` items.
    pub fn array(&mut self, count: u32) {
        self.buf.push(tag::ARRAY);
        self.buf.extend_from_slice(&count.to_le_bytes());
    }

    /// The start of an object of `count` (key, value) pairs.
    pub fn object(&mut self, count: u32) {
        self.buf.push(tag::OBJECT);
        self.buf.extend_from_slice(&count.to_le_bytes());
    }

    /// An object key, as WTF-8. Its value follows.
    pub fn key(&mut self, wtf8: &[u8]) {
        self.length(wtf8.len());
        self.buf.extend_from_slice(wtf8);
    }

    /// A date, in milliseconds since the epoch.
    pub fn date(&mut self, millis: f64) {
        self.buf.push(tag::DATE);
        self.buf.extend_from_slice(&millis.to_le_bytes());
    }

    fn tagged_bytes(&mut self, tag: u8, bytes: &[u8]) {
        self.buf.push(tag);
        self.length(bytes.len());
        self.buf.extend_from_slice(bytes);
    }

    fn length(&mut self, len: usize) {
        // Lengths above u32::MAX cannot reach this point: both sides refuse buffers of 4 GiB, the size of the
        // guest's whole address space.
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        self.buf.extend_from_slice(&len.to_le_bytes());
    }
}

/// One decoded item. Containers give their count; their items follow from the same [`Reader`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item<'a> {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A safe integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A BigInt's ASCII decimal digits, with an optional leading `-`; checked.
    BigInt(&'a str),
    /// A string's WTF-8 bytes (not checked: each side decodes them with its own rules).
    String(&'a [u8]),
    /// Raw bytes.
    Bytes(&'a [u8]),
    /// An array of this many items.
    Array(u32),
    /// An object of this many (key, value) pairs; read each key with [`Reader::key`].
    Object(u32),
    /// A date, in milliseconds since the epoch.
    Date(f64),
}

/// Reads encoded values from untrusted bytes without ever panicking.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// How far into the input the reader is.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The next item.
    ///
    /// # Errors
    /// When the bytes end early, hold an unknown tag, a bad BigInt, or a count that the remaining bytes could
    /// not hold.
    pub fn item(&mut self) -> Result<Item<'a>, WireError> {
        let at = self.pos;
        let tag = self.byte()?;
        Ok(match tag {
            tag::UNDEFINED => Item::Undefined,
            tag::NULL => Item::Null,
            tag::FALSE => Item::Bool(false),
            tag::TRUE => Item::Bool(true),
            tag::INT => {
                let value = i64::from_le_bytes(self.array_of()?);
                if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&value) {
                    return Err(self.error_at(at, "integer outside the safe range"));
                }
                Item::Int(value)
            }
            tag::FLOAT => Item::Float(f64::from_le_bytes(self.array_of()?)),
            tag::BIGINT => {
                let digits = self.sized()?;
                Item::BigInt(check_decimal(digits).ok_or_else(|| self.error_at(at, "bad BigInt digits"))?)
            }
            tag::STRING => Item::String(self.sized()?),
            tag::BYTES => Item::Bytes(self.sized()?),
            tag::ARRAY => Item::Array(self.count(1)?),
            // A pair takes at least a 4-byte key length and a 1-byte value.
            tag::OBJECT => Item::Object(self.count(5)?),
            tag::DATE => Item::Date(f64::from_le_bytes(self.array_of()?)),
            _ => return Err(self.error_at(at, "unknown tag")),
        })
    }

    /// The next object key's WTF-8 bytes.
    ///
    /// # Errors
    /// When the bytes end early.
    pub fn key(&mut self) -> Result<&'a [u8], WireError> {
        self.sized()
    }

    /// The rest of the input as UTF-8 text (for [`Status::Unconvertible`] and [`Status::Invalid`] payloads);
    /// invalid sequences become U+FFFD.
    pub fn rest_as_text(&mut self) -> String {
        let text = String::from_utf8_lossy(&self.buf[self.pos..]).into_owned();
        self.pos = self.buf.len();
        text
    }

    /// Checks that nothing follows the last item.
    ///
    /// # Errors
    /// When bytes are left over.
    pub fn finish(&self) -> Result<(), WireError> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(self.error_at(self.pos, "trailing bytes after the value"))
        }
    }

    /// Skips one whole value, containers included, checking it as it goes.
    ///
    /// # Errors
    /// As [`Reader::item`], and when nesting exceeds [`MAX_DEPTH`].
    pub fn skip_value(&mut self) -> Result<(), WireError> {
        // Iterative, so hostile nesting costs no native stack. Each frame is (values left, inside an object).
        let mut frames: Vec<(u32, bool)> = vec![(1, false)];
        while let Some(frame) = frames.last_mut() {
            if frame.0 == 0 {
                frames.pop();
                continue;
            }
            frame.0 -= 1;
            if frame.1 {
                self.key()?;
            }
            let nested = match self.item()? {
                Item::Array(n) => (n, false),
                Item::Object(n) => (n, true),
                _ => continue,
            };
            if frames.len() > MAX_DEPTH {
                return Err(self.error_at(self.pos, "nested too deeply"));
            }
            frames.push(nested);
        }
        Ok(())
    }

    fn byte(&mut self) -> Result<u8, WireError> {
        let byte = *self.buf.get(self.pos).ok_or_else(|| self.error_at(self.pos, "unexpected end"))?;
        self.pos += 1;
        Ok(byte)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], WireError> {
        if len > self.remaining() {
            return Err(self.error_at(self.pos, "length runs past the end"));
        }
        let bytes = &self.buf[self.pos..self.pos + len];
        self.pos += len;
        Ok(bytes)
    }

    fn array_of<const N: usize>(&mut self) -> Result<[u8; N], WireError> {
        let bytes = self.take(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_le_bytes(self.array_of()?))
    }

    fn sized(&mut self) -> Result<&'a [u8], WireError> {
        let len = self.u32()? as usize;
        self.take(len)
    }

    fn count(&mut self, min_item_size: usize) -> Result<u32, WireError> {
        let at = self.pos;
        let count = self.u32()?;
        if (count as usize).saturating_mul(min_item_size) > self.remaining() {
            return Err(self.error_at(at, "count larger than the bytes that follow"));
        }
        Ok(count)
    }

    fn error_at(&self, offset: usize, reason: &'static str) -> WireError {
        WireError { offset, reason }
    }
}

/// `digits` as text if it is an optional `-` followed by one or more ASCII digits.
fn check_decimal(digits: &[u8]) -> Option<&str> {
    let body = digits.strip_prefix(b"-").unwrap_or(digits);
    if body.is_empty() || !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = Writer::new();
        w.object(3);
        w.key(b"a");
        w.array(2);
        w.int(1);
        w.float(2.5);
        w.key(b"b");
        w.string("h\u{e9}llo".as_bytes());
        w.key(b"c");
        w.bigint(b"-123456789012345678901234567890");
        w.into_vec()
    }

    #[test]
    fn round_trip_items() {
        let bytes = sample();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.item().unwrap(), Item::Object(3));
        assert_eq!(r.key().unwrap(), b"a");
        assert_eq!(r.item().unwrap(), Item::Array(2));
        assert_eq!(r.item().unwrap(), Item::Int(1));
        assert_eq!(r.item().unwrap(), Item::Float(2.5));
        assert_eq!(r.key().unwrap(), b"b");
        assert_eq!(r.item().unwrap(), Item::String("h\u{e9}llo".as_bytes()));
        assert_eq!(r.key().unwrap(), b"c");
        assert_eq!(r.item().unwrap(), Item::BigInt("-123456789012345678901234567890"));
        r.finish().unwrap();
    }

    #[test]
    fn skip_value_consumes_exactly_one_value() {
        let mut bytes = sample();
        bytes.push(tag::NULL);
        let mut r = Reader::new(&bytes);
        r.skip_value().unwrap();
        assert_eq!(r.item().unwrap(), Item::Null);
        r.finish().unwrap();
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = sample();
        for cut in 0..bytes.len() {
            let mut r = Reader::new(&bytes[..cut]);
            assert!(r.skip_value().is_err(), "cut at {cut} was accepted");
        }
    }

    #[test]
    fn hostile_counts_and_tags_are_refused() {
        let mut r = Reader::new(&[tag::ARRAY, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(r.item().unwrap_err().reason, "count larger than the bytes that follow");
        let mut r = Reader::new(&[200]);
        assert_eq!(r.item().unwrap_err().reason, "unknown tag");
        let mut w = Writer::new();
        w.bigint(b"12a");
        assert_eq!(Reader::new(w.as_bytes()).item().unwrap_err().reason, "bad BigInt digits");
        let mut w = Writer::new();
        w.raw_byte(tag::INT);
        w.raw_bytes(&(MAX_SAFE_INTEGER + 1).to_le_bytes());
        assert!(Reader::new(w.as_bytes()).item().is_err());
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let mut w = Writer::new();
        for _ in 0..100_000 {
            w.array(1);
        }
        w.null();
        assert_eq!(Reader::new(w.as_bytes()).skip_value().unwrap_err().reason, "nested too deeply");
    }
}
