//! The clock behind `performance.now()` and `performance.timeOrigin` (engine-wasm/js/web/performance.js).
//!
//! QuickJS's own `performance` takes its origin when the context is created, which happened once, at build
//! time, and the host's monotonic clock counts from the process's first use: so its `now()` was neither
//! relative to the context nor ever sure to be positive. Here the origin is taken when the host starts each
//! context (`jscell_seed`), as a browser takes it when a page starts.

use std::cell::Cell;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rquickjs::qjs;

use crate::local::Local;
use crate::native::NativeFn;

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 2] =
    [(c"performanceNow", performance_now, 0), (c"timeOrigin", time_origin, 0)];

/// When this context started: the monotonic instant and the wall-clock milliseconds since the epoch.
static ORIGIN: Local<Cell<Option<(Instant, f64)>>> = Local::new(Cell::new(None));

/// Takes this context's origin: now.
pub fn start() {
    let wall = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    ORIGIN.get().set(Some((Instant::now(), wall)));
}

/// The origin, taken now if the host has not started the context (only at build time).
fn origin() -> (Instant, f64) {
    if ORIGIN.get().get().is_none() {
        start();
    }
    ORIGIN.get().get().unwrap_or_else(|| (Instant::now(), 0.0))
}

unsafe extern "C" fn performance_now(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: i32,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // Milliseconds with microsecond resolution, as browsers coarsen it.
    let micros = origin().0.elapsed().as_micros() as f64;
    qjs::JS_NewFloat64(micros / 1000.0)
}

unsafe extern "C" fn time_origin(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: i32,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_NewFloat64(origin().1)
}
