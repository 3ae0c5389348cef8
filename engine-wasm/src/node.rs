//! node's core modules (engine-wasm/js/node/, one file per module id) and the two natives `require` needs
//! (engine-wasm/js/loader/node.js): a core module's factory, and a user module compiled under its own file
//! name. The core modules' sources are static data in the image, compiled only when a context first requires
//! them, so contexts without `node=True` pay nothing for them.

use rquickjs::qjs;

use crate::bytes::{arg, string_arg};
use crate::native::{eval_in_file, native_fn, NativeFn};
use crate::owned::{exception, undefined};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 4] = [
    (c"nodeModule", node_module, 1),
    (c"nodeModuleIds", node_module_ids, 0),
    (c"compileModule", compile_module, 2),
    (c"promiseState", promise_state, 1),
];

// `CORE`: (id, source) of every core module, by the file's path under engine-wasm/js/node/ without `.js`
// (see build.rs).
include!(concat!(env!("OUT_DIR"), "/core_modules.rs"));

/// The source of the core module `id`.
fn core_source(id: &str) -> Option<&'static str> {
    CORE.iter().find(|(name, _)| *name == id).map(|(_, source)| *source)
}

native_fn! {
    /// `nodeModule(id)`: the core module `id`'s factory, `function (exports, require, module, native)`, newly
    /// compiled as the file `node:<id>` (the name node gives its own modules' frames; and unlike jscell's hidden
    /// file, its functions show their source, which code such as `util.format` looks at), or `undefined` for no
    /// such module.
    fn node_module(ctx, args) {
        let Some(id) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(source) = core_source(&id) else { return undefined() };
        let code = format!("(function (exports, require, module, native) {{\"use strict\";\n{source}\n}})");
        eval_in_file(ctx, code.as_bytes(), &format!("node:{id}"))
    }
}

native_fn! {
    /// `nodeModuleIds()`: every core module's id, `internal/` ones included.
    fn node_module_ids(ctx, args) {
        let _ = args;
        let ids = crate::owned::Owned::new(ctx, qjs::JS_NewArray(ctx));
        for (i, (id, _)) in CORE.iter().enumerate() {
            if qjs::JS_SetPropertyUint32(ctx, ids.raw(), i as u32, crate::bytes::new_string(ctx, id)) < 0 {
                return exception();
            }
        }
        ids.into_raw()
    }
}

native_fn! {
    /// `compileModule(source, filename)`: a user module's function, `function (exports, require, module,
    /// __filename, __dirname)`, compiled in sloppy mode under `filename` so its stack frames name the file and
    /// its lines keep their numbers (the wrapper opens on the first line). A leading `#!` line is blanked, as
    /// node does.
    fn compile_module(ctx, args) {
        let Some(source) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(filename) = string_arg(ctx, arg(args, 1)) else { return exception() };
        let body = if source.starts_with("#!") { source.find('\n').map_or("", |end| &source[end..]) } else { &source };
        let code = format!("(function (exports, require, module, __filename, __dirname) {{{body}\n}})");
        eval_in_file(ctx, code.as_bytes(), &filename)
    }
}

native_fn! {
    /// `promiseState(value)`: `{ state: "pending" | "fulfilled" | "rejected", value }` for a promise (what
    /// `util.inspect` shows, and JS itself cannot read), `undefined` for anything else.
    fn promise_state(ctx, args) {
        let promise = arg(args, 0);
        let state = match qjs::JS_PromiseState(ctx, promise) {
            qjs::JSPromiseStateEnum_JS_PROMISE_PENDING => "pending",
            qjs::JSPromiseStateEnum_JS_PROMISE_FULFILLED => "fulfilled",
            qjs::JSPromiseStateEnum_JS_PROMISE_REJECTED => "rejected",
            _ => return undefined(),
        };
        let answer = crate::owned::Owned::new(ctx, qjs::JS_NewObject(ctx));
        let fields = [(c"state", crate::bytes::new_string(ctx, state)), (c"value", qjs::JS_PromiseResult(ctx, promise))];
        for (name, value) in fields {
            if qjs::JS_SetPropertyStr(ctx, answer.raw(), name.as_ptr(), value) < 0 {
                return exception();
            }
        }
        answer.into_raw()
    }
}
