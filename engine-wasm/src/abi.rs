//! Every export of the guest. The interface (names, wasm signatures, who owns which bytes, what each answer's
//! status means) is declared once, in `jscell_wire::abi`; a host test checks the built image against it.
//!
//! Each export here only reads its request from the input buffer and hands it to the module that owns the
//! work; JS-running exports then go through `outcome::run`, which settles, drains and encodes the answer.

use jscell_wire::flags::{KEEP_TIMERS, LOCAL, RESULT};
use jscell_wire::{hook_op, Status};
use rquickjs::qjs;

use crate::call::{lookup, read_arguments};
use crate::outcome::{self, answer, not_initialised, Invalid};
use crate::owned::{exception, undefined, Owned};
use crate::to_js::BuildError;
use crate::{callbacks, clock, engine, globals, hooks, random};

extern "C" {
    fn __wasm_call_ctors();
}

/// Runs the static constructors of the C and Rust code. A Rust `cdylib` for wasm32-wasip1 gets no
/// `_initialize` of its own, and without one the module would not be a proper reactor.
///
/// The build calls it once, before `jscell_init`; the snapshot keeps its effects, so the host never calls it.
#[export_name = "_initialize"]
pub extern "C" fn initialize() {
    // SAFETY: the linker provides `__wasm_call_ctors`, and it runs once, before any other export.
    unsafe { __wasm_call_ctors() }
}

/// Creates the JS runtime and context. The build calls it once and snapshots the result; a failure is a
/// trap here, which fails the build with a message, never a running program.
#[export_name = "jscell_init"]
pub extern "C" fn init() {
    if let Err(message) = engine::init() {
        panic!("{message}");
    }
}

/// Makes the input buffer hold at least `len` bytes and returns its address, or 0 when memory is exhausted.
#[export_name = "jscell_reserve"]
pub extern "C" fn reserve(len: u32) -> u32 {
    // SAFETY: exports are never re-entered.
    let Some(engine) = (unsafe { engine::engine() }) else { return 0 };
    // One spare byte, for the NUL terminator QuickJS's parser expects after source text.
    let want = len as usize + 1;
    if engine.input.len() < want {
        if engine.input.try_reserve_exact(want - engine.input.len()).is_err() {
            return 0;
        }
        engine.input.resize(want, 0);
    }
    engine.input.as_ptr() as u32
}

/// Starts this context: reseeds `Math.random` and `crypto`'s generator, and restarts `performance`'s clock.
#[export_name = "jscell_seed"]
pub extern "C" fn seed(seed: u64) {
    random::seed(seed);
    clock::start();
}

/// Runs the JS source in `input[name_len..len]` (UTF-8) and answers with its completion value. A global script
/// is named `input[..name_len]` in stack traces (`<input>` when that is empty); code kept local (`LOCAL`) is
/// eval code, which QuickJS always names `<input>`.
#[export_name = "jscell_eval"]
pub extern "C" fn eval(flags: u32, name_len: u32, len: u32) -> u64 {
    outcome::run(
        |engine| {
            let (name_len, len) = (name_len as usize, len as usize);
            if name_len > len || len >= engine.input.len() {
                return Err(Invalid("the source length exceeds the input buffer".into()));
            }
            engine.input[len] = 0;
            let filename = match &engine.input[..name_len] {
                b"" => c"<input>".to_owned(),
                name => match std::ffi::CString::new(name) {
                    Ok(name) => name,
                    Err(_) => return Err(Invalid("the file name holds a NUL".into())),
                },
            };
            let len = len - name_len;
            let ctx = engine.ctx;
            // SAFETY: `name_len <= len < input.len()`, so the source starts inside the buffer.
            let source = unsafe { engine.input.as_ptr().add(name_len) }.cast();
            // SAFETY: `source` holds `len` bytes and a NUL; every value made here is owned by a guard.
            let value = unsafe {
                if flags & LOCAL != 0 {
                    let code = Owned::new(ctx, qjs::JS_NewStringLen(ctx, source, len as _));
                    if code.is_exception() {
                        code
                    } else {
                        let mut argument = code.raw();
                        Owned::new(ctx, qjs::JS_Call(ctx, engine.local_eval, undefined(), 1, &mut argument))
                    }
                } else {
                    let flags = qjs::JS_EVAL_TYPE_GLOBAL as i32;
                    Owned::new(ctx, qjs::JS_Eval(ctx, source, len as _, filename.as_ptr(), flags))
                }
            };
            Ok(value)
        },
        flags,
    )
}

/// Calls the function named by the dotted path in `input[..path_len]` with the encoded array of arguments in
/// `input[path_len..len]`, and answers with its return value. A method is called with `this` set to the object
/// it was found on.
#[export_name = "jscell_call"]
pub extern "C" fn call(flags: u32, path_len: u32, len: u32) -> u64 {
    outcome::run(
        |engine| {
            let (path_len, len) = (path_len as usize, len as usize);
            if path_len > len || len > engine.input.len() {
                return Err(Invalid("the call request exceeds the input buffer".into()));
            }
            let ctx = engine.ctx;
            let path = &engine.input[..path_len];
            let args = &engine.input[path_len..len];
            // SAFETY: `ctx` is the live context; every value made here is owned by a guard.
            unsafe {
                let Some((this, function)) = lookup(ctx, path) else { return Ok(Owned::new(ctx, exception())) };
                let argv = match read_arguments(ctx, engine::bigint(), args) {
                    Ok(argv) => argv,
                    Err(BuildError::Thrown) => return Ok(Owned::new(ctx, exception())),
                    Err(BuildError::Wire(err)) => {
                        return Err(Invalid(format!("the call arguments are malformed: {err}")))
                    }
                };
                let mut raw: Vec<qjs::JSValue> = argv.iter().map(Owned::raw).collect();
                let value = qjs::JS_Call(ctx, function.raw(), this.raw(), raw.len() as i32, raw.as_mut_ptr());
                Ok(Owned::new(ctx, value))
            }
        },
        flags,
    )
}

