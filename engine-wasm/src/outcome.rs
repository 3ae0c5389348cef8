//! What every JS-running export does after its own part: settle a Promise if asked, drain the job queue,
//! encode the outcome with its status, report unhandled rejections and cancel timers, then answer.

use jscell_wire::flags::{AWAIT, KEEP_TIMERS, RESULT};
use jscell_wire::{abi, Status, Writer};
use rquickjs::qjs;

use crate::engine::{self, Engine};
use crate::exception::{self, write_exception, write_pending, write_terminated};
use crate::from_js::{EncodeError, Encoder};
use crate::owned::{exception, Owned};
use crate::rejections;
use crate::timers::{self, Next};
use crate::{hooks, imports};

extern "C" {
    /// Defined by patches/quickjs-drop-pending-jobs.patch: frees every pending job without running it.
    fn jscell_drop_pending_jobs(rt: *mut qjs::JSRuntime);
}

/// A malformed request: the host broke the contract.
pub struct Invalid(pub String);

/// Runs `body`, which returns an owned JS value or the exception marker, then settles, drains and encodes it
/// as `flags` (`jscell_wire::flags`) ask, and returns the packed answer.
pub fn run(body: impl FnOnce(&mut Engine) -> Result<Owned, Invalid>, flags: u32) -> u64 {
    // SAFETY: exports are never re-entered, and `run` is called once per export call.
    let Some(engine) = (unsafe { engine::engine() }) else { return not_initialised() };
    imports::start();
    // SAFETY: `ctx` is the live context.
    unsafe {
        exception::start(engine.ctx);
        hooks::start(engine.ctx);
    }
    let outcome = body(engine);
    let Engine { ctx, rt, output, .. } = engine;
    output.clear();
    match outcome {
        // SAFETY: `value` belongs to `ctx`, the live context.
        Ok(value) => unsafe { finish(*ctx, *rt, value, flags, output) },
        Err(Invalid(message)) => {
            output.raw_byte(Status::Invalid as u8);
            output.raw_bytes(message.as_bytes());
        }
    }
    answer(output)
}

/// The packed address and length of what `out` holds.
pub fn answer(out: &Writer) -> u64 {
    let bytes = out.as_bytes();
    abi::pack_answer(bytes.as_ptr() as u32, bytes.len() as u32)
}

/// The answer before `jscell_init` has run, when no output buffer exists yet.
pub fn not_initialised() -> u64 {
    static ANSWER: &[u8] = b"\x03jscell_init has not run";
    abi::pack_answer(ANSWER.as_ptr() as u32, ANSWER.len() as u32)
}

/// Settles, drains and encodes `value`, then reports rejections and cancels timers unless kept.
///
/// # Safety
/// `ctx` and `rt` are the live context and runtime, and `value` belongs to `ctx`.
unsafe fn finish(ctx: *mut qjs::JSContext, rt: *mut qjs::JSRuntime, value: Owned, flags: u32, out: &mut Writer) {
    // SAFETY: as the caller guarantees.
    unsafe {
        encode_outcome(ctx, rt, value, flags, out);
        if imports::stop_requested() {
            // A stopped request's leftover jobs (the rest of a runaway Promise chain) must not run in the next
            // request, which would only be stopped again: the context stays usable.
            jscell_drop_pending_jobs(rt);
        }
        if hooks::terminated() {
            // `$terminate` stops all JS: what it left queued never runs, and nothing it rejected is reported.
            jscell_drop_pending_jobs(rt);
            rejections::discard(ctx);
            timers::cancel_all(ctx);
            return;
        }
        rejections::report(ctx);
        if flags & KEEP_TIMERS == 0 {
            timers::cancel_all(ctx);
        }
    }
}

