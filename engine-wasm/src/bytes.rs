//! The argument and result types of the web platform's native functions (see `web`): byte views in, byte
//! buffers and strings out, and `TypeError`s with a message.

use std::borrow::Cow;

use rquickjs::qjs;

use crate::from_js::with_wtf8;
use crate::owned::{exception, undefined};

/// Argument `i`, or `undefined` when the call passed fewer.
pub fn arg(args: &[qjs::JSValue], i: usize) -> qjs::JSValue {
    args.get(i).copied().unwrap_or_else(undefined)
}

/// The bytes a `Uint8Array` views, or `None` with a `TypeError` pending. The JS side turns every BufferSource
/// into a `Uint8Array` first.
///
/// # Safety
/// `value` is a live value of the live context `ctx`; the slice is only used before any JS runs again (which
/// could detach or resize the buffer).
pub unsafe fn uint8_slice<'a>(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<&'a [u8]> {
    let mut len = 0;
    // SAFETY: as the caller guarantees; QuickJS checks the class and throws for anything else.
    unsafe {
        let data = qjs::JS_GetUint8Array(ctx, &mut len, value);
        if data.is_null() {
            // An empty view may have no data pointer at all; that is not an error.
            return (!qjs::JS_HasException(ctx)).then_some(&[][..]);
        }
        Some(std::slice::from_raw_parts(data, len as usize))
    }
}

/// The argument converted to a number and then to a `u32` (saturating; NaN is 0), or `None` with an exception
/// pending.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
pub unsafe fn u32_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<u32> {
    let mut number = 0.0;
    // SAFETY: as the caller guarantees.
    (unsafe { qjs::JS_ToFloat64(ctx, &mut number, value) } >= 0).then_some(number as u32)
}

/// A new `Uint8Array` holding a copy of `bytes`.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn new_uint8_array(ctx: *mut qjs::JSContext, bytes: &[u8]) -> qjs::JSValue {
    // SAFETY: `bytes` is readable for its length; QuickJS copies it.
    unsafe { qjs::JS_NewUint8ArrayCopy(ctx, bytes.as_ptr(), bytes.len() as _) }
}

/// A new `ArrayBuffer` holding a copy of `bytes` (what WebCrypto's promises resolve to).
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn new_array_buffer(ctx: *mut qjs::JSContext, bytes: &[u8]) -> qjs::JSValue {
    // SAFETY: `bytes` is readable for its length; QuickJS copies it.
    unsafe { qjs::JS_NewArrayBufferCopy(ctx, bytes.as_ptr(), bytes.len() as _) }
}

/// A new JS string from UTF-8 text.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn new_string(ctx: *mut qjs::JSContext, text: &str) -> qjs::JSValue {
    // SAFETY: `text` is readable for its length; QuickJS copies it.
    unsafe { qjs::JS_NewStringLen(ctx, text.as_ptr().cast(), text.len() as _) }
}

/// Throws a `TypeError` with `message`; returns the exception marker.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn type_error(ctx: *mut qjs::JSContext, message: &str) -> qjs::JSValue {
    let len = i32::try_from(message.len()).unwrap_or(i32::MAX);
    // SAFETY: `%.*s` reads at most `len` bytes of `message`.
    unsafe { qjs::JS_ThrowTypeError(ctx, c"%.*s".as_ptr(), len, message.as_ptr()) }
}

/// `value` converted to a string as WebIDL's `USVString` does (lone surrogates become U+FFFD), then `f` on its
/// UTF-8; `None` with an exception pending when the conversion threw.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
pub unsafe fn with_usv_string<R>(
    ctx: *mut qjs::JSContext,
    value: qjs::JSValue,
    f: impl FnOnce(&str) -> R,
) -> Option<R> {
    // SAFETY: as the caller guarantees.
    unsafe { with_wtf8(ctx, value, |wtf8| f(&usv(wtf8))).ok() }
}

/// Whether `bytes[i..]` starts with the WTF-8 form of a lone surrogate (0xED, then 0xA0-0xBF). QuickJS joins
/// surrogate pairs into 4-byte UTF-8, so these are the only sequences in its WTF-8 that UTF-8 forbids.
pub fn is_lone_surrogate(bytes: &[u8], i: usize) -> bool {
    bytes[i] == 0xED && bytes.get(i + 1).is_some_and(|&b| b >= 0xA0)
}

/// UTF-8 for WTF-8 text: each lone surrogate (three bytes) becomes one U+FFFD.
pub fn usv(wtf8: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(wtf8) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(wtf8.len());
    let mut i = 0;
    while i < wtf8.len() {
        if is_lone_surrogate(wtf8, i) {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            i += 3;
        } else {
            out.push(wtf8[i]);
            i += 1;
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// `Some(result)` as the native function's return value, `None` as the pending exception.
pub fn or_exception(result: Option<qjs::JSValue>) -> qjs::JSValue {
    result.unwrap_or_else(exception)
}

/// The argument converted to a string (lone surrogates become U+FFFD), or `None` with an exception pending.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
pub unsafe fn string_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<String> {
    // SAFETY: as the caller guarantees.
    unsafe { with_usv_string(ctx, value, str::to_owned) }
}

/// The argument converted to a number, or `None` with an exception pending.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
pub unsafe fn f64_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<f64> {
    let mut number = 0.0;
    // SAFETY: as the caller guarantees.
    (unsafe { qjs::JS_ToFloat64(ctx, &mut number, value) } >= 0).then_some(number)
}

/// Whether the argument is truthy.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
pub unsafe fn bool_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> bool {
    // SAFETY: as the caller guarantees.
    unsafe { qjs::JS_ToBool(ctx, value) == 1 }
}

/// A JS boolean.
pub fn new_bool(value: bool) -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_BOOL, i32::from(value))
}

/// Throws a plain `Error` with `message` (the JS side maps it to the error its API names); returns the
/// exception marker.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn plain_error(ctx: *mut qjs::JSContext, message: &str) -> qjs::JSValue {
    let len = i32::try_from(message.len()).unwrap_or(i32::MAX);
    // SAFETY: `%.*s` reads at most `len` bytes of `message`.
    unsafe { qjs::JS_ThrowPlainError(ctx, c"%.*s".as_ptr(), len, message.as_ptr()) }
}

/// The `Uint8Array` arguments at `indices`, copied (the JS side may reuse their buffers once a promise is
/// pending), or `None` with an exception pending.
///
/// # Safety
/// `ctx` is a live context and `args` are its values.
pub unsafe fn byte_args<const N: usize>(
    ctx: *mut qjs::JSContext,
    args: &[qjs::JSValue],
    indices: [usize; N],
) -> Option<[Vec<u8>; N]> {
    let mut out: [Vec<u8>; N] = std::array::from_fn(|_| Vec::new());
    for (slot, index) in out.iter_mut().zip(indices) {
        // SAFETY: as the caller guarantees; the bytes are copied before any JS runs.
        *slot = unsafe { uint8_slice(ctx, arg(args, index)) }?.to_vec();
    }
    Some(out)
}
