//! The host's side of the guest interface (declared in `jscell_wire::abi`): the exports it calls, found by the
//! table's names, and how it reads and checks their answers.
//!
//! Nothing the guest returns is trusted: addresses and lengths are checked against its memory, every answer's
//! status byte must be one the interface defines, and every value is decoded in full by `jscell_wire::Reader`
//! before it is handed on. An answer that fails any check is a protocol error, after which the caller kills
//! the context.

use jscell_wire::abi::{self, Function, Ty};
use jscell_wire::{Item, Reader, Status};
use wasmtime::{Extern, Instance, Memory, Module, ModuleExport, Store, TypedFunc, ValType, WasmParams, WasmResults};

use crate::error::{Error, JsException};
use crate::state::State;

/// The exports the host calls, with the memory first.
const CALLED: [&str; 11] = [
    abi::MEMORY,
    abi::RESERVE.name,
    abi::SEED.name,
    abi::EVAL.name,
    abi::CALL.name,
    abi::GC.name,
    abi::HEAP_STATS.name,
    abi::SET_LIMITS.name,
    abi::GLOBAL.name,
    abi::DEFINE.name,
    abi::HOOK_DATA.name,
];

/// Where each called export sits in the module, found by name once per process so that contexts skip the lookup.
pub(crate) struct ExportIndices([ModuleExport; CALLED.len()]);

impl ExportIndices {
    pub fn new(module: &Module) -> Result<ExportIndices, Error> {
        let mut found = Vec::with_capacity(CALLED.len());
        for name in CALLED {
            let index = module
                .get_export_index(name)
                .ok_or_else(|| Error::Start(format!("the image has no `{name}` export")))?;
            found.push(index);
        }
        let found: [ModuleExport; CALLED.len()] = found.try_into().map_err(|_| Error::Start("export table".into()))?;
        Ok(ExportIndices(found))
    }
}

/// The guest's exports, as handles into one context's store.
pub(crate) struct Exports {
    pub memory: Memory,
    pub reserve: TypedFunc<u32, u32>,
    pub seed: TypedFunc<u64, ()>,
    pub eval: TypedFunc<(u32, u32, u32), u64>,
    pub call: TypedFunc<(u32, u32, u32), u64>,
    pub gc: TypedFunc<(), ()>,
    pub heap_stats: TypedFunc<(), u64>,
    pub set_limits: TypedFunc<(u32, u32), ()>,
    pub global: TypedFunc<(u32, u32, u32), u64>,
    pub define: TypedFunc<(u32, u32), u64>,
    pub hook_data: TypedFunc<u32, u64>,
}

impl Exports {
    pub fn new(store: &mut Store<State>, instance: &Instance, indices: &ExportIndices) -> Result<Exports, Error> {
        let [memory, reserve, seed, eval, call, gc, heap_stats, set_limits, global, define, hook_data] = &indices.0;
        let memory = match instance.get_module_export(&mut *store, memory) {
            Some(Extern::Memory(memory)) => memory,
            _ => return Err(Error::Start(format!("the image's `{}` export is not a memory", abi::MEMORY))),
        };
        Ok(Exports {
            memory,
            reserve: typed(store, instance, reserve, &abi::RESERVE)?,
            seed: typed(store, instance, seed, &abi::SEED)?,
            eval: typed(store, instance, eval, &abi::EVAL)?,
            call: typed(store, instance, call, &abi::CALL)?,
            gc: typed(store, instance, gc, &abi::GC)?,
            heap_stats: typed(store, instance, heap_stats, &abi::HEAP_STATS)?,
            set_limits: typed(store, instance, set_limits, &abi::SET_LIMITS)?,
            global: typed(store, instance, global, &abi::GLOBAL)?,
            define: typed(store, instance, define, &abi::DEFINE)?,
            hook_data: typed(store, instance, hook_data, &abi::HOOK_DATA)?,
        })
    }
}

/// One exported function with its signature checked.
fn typed<P: WasmParams, R: WasmResults>(
    store: &mut Store<State>,
    instance: &Instance,
    index: &ModuleExport,
    function: &Function,
) -> Result<TypedFunc<P, R>, Error> {
    let name = function.name;
    let Some(Extern::Func(func)) = instance.get_module_export(&mut *store, index) else {
        return Err(Error::Start(format!("the image's `{name}` export is not a function")));
    };
    func.typed(&*store).map_err(|e| Error::Start(format!("the image's `{name}` export: {e}")))
}

/// The functions a module exports and imports, in the interface table's terms, for checking an image against
/// the table.
pub fn interface_of(module: &Module) -> Result<Vec<Function>, String> {
    // The table's strings are static; a module's are not, so they are leaked once per call (tests only).
    let leak = |text: &str| -> &'static str { Box::leak(text.to_string().into_boxed_str()) };
    let types = |types: &mut dyn Iterator<Item = ValType>| -> Result<&'static [Ty], String> {
        let list: Result<Vec<Ty>, String> = types
            .map(|ty| match ty {
                ValType::I32 => Ok(Ty::I32),
                ValType::I64 => Ok(Ty::I64),
                ValType::F64 => Ok(Ty::F64),
                other => Err(format!("a value type outside the interface: {other}")),
            })
            .collect();
        Ok(Box::leak(list?.into_boxed_slice()))
    };
    let mut functions = Vec::new();
    for export in module.exports() {
        if let Some(func) = export.ty().func() {
            let (params, results) = (types(&mut func.params())?, types(&mut func.results())?);
            functions.push(Function { module: abi::EXPORT, name: leak(export.name()), params, results });
        }
    }
    for import in module.imports() {
        let Some(func) = import.ty().func().cloned() else {
            return Err(format!("the image imports a non-function: {}.{}", import.module(), import.name()));
        };
        let (params, results) = (types(&mut func.params())?, types(&mut func.results())?);
        functions.push(Function { module: leak(import.module()), name: leak(import.name()), params, results });
    }
    Ok(functions)
}

