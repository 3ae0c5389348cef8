//! Every export of the guest, and the contract of each. The host's `abi` module mirrors this table.
//!
//! | export               | signature                                   | does                                           |
//! |----------------------|---------------------------------------------|------------------------------------------------|
//! | `_initialize`        | `() -> ()`                                  | runs static constructors (build time only)     |
//! | `jscell_init`        | `() -> ()`                                  | creates the JS runtime (build time only)       |
//! | `jscell_reserve`     | `(len: i32) -> i32`                         | the input buffer, with room for `len` bytes    |
//! | `jscell_seed`        | `(seed: i64) -> ()`                         | reseeds `Math.random`                          |
//! | `jscell_eval`        | `(flags: i32, len: i32) -> i64`             | runs `input[..len]` as JS source               |
//! | `jscell_call`        | `(flags: i32, path_len: i32, len: i32) -> i64` | calls a function by its dotted path         |
//! | `jscell_global`      | `(op: i32, name_len: i32, len: i32) -> i64` | reads, sets or deletes a global (`global_op`)  |
//! | `jscell_define`      | `(id: i32, name_len: i32) -> i64`           | makes `input[..name_len]` a global function that calls host callback `id` |
//! | `jscell_reply`       | `(len: i32) -> i32`                         | the callback reply buffer, with room for `len` bytes (only during `jscell.callback`) |
//! | `jscell_gc`          | `() -> ()`                                  | runs the JS garbage collector                  |
//! | `jscell_heap_stats`  | `() -> i64`                                 | QuickJS's memory usage numbers                 |
//! | `jscell_set_limits`  | `(memory: i32, stack: i32) -> ()`           | QuickJS's heap and stack limits, in bytes; 0 keeps the current one |
//!
//! # Imports
//!
//! Besides the WASI functions Rust's standard library and QuickJS use (see the host's `wasi.rs`), four of
//! jscell's own:
//!
//! | import                       | signature   | does                                                      |
//! |------------------------------|-------------|-----------------------------------------------------------|
//! | `jscell.interrupt_requested` | `() -> i32` | nonzero when the host wants running JS stopped (a time limit passed, or another thread interrupted); QuickJS polls it through its interrupt handler |
//! | `jscell.sleep`               | `(ms: f64) -> i32` | waits until a timer is due; nonzero when the host stopped the wait instead (time limit, interrupt) |
//! | `jscell.callback`            | `(id: i32, ptr: i32, len: i32) -> i32` | runs host callback `id` with the encoded argument array at `ptr`; the host writes its reply (a status byte and an encoded value, or a UTF-8 message for an exception) through `jscell_reply` before returning; nonzero when it could not |
//! | `jscell.console`             | `(level: i32, ptr: i32, len: i32) -> ()` | one `console` message: `len` bytes of WTF-8 at `ptr`, which the host reads during the call; `level` is a `jscell_wire::console_level` |
//!
//! # Memory ownership
//!
//! - The guest owns both buffers. `jscell_reserve` returns the input buffer's address; the host writes its
//!   request there and must call `jscell_reserve` again before writing more bytes than it last asked for (the
//!   buffer may move then, and only then).
//! - Every `-> i64` export answers through the output buffer and returns `(address << 32) | length` of the
//!   answer. The answer stays valid until the next export call; the host copies it out before that.
//! - An answer is one status byte and its payload, encoded as `jscell-wire` describes: one value for `Ok`, a
//!   thrown exception for `Thrown`, UTF-8 text for `Unconvertible` and `Invalid`.
//!
//! # Flags
//!
//! `jscell_wire::flags`: `LOCAL`, `RESULT` and `AWAIT`, or-ed together.
//!
//! # Failure
//!
//! No export aborts on bad input: every problem comes back in the answer. The guest can still trap when the
//! host's limits stop it (fuel, stack, memory) or when its own allocator cannot grow; the host then treats the
//! whole instance as dead and never calls it again.

use jscell_wire::flags::{
    AWAIT as FLAG_AWAIT, KEEP_TIMERS as FLAG_KEEP_TIMERS, LOCAL as FLAG_LOCAL, RESULT as FLAG_RESULT,
};
use jscell_wire::{global_op, Item, Reader, Status, Writer};
use rquickjs::qjs;

use crate::callbacks;
use crate::engine::{self, Engine};
use crate::exception::write_exception;
use crate::from_js::{EncodeError, Encoder};
use crate::rejections;
use crate::timers::{self, Next};
use crate::to_js::{read_value, BuildError};

