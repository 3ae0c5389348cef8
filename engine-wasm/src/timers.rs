//! `setTimeout`, `setInterval`, `clearTimeout` and `clearInterval`, with real-time semantics.
//!
//! Timers run while a call waits for a Promise to settle (see `abi::settle`): when no job is left, the earliest
//! timer is due next, and the guest asks the host to sleep until then (`jscell.sleep`), which honours the call's
//! time limit and `interrupt()`. Timers still pending when a call returns are cancelled, unless the host asks to
//! keep them (`jscell_wire::flags::KEEP_TIMERS`).

use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

use rquickjs::qjs;

use crate::abi;
use crate::engine::{arguments, define_function, Local, NativeFn};

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
        define_function(ctx, global, name, function, 1)?;
    }
    Ok(())
}

unsafe extern "C" fn set_timeout(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    schedule(ctx, argc, argv, false)
}

unsafe extern "C" fn set_interval(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    schedule(ctx, argc, argv, true)
}

unsafe fn schedule(ctx: *mut qjs::JSContext, argc: i32, argv: *mut qjs::JSValue, repeat: bool) -> qjs::JSValue {
    let args = arguments(argc, argv);
    let Some(&callback) = args.first().filter(|f| qjs::JS_IsFunction(ctx, **f)) else {
        return qjs::JS_ThrowTypeError(ctx, c"the callback must be a function".as_ptr());
    };
    let mut delay = 0.0;
    if let Some(&value) = args.get(1) {
        if qjs::JS_ToFloat64(ctx, &mut delay, value) < 0 {
            return qjs::JS_MKVAL(qjs::JS_TAG_EXCEPTION, 0);
        }
    }
    // As in browsers and node: a missing, negative or NaN delay is 0, and an interval repeats at least every 1 ms.
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

unsafe extern "C" fn clear(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if let Some(&id) = arguments(argc, argv).first().filter(|id| qjs::JS_VALUE_GET_TAG(**id) == qjs::JS_TAG_INT) {
        let id = qjs::JS_VALUE_GET_INT(id);
        let removed = {
            let timers = &mut *TIMERS.get().borrow_mut();
            let index = timers.pending.iter().position(|timer| timer.id == id);
            index.map(|i| timers.pending.remove(i))
        };
        if let Some(timer) = removed {
            free(ctx, timer);
        }
    }
    qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)
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
    if wait > 0.0 && abi::sleep(wait) {
        qjs::JS_ThrowInternalError(ctx, c"interrupted".as_ptr());
        return Next::Thrown;
    }
    // Take the timer out (or move an interval to its next time) before its callback can clear or add timers.
    let (callback, mut args) = {
        let timers = &mut *TIMERS.get().borrow_mut();
        let Some(index) = timers.pending.iter().position(|timer| timer.id == id) else { return Next::Ran };
        match timers.pending[index].repeat_ms {
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
        }
    };
    let undefined = qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0);
    let result = qjs::JS_Call(ctx, callback, undefined, args.len() as i32, args.as_mut_ptr());
    qjs::JS_FreeValue(ctx, callback);
    for arg in args {
        qjs::JS_FreeValue(ctx, arg);
    }
    if qjs::JS_IsException(result) {
        return Next::Thrown;
    }
    qjs::JS_FreeValue(ctx, result);
    Next::Ran
}

/// Cancels every pending timer.
///
/// # Safety
/// `ctx` is the live context; no other borrow of the timers is held.
pub unsafe fn cancel_all(ctx: *mut qjs::JSContext) {
    let pending = std::mem::take(&mut TIMERS.get().borrow_mut().pending);
    for timer in pending {
        free(ctx, timer);
    }
}

unsafe fn free(ctx: *mut qjs::JSContext, timer: Timer) {
    qjs::JS_FreeValue(ctx, timer.callback);
    for arg in timer.args {
        qjs::JS_FreeValue(ctx, arg);
    }
}

/// Wall-clock milliseconds; the host provides the clock.
fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
