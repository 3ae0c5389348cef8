//! A thrown JS value, classified and encoded for the host: a status saying what happened (see
//! `jscell_wire::Status`), then name, message, stack and value.
//!
//! What happened is told by identity, never by text: the out-of-memory errors and SyntaxErrors QuickJS threw are
//! remembered by patches/quickjs-error-identity.patch (and quickjs-out-of-memory-error.patch), the error made of a failed host callback is remembered
//! here, and a stop is whatever exception is left once the host asked the JS to stop. So JS cannot pass an
//! error of its own off as one of these.
//!
//! Reading an error's properties runs JS (getters, `toString`), which may throw in turn. Each such failure
//! falls back to a fixed text, so encoding an exception always finishes.

use std::cell::Cell;

use jscell_wire::{Status, Writer};
use rquickjs::qjs;

use crate::from_js::{with_wtf8, Encoder};
use crate::imports;
use crate::local::Local;
use crate::owned::{is_undefined, is_uninitialized, same_object, undefined, Owned};

extern "C" {
    /// Defined by patches/quickjs-out-of-memory-error.patch: what QuickJS throws when it cannot even allocate an
    /// error object. Set once, by [`preallocate_out_of_memory_error`].
    static mut jscell_out_of_memory_error: qjs::JSValue;
    /// Defined by patches/quickjs-out-of-memory-error.patch, set by it and by quickjs-error-identity.patch: the
    /// last out-of-memory error QuickJS threw (referenced).
    static mut jscell_last_out_of_memory: qjs::JSValue;
    /// Defined by patches/quickjs-error-identity.patch: the last SyntaxError QuickJS threw (referenced).
    static mut jscell_last_syntax_error: qjs::JSValue;
}

/// The error the last failed host callback turned into (referenced), or `undefined`.
static LAST_CALLBACK_ERROR: Local<Cell<qjs::JSValue>> = Local::new(Cell::new(qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)));

/// Hands QuickJS the error (owned) it throws when it cannot even allocate one; called once, by `engine::init`,
/// before the image is snapshotted.
pub fn preallocate_out_of_memory_error(error: qjs::JSValue) {
    // SAFETY: written once at initialisation, on this one thread, before QuickJS can read it.
    unsafe { jscell_out_of_memory_error = error }
}

/// Forgets the errors remembered during earlier requests; called as each request starts.
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn start(ctx: *mut qjs::JSContext) {
    // SAFETY: single-threaded; each global holds one reference (or a value without one), freed once here.
    unsafe {
        qjs::JS_FreeValue(ctx, std::mem::replace(&mut *std::ptr::addr_of_mut!(jscell_last_out_of_memory), undefined()));
        qjs::JS_FreeValue(ctx, std::mem::replace(&mut *std::ptr::addr_of_mut!(jscell_last_syntax_error), undefined()));
        qjs::JS_FreeValue(ctx, LAST_CALLBACK_ERROR.get().replace(undefined()));
    }
}

/// Remembers `error` as the one a failed host callback threw.
///
/// # Safety
/// `error` is a live value of the live context `ctx`; it stays borrowed.
pub unsafe fn note_callback_error(ctx: *mut qjs::JSContext, error: qjs::JSValue) {
    // SAFETY: a new reference for the cell; the one it held is freed.
    unsafe { qjs::JS_FreeValue(ctx, LAST_CALLBACK_ERROR.get().replace(qjs::JS_DupValue(ctx, error))) }
}

/// What kind of error the uncaught `exception` is, by its identity. Read before the exception is encoded:
/// encoding runs JS and allocates, which may replace the errors remembered. (The preallocated error QuickJS
/// throws when it cannot allocate one counts only when it was thrown during this request, so JS cannot keep
/// it and throw it later.)
fn identity_status(exception: qjs::JSValue) -> Status {
    // SAFETY: reading globals that only this thread writes.
    let (out_of_memory, syntax_error) = unsafe { (jscell_last_out_of_memory, jscell_last_syntax_error) };
    if is_uninitialized(exception) || same_object(exception, out_of_memory) {
        Status::OutOfMemory
    } else if same_object(exception, syntax_error) {
        Status::SyntaxError
    } else if same_object(exception, LAST_CALLBACK_ERROR.get().get()) {
        Status::CallbackError
    } else {
        Status::Thrown
    }
}

