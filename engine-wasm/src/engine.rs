//! The one QuickJS runtime and context of this wasm instance, its I/O buffers and its random number source.
//!
//! The state is created once by `jscell_init`, which the build runs before it snapshots the instance, so
//! every jscell context starts from an image where all of this already exists.

use std::cell::{Cell, UnsafeCell};

use jscell_wire::{limits, Writer};
use rquickjs::qjs;

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

/// A cell for state that only this single-threaded instance touches.
pub struct Local<T>(UnsafeCell<T>);

// SAFETY: wasm32-wasip1 instances run on one thread; nothing here is ever shared across threads.
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    pub const fn new(value: T) -> Local<T> {
        Local(UnsafeCell::new(value))
    }

    /// Shared access; `T` (a `Cell` or `RefCell`) checks mutation itself.
    pub fn get(&self) -> &T {
        // SAFETY: single-threaded, and only shared references are ever handed out.
        unsafe { &*self.0.get() }
    }
}

extern "C" {
    /// Defined by patches/quickjs-out-of-memory-error.patch in QuickJS; owned by this module once set.
    static mut jscell_out_of_memory_error: qjs::JSValue;
}

/// The global `BigInt` (owned), for BigInts too large for `JS_NewBigInt64`; read by native functions too, so
/// it lives outside [`Engine`].
static BIGINT: Local<Cell<qjs::JSValue>> = Local::new(Cell::new(0));

/// The global `BigInt` function.
pub fn bigint() -> qjs::JSValue {
    BIGINT.get().get()
}

static ENGINE: Local<Option<Engine>> = Local(UnsafeCell::new(None));

/// State of the xorshift64* generator behind `Math.random`; the host reseeds it for every context.
static RANDOM: Local<Cell<u64>> = Local::new(Cell::new(0x9E37_79B9_7F4A_7C15));

/// The engine, once `jscell_init` has run.
///
/// # Safety
/// Only the exports call this, once each, and none of them re-enters another export, so the returned
/// reference is never aliased.
pub unsafe fn engine() -> Option<&'static mut Engine> {
    (*ENGINE.0.get()).as_mut()
}

/// Creates the runtime and context. Called once, at build time, before the snapshot is taken.
pub fn init() -> Result<(), &'static str> {
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
    runtime.set_interrupt_handler(Some(Box::new(crate::abi::interrupt_requested)));
    let context = rquickjs::Context::full(&runtime).map_err(|_| "cannot create the QuickJS context")?;
    let ctx = context.as_raw().as_ptr();
    let rt = context.get_runtime_ptr();
    // SAFETY: `ctx` is a live context; every value created here is owned by the engine or freed below.
    unsafe {
        let local_eval = eval_global(ctx, c"(function () { return eval(arguments[0]); })")?;
        let global = qjs::JS_GetGlobalObject(ctx);
        BIGINT.get().set(qjs::JS_GetPropertyStr(ctx, global, c"BigInt".as_ptr()));
        install_random(ctx, global)?;
        crate::console::install(ctx, global)?;
        crate::timers::install(ctx, global)?;
        crate::rejections::install(rt);
        // Thrown when memory is so exhausted that QuickJS cannot allocate an error object (see
        // patches/quickjs-out-of-memory-error.patch); without it JS would catch `null`.
        jscell_out_of_memory_error =
            eval_global(ctx, c"(() => { const e = new InternalError('out of memory'); delete e.stack; return e })()")?;
        qjs::JS_FreeValue(ctx, global);
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

/// Seeds `Math.random`. A zero seed would stick the generator at zero, so it is mixed first.
pub fn seed(seed: u64) {
    // splitmix64 of the seed: never zero for the seeds that matter, and nearby seeds give unrelated streams.
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    RANDOM.get().set(if z == 0 { 1 } else { z });
}

unsafe fn eval_global(ctx: *mut qjs::JSContext, code: &std::ffi::CStr) -> Result<qjs::JSValue, &'static str> {
    let bytes = code.to_bytes();
    let value =
        qjs::JS_Eval(ctx, code.as_ptr(), bytes.len() as _, c"<jscell>".as_ptr(), qjs::JS_EVAL_TYPE_GLOBAL as i32);
    if qjs::JS_IsException(value) {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return Err("cannot compile jscell's helper functions");
    }
    Ok(value)
}

/// The signature of a native JS function.
pub type NativeFn = unsafe extern "C" fn(*mut qjs::JSContext, qjs::JSValue, i32, *mut qjs::JSValue) -> qjs::JSValue;

/// Defines `object[name]` as the native function `function`, taking `length` declared arguments.
///
/// # Safety
/// `ctx` is a live context and `object` one of its objects.
pub unsafe fn define_function(
    ctx: *mut qjs::JSContext,
    object: qjs::JSValue,
    name: &std::ffi::CStr,
    function: NativeFn,
    length: i32,
) -> Result<(), &'static str> {
    let value =
        qjs::JS_NewCFunction2(ctx, Some(function), name.as_ptr(), length, qjs::JSCFunctionEnum_JS_CFUNC_generic, 0);
    if qjs::JS_SetPropertyStr(ctx, object, name.as_ptr(), value) < 0 {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return Err("cannot define jscell's native functions");
    }
    Ok(())
}

/// The arguments of a native function call as a slice.
///
/// # Safety
/// `argv` points to `argc` values, as QuickJS passes them, for the duration of the call.
pub unsafe fn arguments<'a>(argc: i32, argv: *mut qjs::JSValue) -> &'a [qjs::JSValue] {
    if argc > 0 && !argv.is_null() {
        std::slice::from_raw_parts(argv, argc as usize)
    } else {
        &[]
    }
}

/// Replaces `Math.random` with one driven by [`RANDOM`].
///
/// QuickJS-ng seeds its own generator when the context is created, which happened once, at build time: every
/// context made from the snapshot would repeat the same sequence. This one is reseeded per context.
unsafe fn install_random(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Result<(), &'static str> {
    let math = qjs::JS_GetPropertyStr(ctx, global, c"Math".as_ptr());
    let random =
        qjs::JS_NewCFunction2(ctx, Some(math_random), c"random".as_ptr(), 0, qjs::JSCFunctionEnum_JS_CFUNC_generic, 0);
    let status = qjs::JS_SetPropertyStr(ctx, math, c"random".as_ptr(), random);
    qjs::JS_FreeValue(ctx, math);
    if status < 0 {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return Err("cannot install Math.random");
    }
    Ok(())
}

unsafe extern "C" fn math_random(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: std::ffi::c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // xorshift64*, the generator QuickJS itself uses, then the top 53 bits as a fraction in [0, 1).
    let cell = RANDOM.get();
    let mut x = cell.get();
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    cell.set(x);
    let bits = x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
    qjs::JS_NewFloat64(bits as f64 / (1u64 << 53) as f64)
}
