//! node's core modules (engine-wasm/js/node/, one file per module id) and the two natives `require` needs
//! (engine-wasm/js/loader/node.js): a core module's factory, and a user module compiled under its own file
//! name. The core modules' sources are static data in the image, compiled only when a context first requires
//! them, so contexts without `node=True` pay nothing for them.

use rquickjs::qjs;

use crate::bytes::{arg, string_arg};
use crate::native::{eval_in_file, native_fn, NativeFn};
use crate::owned::{exception, undefined};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 3] =
    [(c"nodeModule", node_module, 1), (c"nodeModuleIds", node_module_ids, 0), (c"compileModule", compile_module, 2)];

// `CORE`: (id, source) of every core module, by the file's path under engine-wasm/js/node/ without `.js`
// (see build.rs).
include!(concat!(env!("OUT_DIR"), "/core_modules.rs"));

/// The source of the core module `id`.
fn core_source(id: &str) -> Option<&'static str> {
    CORE.iter().find(|(name, _)| *name == id).map(|(_, source)| *source)
}

native_fn! {
    /// `nodeModule(id)`: the core module `id`'s factory, `function (exports, require, module, native)`, newly
    /// compiled from the hidden file (its frames stay out of stack traces), or `undefined` for no such module.
    fn node_module(ctx, args) {
        let Some(id) = string_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(source) = core_source(&id) else { return undefined() };
        let code = format!("(function (exports, require, module, native) {{\"use strict\";\n{source}\n}})");
        eval_in_file(ctx, code.as_bytes(), "<jscell>")
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