/// Encodes the end of a request that `$terminate` stopped, dropping whatever exception is pending (the stop
/// may have left none, or one that async machinery made of it).
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn write_terminated(ctx: *mut qjs::JSContext, out: &mut Writer) {
    // SAFETY: as the caller guarantees.
    unsafe { clear(ctx) };
    out.raw_byte(Status::Terminated as u8);
    out.string(b"InternalError");
    out.string(b"execution terminated");
    out.string(b"");
    out.undefined();
}

/// Encodes the pending exception of `ctx` (taken from it) with its status.
///
/// # Safety
/// `ctx` is the live context.
pub unsafe fn write_pending(ctx: *mut qjs::JSContext, out: &mut Writer) {
    // SAFETY: the exception taken is owned by the guard.
    unsafe { write_exception(ctx, Owned::new(ctx, qjs::JS_GetException(ctx)), out) }
}

/// Encodes `exception` with its status.
///
/// # Safety
/// `exception` belongs to the live context `ctx`.
pub unsafe fn write_exception(ctx: *mut qjs::JSContext, exception: Owned, out: &mut Writer) {
    let value = exception.raw();
    // What the error is, is decided before the payload is written; whether the request was stopped, after it:
    // reading the error's properties runs JS, which a stop may interrupt, and then the outcome is that stop.
    let identity = identity_status(value);
    let status_at = out.len();
    out.raw_byte(Status::Thrown as u8);
    // SAFETY: `value` is live while `exception` is; every value read here is owned by a guard.
    unsafe {
        if is_uninitialized(value) {
            // QuickJS signals an exception without a value only when it ran out of memory while already handling
            // an out-of-memory error, so it could not allocate the error object.
            out.string(b"InternalError");
            out.string(b"out of memory");
            out.string(b"");
            out.undefined();
        } else if qjs::JS_IsError(value) {
            write_text(ctx, property(ctx, value, c"name"), b"Error", out);
            write_text(ctx, property(ctx, value, c"message"), b"", out);
            write_text(ctx, property(ctx, value, c"stack"), b"", out);
            out.undefined();
        } else {
            out.null();
            write_text(ctx, Owned::dup(ctx, value), b"<a value that cannot be printed>", out);
            out.string(b"");
            let mark = out.len();
            if Encoder::new(ctx, out).value(value).is_err() {
                clear(ctx);
                out.truncate(mark);
                out.undefined();
            }
        }
    }
    let status = if crate::hooks::terminated() {
        Status::Terminated
    } else if imports::stop_requested() {
        Status::Stopped
    } else {
        identity
    };
    out.set_byte(status_at, status as u8);
}

/// A property of `object`, or `undefined` when reading it throws.
///
/// # Safety
/// `object` is a live value of the live context `ctx`.
unsafe fn property(ctx: *mut qjs::JSContext, object: qjs::JSValue, name: &std::ffi::CStr) -> Owned {
    // SAFETY: as the caller guarantees; the result is owned by the guard.
    unsafe {
        let value = Owned::new(ctx, qjs::JS_GetPropertyStr(ctx, object, name.as_ptr()));
        if value.is_exception() {
            clear(ctx);
            return Owned::new(ctx, undefined());
        }
        value
    }
}

/// Writes `value` as a string, or `fallback` when it is undefined or cannot be printed.
///
/// # Safety
/// `value` belongs to the live context `ctx`.
unsafe fn write_text(ctx: *mut qjs::JSContext, value: Owned, fallback: &[u8], out: &mut Writer) {
    // SAFETY: `value` is live.
    let written = !is_undefined(value.raw()) && unsafe { with_wtf8(ctx, value.raw(), |text| out.string(text)) }.is_ok();
    if !written {
        // SAFETY: `ctx` is live.
        unsafe { clear(ctx) };
        out.string(fallback);
    }
}

/// Drops a pending exception, if any.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn clear(ctx: *mut qjs::JSContext) {
    // SAFETY: `ctx` is live; the taken exception is freed once.
    unsafe {
        if qjs::JS_HasException(ctx) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        }
    }
}