/// The bytes of an answer, checked to lie inside guest memory.
pub(crate) fn answer_bytes(memory: &[u8], packed: u64) -> Result<&[u8], Error> {
    let (ptr, len) = abi::unpack_answer(packed);
    let (ptr, len) = (ptr as usize, len as usize);
    memory
        .get(ptr..ptr.saturating_add(len))
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| Error::Protocol(format!("answer at {ptr:#x}+{len} is outside guest memory")))
}

/// What kind of uncaught exception a guest answer reports (its `jscell_wire::Status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionKind {
    /// Ordinary JS that threw.
    Thrown,
    /// Source that did not parse.
    Syntax,
    /// QuickJS's own out-of-memory error.
    OutOfMemory,
    /// The uncatchable error of a stop the host asked for.
    Stopped,
    /// The error a failed host callback became.
    Callback,
    /// The uncatchable error of `$terminate`.
    Terminated,
}

/// A guest answer, checked.
#[derive(Debug)]
pub enum Answer {
    /// An encoded value, decoded in full once to check it.
    Value(Vec<u8>),
    /// An uncaught JS exception and what kind it is.
    Exception(ExceptionKind, Box<JsException>),
}

/// Reads and checks a guest answer (status byte and payload).
///
/// # Errors
/// [`Error::Unconvertible`] when the guest could not convert the result, and [`Error::Protocol`] for anything
/// that breaks the interface, including a value that does not decode.
pub fn read_answer(bytes: &[u8]) -> Result<Answer, Error> {
    let (&status, payload) = bytes.split_first().ok_or_else(|| Error::Protocol("empty answer".into()))?;
    let status = Status::from_byte(status).ok_or_else(|| Error::Protocol(format!("unknown answer status {status}")))?;
    let kind = match status {
        Status::Ok => {
            let mut reader = Reader::new(payload);
            reader.skip_value().and_then(|()| reader.finish()).map_err(|e| Error::Protocol(format!("value: {e}")))?;
            return Ok(Answer::Value(payload.to_vec()));
        }
        Status::Unconvertible => return Err(Error::Unconvertible(String::from_utf8_lossy(payload).into_owned())),
        Status::Invalid => {
            let why = String::from_utf8_lossy(payload);
            return Err(Error::Protocol(format!("the sandbox refused a request: {why}")));
        }
        Status::Thrown => ExceptionKind::Thrown,
        Status::SyntaxError => ExceptionKind::Syntax,
        Status::OutOfMemory => ExceptionKind::OutOfMemory,
        Status::Stopped => ExceptionKind::Stopped,
        Status::CallbackError => ExceptionKind::Callback,
        Status::Terminated => ExceptionKind::Terminated,
    };
    Ok(Answer::Exception(kind, Box::new(read_exception(payload)?)))
}

/// Decodes name, message, stack and value of a thrown exception.
fn read_exception(payload: &[u8]) -> Result<JsException, Error> {
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
        assert!(matches!(read_answer(&[99, 1, 2]), Err(Error::Protocol(_))));
        assert!(matches!(read_answer(&[Status::Invalid as u8, b'x']), Err(Error::Protocol(_))));
    }

    #[test]
    fn ok_values_are_checked_in_full() {
        let mut w = Writer::new();
        w.raw_byte(Status::Ok as u8);
        w.array(2);
        w.int(1);
        w.string(b"two");
        assert!(matches!(read_answer(w.as_bytes()), Ok(Answer::Value(_))));
        let bytes = w.as_bytes();
        for cut in 1..bytes.len() {
            assert!(matches!(read_answer(&bytes[..cut]), Err(Error::Protocol(_))), "cut at {cut} was accepted");
        }
        let mut trailing = bytes.to_vec();
        trailing.push(0);
        assert!(matches!(read_answer(&trailing), Err(Error::Protocol(_))));
    }

    #[test]
    fn exceptions_are_decoded_with_their_kind() {
        let mut w = Writer::new();
        w.raw_byte(Status::OutOfMemory as u8);
        w.string(b"InternalError");
        w.string(b"out of memory");
        w.string(b"    at <input>\n");
        w.undefined();
        let Ok(Answer::Exception(kind, exception)) = read_answer(w.as_bytes()) else { panic!("not an exception") };
        assert_eq!(kind, ExceptionKind::OutOfMemory);
        assert_eq!(exception.to_string(), "InternalError: out of memory\n    at <input>");

        let mut w = Writer::new();
        w.raw_byte(Status::Thrown as u8);
        w.null();
        w.string(b"1");
        w.string(b"");
        w.int(1);
        let Ok(Answer::Exception(ExceptionKind::Thrown, exception)) = read_answer(w.as_bytes()) else {
            panic!("not a thrown value")
        };
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
