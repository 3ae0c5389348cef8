//! Integration tests of the host against the real guest image: one binary, a module per area.

mod abi;
mod interface;
mod lifecycle;
mod limits;
mod snapshots;

use jscell_host::wire::{Item, Reader, Writer};
use jscell_host::{Context, ContextOptions};

/// A fresh context with a random seed.
pub fn context() -> Context {
    Context::new(&ContextOptions::default()).expect("a context")
}

/// The single item an encoded answer holds.
pub fn item(encoded: &[u8]) -> Item<'_> {
    let mut reader = Reader::new(encoded);
    let item = reader.item().expect("a value");
    reader.finish().expect("one value");
    item
}

/// Encoded call arguments: an array of small integers.
pub fn int_args(values: &[i64]) -> Vec<u8> {
    let mut w = Writer::new();
    w.array(values.len() as u32);
    for &v in values {
        w.int(v);
    }
    w.into_vec()
}
