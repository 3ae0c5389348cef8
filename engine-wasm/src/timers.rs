//! `setTimeout`, `setInterval`, `clearTimeout` and `clearInterval`, with real-time semantics.
//!
//! Timers run while a call waits for a Promise to settle (see `outcome::settle`): when no job is left, the earliest
//! timer is due next, and the guest asks the host to sleep until then (`jscell.sleep`), which honours the call's
//! time limit and `interrupt()`. Timers still pending when a call returns are cancelled, unless the host asks to
//! keep them (`jscell_wire::flags::KEEP_TIMERS`).

use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

use rquickjs::qjs;

use crate::imports;
use crate::local::Local;
use crate::native::{arguments, define_function, NativeFn};
use crate::owned::{exception, undefined, Owned};

/// A scheduled callback; it owns its callback and argument values.
struct Timer {
    id: i32,
    due_ms: f64,
    repeat_ms: Option<f64>,
    callback: qjs::JSValue,
    args: Vec<qjs::JSValue>,
}

struct Timers {
    last_id: i32,
    pending: Vec<Timer>,
}

static TIMERS: Local<RefCell<Timers>> = Local::new(RefCell::new(Timers { last_id: 0, pending: Vec::new() }));

/// What running the next timer did.
pub enum Next {
    /// A timer's callback ran.
    Ran,
    /// No timer is pending.
    Idle,
    /// The callback threw, or the wait was stopped; the exception is pending.
    Thrown,
}

/// Creates the four global functions.
///
/// # Safety
/// `ctx` is a live context and `global` its global object.
pub unsafe fn install(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Result<(), &'static str> {
    let functions: [(&std::ffi::CStr, NativeFn); 4] = [
        (c"setTimeout", set_timeout),
        (c"setInterval", set_interval),
        (c"clearTimeout", clear),
        (c"clearInterval", clear),
    ];
    for (name, function) in functions {
        // SAFETY: `ctx` and `global` are live (the caller's contract).
        unsafe { define_function(ctx, global, name, function, 1)? };
    }
    Ok(())
}

unsafe extern "C" fn set_timeout(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`.
    unsafe { schedule(ctx, argc, argv, false) }
}

unsafe extern "C" fn set_interval(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`.
    unsafe { schedule(ctx, argc, argv, true) }
}

/// # Safety
/// `ctx` is a live context and `argv` holds `argc` of its values.
unsafe fn schedule(ctx: *mut qjs::JSContext, argc: i32, argv: *mut qjs::JSValue, repeat: bool) -> qjs::JSValue {
    // SAFETY: as the caller guarantees; the timer keeps new references to its callback and arguments.
    unsafe {
        let args = arguments(argc, argv);
        let Some(&callback) = args.first().filter(|f| qjs::JS_IsFunction(ctx, **f)) else {
            return qjs::JS_ThrowTypeError(ctx, c"the callback must be a function".as_ptr());
        };
        let mut delay = 0.0;
        if let Some(&value) = args.get(1) {
            if qjs::JS_ToFloat64(ctx, &mut delay, value) < 0 {
                return exception();
            }
        }
        // As in browsers and node: a missing, negative or NaN delay is 0, and an interval repeats at least every
        // 1 ms.
        let delay = if delay.is_finite() && delay > 0.0 { delay } else { 0.0 };
        let timers = &mut *TIMERS.get().borrow_mut();
        timers.last_id = timers.last_id.checked_add(1).unwrap_or(1);
        let id = timers.last_id;
        timers.pending.push(Timer {
            id,
            due_ms: now_ms() + delay,
            repeat_ms: repeat.then_some(delay.max(1.0)),
            callback: qjs::JS_DupValue(ctx, callback),
            args: args.iter().skip(2).map(|&arg| qjs::JS_DupValue(ctx, arg)).collect(),
        });
        qjs::JS_MKVAL(qjs::JS_TAG_INT, id)
    }
}