extern "C" {
    fn __wasm_call_ctors();
}

#[link(wasm_import_module = "jscell")]
extern "C" {
    #[link_name = "interrupt_requested"]
    fn host_interrupt_requested() -> i32;
    #[link_name = "console"]
    fn host_console(level: u32, ptr: *const u8, len: u32);
    #[link_name = "sleep"]
    fn host_sleep(milliseconds: f64) -> i32;
    #[link_name = "callback"]
    fn host_callback_raw(id: i32, ptr: *const u8, len: u32) -> i32;
}

/// Calls host callback `id` with the encoded arguments; the host writes its reply through `jscell_reply`.
/// False when the host could not run it at all.
pub fn host_callback(id: i32, args: &[u8]) -> bool {
    // SAFETY: the host reads `len` bytes at `ptr` during the call and keeps nothing.
    unsafe { host_callback_raw(id, args.as_ptr(), args.len() as u32) == 0 }
}

/// Sleeps until the next timer is due; true when the host stopped the wait (time limit, interrupt).
pub fn sleep(milliseconds: f64) -> bool {
    // SAFETY: a plain host function; it never re-enters the guest.
    unsafe { host_sleep(milliseconds) != 0 }
}

/// Hands one console message (WTF-8) to the host, at a `jscell_wire::console_level`.
pub fn console(level: u32, text: &[u8]) {
    // SAFETY: the host reads `len` bytes at `ptr` during the call and keeps nothing.
    unsafe { host_console(level, text.as_ptr(), text.len() as u32) }
}

