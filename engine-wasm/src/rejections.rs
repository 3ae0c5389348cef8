//! Promise rejections that nothing handled. Each is reported through the console (at the error level) when the
//! call that caused it finishes, so it is never lost silently; a rejection the call itself raises (the awaited
//! Promise's) is not reported twice.

use std::cell::RefCell;

use rquickjs::qjs;

use crate::imports;
use crate::local::Local;
use crate::owned::object_identity;

/// Rejected promises with no handler yet, and their reasons; both owned.
static UNHANDLED: Local<RefCell<Vec<(qjs::JSValue, qjs::JSValue)>>> = Local::new(RefCell::new(Vec::new()));

/// Starts tracking rejections.
///
/// # Safety
/// `rt` is the live runtime.
pub unsafe fn install(rt: *mut qjs::JSRuntime) {
    // SAFETY: `rt` is live (the caller's contract); `track` needs no opaque data.
    unsafe { qjs::JS_SetHostPromiseRejectionTracker(rt, Some(track), std::ptr::null_mut()) }
}

unsafe extern "C" fn track(
    ctx: *mut qjs::JSContext,
    promise: qjs::JSValue,
    reason: qjs::JSValue,
    is_handled: bool,
    _opaque: *mut std::ffi::c_void,
) {
    // SAFETY: QuickJS calls the tracker with its live context and values; the list keeps new references.
    unsafe {
        if is_handled {
            forget(ctx, promise);
        } else {
            UNHANDLED.get().borrow_mut().push((qjs::JS_DupValue(ctx, promise), qjs::JS_DupValue(ctx, reason)));
        }
    }
}

/// Stops tracking `promise`: a handler was attached, or the call raises its rejection itself.
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn forget(ctx: *mut qjs::JSContext, promise: qjs::JSValue) {
    let identity = object_identity(promise);
    let removed: Vec<_> = {
        let mut unhandled = UNHANDLED.get().borrow_mut();
        let (gone, kept) = unhandled.drain(..).partition(|(p, _)| object_identity(*p) == identity);
        *unhandled = kept;
        gone
    };
    for (promise, reason) in removed {
        // SAFETY: the list owned one reference to each; they are freed once.
        unsafe {
            qjs::JS_FreeValue(ctx, promise);
            qjs::JS_FreeValue(ctx, reason);
        }
    }
}

/// Forgets every rejection still unhandled, without reporting it.
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn discard(ctx: *mut qjs::JSContext) {
    let unhandled = std::mem::take(&mut *UNHANDLED.get().borrow_mut());
    for (promise, reason) in unhandled {
        // SAFETY: the list owned one reference to each; they are freed once.
        unsafe {
            qjs::JS_FreeValue(ctx, promise);
            qjs::JS_FreeValue(ctx, reason);
        }
    }
}

/// Reports every rejection still unhandled, as node does: "Uncaught (in promise) <reason>".
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn report(ctx: *mut qjs::JSContext) {
    let unhandled = std::mem::take(&mut *UNHANDLED.get().borrow_mut());
    for (promise, reason) in unhandled {
        let mut text = b"Uncaught (in promise) ".to_vec();
        // SAFETY: `ctx` is live; the list owned one reference to each value, freed once here.
        unsafe {
            text.extend_from_slice(&crate::console::format(ctx, &[reason]));
            qjs::JS_FreeValue(ctx, promise);
            qjs::JS_FreeValue(ctx, reason);
        }
        imports::console(jscell_wire::console_level::ERROR, &text);
    }
}
