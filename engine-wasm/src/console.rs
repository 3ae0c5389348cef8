//! `console.log`, `info`, `warn`, `error` and `debug`, formatted like node's `util.format` and handed to the
//! host through the `jscell.console` import; the host decides where the text goes.

use rquickjs::qjs;

use crate::exception::clear;
use crate::from_js::with_wtf8;
use crate::imports;
use crate::native::{arguments, define_function, NativeFn};
use crate::owned::{undefined, Owned};

/// The console methods and the level each reports (`jscell_wire::console_level`).
const METHODS: [(&std::ffi::CStr, NativeFn); 5] =
    [(c"log", log), (c"info", info), (c"warn", warn), (c"error", error), (c"debug", debug)];

/// Creates the global `console` object.
///
/// # Safety
/// `ctx` is a live context and `global` its global object.
pub unsafe fn install(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Result<(), &'static str> {
    // SAFETY: `ctx` and `global` are live (the caller's contract); `console` is owned by its guard until the
    // global object takes it.
    unsafe {
        let console = Owned::new(ctx, qjs::JS_NewObject(ctx));
        for (name, function) in METHODS {
            define_function(ctx, console.raw(), name, function, 0)?;
        }
        if qjs::JS_SetPropertyStr(ctx, global, c"console".as_ptr(), console.into_raw()) < 0 {
            return Err("cannot install console");
        }
    }
    Ok(())
}

macro_rules! console_method {
    ($name:ident, $level:expr) => {
        unsafe extern "C" fn $name(
            ctx: *mut qjs::JSContext,
            _this: qjs::JSValue,
            argc: i32,
            argv: *mut qjs::JSValue,
        ) -> qjs::JSValue {
            // SAFETY: QuickJS calls this with a live context and `argc` arguments at `argv`.
            unsafe { emit(ctx, $level, argc, argv) }
        }
    };
}

console_method!(log, jscell_wire::console_level::LOG);
console_method!(info, jscell_wire::console_level::INFO);
console_method!(warn, jscell_wire::console_level::WARN);
console_method!(error, jscell_wire::console_level::ERROR);
console_method!(debug, jscell_wire::console_level::DEBUG);

/// # Safety
/// `ctx` is a live context and `argv` holds `argc` of its values.
unsafe fn emit(ctx: *mut qjs::JSContext, level: u32, argc: i32, argv: *mut qjs::JSValue) -> qjs::JSValue {
    // SAFETY: as the caller guarantees.
    let text = unsafe { format(ctx, arguments(argc, argv)) };
    imports::console(level, &text);
    undefined()
}

/// The message `util.format(...args)` would make: `%s`, `%d`, `%i`, `%f`, `%o`, `%O`, `%j`, `%c` and `%%` in a
/// leading string, then the remaining arguments separated by spaces.
///
/// # Safety
/// `ctx` is a live context and `args` are its values.
pub unsafe fn format(ctx: *mut qjs::JSContext, args: &[qjs::JSValue]) -> Vec<u8> {
    // SAFETY: `ctx` is live and the values are its own (the caller's contract); taken values are freed once.
    unsafe {
        let mut out = Vec::new();
        let mut next = 0;
        if let Some(&first) = args.first().filter(|v| qjs::JS_IsString(**v)) {
            next = 1;
            let mut pattern = Vec::new();
            string(ctx, first, &mut pattern);
            let mut bytes = pattern.iter().copied().peekable();
            while let Some(byte) = bytes.next() {
                let directive = match (byte, bytes.peek()) {
                    (b'%', Some(&d)) if b"sdifoOjc%".contains(&d) => d,
                    _ => {
                        out.push(byte);
                        continue;
                    }
                };
                bytes.next();
                if directive == b'%' {
                    out.push(b'%');
                    continue;
                }
                let Some(&arg) = args.get(next) else {
                    out.extend_from_slice(&[b'%', directive]);
                    continue;
                };
                next += 1;
                match directive {
                    b's' => display(ctx, arg, &mut out),
                    b'd' | b'i' | b'f' => number(ctx, arg, directive == b'i', &mut out),
                    b'c' => {}
                    _ => inspect(ctx, arg, &mut out),
                }
            }
        }
        for &arg in &args[next..] {
            if !out.is_empty() {
                out.push(b' ');
            }
            display(ctx, arg, &mut out);
        }
        out
    }
}