/// Whether the host wants the running JS stopped. QuickJS's interrupt handler calls this.
pub fn interrupt_requested() -> bool {
    // SAFETY: a plain host function with no arguments; it never re-enters the guest.
    unsafe { host_interrupt_requested() != 0 }
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

/// Reseeds `Math.random` for this context.
#[export_name = "jscell_seed"]
pub extern "C" fn seed(seed: u64) {
    engine::seed(seed);
}

/// Runs the JS source in `input[..len]` (UTF-8) and answers with its completion value.
#[export_name = "jscell_eval"]
pub extern "C" fn eval(flags: u32, len: u32) -> u64 {
    with_engine(
        |engine| {
            let len = len as usize;
            if len >= engine.input.len() {
                return Err(Invalid("the source length exceeds the input buffer".into()));
            }
            engine.input[len] = 0;
            let ctx = engine.ctx;
            let source = engine.input.as_ptr().cast();
            // SAFETY: `source` holds `len` bytes and a NUL; the values made here are owned and freed below.
            let value = unsafe {
                if flags & FLAG_LOCAL != 0 {
                    let mut code = qjs::JS_NewStringLen(ctx, source, len as _);
                    if qjs::JS_IsException(code) {
                        code
                    } else {
                        let value = qjs::JS_Call(ctx, engine.local_eval, undefined(), 1, &mut code);
                        qjs::JS_FreeValue(ctx, code);
                        value
                    }
                } else {
                    let flags = qjs::JS_EVAL_TYPE_GLOBAL as i32;
                    qjs::JS_Eval(ctx, source, len as _, c"<input>".as_ptr(), flags)
                }
            };
            Ok(value)
        },
        flags,
    )
}

/// Calls the function named by the dotted path in `input[..path_len]` with the encoded array of arguments in
/// `input[path_len..len]`, and answers with its return value.
///
/// The path is looked up property by property from the global object, never parsed as source, so no text in
/// it can run. A method is called with `this` set to the object it was found on.
#[export_name = "jscell_call"]
pub extern "C" fn call(flags: u32, path_len: u32, len: u32) -> u64 {
    with_engine(
        |engine| {
            let (path_len, len) = (path_len as usize, len as usize);
            if path_len > len || len > engine.input.len() {
                return Err(Invalid("the call request exceeds the input buffer".into()));
            }
            let ctx = engine.ctx;
            let path = &engine.input[..path_len];
            let args = &engine.input[path_len..len];
            // SAFETY: every value made here is owned and freed before returning.
            unsafe {
                let Some((this, function)) = lookup(ctx, path) else { return Ok(exception_value()) };
                let mut argv = match read_arguments(ctx, engine::bigint(), args) {
                    Ok(argv) => argv,
                    Err(err) => {
                        qjs::JS_FreeValue(ctx, this);
                        qjs::JS_FreeValue(ctx, function);
                        return match err {
                            BuildError::Thrown => Ok(exception_value()),
                            BuildError::Wire(err) => Err(Invalid(format!("the call arguments are malformed: {err}"))),
                        };
                    }
                };
                let value = qjs::JS_Call(ctx, function, this, argv.len() as i32, argv.as_mut_ptr());
                for arg in argv {
                    qjs::JS_FreeValue(ctx, arg);
                }
                qjs::JS_FreeValue(ctx, this);
                qjs::JS_FreeValue(ctx, function);
                Ok(value)
            }
        },
        flags,
    )
}

/// One `jscell_wire::global_op` on the property of the global object named by `input[..name_len]`; for `SET`,
/// the encoded value follows in `input[name_len..len]`. Getters and setters on the global object may run, and
/// their exceptions are answered as for any other JS.
#[export_name = "jscell_global"]
pub extern "C" fn global(op: u32, name_len: u32, len: u32) -> u64 {
    with_engine(
        |engine| {
            let (name_len, len) = (name_len as usize, len as usize);
            if name_len > len || len > engine.input.len() {
                return Err(Invalid("the global request exceeds the input buffer".into()));
            }
            let ctx = engine.ctx;
            let name = &engine.input[..name_len];
            let encoded = &engine.input[name_len..len];
            // SAFETY: every value and atom made here is owned and freed before returning.
            unsafe {
                let atom = qjs::JS_NewAtomLen(ctx, name.as_ptr().cast(), name.len() as _);
                if atom == qjs::JS_ATOM_NULL {
                    return Ok(exception_value());
                }
                let global = qjs::JS_GetGlobalObject(ctx);
                let outcome = global_op(ctx, engine::bigint(), global, atom, op, encoded);
                qjs::JS_FreeAtom(ctx, atom);
                qjs::JS_FreeValue(ctx, global);
                outcome
            }
        },
        // Reading or writing a global is not a call: it leaves timers alone.
        FLAG_RESULT | FLAG_KEEP_TIMERS,
    )
}

/// The body of `jscell_global`: an owned result value, the exception marker, or a malformed request.
unsafe fn global_op(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    global: qjs::JSValue,
    atom: qjs::JSAtom,
    op: u32,
    encoded: &[u8],
) -> Result<qjs::JSValue, Invalid> {
    let as_bool = |status: i32| match status {
        n if n < 0 => exception_value(),
        n => qjs::JS_MKVAL(qjs::JS_TAG_BOOL, i32::from(n > 0)),
    };
    Ok(match op {
        global_op::HAS => as_bool(qjs::JS_HasProperty(ctx, global, atom)),
        global_op::GET => qjs::JS_GetProperty(ctx, global, atom),
        global_op::SET => {
            let mut reader = Reader::new(encoded);
            let value = match read_value(ctx, bigint, &mut reader, 0) {
                Ok(value) => value,
                Err(BuildError::Thrown) => return Ok(exception_value()),
                Err(BuildError::Wire(err)) => return Err(Invalid(format!("the global's value is malformed: {err}"))),
            };
            if let Err(err) = reader.finish() {
                qjs::JS_FreeValue(ctx, value);
                return Err(Invalid(format!("the global's value is malformed: {err}")));
            }
            // JS_SetProperty takes ownership of `value`.
            match qjs::JS_SetProperty(ctx, global, atom, value) {
                n if n < 0 => exception_value(),
                _ => undefined(),
            }
        }
        global_op::DELETE => as_bool(qjs::JS_DeleteProperty(ctx, global, atom, 0)),
        _ => return Err(Invalid(format!("unknown global operation {op}"))),
    })
}

/// Makes the global `input[..name_len]` a function that calls host callback `id`.
#[export_name = "jscell_define"]
pub extern "C" fn define(id: i32, name_len: u32) -> u64 {
    with_engine(
        |engine| {
            let name_len = name_len as usize;
            if name_len > engine.input.len() {
                return Err(Invalid("the name exceeds the input buffer".into()));
            }
            // SAFETY: `ctx` is the live context; the result is owned and consumed by `finish`.
            Ok(unsafe { callbacks::define(engine.ctx, &engine.input[..name_len], id) })
        },
        FLAG_KEEP_TIMERS,
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

/// A malformed request: the host broke the contract.
struct Invalid(String);

/// Runs `body`, which returns an owned JS value or an exception marker, then settles, drains and encodes it.
fn with_engine(body: impl FnOnce(&mut Engine) -> Result<qjs::JSValue, Invalid>, flags: u32) -> u64 {
    // SAFETY: exports are never re-entered.
    let Some(engine) = (unsafe { engine::engine() }) else { return not_initialised() };
    let outcome = body(engine);
    let Engine { ctx, rt, output, .. } = engine;
    output.clear();
    match outcome {
        // SAFETY: `value` is owned by us and belongs to `ctx`.
        Ok(value) => unsafe { finish(*ctx, *rt, value, flags, output) },
        Err(Invalid(message)) => {
            output.raw_byte(Status::Invalid as u8);
            output.raw_bytes(message.as_bytes());
        }
    }
    answer(output)
}

/// Settles a Promise if asked, runs the pending jobs, and encodes the outcome of `value` (owned; freed here).
unsafe fn finish(ctx: *mut qjs::JSContext, rt: *mut qjs::JSRuntime, value: qjs::JSValue, flags: u32, out: &mut Writer) {
    encode_outcome(ctx, rt, value, flags, out);
    rejections::report(ctx);
    if flags & FLAG_KEEP_TIMERS == 0 {
        timers::cancel_all(ctx);
    }
}

/// The body of [`finish`]: settle, drain and encode.
unsafe fn encode_outcome(
    ctx: *mut qjs::JSContext,
    rt: *mut qjs::JSRuntime,
    value: qjs::JSValue,
    flags: u32,
    out: &mut Writer,
) {
    let mut value = value;
    if !qjs::JS_IsException(value) && flags & FLAG_AWAIT != 0 {
        value = settle(ctx, rt, value);
    }
    if !qjs::JS_IsException(value) && !run_jobs(ctx, rt) {
        qjs::JS_FreeValue(ctx, value);
        value = exception_value();
    }
    if qjs::JS_IsException(value) {
        write_exception(ctx, qjs::JS_GetException(ctx), out);
        return;
    }
    out.raw_byte(Status::Ok as u8);
    if flags & FLAG_RESULT == 0 {
        out.undefined();
    } else {
        let result = Encoder::new(ctx, out).value(value);
        if let Err(err) = result {
            out.clear();
            match err {
                EncodeError::Thrown => write_exception(ctx, qjs::JS_GetException(ctx), out),
                EncodeError::Unconvertible { .. } => {
                    out.raw_byte(Status::Unconvertible as u8);
                    out.raw_bytes(err.describe().as_bytes());
                }
            }
        }
    }
    qjs::JS_FreeValue(ctx, value);
}

/// Waits for a Promise (owned; consumed) by running jobs and, when none is left, timers, and returns its value, or the exception marker with
/// the rejection reason pending. Anything that is not a Promise comes back as it is.
unsafe fn settle(ctx: *mut qjs::JSContext, rt: *mut qjs::JSRuntime, promise: qjs::JSValue) -> qjs::JSValue {
    loop {
        match qjs::JS_PromiseState(ctx, promise) {
            qjs::JSPromiseStateEnum_JS_PROMISE_NOT_A_PROMISE => return promise,
            qjs::JSPromiseStateEnum_JS_PROMISE_FULFILLED => {
                let value = qjs::JS_PromiseResult(ctx, promise);
                qjs::JS_FreeValue(ctx, promise);
                return value;
            }
            qjs::JSPromiseStateEnum_JS_PROMISE_REJECTED => {
                // The call raises this rejection itself, so it is not an unhandled one.
                rejections::forget(ctx, promise);
                let reason = qjs::JS_PromiseResult(ctx, promise);
                qjs::JS_FreeValue(ctx, promise);
                return qjs::JS_Throw(ctx, reason);
            }
            _ => {}
        }
        let mut job_ctx = ctx;
        match qjs::JS_ExecutePendingJob(rt, &mut job_ctx) {
            0 => match timers::run_next(ctx) {
                Next::Ran => {}
                Next::Idle => {
                    qjs::JS_FreeValue(ctx, promise);
                    let message = c"the promise never settled: no job or timer is left that could settle it";
                    return qjs::JS_ThrowTypeError(ctx, message.as_ptr());
                }
                Next::Thrown => {
                    qjs::JS_FreeValue(ctx, promise);
                    return exception_value();
                }
            },
            n if n < 0 => {
                qjs::JS_FreeValue(ctx, promise);
                return exception_value();
            }
            _ => {}
        }
    }
}

/// Runs every pending job (the microtask queue), as a JS host does after each script. False when a job
/// threw past its promise machinery; the exception is then pending.
unsafe fn run_jobs(ctx: *mut qjs::JSContext, rt: *mut qjs::JSRuntime) -> bool {
    loop {
        let mut job_ctx = ctx;
        match qjs::JS_ExecutePendingJob(rt, &mut job_ctx) {
            0 => return true,
            n if n < 0 => return false,
            _ => {}
        }
    }
}

/// Finds the function at a dotted path. Returns `(this, function)`, both owned, or `None` with a
/// ReferenceError or TypeError pending.
unsafe fn lookup(ctx: *mut qjs::JSContext, path: &[u8]) -> Option<(qjs::JSValue, qjs::JSValue)> {
    let mut this = undefined();
    let mut current = qjs::JS_GetGlobalObject(ctx);
    let mut walked = 0usize;
    for (i, segment) in path.split(|&b| b == b'.').enumerate() {
        if i > 0 && !qjs::JS_IsObject(current) {
            qjs::JS_FreeValue(ctx, this);
            qjs::JS_FreeValue(ctx, current);
            let message = c"cannot read '%.*s' of %.*s, which is not an object";
            let (parent, name) = (&path[..walked.saturating_sub(1)], segment);
            qjs::JS_ThrowTypeError(
                ctx,
                message.as_ptr(),
                name.len() as i32,
                name.as_ptr(),
                parent.len() as i32,
                parent.as_ptr(),
            );
            return None;
        }
        let atom = qjs::JS_NewAtomLen(ctx, segment.as_ptr().cast(), segment.len() as _);
        if atom == qjs::JS_ATOM_NULL {
            qjs::JS_FreeValue(ctx, this);
            qjs::JS_FreeValue(ctx, current);
            return None;
        }
        let next = qjs::JS_GetProperty(ctx, current, atom);
        qjs::JS_FreeAtom(ctx, atom);
        qjs::JS_FreeValue(ctx, this);
        this = current;
        current = next;
        walked += segment.len() + 1;
        if qjs::JS_IsException(current) {
            qjs::JS_FreeValue(ctx, this);
            return None;
        }
    }
    if qjs::JS_IsFunction(ctx, current) {
        return Some((this, current));
    }
    let undefined_at_root = qjs::JS_IsUndefined(current) && !path.contains(&b'.');
    qjs::JS_FreeValue(ctx, this);
    qjs::JS_FreeValue(ctx, current);
    let (len, ptr) = (path.len() as i32, path.as_ptr());
    if undefined_at_root {
        qjs::JS_ThrowReferenceError(ctx, c"%.*s is not defined".as_ptr(), len, ptr);
    } else {
        qjs::JS_ThrowTypeError(ctx, c"%.*s is not a function".as_ptr(), len, ptr);
    }
    None
}

/// Decodes the encoded array of arguments into owned JS values.
unsafe fn read_arguments(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    bytes: &[u8],
) -> Result<Vec<qjs::JSValue>, BuildError> {
    let mut reader = Reader::new(bytes);
    let Item::Array(count) = reader.item()? else {
        return Err(BuildError::Wire(jscell_wire::WireError { offset: 0, reason: "arguments are not an array" }));
    };
    let mut argv = Vec::with_capacity(count as usize);
    for _ in 0..count {
        match read_value(ctx, bigint, &mut reader, 1) {
            Ok(value) => argv.push(value),
            Err(err) => {
                for value in argv {
                    qjs::JS_FreeValue(ctx, value);
                }
                return Err(err);
            }
        }
    }
    if let Err(err) = reader.finish() {
        for value in argv {
            qjs::JS_FreeValue(ctx, value);
        }
        return Err(err.into());
    }
    Ok(argv)
}

/// The answer before `jscell_init` has run, when no output buffer exists yet.
fn not_initialised() -> u64 {
    static ANSWER: &[u8] = b"\x03jscell_init has not run";
    ((ANSWER.as_ptr() as u64) << 32) | ANSWER.len() as u64
}

fn answer(out: &Writer) -> u64 {
    let bytes = out.as_bytes();
    ((bytes.as_ptr() as u64) << 32) | bytes.len() as u64
}

fn undefined() -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)
}

fn exception_value() -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_EXCEPTION, 0)
}
