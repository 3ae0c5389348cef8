//! QuickJS values into encoded values (see `jscell-wire`), with a clear error for what has no Python form.

use std::fmt::Write as _;

use jscell_wire::{Writer, MAX_DEPTH, MAX_SAFE_INTEGER};
use rquickjs::qjs;

use crate::owned::{object_identity, Owned};

/// Why a value could not be encoded.
pub enum EncodeError {
    /// The value has no Python counterpart. `path` leads from the root to it, innermost step first.
    Unconvertible { what: &'static str, path: Vec<Step> },
    /// JS threw while the value was read (a getter, a Proxy trap, running out of memory); the exception is
    /// pending in the context.
    Thrown,
}

/// One step from a container into one of its items.
pub enum Step {
    Index(u32),
    Key(Vec<u8>),
}

impl EncodeError {
    /// A message for Python users: what could not be converted, and where.
    pub fn describe(&self) -> String {
        let EncodeError::Unconvertible { what, path } = self else {
            return String::from("a JS exception was thrown during conversion");
        };
        let mut text = format!("cannot convert {what} to a Python value");
        if !path.is_empty() {
            text.push_str(" (at result");
            for step in path.iter().rev() {
                match step {
                    Step::Index(i) => {
                        let _ = write!(text, "[{i}]");
                    }
                    Step::Key(key) => {
                        let _ = write!(text, "[{:?}]", String::from_utf8_lossy(key));
                    }
                }
            }
            text.push(')');
        }
        text
    }

    fn unconvertible(what: &'static str) -> EncodeError {
        EncodeError::Unconvertible { what, path: Vec::new() }
    }

    fn within(mut self, step: Step) -> EncodeError {
        if let EncodeError::Unconvertible { path, .. } = &mut self {
            path.push(step);
        }
        self
    }
}

/// Walks one JS value and encodes it.
pub struct Encoder<'w> {
    ctx: *mut qjs::JSContext,
    out: &'w mut Writer,
    /// The objects on the path from the root to the current value, to recognise cycles.
    open: Vec<usize>,
}

impl<'w> Encoder<'w> {
    /// An encoder writing to `out`.
    pub fn new(ctx: *mut qjs::JSContext, out: &'w mut Writer) -> Encoder<'w> {
        Encoder { ctx, out, open: Vec::new() }
    }

    /// Encodes `value` (borrowed, not freed).
    ///
    /// # Safety
    /// `value` is a live value of the encoder's context, which is live.
    pub unsafe fn value(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        // SAFETY: `value` is live (the caller's contract); tag inspection reads only its bits.
        unsafe {
            match qjs::JS_VALUE_GET_TAG(value) {
                qjs::JS_TAG_INT => self.out.int(i64::from(qjs::JS_VALUE_GET_INT(value))),
                qjs::JS_TAG_BOOL => self.out.bool(qjs::JS_VALUE_GET_BOOL(value)),
                qjs::JS_TAG_NULL => self.out.null(),
                qjs::JS_TAG_UNDEFINED => self.out.undefined(),
                qjs::JS_TAG_STRING | qjs::JS_TAG_STRING_ROPE => self.string(value)?,
                qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => self.bigint(value)?,
                qjs::JS_TAG_SYMBOL => return Err(EncodeError::unconvertible("a JS symbol")),
                qjs::JS_TAG_OBJECT => self.object(value)?,
                tag if qjs::JS_TAG_IS_FLOAT64(tag) => self.number(qjs::JS_VALUE_GET_FLOAT64(value)),
                _ => return Err(EncodeError::unconvertible("an internal JS value")),
            }
        }
        Ok(())
    }

    fn number(&mut self, value: f64) {
        // Integral numbers come back as Python ints, as from JSON; -0.0 stays a float to keep its sign.
        let integral = value.fract() == 0.0 && value.abs() <= MAX_SAFE_INTEGER as f64;
        if integral && !(value == 0.0 && value.is_sign_negative()) {
            self.out.int(value as i64);
        } else {
            self.out.float(value);
        }
    }

    /// # Safety
    /// As [`Encoder::value`].
    unsafe fn string(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        // SAFETY: as the caller guarantees.
        unsafe { with_wtf8(self.ctx, value, |bytes| self.out.string(bytes)) }
    }

    /// # Safety
    /// As [`Encoder::value`].
    unsafe fn bigint(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        // SAFETY: as the caller guarantees; the decimal text is owned by its guard.
        unsafe {
            let text = Owned::new(self.ctx, qjs::JS_ToString(self.ctx, value));
            if text.is_exception() {
                return Err(EncodeError::Thrown);
            }
            with_wtf8(self.ctx, text.raw(), |digits| self.out.bigint(digits))
        }
    }

    /// # Safety
    /// As [`Encoder::value`].
    unsafe fn object(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        let ctx = self.ctx;
        // SAFETY: `value` is a live object of `ctx` (the caller's contract).
        unsafe {
            if qjs::JS_IsFunction(ctx, value) {
                return Err(EncodeError::unconvertible("a JS function"));
            }
            if qjs::JS_IsDate(value) {
                let mut millis = 0.0;
                if qjs::JS_ToFloat64(ctx, &mut millis, value) < 0 {
                    return Err(EncodeError::Thrown);
                }
                self.out.date(millis);
                return Ok(());
            }
            if qjs::JS_IsArrayBuffer(value) {
                let mut size = 0;
                let data = qjs::JS_GetArrayBuffer(ctx, &mut size, value);
                return self.bytes(data, 0, size as usize, size as usize);
            }
            if qjs::JS_GetTypedArrayType(value) >= 0 {
                return self.typed_array(value);
            }
            if qjs::JS_PromiseState(ctx, value) != qjs::JSPromiseStateEnum_JS_PROMISE_NOT_A_PROMISE {
                return Err(EncodeError::unconvertible("a JS Promise that was not awaited"));
            }
        }
        let identity = object_identity(value).unwrap_or_default();
        if self.open.contains(&identity) {
            return Err(EncodeError::unconvertible("a cyclic JS object (it contains itself)"));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(EncodeError::unconvertible("JS data nested more than 1000 levels deep"));
        }
        self.open.push(identity);
        // SAFETY: as above.
        let result = unsafe {
            if qjs::JS_IsArray(value) {
                self.array(value)
            } else {
                self.plain_object(value)
            }
        };
        self.open.pop();
        result
    }

    /// # Safety
    /// `value` is a live array of the encoder's context.
    unsafe fn array(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        let ctx = self.ctx;
        // SAFETY: as the caller guarantees; each item is owned by its guard.
        unsafe {
            let mut len = 0i64;
            if qjs::JS_GetLength(ctx, value, &mut len) < 0 {
                return Err(EncodeError::Thrown);
            }
            // JS array lengths are below 2**32, so this never truncates.
            let len = len as u32;
            self.out.array(len);
            for index in 0..len {
                let item = Owned::new(ctx, qjs::JS_GetPropertyUint32(ctx, value, index));
                if item.is_exception() {
                    return Err(EncodeError::Thrown);
                }
                self.value(item.raw()).map_err(|err| err.within(Step::Index(index)))?;
            }
        }
        Ok(())
    }

    /// # Safety
    /// `value` is a live object of the encoder's context.
    unsafe fn plain_object(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        let ctx = self.ctx;
        let mut table: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
        let mut len = 0u32;
        let flags = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY) as i32;
        // SAFETY: as the caller guarantees; the property table is freed once, after the loop.
        unsafe {
            if qjs::JS_GetOwnPropertyNames(ctx, &mut table, &mut len, value, flags) < 0 {
                return Err(EncodeError::Thrown);
            }
            self.out.object(len);
            let mut result = Ok(());
            for i in 0..len as usize {
                result = self.property(value, (*table.add(i)).atom);
                if result.is_err() {
                    break;
                }
            }
            qjs::JS_FreePropertyEnum(ctx, table, len);
            result
        }
    }

