//! Encoded values (from `jscell-wire`) into QuickJS values.

use jscell_wire::{Item, Reader, WireError, MAX_DEPTH};
use rquickjs::qjs;

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

/// Reads one value and returns it as an owned JS value.
///
/// # Safety
/// `ctx` is a live context and `bigint` is the global `BigInt` function of that context.
pub unsafe fn read_value(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    reader: &mut Reader<'_>,
    depth: usize,
) -> Result<qjs::JSValue, BuildError> {
    let value = match reader.item()? {
        Item::Undefined => qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0),
        Item::Null => qjs::JS_MKVAL(qjs::JS_TAG_NULL, 0),
        Item::Bool(b) => qjs::JS_MKVAL(qjs::JS_TAG_BOOL, i32::from(b)),
        Item::Int(n) => match i32::try_from(n) {
            Ok(small) => qjs::JS_MKVAL(qjs::JS_TAG_INT, small),
            // Exact: the reader only accepts safe integers.
            Err(_) => qjs::JS_NewFloat64(n as f64),
        },
        Item::Float(f) => qjs::JS_NewFloat64(f),
        Item::BigInt(digits) => new_bigint(ctx, bigint, digits),
        Item::String(wtf8) => qjs::JS_NewStringLen(ctx, wtf8.as_ptr().cast(), wtf8.len() as _),
        Item::Bytes(bytes) => qjs::JS_NewUint8ArrayCopy(ctx, bytes.as_ptr(), bytes.len() as _),
        Item::Date(millis) => qjs::JS_NewDate(ctx, millis),
        Item::Array(count) => return read_array(ctx, bigint, reader, count, depth),
        Item::Object(count) => return read_object(ctx, bigint, reader, count, depth),
    };
    if qjs::JS_IsException(value) {
        return Err(BuildError::Thrown);
    }
    Ok(value)
}

unsafe fn read_array(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    reader: &mut Reader<'_>,
    count: u32,
    depth: usize,
) -> Result<qjs::JSValue, BuildError> {
    check_depth(reader, depth)?;
    let array = new_container(qjs::JS_NewArray(ctx))?;
    for index in 0..count {
        let item = match read_value(ctx, bigint, reader, depth + 1) {
            Ok(item) => item,
            Err(err) => return Err(discard(ctx, array, err)),
        };
        let flags = qjs::JS_PROP_C_W_E as i32;
        if qjs::JS_DefinePropertyValueUint32(ctx, array, index, item, flags) < 0 {
            return Err(discard(ctx, array, BuildError::Thrown));
        }
    }
    Ok(array)
}

unsafe fn read_object(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    reader: &mut Reader<'_>,
    count: u32,
    depth: usize,
) -> Result<qjs::JSValue, BuildError> {
    check_depth(reader, depth)?;
    let object = new_container(qjs::JS_NewObject(ctx))?;
    for _ in 0..count {
        let key = match reader.key() {
            Ok(key) => key,
            Err(err) => return Err(discard(ctx, object, err.into())),
        };
        let value = match read_value(ctx, bigint, reader, depth + 1) {
            Ok(value) => value,
            Err(err) => return Err(discard(ctx, object, err)),
        };
        let atom = qjs::JS_NewAtomLen(ctx, key.as_ptr().cast(), key.len() as _);
        if atom == qjs::JS_ATOM_NULL {
            qjs::JS_FreeValue(ctx, value);
            return Err(discard(ctx, object, BuildError::Thrown));
        }
        // Define, not set: a key such as "__proto__" becomes an own property instead of changing the
        // prototype, and setters on Object.prototype never run.
        let status = qjs::JS_DefinePropertyValue(ctx, object, atom, value, qjs::JS_PROP_C_W_E as i32);
        qjs::JS_FreeAtom(ctx, atom);
        if status < 0 {
            return Err(discard(ctx, object, BuildError::Thrown));
        }
    }
    Ok(object)
}

unsafe fn new_bigint(ctx: *mut qjs::JSContext, bigint: qjs::JSValue, digits: &str) -> qjs::JSValue {
    if let Ok(small) = digits.parse::<i64>() {
        return qjs::JS_NewBigInt64(ctx, small);
    }
    let mut text = qjs::JS_NewStringLen(ctx, digits.as_ptr().cast(), digits.len() as _);
    if qjs::JS_IsException(text) {
        return text;
    }
    let undefined = qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0);
    let value = qjs::JS_Call(ctx, bigint, undefined, 1, &mut text);
    qjs::JS_FreeValue(ctx, text);
    value
}

fn check_depth(reader: &Reader<'_>, depth: usize) -> Result<(), BuildError> {
    if depth >= MAX_DEPTH {
        let offset = reader.position();
        return Err(BuildError::Wire(WireError { offset, reason: "nested too deeply" }));
    }
    Ok(())
}

unsafe fn new_container(value: qjs::JSValue) -> Result<qjs::JSValue, BuildError> {
    if qjs::JS_IsException(value) {
        Err(BuildError::Thrown)
    } else {
        Ok(value)
    }
}

unsafe fn discard(ctx: *mut qjs::JSContext, value: qjs::JSValue, err: BuildError) -> BuildError {
    qjs::JS_FreeValue(ctx, value);
    err
}
