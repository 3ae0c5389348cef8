//! Helpers for defining native JS functions and reading their arguments, and for running jscell's own JS.

use rquickjs::qjs;

use crate::from_js::with_wtf8;
use crate::owned::Owned;

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
    // SAFETY: `ctx` and `object` are live (the caller's contract); the new function is handed to the property.
    unsafe {
        let value =
            qjs::JS_NewCFunction2(ctx, Some(function), name.as_ptr(), length, qjs::JSCFunctionEnum_JS_CFUNC_generic, 0);
        if qjs::JS_SetPropertyStr(ctx, object, name.as_ptr(), value) < 0 {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return Err("cannot define jscell's native functions");
        }
    }
    Ok(())
}

/// The arguments of a native function call as a slice.
///
/// # Safety
/// `argv` points to `argc` values, as QuickJS passes them, for the duration of the call.
pub unsafe fn arguments<'a>(argc: i32, argv: *mut qjs::JSValue) -> &'a [qjs::JSValue] {
    if argc > 0 && !argv.is_null() {
        // SAFETY: QuickJS passes `argc` live values at `argv` (the caller's contract).
        unsafe { std::slice::from_raw_parts(argv, argc as usize) }
    } else {
        &[]
    }
}

/// Compiles and runs jscell's own `code` at global scope, from the hidden file "<jscell>" (its frames stay out of
/// stack traces); its value (owned).
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn eval_hidden(ctx: *mut qjs::JSContext, code: &[u8]) -> Result<qjs::JSValue, String> {
    // SAFETY: `ctx` is live; a pending exception is taken.
    unsafe {
        let value = eval_in_file(ctx, code, "<jscell>");
        if crate::owned::is_exception(value) {
            return Err(format!("jscell's own JS failed: {}", pending_message(ctx)));
        }
        Ok(value)
    }
}

/// Compiles and runs `code` at global scope as the file `filename`: its value (owned), or the exception marker
/// with the exception pending.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn eval_in_file(ctx: *mut qjs::JSContext, code: &[u8], filename: &str) -> qjs::JSValue {
    // QuickJS's parser needs a NUL after the source, and the file name is a C string.
    let mut source = code.to_vec();
    source.push(0);
    let mut name = filename.replace('\0', "").into_bytes();
    name.push(0);
    let flags = qjs::JS_EVAL_TYPE_GLOBAL as i32;
    // SAFETY: both buffers are NUL-terminated and outlive the call.
    unsafe { qjs::JS_Eval(ctx, source.as_ptr().cast(), code.len() as _, name.as_ptr().cast(), flags) }
}

/// The pending exception as text (with its stack), taken from the context; for build errors.
///
/// # Safety
/// `ctx` is a live context with an exception pending.
pub unsafe fn pending_message(ctx: *mut qjs::JSContext) -> String {
    // SAFETY: as the caller guarantees; the exception and its strings are freed by guards.
    unsafe {
        let error = Owned::new(ctx, qjs::JS_GetException(ctx));
        let stack = Owned::new(ctx, qjs::JS_GetPropertyStr(ctx, error.raw(), c"stack".as_ptr()));
        let mut text = String::new();
        for value in [error.raw(), stack.raw()] {
            let _ = with_wtf8(ctx, value, |bytes| text.push_str(&String::from_utf8_lossy(bytes)));
            text.push('\n');
        }
        text
    }
}

/// Defines a [`NativeFn`] whose body sees the context as `$ctx` and the call's arguments as the slice `$args`.
/// The body runs in an `unsafe` block on these guarantees, which every use relies on: `$ctx` is live, each
/// argument is a live value of it, and byte slices read from the arguments are used before any JS runs again.
macro_rules! native_fn {
    ($(#[$doc:meta])* fn $name:ident($ctx:ident, $args:ident) $body:block) => {
        $(#[$doc])*
        unsafe extern "C" fn $name(
            $ctx: *mut rquickjs::qjs::JSContext,
            _this: rquickjs::qjs::JSValue,
            argc: i32,
            argv: *mut rquickjs::qjs::JSValue,
        ) -> rquickjs::qjs::JSValue {
            // SAFETY: QuickJS passes a live context and `argc` live values at `argv`; see the macro's contract.
            unsafe {
                let $args = $crate::native::arguments(argc, argv);
                $body
            }
        }
    };
}
pub(crate) use native_fn;
