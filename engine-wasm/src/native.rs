//! Helpers for defining native JS functions and reading their arguments.

use rquickjs::qjs;

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
