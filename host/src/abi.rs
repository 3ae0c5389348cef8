//! The host's side of the guest ABI: the exports it calls and how it reads their answers.
//!
//! The contract is written down in the guest's `engine-wasm/src/abi.rs`; in short:
//!
//! | export              | signature                                      | answer                     |
//! |---------------------|------------------------------------------------|----------------------------|
//! | `jscell_reserve`    | `(len: i32) -> i32`                            | input buffer address, or 0 |
//! | `jscell_seed`       | `(seed: i64) -> ()`                            | —                          |
//! | `jscell_eval`       | `(flags: i32, len: i32) -> i64`                | `(address << 32) \| length` |
//! | `jscell_call`       | `(flags: i32, path_len: i32, len: i32) -> i64` | `(address << 32) \| length` |
//! | `jscell_gc`         | `() -> ()`                                     | —                          |
//! | `jscell_heap_stats` | `() -> i64`                                    | `(address << 32) \| length` |
//! | `jscell_set_limits` | `(memory: i32, stack: i32) -> ()`              | —                          |
//! | `jscell_global`     | `(op: i32, name_len: i32, len: i32) -> i64`    | `(address << 32) \| length` |
//! | `jscell_define`     | `(id: i32, name_len: i32) -> i64`              | `(address << 32) \| length` |
//! | `jscell_reply`      | `(len: i32) -> i32`, called by `jscell.callback` | reply buffer address, or 0 |
//!
//! It provides jscell's own imports: `jscell.interrupt_requested` and `jscell.sleep` (see `limits`),
//! `jscell.console` (see `console`) and `jscell.callback` (see `callbacks`).
//!
//! `_initialize` and `jscell_init` ran at build time, before the snapshot; they are never called here.
//!
//! Nothing the guest returns is trusted: addresses and lengths are checked against its memory here, and
//! encoded values are checked by `jscell_wire::Reader` as they are decoded.

use jscell_wire::{Item, Reader, Status};
use wasmtime::{Extern, Instance, Memory, Module, ModuleExport, Store, TypedFunc, WasmParams, WasmResults};

use crate::error::{Error, JsException};
use crate::image::State;

/// The names of the exports the host calls.
const EXPORTS: [&str; 10] = [
    "memory",
    "jscell_reserve",
    "jscell_seed",
    "jscell_eval",
    "jscell_call",
    "jscell_gc",
    "jscell_heap_stats",
    "jscell_set_limits",
    "jscell_global",
    "jscell_define",
];

/// Where each export sits in the module, found by name once per process so that contexts skip the lookup.
pub(crate) struct ExportIndices([ModuleExport; 10]);

impl ExportIndices {
    pub fn new(module: &Module) -> Result<ExportIndices, Error> {
        let mut found = Vec::with_capacity(EXPORTS.len());
        for name in EXPORTS {
            let index = module
                .get_export_index(name)
                .ok_or_else(|| Error::Start(format!("the image has no `{name}` export")))?;
            found.push(index);
        }
        let found: [ModuleExport; 10] = found.try_into().map_err(|_| Error::Start("export table".into()))?;
        Ok(ExportIndices(found))
    }
}

/// The guest's exports, as handles into one context's store.
pub(crate) struct Exports {
    pub memory: Memory,
    pub reserve: TypedFunc<u32, u32>,
    pub seed: TypedFunc<u64, ()>,
    pub eval: TypedFunc<(u32, u32), u64>,
    pub call: TypedFunc<(u32, u32, u32), u64>,
    pub gc: TypedFunc<(), ()>,
    pub heap_stats: TypedFunc<(), u64>,
    pub set_limits: TypedFunc<(u32, u32), ()>,
    pub global: TypedFunc<(u32, u32, u32), u64>,
    pub define: TypedFunc<(u32, u32), u64>,
}

impl Exports {
    pub fn new(store: &mut Store<State>, instance: &Instance, indices: &ExportIndices) -> Result<Exports, Error> {
        let [memory, reserve, seed, eval, call, gc, heap_stats, set_limits, global, define] = &indices.0;
        let memory = match instance.get_module_export(&mut *store, memory) {
            Some(Extern::Memory(memory)) => memory,
            _ => return Err(Error::Start("the image's `memory` export is not a memory".into())),
        };
        Ok(Exports {
            memory,
            reserve: typed(store, instance, reserve, "jscell_reserve")?,
            seed: typed(store, instance, seed, "jscell_seed")?,
            eval: typed(store, instance, eval, "jscell_eval")?,
            call: typed(store, instance, call, "jscell_call")?,
            gc: typed(store, instance, gc, "jscell_gc")?,
            heap_stats: typed(store, instance, heap_stats, "jscell_heap_stats")?,
            set_limits: typed(store, instance, set_limits, "jscell_set_limits")?,
            global: typed(store, instance, global, "jscell_global")?,
            define: typed(store, instance, define, "jscell_define")?,
        })
    }
}

