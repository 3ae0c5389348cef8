//! `jscell_global`'s operations (`jscell_wire::global_op`) on one property of the global object, and the list
//! of its enumerable own properties. Getters and setters on the global object may run, and their exceptions
//! are answered as for any other JS.

use jscell_wire::{global_op, Reader};
use rquickjs::qjs;

use crate::outcome::Invalid;
use crate::owned::{exception, undefined, Atom, Owned};
use crate::to_js::{read_value, BuildError};

/// One operation on the global `name`; `encoded` is the value for `SET`. Returns the owned result, the
/// exception marker, or a malformed request.
///
/// # Safety
/// `ctx` is a live context and `bigint` its global `BigInt` function.
pub unsafe fn run(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    op: u32,
    name: &[u8],
    encoded: &[u8],
) -> Result<Owned, Invalid> {
    // SAFETY: `ctx` is live; every value and atom is owned by a guard.
    unsafe {
        let global = Owned::new(ctx, qjs::JS_GetGlobalObject(ctx));
        if op == global_op::KEYS {
            return Ok(keys(ctx, global.raw()));
        }
        let Some(atom) = Atom::new(ctx, name) else { return Ok(Owned::new(ctx, exception())) };
        let as_bool = |status: i32| match status {
            n if n < 0 => exception(),
            n => qjs::JS_MKVAL(qjs::JS_TAG_BOOL, i32::from(n > 0)),
        };
        let value = match op {
            global_op::HAS => as_bool(qjs::JS_HasProperty(ctx, global.raw(), atom.raw())),
            global_op::GET => qjs::JS_GetProperty(ctx, global.raw(), atom.raw()),
            global_op::SET => {
                let malformed = |err| Invalid(format!("the global's value is malformed: {err}"));
                let mut reader = Reader::new(encoded);
                let value = match read_value(ctx, bigint, &mut reader, 0) {
                    Ok(value) => value,
                    Err(BuildError::Thrown) => return Ok(Owned::new(ctx, exception())),
                    Err(BuildError::Wire(err)) => return Err(malformed(err)),
                };
                reader.finish().map_err(malformed)?;
                // JS_SetProperty takes the value's reference.
                match qjs::JS_SetProperty(ctx, global.raw(), atom.raw(), value.into_raw()) {
                    n if n < 0 => exception(),
                    _ => undefined(),
                }
            }
            global_op::DELETE => as_bool(qjs::JS_DeleteProperty(ctx, global.raw(), atom.raw(), 0)),
            _ => return Err(Invalid(format!("unknown global operation {op}"))),
        };
        Ok(Owned::new(ctx, value))
    }
}

/// The names of `global`'s own enumerable string-keyed properties, as an array (or the exception marker).
///
/// # Safety
/// `global` is the global object of the live context `ctx`.
unsafe fn keys(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Owned {
    let mut table: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
    let mut len = 0u32;
    let flags = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY) as i32;
    // SAFETY: as the caller guarantees; the property table is freed once, and the array owned by its guard.
    unsafe {
        if qjs::JS_GetOwnPropertyNames(ctx, &mut table, &mut len, global, flags) < 0 {
            return Owned::new(ctx, exception());
        }
        let array = Owned::new(ctx, qjs::JS_NewArray(ctx));
        let mut ok = !array.is_exception();
        for i in 0..len {
            if !ok {
                break;
            }
            let name = qjs::JS_AtomToString(ctx, (*table.add(i as usize)).atom);
            // The array takes the name's reference (even when defining fails).
            ok = !qjs::JS_IsException(name)
                && qjs::JS_DefinePropertyValueUint32(ctx, array.raw(), i, name, qjs::JS_PROP_C_W_E as i32) >= 0;
        }
        qjs::JS_FreePropertyEnum(ctx, table, len);
        if ok {
            array
        } else {
            Owned::new(ctx, exception())
        }
    }
}