    /// # Safety
    /// `object` is a live object of the encoder's context and `atom` one of its property names.
    unsafe fn property(&mut self, object: qjs::JSValue, atom: qjs::JSAtom) -> Result<(), EncodeError> {
        let ctx = self.ctx;
        // SAFETY: as the caller guarantees; the key's C string is freed once, the item is owned by its guard.
        unsafe {
            let mut key_len = 0;
            let key = qjs::JS_AtomToCStringLen(ctx, &mut key_len, atom);
            if key.is_null() {
                return Err(EncodeError::Thrown);
            }
            let key_bytes = std::slice::from_raw_parts(key.cast::<u8>(), key_len as usize);
            self.out.key(key_bytes);
            let item = Owned::new(ctx, qjs::JS_GetProperty(ctx, object, atom));
            let result = if item.is_exception() { Err(EncodeError::Thrown) } else { self.value(item.raw()) };
            let result = result.map_err(|err| err.within(Step::Key(key_bytes.to_vec())));
            qjs::JS_FreeCString(ctx, key);
            result
        }
    }

    /// # Safety
    /// `value` is a live typed array of the encoder's context.
    unsafe fn typed_array(&mut self, value: qjs::JSValue) -> Result<(), EncodeError> {
        let ctx = self.ctx;
        let (mut offset, mut length, mut per_element) = (0, 0, 0);
        // SAFETY: as the caller guarantees; the buffer is owned by its guard.
        unsafe {
            let buffer =
                Owned::new(ctx, qjs::JS_GetTypedArrayBuffer(ctx, value, &mut offset, &mut length, &mut per_element));
            if buffer.is_exception() {
                return Err(EncodeError::Thrown);
            }
            let mut size = 0;
            let data = qjs::JS_GetArrayBuffer(ctx, &mut size, buffer.raw());
            self.bytes(data, offset as usize, length as usize, size as usize)
        }
    }

    /// # Safety
    /// `data` is null or points to `size` bytes of an array buffer.
    unsafe fn bytes(&mut self, data: *const u8, offset: usize, len: usize, size: usize) -> Result<(), EncodeError> {
        if data.is_null() {
            // A detached buffer: QuickJS has thrown a TypeError.
            return Err(EncodeError::Thrown);
        }
        match offset.checked_add(len) {
            Some(end) if end <= size => {
                // SAFETY: `offset + len <= size` bytes of the buffer (the caller's contract).
                self.out.bytes(unsafe { std::slice::from_raw_parts(data.add(offset), len) });
                Ok(())
            }
            _ => Err(EncodeError::unconvertible("a typed array whose buffer has shrunk")),
        }
    }
}

/// Runs `f` on the WTF-8 form of a JS value converted to a string (lone surrogates kept as 3-byte sequences).
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
pub unsafe fn with_wtf8<R>(
    ctx: *mut qjs::JSContext,
    value: qjs::JSValue,
    f: impl FnOnce(&[u8]) -> R,
) -> Result<R, EncodeError> {
    let mut len = 0;
    // SAFETY: as the caller guarantees; the C string is freed once, after `f`.
    unsafe {
        let text = qjs::JS_ToCStringLen2(ctx, &mut len, value, false);
        if text.is_null() {
            return Err(EncodeError::Thrown);
        }
        let result = f(std::slice::from_raw_parts(text.cast::<u8>(), len as usize));
        qjs::JS_FreeCString(ctx, text);
        Ok(result)
    }
}
