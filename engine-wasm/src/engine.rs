//! The one QuickJS runtime and context of this wasm instance, and its I/O buffers.
//!
//! The state is created once by `jscell_init`, which the build runs before it snapshots the instance, so
//! every jscell context starts from an image where all of this already exists.

use std::cell::{Cell, UnsafeCell};

use jscell_wire::{limits, Writer};
use rquickjs::qjs;

use crate::local::Local;
use crate::native::eval_hidden;
use crate::owned::Owned;

/// Per-instance state reached from the exports.
pub struct Engine {
    /// Kept alive for the life of the instance; the raw pointers below borrow from it.
    _runtime: rquickjs::Runtime,
    _context: rquickjs::Context,
    pub rt: *mut qjs::JSRuntime,
    pub ctx: *mut qjs::JSContext,
    /// `(function () { return eval(arguments[0]) })`: a direct eval inside a function keeps the code's
    /// `var`, `let`, `const` and function declarations local to one `evaluate`.
    pub local_eval: qjs::JSValue,
    /// Where the host writes requests (code, a function path, encoded arguments).
    pub input: Vec<u8>,
    /// Where answers are encoded; the host reads it after each export returns.
    pub output: Writer,
}

extern "C" {
    /// Defined by patches/quickjs-clean-stack-traces.patch: frames from this file are left out of stack traces.
    static mut jscell_hidden_filename: qjs::JSAtom;
}

/// The global `BigInt` (owned), for BigInts too large for `JS_NewBigInt64`; read by native functions too, so
/// it lives outside [`Engine`].
static BIGINT: Local<Cell<qjs::JSValue>> = Local::new(Cell::new(0));

/// The global `BigInt` function.
pub fn bigint() -> qjs::JSValue {
    BIGINT.get().get()
}

/// The engine, behind a cell that only [`engine`] and [`init`] open.
struct Slot(UnsafeCell<Option<Engine>>);

// SAFETY: wasm32-wasip1 instances run on one thread.
unsafe impl Sync for Slot {}

static ENGINE: Slot = Slot(UnsafeCell::new(None));

/// The engine, once `jscell_init` has run.
///
/// # Safety
/// Only the exports call this, once each, and none of them re-enters another export, so the returned
/// reference is never aliased.
pub unsafe fn engine() -> Option<&'static mut Engine> {
    // SAFETY: never aliased (the caller's contract).
    unsafe { (*ENGINE.0.get()).as_mut() }
}

/// Creates the runtime and context. Called once, at build time, before the snapshot is taken.
pub fn init() -> Result<(), String> {
    // SAFETY: runs once, before any other export can see the engine.
    let slot = unsafe { &mut *ENGINE.0.get() };
    if slot.is_some() {
        return Ok(());
    }
    let runtime = rquickjs::Runtime::new().map_err(|_| "cannot create the QuickJS runtime")?;
    // The stack check is on thanks to patches/quickjs-wasi-stack-check.patch. These defaults are in the snapshot;
    // the host changes them per context only when asked to (`jscell_set_limits`).
    runtime.set_max_stack_size(limits::DEFAULT_STACK_LIMIT as usize);
    runtime.set_memory_limit(limits::DEFAULT_MEMORY_LIMIT as usize);
    // Polled by QuickJS every few thousand bytecodes and while a regexp backtracks; `true` throws an
    // uncatchable error that unwinds the JS. This is how time limits and `interrupt()` stop JS.
    runtime.set_interrupt_handler(Some(Box::new(crate::imports::interrupt_requested)));
    let context = rquickjs::Context::full(&runtime).map_err(|_| "cannot create the QuickJS context")?;
    let ctx = context.as_raw().as_ptr();
    let rt = context.get_runtime_ptr();
    // SAFETY: `ctx` is a live context; every value created here is owned by the engine or by a guard.
    unsafe {
        // jscell's own helpers (compiled from the file "<jscell>") stay out of stack traces (see
        // patches/quickjs-clean-stack-traces.patch); the atom is kept for the life of the instance.
        jscell_hidden_filename = qjs::JS_NewAtom(ctx, c"<jscell>".as_ptr());
        let local_eval = eval_hidden(ctx, b"(function () { return eval(arguments[0]); })")?;
        let global = Owned::new(ctx, qjs::JS_GetGlobalObject(ctx));
        BIGINT.get().set(qjs::JS_GetPropertyStr(ctx, global.raw(), c"BigInt".as_ptr()));
        crate::random::install(ctx, global.raw())?;
        crate::console::install(ctx, global.raw())?;
        crate::timers::install(ctx, global.raw())?;
        crate::hooks::install(ctx, global.raw())?;
        crate::web::install(ctx)?;
        // What jscell and QuickJS put on the global object is not enumerable, as built-ins are not: so
        // `Object.keys(globalThis)` (and `ctx.globals` in Python) lists what the page's own code defined.
        let hidden =
            b"for (const k of Object.keys(globalThis)) Object.defineProperty(globalThis, k, { enumerable: false })";
        qjs::JS_FreeValue(ctx, eval_hidden(ctx, hidden)?);
        crate::rejections::install(rt);
        // Thrown when memory is so exhausted that QuickJS cannot allocate an error object (see
        // patches/quickjs-out-of-memory-error.patch); without it JS would catch `null`.
        crate::exception::preallocate_out_of_memory_error(eval_hidden(
            ctx,
            b"(() => { const e = new InternalError('out of memory'); delete e.stack; return e })()",
        )?);
        *slot = Some(Engine {
            _runtime: runtime,
            _context: context,
            rt,
            ctx,
            local_eval,
            input: Vec::new(),
            output: Writer::new(),
        });
    }
    Ok(())
}