/// Strings as they are; anything else as `inspect` shows it.
///
/// # Safety
/// `ctx` is a live context and `value` one of its values.
unsafe fn display(ctx: *mut qjs::JSContext, value: qjs::JSValue, out: &mut Vec<u8>) {
    // SAFETY: `ctx` is live and the values are its own (the caller's contract); taken values are freed once.
    unsafe {
        if qjs::JS_IsString(value) {
            string(ctx, value, out);
        } else {
            inspect(ctx, value, out);
        }
    }
}

/// Objects and arrays as JSON, functions as `[Function: name]`, BigInts with an `n`, the rest as `String()`.
///
/// # Safety
/// `ctx` is a live context and `value` one of its values.
unsafe fn inspect(ctx: *mut qjs::JSContext, value: qjs::JSValue, out: &mut Vec<u8>) {
    // SAFETY: `ctx` is live and the values are its own (the caller's contract); taken values are freed once.
    unsafe {
        if qjs::JS_IsFunction(ctx, value) {
            out.extend_from_slice(b"[Function");
            let name = Owned::new(ctx, qjs::JS_GetPropertyStr(ctx, value, c"name".as_ptr()));
            let mut text = Vec::new();
            if qjs::JS_IsString(name.raw()) {
                string(ctx, name.raw(), &mut text);
            }
            clear(ctx);
            if text.is_empty() {
                out.extend_from_slice(b" (anonymous)");
            } else {
                out.extend_from_slice(b": ");
                out.extend_from_slice(&text);
            }
            out.push(b']');
            return;
        }
        if qjs::JS_IsString(value) {
            out.push(b'\'');
            string(ctx, value, out);
            out.push(b'\'');
            return;
        }
        if qjs::JS_IsObject(value) && !qjs::JS_IsError(value) {
            let json = Owned::new(ctx, qjs::JS_JSONStringify(ctx, value, undefined(), undefined()));
            let written =
                qjs::JS_IsString(json.raw()) && with_wtf8(ctx, json.raw(), |text| out.extend_from_slice(text)).is_ok();
            clear(ctx);
            if written {
                return;
            }
        }
        string(ctx, value, out);
        if qjs::JS_VALUE_GET_TAG(value) == qjs::JS_TAG_BIG_INT
            || qjs::JS_VALUE_GET_TAG(value) == qjs::JS_TAG_SHORT_BIG_INT
        {
            out.push(b'n');
        }
    }
}

/// `%d` and `%f` as `Number(value)`, `%i` truncated to an integer.
///
/// # Safety
/// `ctx` is a live context and `value` one of its values.
unsafe fn number(ctx: *mut qjs::JSContext, value: qjs::JSValue, integer: bool, out: &mut Vec<u8>) {
    // SAFETY: `ctx` is live and the values are its own (the caller's contract); taken values are freed once.
    unsafe {
        let mut n = 0.0;
        if qjs::JS_ToFloat64(ctx, &mut n, value) < 0 {
            clear(ctx);
            n = f64::NAN;
        }
        let n = if integer { n.trunc() } else { n };
        string(ctx, qjs::JS_NewFloat64(n), out);
    }
}

/// `String(value)`, or a placeholder when converting throws.
///
/// # Safety
/// `ctx` is a live context and `value` one of its values.
unsafe fn string(ctx: *mut qjs::JSContext, value: qjs::JSValue, out: &mut Vec<u8>) {
    // SAFETY: `ctx` is live and the values are its own (the caller's contract); taken values are freed once.
    unsafe {
        if qjs::JS_IsSymbol(value) {
            // ToString throws for symbols; String() shows their description instead.
            out.extend_from_slice(b"Symbol(");
            let description = Owned::new(ctx, qjs::JS_GetPropertyStr(ctx, value, c"description".as_ptr()));
            if qjs::JS_IsString(description.raw()) {
                string(ctx, description.raw(), out);
            }
            clear(ctx);
            out.push(b')');
            return;
        }
        if with_wtf8(ctx, value, |text| out.extend_from_slice(text)).is_err() {
            clear(ctx);
            out.extend_from_slice(b"[unprintable]");
        }
    }
}