/// The body of [`finish`]: settle, drain and encode.
///
/// # Safety
/// As [`finish`].
unsafe fn encode_outcome(
    ctx: *mut qjs::JSContext,
    rt: *mut qjs::JSRuntime,
    value: Owned,
    flags: u32,
    out: &mut Writer,
) {
    // SAFETY: as the caller guarantees; every value is owned by a guard.
    unsafe {
        let mut value = value;
        if !value.is_exception() && flags & AWAIT != 0 {
            value = settle(ctx, rt, value);
        }
        if !value.is_exception() && !run_jobs(ctx, rt) {
            value = Owned::new(ctx, exception());
        }
        if hooks::terminated() {
            write_terminated(ctx, out);
            return;
        }
        if value.is_exception() {
            // An early return (`$return`) that nothing caught answers its value.
            let pending = Owned::new(ctx, qjs::JS_GetException(ctx));
            match hooks::early_return(ctx, pending.raw()) {
                Some(returned) => value = returned,
                None => {
                    write_exception(ctx, pending, out);
                    return;
                }
            }
        }
        out.raw_byte(Status::Ok as u8);
        if flags & RESULT == 0 {
            out.undefined();
            return;
        }
        if let Err(err) = Encoder::new(ctx, out).value(value.raw()) {
            out.clear();
            match err {
                EncodeError::Thrown => write_pending(ctx, out),
                EncodeError::Unconvertible { .. } => {
                    out.raw_byte(Status::Unconvertible as u8);
                    out.raw_bytes(err.describe().as_bytes());
                }
            }
        }
    }
}

/// Waits for a Promise by running jobs and, when none is left, timers, and returns its value, or the exception
/// marker with the rejection reason pending. Anything that is not a Promise comes back as it is.
///
/// # Safety
/// As [`finish`], for `promise`.
unsafe fn settle(ctx: *mut qjs::JSContext, rt: *mut qjs::JSRuntime, promise: Owned) -> Owned {
    // SAFETY: as the caller guarantees; every value is owned by a guard.
    unsafe {
        loop {
            if hooks::terminated() {
                return Owned::new(ctx, exception());
            }
            match qjs::JS_PromiseState(ctx, promise.raw()) {
                qjs::JSPromiseStateEnum_JS_PROMISE_NOT_A_PROMISE => return promise,
                qjs::JSPromiseStateEnum_JS_PROMISE_FULFILLED => {
                    return Owned::new(ctx, qjs::JS_PromiseResult(ctx, promise.raw()));
                }
                qjs::JSPromiseStateEnum_JS_PROMISE_REJECTED => {
                    // The call raises this rejection itself, so it is not an unhandled one.
                    rejections::forget(ctx, promise.raw());
                    let reason = qjs::JS_PromiseResult(ctx, promise.raw());
                    return Owned::new(ctx, qjs::JS_Throw(ctx, reason));
                }
                _ => {}
            }
            let mut job_ctx = ctx;
            match qjs::JS_ExecutePendingJob(rt, &mut job_ctx) {
                0 => match timers::run_next(ctx) {
                    Next::Ran => {}
                    Next::Idle => {
                        let message = c"the promise never settled: no job or timer is left that could settle it";
                        return Owned::new(ctx, qjs::JS_ThrowTypeError(ctx, message.as_ptr()));
                    }
                    Next::Thrown => return Owned::new(ctx, exception()),
                },
                n if n < 0 => return Owned::new(ctx, exception()),
                _ => {}
            }
        }
    }
}

/// Runs every pending job (the microtask queue), as a JS host does after each script. False when a job
/// threw past its promise machinery; the exception is then pending.
///
/// # Safety
/// `ctx` and `rt` are the live context and runtime.
unsafe fn run_jobs(ctx: *mut qjs::JSContext, rt: *mut qjs::JSRuntime) -> bool {
    loop {
        if hooks::terminated() {
            return false;
        }
        let mut job_ctx = ctx;
        // SAFETY: as the caller guarantees.
        match unsafe { qjs::JS_ExecutePendingJob(rt, &mut job_ctx) } {
            0 => return true,
            n if n < 0 => return false,
            _ => {}
        }
    }
}
