//! A thrown JS value, encoded for the host as name, message, stack and value (see `jscell-wire`).
//!
//! Reading an error's properties runs JS (getters, `toString`), which may throw in turn. Each such failure
//! falls back to a fixed text, so encoding an exception always finishes.

use jscell_wire::{Status, Writer};
use rquickjs::qjs;

use crate::from_js::{with_wtf8, Encoder};

/// Encodes `exception` (owned; freed here) after a [`Status::Thrown`] byte.
///
/// # Safety
/// `exception` is a live value of `ctx`.
pub unsafe fn write_exception(ctx: *mut qjs::JSContext, exception: qjs::JSValue, out: &mut Writer) {
    out.raw_byte(Status::Thrown as u8);
    if qjs::JS_IsUninitialized(exception) {
        // QuickJS signals an exception without a value only when it ran out of memory while already handling
        // an out-of-memory error, so it could not allocate the error object.
        out.string(b"InternalError");
        out.string(b"out of memory");
        out.string(b"");
        out.undefined();
    } else if qjs::JS_IsError(exception) {
        write_text(ctx, property(ctx, exception, c"name"), b"Error", out);
        write_text(ctx, property(ctx, exception, c"message"), b"", out);
        write_text(ctx, property(ctx, exception, c"stack"), b"", out);
        out.undefined();
    } else {
        out.null();
        write_text(ctx, qjs::JS_DupValue(ctx, exception), b"<a value that cannot be printed>", out);
        out.string(b"");
        let mark = out.len();
        if Encoder::new(ctx, out).value(exception).is_err() {
            clear(ctx);
            out.truncate(mark);
            out.undefined();
        }
    }
    qjs::JS_FreeValue(ctx, exception);
}

/// A property of `object`, or `undefined` when reading it throws.
unsafe fn property(ctx: *mut qjs::JSContext, object: qjs::JSValue, name: &std::ffi::CStr) -> qjs::JSValue {
    let value = qjs::JS_GetPropertyStr(ctx, object, name.as_ptr());
    if qjs::JS_IsException(value) {
        clear(ctx);
        return qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0);
    }
    value
}

/// Writes `value` (owned; freed here) as a string, or `fallback` when it is undefined or cannot be printed.
unsafe fn write_text(ctx: *mut qjs::JSContext, value: qjs::JSValue, fallback: &[u8], out: &mut Writer) {
    let written = !qjs::JS_IsUndefined(value) && with_wtf8(ctx, value, |text| out.string(text)).is_ok();
    if !written {
        clear(ctx);
        out.string(fallback);
    }
    qjs::JS_FreeValue(ctx, value);
}

/// Drops a pending exception, if any.
pub unsafe fn clear(ctx: *mut qjs::JSContext) {
    if qjs::JS_HasException(ctx) {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
    }
}