/// One `jscell_wire::global_op` on the property of the global object named by `input[..name_len]`; for `SET`,
/// the encoded value follows in `input[name_len..len]`.
#[export_name = "jscell_global"]
pub extern "C" fn global(op: u32, name_len: u32, len: u32) -> u64 {
    outcome::run(
        |engine| {
            let (name_len, len) = (name_len as usize, len as usize);
            if name_len > len || len > engine.input.len() {
                return Err(Invalid("the global request exceeds the input buffer".into()));
            }
            let (name, encoded) = (&engine.input[..name_len], &engine.input[name_len..len]);
            // SAFETY: `ctx` is the live context.
            unsafe { globals::run(engine.ctx, engine::bigint(), op, name, encoded) }
        },
        // Reading or writing a global is not a call: it leaves timers alone.
        RESULT | KEEP_TIMERS,
    )
}

/// Makes the global `input[..name_len]` a function that calls host callback `id` (see `callbacks`).
#[export_name = "jscell_define"]
pub extern "C" fn define(id: i32, name_len: u32) -> u64 {
    outcome::run(
        |engine| {
            let name_len = name_len as usize;
            if name_len > engine.input.len() {
                return Err(Invalid("the name exceeds the input buffer".into()));
            }
            // SAFETY: `ctx` is the live context; the result is owned by the guard.
            Ok(unsafe { Owned::new(engine.ctx, callbacks::define(engine.ctx, &engine.input[..name_len], id)) })
        },
        KEEP_TIMERS,
    )
}

/// The buffer the host writes a callback's reply into, with room for `len` bytes; 0 when memory is exhausted.
#[export_name = "jscell_reply"]
pub extern "C" fn reply(len: u32) -> u32 {
    callbacks::reply_buffer(len as usize) as u32
}

/// Runs the JS garbage collector.
#[export_name = "jscell_gc"]
pub extern "C" fn gc() {
    // SAFETY: exports are never re-entered.
    if let Some(engine) = unsafe { engine::engine() } {
        // SAFETY: `rt` is the live runtime.
        unsafe { qjs::JS_RunGC(engine.rt) };
    }
}

/// Sets QuickJS's heap limit and stack limit, in bytes; 0 leaves that limit as it is.
///
/// Past the heap limit an allocation throws a catchable "out of memory" `InternalError`; past the stack limit
/// a call throws "RangeError: Maximum call stack size exceeded".
#[export_name = "jscell_set_limits"]
pub extern "C" fn set_limits(memory: u32, stack: u32) {
    // SAFETY: exports are never re-entered.
    if let Some(engine) = unsafe { engine::engine() } {
        // SAFETY: `rt` is the live runtime.
        unsafe {
            if memory != 0 {
                qjs::JS_SetMemoryLimit(engine.rt, memory as _);
            }
            if stack != 0 {
                qjs::JS_SetMaxStackSize(engine.rt, stack as _);
            }
        }
    }
}

/// One `jscell_wire::hook_op` on the hook data `$storeResult` and `$terminate` stored.
#[export_name = "jscell_hook_data"]
pub extern "C" fn hook_data(op: u32) -> u64 {
    // SAFETY: exports are never re-entered.
    let Some(engine) = (unsafe { engine::engine() }) else { return not_initialised() };
    let out = &mut engine.output;
    out.clear();
    match op {
        hook_op::GET => {
            out.raw_byte(Status::Ok as u8);
            match hooks::data() {
                Some(text) => out.string(&text),
                None => out.null(),
            }
        }
        hook_op::CLEAR => {
            hooks::clear();
            out.raw_byte(Status::Ok as u8);
            out.undefined();
        }
        _ => {
            out.raw_byte(Status::Invalid as u8);
            out.raw_bytes(format!("unknown hook operation {op}").as_bytes());
        }
    }
    answer(out)
}

/// Answers with an object of QuickJS's memory usage numbers (`JS_ComputeMemoryUsage`).
#[export_name = "jscell_heap_stats"]
pub extern "C" fn heap_stats() -> u64 {
    // SAFETY: exports are never re-entered.
    let Some(engine) = (unsafe { engine::engine() }) else { return not_initialised() };
    // SAFETY: all-zero bytes are a valid JSMemoryUsage (plain integers), and `rt` is the live runtime.
    let usage = unsafe {
        let mut usage: qjs::JSMemoryUsage = std::mem::zeroed();
        qjs::JS_ComputeMemoryUsage(engine.rt, &mut usage);
        usage
    };
    let fields: [(&str, i64); 12] = [
        ("malloc_size", usage.malloc_size),
        ("malloc_limit", usage.malloc_limit),
        ("memory_used_size", usage.memory_used_size),
        ("malloc_count", usage.malloc_count),
        ("memory_used_count", usage.memory_used_count),
        ("atom_count", usage.atom_count),
        ("str_count", usage.str_count),
        ("obj_count", usage.obj_count),
        ("prop_count", usage.prop_count),
        ("shape_count", usage.shape_count),
        ("js_func_count", usage.js_func_count),
        ("array_count", usage.array_count),
    ];
    let out = &mut engine.output;
    out.clear();
    out.raw_byte(Status::Ok as u8);
    out.object(fields.len() as u32);
    for (name, value) in fields {
        out.key(name.as_bytes());
        // QuickJS reports -1 for "no limit"; keep it, it is a small, safe integer.
        out.int(value);
    }
    answer(out)
}
