//! The clock behind `performance.now()` and `performance.timeOrigin` (engine-wasm/js/web/performance.js).
//!
//! QuickJS's own `performance` takes its origin when the context is created, which happened once, at build
//! time, and the host's monotonic clock counts from the process's first use: so its `now()` was neither
//! relative to the context nor ever sure to be positive. Here starting a context (`jscell_seed`) forgets the
//! origin, and the context's first use of the clock takes it: so the origin belongs to the context, and every
//! context started from one image or snapshot starts with the very same memory (no time is written into it
//! before JS asks for one).

use std::cell::Cell;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rquickjs::qjs;

use crate::local::Local;
use crate::native::NativeFn;

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 2] =
    [(c"performanceNow", performance_now, 0), (c"timeOrigin", time_origin, 0)];

/// The context's origin, once taken: the monotonic instant and the wall-clock milliseconds since the epoch.
static ORIGIN: Local<Cell<Option<(Instant, f64)>>> = Local::new(Cell::new(None));

/// Starts this context's clock afresh: its origin is taken at its first use.
pub fn start() {
    ORIGIN.get().set(None);
}

/// The origin, taken now on the context's first use of the clock.
fn origin() -> (Instant, f64) {
    if let Some(origin) = ORIGIN.get().get() {
        return origin;
    }
    let wall = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let origin = (Instant::now(), wall);
    ORIGIN.get().set(Some(origin));
    origin
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