unsafe extern "C" fn clear(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`.
    let id = unsafe { arguments(argc, argv) }
        .first()
        // SAFETY: tag inspection reads only the value's bits.
        .filter(|id| unsafe { qjs::JS_VALUE_GET_TAG(**id) } == qjs::JS_TAG_INT)
        // SAFETY: as above, for an int.
        .map(|id| unsafe { qjs::JS_VALUE_GET_INT(*id) });
    if let Some(id) = id {
        let removed = {
            let timers = &mut *TIMERS.get().borrow_mut();
            let index = timers.pending.iter().position(|timer| timer.id == id);
            index.map(|i| timers.pending.remove(i))
        };
        if let Some(timer) = removed {
            // SAFETY: the timer owned its values; `ctx` is live.
            unsafe { free(ctx, timer) };
        }
    }
    undefined()
}

/// Waits for the earliest timer and runs its callback.
///
/// # Safety
/// `ctx` is the live context; no other borrow of the timers is held.
pub unsafe fn run_next(ctx: *mut qjs::JSContext) -> Next {
    let next = {
        let timers = TIMERS.get().borrow();
        let earliest = timers.pending.iter().min_by(|a, b| a.due_ms.total_cmp(&b.due_ms).then(a.id.cmp(&b.id)));
        earliest.map(|timer| (timer.id, timer.due_ms))
    };
    let Some((id, due_ms)) = next else { return Next::Idle };
    let wait = due_ms - now_ms();
    if wait > 0.0 && imports::sleep(wait) {
        // SAFETY: `ctx` is live (the caller's contract).
        unsafe { qjs::JS_ThrowInternalError(ctx, c"interrupted".as_ptr()) };
        return Next::Thrown;
    }
    // Take the timer out (or move an interval to its next time) before its callback can clear or add timers.
    // SAFETY: `ctx` is live; the values taken are owned by guards (an interval keeps its own references).
    let (callback, args) = unsafe {
        let timers = &mut *TIMERS.get().borrow_mut();
        let Some(index) = timers.pending.iter().position(|timer| timer.id == id) else { return Next::Ran };
        let (callback, args) = match timers.pending[index].repeat_ms {
            Some(every) => {
                let timer = &mut timers.pending[index];
                timer.due_ms = now_ms() + every;
                let args = timer.args.iter().map(|&arg| qjs::JS_DupValue(ctx, arg)).collect::<Vec<_>>();
                (qjs::JS_DupValue(ctx, timer.callback), args)
            }
            None => {
                let timer = timers.pending.remove(index);
                (timer.callback, timer.args)
            }
        };
        let args: Vec<Owned> = args.into_iter().map(|arg| Owned::new(ctx, arg)).collect();
        (Owned::new(ctx, callback), args)
    };
    let mut argv: Vec<qjs::JSValue> = args.iter().map(Owned::raw).collect();
    // SAFETY: the callback and arguments are live values of `ctx`, kept alive by their guards for the call.
    let result = unsafe {
        Owned::new(ctx, qjs::JS_Call(ctx, callback.raw(), undefined(), argv.len() as i32, argv.as_mut_ptr()))
    };
    if result.is_exception() {
        return Next::Thrown;
    }
    Next::Ran
}

/// Cancels every pending timer.
///
/// # Safety
/// `ctx` is the live context; no other borrow of the timers is held.
pub unsafe fn cancel_all(ctx: *mut qjs::JSContext) {
    let pending = std::mem::take(&mut TIMERS.get().borrow_mut().pending);
    for timer in pending {
        // SAFETY: each timer owned its values; `ctx` is live (the caller's contract).
        unsafe { free(ctx, timer) };
    }
}

/// Frees what `timer` owned.
///
/// # Safety
/// `timer`'s values belong to the live context `ctx`.
unsafe fn free(ctx: *mut qjs::JSContext, timer: Timer) {
    // SAFETY: as the caller guarantees; each value is freed once.
    unsafe {
        qjs::JS_FreeValue(ctx, timer.callback);
        for arg in timer.args {
            qjs::JS_FreeValue(ctx, arg);
        }
    }
}

/// Wall-clock milliseconds; the host provides the clock.
fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
