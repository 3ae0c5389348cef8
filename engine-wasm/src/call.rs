//! `jscell_call`'s request: the function at a dotted path, looked up property by property (never parsed as
//! source, so no text in it can run), and its encoded arguments.

use jscell_wire::{Item, Reader, WireError};
use rquickjs::qjs;

use crate::owned::{is_object, undefined, Atom, Owned};
use crate::to_js::{read_value, BuildError};

/// Finds the function at a dotted path, from the global object (or, for a path that starts with
/// `jscell_wire::INTERNAL`, from the web platform's internal object). Returns `(this, function)`, or `None` with
/// a ReferenceError or TypeError pending.
///
/// # Safety
/// `ctx` is a live context.
pub unsafe fn lookup(ctx: *mut qjs::JSContext, path: &[u8]) -> Option<(Owned, Owned)> {
    // SAFETY: `ctx` is live; every value is owned by a guard.
    unsafe {
        let mut this = Owned::new(ctx, undefined());
        let (mut current, path) = match path.split_first() {
            Some((&jscell_wire::INTERNAL, rest)) => (Owned::dup(ctx, crate::web::internal()), rest),
            _ => (Owned::new(ctx, qjs::JS_GetGlobalObject(ctx)), path),
        };
        let mut walked = 0usize;
        for (i, segment) in path.split(|&b| b == b'.').enumerate() {
            if i > 0 && !is_object(current.raw()) {
                let message = c"cannot read '%.*s' of %.*s, which is not an object";
                let (parent, name) = (&path[..walked.saturating_sub(1)], segment);
                let (name_len, parent_len) = (name.len() as i32, parent.len() as i32);
                qjs::JS_ThrowTypeError(ctx, message.as_ptr(), name_len, name.as_ptr(), parent_len, parent.as_ptr());
                return None;
            }
            let atom = Atom::new(ctx, segment)?;
            let next = Owned::new(ctx, qjs::JS_GetProperty(ctx, current.raw(), atom.raw()));
            this = std::mem::replace(&mut current, next);
            walked += segment.len() + 1;
            if current.is_exception() {
                return None;
            }
        }
        if qjs::JS_IsFunction(ctx, current.raw()) {
            return Some((this, current));
        }
        let (len, ptr) = (path.len() as i32, path.as_ptr());
        if qjs::JS_IsUndefined(current.raw()) && !path.contains(&b'.') {
            qjs::JS_ThrowReferenceError(ctx, c"%.*s is not defined".as_ptr(), len, ptr);
        } else {
            qjs::JS_ThrowTypeError(ctx, c"%.*s is not a function".as_ptr(), len, ptr);
        }
        None
    }
}

/// Decodes the encoded array of arguments.
///
/// # Safety
/// `ctx` is a live context and `bigint` its global `BigInt` function.
pub unsafe fn read_arguments(
    ctx: *mut qjs::JSContext,
    bigint: qjs::JSValue,
    bytes: &[u8],
) -> Result<Vec<Owned>, BuildError> {
    let mut reader = Reader::new(bytes);
    let Item::Array(count) = reader.item()? else {
        return Err(BuildError::Wire(WireError { offset: 0, reason: "arguments are not an array" }));
    };
    let mut argv = Vec::with_capacity(count as usize);
    for _ in 0..count {
        // SAFETY: as the caller guarantees.
        argv.push(unsafe { read_value(ctx, bigint, &mut reader, 1)? });
    }
    reader.finish()?;
    Ok(argv)
}
