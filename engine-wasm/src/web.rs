//! The web platform: `TextEncoder`, `URL`, `crypto`, events, `fetch` and the rest, installed once into the
//! image at build time, so a fresh context pays nothing for them.
//!
//! The APIs are written in JS (engine-wasm/js/web/; engine-wasm/js/browser/ for the browser environment and
//! engine-wasm/js/loader/ for node's `require`, both built here too but installed only by `Context(browser=...)`
//! and `Context(node=...)`, through `native.installBrowser` and `native.installNode`), compiled from jscell's
//! hidden file so their frames stay out of stack traces, on top of natives from `encoding`, `whatwg_url`,
//! `webcrypto`, `clock`, `intl` and `zone` (for `Intl` and `Date`'s local time), and for node `node`,
//! `digests`, `ciphers`, `rsa_keys` and `zlib`. The JS files are one function body, called once with an object holding the natives (never reachable from page code) and
//! `define`, which installs a global as browsers do: writable, configurable, not enumerable.

use std::cell::Cell;

use rquickjs::qjs;

use crate::local::Local;
use crate::native::{define_function, eval_hidden, pending_message, NativeFn};
use crate::owned::{undefined, Owned};

/// The JS sources, in the order they run: each may use what the ones before it defined.
const SOURCES: [&str; 20] = [
    include_str!("../js/web/idl.js"),
    include_str!("../js/web/intl.js"),
    include_str!("../js/web/encoding.js"),
    include_str!("../js/web/url.js"),
    include_str!("../js/web/crypto.js"),
    include_str!("../js/web/events.js"),
    include_str!("../js/web/performance.js"),
    include_str!("../js/web/abort.js"),
    include_str!("../js/web/blob.js"),
    include_str!("../js/web/formdata.js"),
    include_str!("../js/web/request.js"),
    include_str!("../js/web/fetch.js"),
    include_str!("../js/web/clone.js"),
    include_str!("../js/web/storage.js"),
    include_str!("../js/browser/dom.js"),
    include_str!("../js/browser/navigator.js"),
    include_str!("../js/browser/location.js"),
    include_str!("../js/browser/document.js"),
    include_str!("../js/browser/window.js"),
    include_str!("../js/loader/node.js"),
];

/// How the sources are called: `define(name, value)` installs a global.
const DEFINE: &std::ffi::CStr = c"(function (name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
})";

/// The object of natives the JS sources were called with (owned for the life of the instance).
static INTERNAL: Local<Cell<qjs::JSValue>> = Local::new(Cell::new(qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)));

/// The web platform's internal object, where host callbacks such as `hostRequest` go (borrowed).
pub fn internal() -> qjs::JSValue {
    INTERNAL.get().get()
}

/// Installs the web platform on the global object.
///
/// # Safety
/// `ctx` is a live context; called once, at build time.
pub unsafe fn install(ctx: *mut qjs::JSContext) -> Result<(), String> {
    // SAFETY: `ctx` is live (the caller's contract); every value is owned by a guard.
    unsafe {
        crate::handle::register(qjs::JS_GetRuntime(ctx))?;
        crate::zone::install();
        let native = Owned::new(ctx, qjs::JS_NewObject(ctx));
        let natives: [&[(&std::ffi::CStr, NativeFn, i32)]; 11] = [
            &crate::encoding::NATIVES,
            &crate::whatwg_url::NATIVES,
            &crate::webcrypto::NATIVES,
            &crate::clock::NATIVES,
            &crate::node::NATIVES,
            &crate::digests::NATIVES,
            &crate::ciphers::NATIVES,
            &crate::rsa_keys::NATIVES,
            &crate::zlib::NATIVES,
            &crate::intl::NATIVES,
            &crate::zone::NATIVES,
        ];
        for (name, function, length) in natives.into_iter().flatten() {
            define_function(ctx, native.raw(), name, *function, *length)?;
        }
        let define = Owned::new(ctx, eval_hidden(ctx, DEFINE.to_bytes())?);
        let mut body = String::from("(function (native, define) {\n\"use strict\";\n");
        for source in SOURCES {
            body.push_str(source);
            body.push('\n');
        }
        body.push_str("})");
        let bundle = Owned::new(ctx, eval_hidden(ctx, body.as_bytes())?);
        let mut args = [native.raw(), define.raw()];
        let result = Owned::new(ctx, qjs::JS_Call(ctx, bundle.raw(), undefined(), 2, args.as_mut_ptr()));
        if result.is_exception() {
            return Err(format!("the web platform's JS threw: {}", pending_message(ctx)));
        }
        INTERNAL.get().set(native.into_raw());
    }
    Ok(())
}
