//! JS functions that call back into the host (Python functions registered with `Context.register`).
//!
//! Each registered name becomes a global native function holding the host's callback id. Calling it encodes
//! the arguments, calls the `jscell.callback` import, and reads the host's reply from a buffer of its own
//! ([`reply_buffer`]): the host fills it through the `jscell_reply` export while the import runs, so it must not
//! be the engine's input buffer, which the export that is running still uses.

use std::cell::RefCell;

use jscell_wire::{Item, Reader, Status, Writer};
use rquickjs::qjs;

use crate::exception::note_callback_error;
use crate::from_js::{EncodeError, Encoder};
use crate::imports;
use crate::local::Local;
use crate::native::arguments;
use crate::owned::{exception, undefined, Atom, Owned};
use crate::to_js::{read_value, BuildError};

static REPLY: Local<RefCell<Vec<u8>>> = Local::new(RefCell::new(Vec::new()));

/// The reply buffer, resized to `len` bytes, for the host to write into; null when memory is exhausted.
pub fn reply_buffer(len: usize) -> *mut u8 {
    let mut reply = REPLY.get().borrow_mut();
    reply.clear();
    if reply.try_reserve_exact(len).is_err() {
        return std::ptr::null_mut();
    }
    reply.resize(len, 0);
    reply.as_mut_ptr()
}

/// Defines the global function `name` that calls host callback `id` (or, for a name that starts with
/// `jscell_wire::INTERNAL`, a function of the web platform's internal object); returns `undefined` or the
/// exception marker.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn define(ctx: *mut qjs::JSContext, name: &[u8], id: i32) -> qjs::JSValue {
    let mut data = qjs::JS_MKVAL(qjs::JS_TAG_INT, id);
    // SAFETY: `ctx` is live; the function, atom and global object are owned by guards until the global takes
    // the function.
    unsafe {
        let function = Owned::new(ctx, qjs::JS_NewCFunctionData(ctx, Some(trampoline), 0, 0, 1, &mut data));
        if function.is_exception() {
            return exception();
        }
        let (target, name) = match name.split_first() {
            Some((&jscell_wire::INTERNAL, rest)) => (Owned::dup(ctx, crate::web::internal()), rest),
            _ => (Owned::new(ctx, qjs::JS_GetGlobalObject(ctx)), name),
        };
        let Some(atom) = Atom::new(ctx, name) else { return exception() };
        if qjs::JS_SetProperty(ctx, target.raw(), atom.raw(), function.into_raw()) < 0 {
            return exception();
        }
    }
    undefined()
}

unsafe extern "C" fn trampoline(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
    _magic: i32,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls this with a live context, `argc` arguments at `argv` and the one data value
    // `define` gave it.
    unsafe {
        let id = qjs::JS_VALUE_GET_INT(*data);
        let args = arguments(argc, argv);
        let mut out = Writer::new();
        out.array(args.len() as u32);
        for &arg in args {
            match Encoder::new(ctx, &mut out).value(arg) {
                Ok(()) => {}
                Err(EncodeError::Thrown) => return exception(),
                Err(err @ EncodeError::Unconvertible { .. }) => {
                    let text = std::ffi::CString::new(err.describe().replace('\0', " ")).unwrap_or_default();
                    return qjs::JS_ThrowTypeError(ctx, c"%s".as_ptr(), text.as_ptr());
                }
            }
        }
        if !imports::callback(id, out.as_bytes()) {
            return qjs::JS_ThrowInternalError(ctx, c"the host callback failed".as_ptr());
        }
        let reply = std::mem::take(&mut *REPLY.get().borrow_mut());
        let Some((&status, payload)) = reply.split_first() else {
            return qjs::JS_ThrowInternalError(ctx, c"the host callback gave no reply".as_ptr());
        };
        if Status::from_byte(status) == Some(Status::Ok) {
            let mut reader = Reader::new(payload);
            return match read_value(ctx, crate::engine::bigint(), &mut reader, 0) {
                Ok(value) => value.into_raw(),
                Err(BuildError::Thrown) => exception(),
                Err(BuildError::Wire(_)) => qjs::JS_ThrowInternalError(ctx, c"malformed callback reply".as_ptr()),
            };
        }
        // The Python function raised: a JS Error named PythonError, whose message is the Python exception. It
        // is remembered, so that if nothing catches it the host can raise the Python exception itself.
        let message = match Reader::new(payload).item() {
            Ok(Item::String(text)) => text,
            _ => b"the Python function raised an exception",
        };
        let error = Owned::new(ctx, qjs::JS_NewError(ctx));
        if error.is_exception() {
            return exception();
        }
        let text = qjs::JS_NewStringLen(ctx, message.as_ptr().cast(), message.len() as _);
        qjs::JS_SetPropertyStr(ctx, error.raw(), c"message".as_ptr(), text);
        let name = qjs::JS_NewStringLen(ctx, c"PythonError".as_ptr(), 11);
        qjs::JS_SetPropertyStr(ctx, error.raw(), c"name".as_ptr(), name);
        note_callback_error(ctx, error.raw());
        qjs::JS_Throw(ctx, error.into_raw())
    }
}
