//! Encoded values (from `jscell-wire`) into QuickJS values.

use jscell_wire::{Item, Reader, WireError, MAX_DEPTH};
use rquickjs::qjs;

use crate::owned::{undefined, Atom, Owned};

/// Why a value could not be built.
pub enum BuildError {
    /// The bytes did not follow the format.
    Wire(WireError),
    /// QuickJS threw (out of memory, a string too long); the exception is pending in the context.
    Thrown,
}

impl From<WireError> for BuildError {
    fn from(err: WireError) -> BuildError {
        BuildError::Wire(err)
    }
}

/// Reads one value.
///
/// # Safety
/// `ctx` is a live context and `bigint` is the global `BigInt` function of that context.
pub unsafe fn read_value(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    reader: &mut Reader<'_>,
    depth: usize,
) -> Result<Owned, BuildError> {
    // SAFETY: `ctx` is live; each new value is owned by a guard; byte slices come from the reader's input.
    unsafe {
        let value = match reader.item()? {
            Item::Undefined => undefined(),
            Item::Null => qjs::JS_MKVAL(qjs::JS_TAG_NULL, 0),
            Item::Bool(b) => qjs::JS_MKVAL(qjs::JS_TAG_BOOL, i32::from(b)),
            Item::Int(n) => match i32::try_from(n) {
                Ok(small) => qjs::JS_MKVAL(qjs::JS_TAG_INT, small),
                // Exact: the reader only accepts safe integers.
                Err(_) => qjs::JS_NewFloat64(n as f64),
            },
            Item::Float(f) => qjs::JS_NewFloat64(f),
            Item::BigInt(digits) => return new_bigint(ctx, bigint, digits),
            Item::String(wtf8) => qjs::JS_NewStringLen(ctx, wtf8.as_ptr().cast(), wtf8.len() as _),
            Item::Bytes(bytes) => qjs::JS_NewUint8ArrayCopy(ctx, bytes.as_ptr(), bytes.len() as _),
            Item::Date(millis) => qjs::JS_NewDate(ctx, millis),
            Item::Array(count) => return read_array(ctx, bigint, reader, count, depth),
            Item::Object(count) => return read_object(ctx, bigint, reader, count, depth),
        };
        checked(Owned::new(ctx, value))
    }
}

/// # Safety
/// As [`read_value`].
unsafe fn read_array(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    reader: &mut Reader<'_>,
    count: u32,
    depth: usize,
) -> Result<Owned, BuildError> {
    check_depth(reader, depth)?;
    // SAFETY: `ctx` is live; the array and its items are owned by guards until the array takes each item.
    unsafe {
        let array = checked(Owned::new(ctx, qjs::JS_NewArray(ctx)))?;
        for index in 0..count {
            let item = read_value(ctx, bigint, reader, depth + 1)?;
            let flags = qjs::JS_PROP_C_W_E as i32;
            if qjs::JS_DefinePropertyValueUint32(ctx, array.raw(), index, item.into_raw(), flags) < 0 {
                return Err(BuildError::Thrown);
            }
        }
        Ok(array)
    }
}

/// # Safety
/// As [`read_value`].
unsafe fn read_object(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    reader: &mut Reader<'_>,
    count: u32,
    depth: usize,
) -> Result<Owned, BuildError> {
    check_depth(reader, depth)?;
    // SAFETY: `ctx` is live; the object, values and atoms are owned by guards until the object takes a value.
    unsafe {
        let object = checked(Owned::new(ctx, qjs::JS_NewObject(ctx)))?;
        for _ in 0..count {
            let key = reader.key()?;
            let value = read_value(ctx, bigint, reader, depth + 1)?;
            let atom = Atom::new(ctx, key).ok_or(BuildError::Thrown)?;
            // Define, not set: a key such as "__proto__" becomes an own property instead of changing the
            // prototype, and setters on Object.prototype never run.
            let flags = qjs::JS_PROP_C_W_E as i32;
            if qjs::JS_DefinePropertyValue(ctx, object.raw(), atom.raw(), value.into_raw(), flags) < 0 {
                return Err(BuildError::Thrown);
            }
        }
        Ok(object)
    }
}

/// # Safety
/// As [`read_value`].
unsafe fn new_bigint(ctx: *mut qjs::JSContext, bigint: qjs::JSValue, digits: &str) -> Result<Owned, BuildError> {
    // SAFETY: `ctx` and `bigint` are live; every new value is owned by a guard.
    unsafe {
        if let Ok(small) = digits.parse::<i64>() {
            return checked(Owned::new(ctx, qjs::JS_NewBigInt64(ctx, small)));
        }
        let text = checked(Owned::new(ctx, qjs::JS_NewStringLen(ctx, digits.as_ptr().cast(), digits.len() as _)))?;
        let mut argument = text.raw();
        checked(Owned::new(ctx, qjs::JS_Call(ctx, bigint, undefined(), 1, &mut argument)))
    }
}

fn check_depth(reader: &Reader<'_>, depth: usize) -> Result<(), BuildError> {
    if depth >= MAX_DEPTH {
        let offset = reader.position();
        return Err(BuildError::Wire(WireError { offset, reason: "nested too deeply" }));
    }
    Ok(())
}

/// `value`, or [`BuildError::Thrown`] when it is the exception marker.
fn checked(value: Owned) -> Result<Owned, BuildError> {
    if value.is_exception() {
        Err(BuildError::Thrown)
    } else {
        Ok(value)
    }
}
