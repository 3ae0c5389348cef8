//! Guards for QuickJS values and atoms that this code owns: dropping one frees it, so no error path can leak a
//! reference or free one twice.

use rquickjs::qjs;

/// An owned JS value, freed when dropped.
pub struct Owned {
    ctx: *mut qjs::JSContext,
    value: qjs::JSValue,
}

impl Owned {
    /// Takes ownership of `value`.
    ///
    /// # Safety
    /// `value` belongs to the live context `ctx` and the caller owns one reference to it, which it hands over.
    /// Exception markers and other values without a reference count may be wrapped too; freeing them does nothing.
    pub unsafe fn new(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Owned {
        Owned { ctx, value }
    }

    /// A new reference to `value`, which stays borrowed.
    ///
    /// # Safety
    /// `value` is a live value of the live context `ctx`.
    pub unsafe fn dup(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Owned {
        // SAFETY: as the caller guarantees.
        unsafe { Owned::new(ctx, qjs::JS_DupValue(ctx, value)) }
    }

    /// The value, still owned by the guard.
    pub fn raw(&self) -> qjs::JSValue {
        self.value
    }

    /// Gives the reference back to the caller, who must free it.
    pub fn into_raw(self) -> qjs::JSValue {
        let value = self.value;
        std::mem::forget(self);
        value
    }

    /// Whether this is QuickJS's exception marker (an exception is pending in the context).
    pub fn is_exception(&self) -> bool {
        is_exception(self.value)
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: the guard owns one reference to a value of `ctx`, which outlives it (`new`'s contract).
        unsafe { qjs::JS_FreeValue(self.ctx, self.value) }
    }
}

/// An owned atom, freed when dropped.
pub struct Atom {
    ctx: *mut qjs::JSContext,
    atom: qjs::JSAtom,
}

impl Atom {
    /// The atom for the WTF-8 `name`, or `None` with an exception pending.
    ///
    /// # Safety
    /// `ctx` is a live context.
    pub unsafe fn new(ctx: *mut qjs::JSContext, name: &[u8]) -> Option<Atom> {
        // SAFETY: `name` is `name.len()` readable bytes; QuickJS copies them.
        let atom = unsafe { qjs::JS_NewAtomLen(ctx, name.as_ptr().cast(), name.len() as _) };
        (atom != qjs::JS_ATOM_NULL).then_some(Atom { ctx, atom })
    }

    /// The atom, still owned by the guard.
    pub fn raw(&self) -> qjs::JSAtom {
        self.atom
    }
}

impl Drop for Atom {
    fn drop(&mut self) {
        // SAFETY: the guard owns the atom, made in `ctx`, which outlives it.
        unsafe { qjs::JS_FreeAtom(self.ctx, self.atom) }
    }
}

/// `undefined`.
pub fn undefined() -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)
}

/// QuickJS's exception marker: a native function returns it when it has thrown.
pub fn exception() -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_EXCEPTION, 0)
}

// The predicates below only look at a value's tag bits (and `object_ptr` at its payload bits); they neither read
// nor write memory, so they are safe whatever the value.

/// Whether `value` is QuickJS's exception marker.
pub fn is_exception(value: qjs::JSValue) -> bool {
    // SAFETY: inspects the value's bits only.
    unsafe { qjs::JS_IsException(value) }
}

/// Whether `value` is `undefined`.
pub fn is_undefined(value: qjs::JSValue) -> bool {
    // SAFETY: inspects the value's bits only.
    unsafe { qjs::JS_IsUndefined(value) }
}

/// Whether `value` is QuickJS's "uninitialized" marker.
pub fn is_uninitialized(value: qjs::JSValue) -> bool {
    // SAFETY: inspects the value's bits only.
    unsafe { qjs::JS_IsUninitialized(value) }
}

/// Whether `value` is an object.
pub fn is_object(value: qjs::JSValue) -> bool {
    // SAFETY: inspects the value's bits only.
    unsafe { qjs::JS_IsObject(value) }
}

/// Whether `a` and `b` are the same object.
pub fn same_object(a: qjs::JSValue, b: qjs::JSValue) -> bool {
    // SAFETY: compares the pointers of two objects' values without dereferencing them.
    is_object(a) && is_object(b) && unsafe { qjs::JS_VALUE_GET_PTR(a) == qjs::JS_VALUE_GET_PTR(b) }
}

/// The identity of an object (its address), to recognise it again; `None` for other values.
pub fn object_identity(value: qjs::JSValue) -> Option<usize> {
    // SAFETY: reads the pointer bits of an object's value without dereferencing them.
    is_object(value).then(|| unsafe { qjs::JS_VALUE_GET_PTR(value) } as usize)
}
