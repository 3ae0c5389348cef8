//! never_jscore's reverse-engineering hooks, per context:
//!
//! - `$return(v)`, `$exit(v)`, `__neverjscore_return__(v)`: an early return. They throw an error JS may catch;
//!   if nothing does, the call answers `v` itself (recognised by the error's identity, see [`early_return`]).
//! - `$terminate(v)`, `__saveAndTerminate__(v)`: store `JSON.stringify(v)` as the hook data and stop all JS at
//!   once: the error they throw is uncatchable (no `catch` or `finally` runs), every later interrupt poll stops
//!   JS too, and the request drops its pending jobs and timers (see `outcome`).
//! - `$storeResult(v)`: store `JSON.stringify(v)` as the hook data, and go on.
//!
//! The host reads and clears the hook data through the `jscell_hook_data` export.

use std::cell::{Cell, RefCell};

use rquickjs::qjs;

use crate::from_js::with_wtf8;
use crate::local::Local;
use crate::native::{arguments, NativeFn};
use crate::owned::{exception, same_object, undefined, Owned};

/// The stored hook data: `JSON.stringify` of the last stored value (WTF-8), or `None`.
static DATA: Local<RefCell<Option<Vec<u8>>>> = Local::new(RefCell::new(None));
/// Whether `$terminate` ran during this request.
static TERMINATED: Local<Cell<bool>> = Local::new(Cell::new(false));
/// The value of the last early return, and the error it threw (both referenced), or `undefined`.
static RETURNED: Local<Cell<(qjs::JSValue, qjs::JSValue)>> = Local::new(Cell::new((UNDEFINED, UNDEFINED)));

const UNDEFINED: qjs::JSValue = qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0);

/// The hook functions and what each does.
const HOOKS: [(&std::ffi::CStr, NativeFn); 6] = [
    (c"$return", early_return_hook),
    (c"$exit", early_return_hook),
    (c"__neverjscore_return__", early_return_hook),
    (c"$terminate", terminate_hook),
    (c"__saveAndTerminate__", terminate_hook),
    (c"$storeResult", store_hook),
];

/// Defines the hooks on `global`: writable and configurable, but not enumerable, so `Object.keys(globalThis)`
/// does not list them.
///
/// # Safety
/// `ctx` is a live context and `global` its global object.
pub unsafe fn install(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Result<(), &'static str> {
    for (name, function) in HOOKS {
        // SAFETY: `ctx` and `global` are live (the caller's contract); the property takes the function.
        let status = unsafe {
            let value =
                qjs::JS_NewCFunction2(ctx, Some(function), name.as_ptr(), 1, qjs::JSCFunctionEnum_JS_CFUNC_generic, 0);
            let flags = (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as i32;
            qjs::JS_DefinePropertyValueStr(ctx, global, name.as_ptr(), value, flags)
        };
        if status < 0 {
            return Err("cannot install the hooks");
        }
    }
    Ok(())
}

/// Forgets the previous request's termination and early return; called as each request starts. The hook data
/// stays until the host clears it.
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn start(ctx: *mut qjs::JSContext) {
    TERMINATED.get().set(false);
    let (value, error) = RETURNED.get().replace((UNDEFINED, UNDEFINED));
    // SAFETY: the cell held one reference to each.
    unsafe {
        qjs::JS_FreeValue(ctx, value);
        qjs::JS_FreeValue(ctx, error);
    }
}

/// Whether `$terminate` ran during this request.
pub fn terminated() -> bool {
    TERMINATED.get().get()
}

/// The value of the early return whose error `exception` is, if it is one (a new reference).
///
/// # Safety
/// `ctx` is the live context and `exception` one of its values.
pub unsafe fn early_return(ctx: *mut qjs::JSContext, exception: qjs::JSValue) -> Option<Owned> {
    let (value, error) = RETURNED.get().get();
    // SAFETY: `value` is alive while the cell holds it; the guard gets a new reference.
    same_object(exception, error).then(|| unsafe { Owned::dup(ctx, value) })
}

/// The stored hook data (WTF-8 JSON text), if any.
pub fn data() -> Option<Vec<u8>> {
    DATA.get().borrow().clone()
}

/// Clears the stored hook data.
pub fn clear() {
    *DATA.get().borrow_mut() = None;
}

/// Stores `JSON.stringify(value)` as the hook data (`undefined` stores the empty text, as never_jscore does).
/// False with an exception pending when stringifying throws.
///
/// # Safety
/// `ctx` is a live context and `value` one of its values.
unsafe fn store(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> bool {
    // SAFETY: as the caller guarantees; the JSON text is owned by its guard.
    unsafe {
        let json = Owned::new(ctx, qjs::JS_JSONStringify(ctx, value, undefined(), undefined()));
        if json.is_exception() {
            return false;
        }
        let text = if qjs::JS_IsUndefined(json.raw()) {
            Vec::new()
        } else {
            match with_wtf8(ctx, json.raw(), <[u8]>::to_vec) {
                Ok(text) => text,
                Err(_) => return false,
            }
        };
        *DATA.get().borrow_mut() = Some(text);
        true
    }
}

/// The first argument of a native call, or `undefined`.
///
/// # Safety
/// `argv` holds `argc` values.
unsafe fn first(argc: i32, argv: *mut qjs::JSValue) -> qjs::JSValue {
    // SAFETY: as the caller guarantees.
    unsafe { arguments(argc, argv) }.first().copied().unwrap_or(UNDEFINED)
}

unsafe extern "C" fn store_hook(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`.
    unsafe {
        if store(ctx, first(argc, argv)) {
            undefined()
        } else {
            exception()
        }
    }
}

unsafe extern "C" fn terminate_hook(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`; the thrown error's
    // reference goes to QuickJS.
    unsafe {
        if !store(ctx, first(argc, argv)) {
            // A value JSON cannot hold (a cycle, a throwing getter): the stop still happens, with empty data.
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            *DATA.get().borrow_mut() = Some(Vec::new());
        }
        TERMINATED.get().set(true);
        qjs::JS_ThrowInternalError(ctx, c"execution terminated".as_ptr());
        let error = qjs::JS_GetException(ctx);
        qjs::JS_SetUncatchableError(ctx, error);
        qjs::JS_Throw(ctx, error)
    }
}

unsafe extern "C" fn early_return_hook(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`; the cell keeps new
    // references to the value and the error, and the thrown error's own reference goes to QuickJS.
    unsafe {
        let error = Owned::new(ctx, qjs::JS_NewError(ctx));
        if error.is_exception() {
            return exception();
        }
        let message = b"[NEVER_JSCORE_EARLY_RETURN]";
        let text = qjs::JS_NewStringLen(ctx, message.as_ptr().cast(), message.len() as _);
        qjs::JS_SetPropertyStr(ctx, error.raw(), c"message".as_ptr(), text);
        let value = qjs::JS_DupValue(ctx, first(argc, argv));
        let kept = (value, qjs::JS_DupValue(ctx, error.raw()));
        let (old_value, old_error) = RETURNED.get().replace(kept);
        qjs::JS_FreeValue(ctx, old_value);
        qjs::JS_FreeValue(ctx, old_error);
        qjs::JS_Throw(ctx, error.into_raw())
    }
}