/// One exported function with its signature checked.
fn typed<P: WasmParams, R: WasmResults>(
    store: &mut Store<State>,
    instance: &Instance,
    index: &ModuleExport,
    name: &str,
) -> Result<TypedFunc<P, R>, Error> {
    let Some(Extern::Func(func)) = instance.get_module_export(&mut *store, index) else {
        return Err(Error::Start(format!("the image's `{name}` export is not a function")));
    };
    func.typed(&*store).map_err(|e| Error::Start(format!("the image's `{name}` export: {e}")))
}

/// The bytes of an answer, checked to lie inside guest memory.
pub(crate) fn answer_bytes(memory: &[u8], packed: u64) -> Result<&[u8], Error> {
    let (ptr, len) = ((packed >> 32) as usize, (packed & 0xffff_ffff) as usize);
    memory
        .get(ptr..ptr.saturating_add(len))
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| Error::Protocol(format!("answer at {ptr:#x}+{len} is outside guest memory")))
}

/// Reads a guest answer (status byte and payload): the encoded value for `Ok`, an error for everything else.
///
/// # Errors
/// [`Error::Thrown`] for a JS exception, [`Error::Unconvertible`], and [`Error::Protocol`] for anything that
/// breaks the ABI.
pub fn read_answer(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let (&status, payload) = bytes.split_first().ok_or_else(|| Error::Protocol("empty answer".into()))?;
    match Status::from_byte(status) {
        Some(Status::Ok) => Ok(payload.to_vec()),
        Some(Status::Thrown) => Err(Error::Thrown(Box::new(read_exception(payload)?))),
        Some(Status::Unconvertible) => Err(Error::Unconvertible(String::from_utf8_lossy(payload).into_owned())),
        Some(Status::Invalid) => {
            Err(Error::Protocol(format!("the sandbox refused a request: {}", String::from_utf8_lossy(payload))))
        }
        None => Err(Error::Protocol(format!("unknown answer status {status}"))),
    }
}

/// Decodes name, message, stack and value of a thrown exception.
pub(crate) fn read_exception(payload: &[u8]) -> Result<JsException, Error> {
    let malformed = |e: jscell_wire::WireError| Error::Protocol(format!("exception: {e}"));
    let mut reader = Reader::new(payload);
    let name = match reader.item().map_err(malformed)? {
        Item::Null => None,
        Item::String(text) => Some(String::from_utf8_lossy(text).into_owned()),
        _ => return Err(Error::Protocol("exception: the name is not a string".into())),
    };
    let mut text = || match reader.item().map_err(malformed)? {
        Item::String(text) => Ok(String::from_utf8_lossy(text).into_owned()),
        _ => Err(Error::Protocol("exception: the message or stack is not a string".into())),
    };
    let (message, stack) = (text()?, text()?);
    let value_start = reader.position();
    reader.skip_value().map_err(malformed)?;
    reader.finish().map_err(malformed)?;
    Ok(JsException { name, message, stack, value: payload[value_start..].to_vec() })
}

#[cfg(test)]
mod tests {
    use jscell_wire::Writer;

    use super::*;

    #[test]
    fn answers_outside_memory_are_refused() {
        let memory = [0u8; 64];
        assert!(matches!(answer_bytes(&memory, (60 << 32) | 8), Err(Error::Protocol(_))));
        assert!(matches!(answer_bytes(&memory, (u64::from(u32::MAX) << 32) | 0xffff_ffff), Err(Error::Protocol(_))));
        assert!(matches!(answer_bytes(&memory, 10 << 32), Err(Error::Protocol(_))));
        assert_eq!(answer_bytes(&memory, (8 << 32) | 4).unwrap().len(), 4);
    }

    #[test]
    fn unknown_or_empty_status_is_a_protocol_error() {
        assert!(matches!(read_answer(&[]), Err(Error::Protocol(_))));
        assert!(matches!(read_answer(&[9, 1, 2]), Err(Error::Protocol(_))));
        assert!(matches!(read_answer(&[Status::Invalid as u8, b'x']), Err(Error::Protocol(_))));
    }

    #[test]
    fn exceptions_are_decoded_and_checked() {
        let mut w = Writer::new();
        w.raw_byte(Status::Thrown as u8);
        w.string(b"TypeError");
        w.string(b"x is not a function");
        w.string(b"    at <eval>\n");
        w.undefined();
        let Err(Error::Thrown(exception)) = read_answer(w.as_bytes()) else { panic!("not a thrown error") };
        assert_eq!(exception.name.as_deref(), Some("TypeError"));
        assert_eq!(exception.to_string(), "TypeError: x is not a function\n    at <eval>");

        let mut w = Writer::new();
        w.raw_byte(Status::Thrown as u8);
        w.null();
        w.string(b"1");
        w.string(b"");
        w.int(1);
        let Err(Error::Thrown(exception)) = read_answer(w.as_bytes()) else { panic!("not a thrown error") };
        assert_eq!(exception.to_string(), "Uncaught 1");
        assert_eq!(exception.name, None);

        let truncated = &w.as_bytes()[..w.as_bytes().len() - 3];
        assert!(matches!(read_answer(truncated), Err(Error::Protocol(_))));
        let mut bad_name = Writer::new();
        bad_name.raw_byte(Status::Thrown as u8);
        bad_name.int(3);
        assert!(matches!(read_answer(bad_name.as_bytes()), Err(Error::Protocol(_))));
    }
}
