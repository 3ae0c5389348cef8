//! Rust state held by a JS object: a decoder between streamed `decode` calls, a hash between `update`s, a
//! cipher between its blocks. One QuickJS class for them all; its objects own a boxed `dyn Any`, dropped
//! when the object is collected, so page code can drop a half-used hash without leaking it.

use std::any::Any;
use std::cell::Cell;

use rquickjs::qjs;

use crate::bytes::type_error;
use crate::local::Local;
use crate::owned::Owned;

/// The QuickJS class of handles.
static CLASS: Local<Cell<qjs::JSClassID>> = Local::new(Cell::new(0));

/// What a handle's opaque points to.
type State = Box<dyn Any>;

/// Registers the handle class. Called once, at build time.
///
/// # Safety
/// `rt` is the live runtime.
pub unsafe fn register(rt: *mut qjs::JSRuntime) -> Result<(), &'static str> {
    let mut id = 0;
    let def = qjs::JSClassDef {
        class_name: c"NativeHandle".as_ptr(),
        finalizer: Some(finalize),
        gc_mark: None,
        call: None,
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: `rt` is live; QuickJS copies the definition.
    unsafe {
        qjs::JS_NewClassID(rt, &mut id);
        if qjs::JS_NewClass(rt, id, &def) < 0 {
            return Err("cannot register the native handle class");
        }
    }
    CLASS.get().set(id);
    Ok(())
}

unsafe extern "C" fn finalize(_rt: *mut qjs::JSRuntime, value: qjs::JSValue) {
    // SAFETY: a handle's opaque is the `State` box `new` leaked into it, freed only here.
    unsafe {
        let state = qjs::JS_GetOpaque(value, CLASS.get().get()).cast::<State>();
        if !state.is_null() {
            drop(Box::from_raw(state));
        }
    }
}

/// A new handle owning `state`, or the exception marker.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn new<T: Any>(ctx: *mut qjs::JSContext, state: T) -> qjs::JSValue {
    // SAFETY: `ctx` is live; the object owns the box from here on (see `finalize`).
    unsafe {
        let handle = Owned::new(ctx, qjs::JS_NewObjectClass(ctx, CLASS.get().get()));
        if handle.is_exception() {
            return handle.into_raw();
        }
        let state: State = Box::new(state);
        qjs::JS_SetOpaque(handle.raw(), Box::into_raw(Box::new(state)).cast());
        handle.into_raw()
    }
}

/// The state of type `T` that the handle `value` owns, or `None` with a `TypeError` pending (not a handle, or
/// a handle of another kind).
///
/// # Safety
/// `value` is a live value of the live context `ctx`; the borrow ends before any JS runs (which could collect
/// the handle).
pub unsafe fn get<'a, T: Any>(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<&'a mut T> {
    // SAFETY: as the caller guarantees; the opaque is null or a live `State` box.
    unsafe {
        let state = qjs::JS_GetOpaque(value, CLASS.get().get()).cast::<State>();
        let found = state.as_mut().and_then(|state| state.downcast_mut::<T>());
        if found.is_none() {
            type_error(ctx, "not a handle of this kind");
        }
        found
    }
}
