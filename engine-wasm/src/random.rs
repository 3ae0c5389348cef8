//! `Math.random` and the bytes of `crypto.getRandomValues`, from generators the host reseeds for every
//! context.
//!
//! QuickJS-ng seeds its own generator when the context is created, which happened once, at build time: every
//! context made from the image would repeat the same sequence. These are reseeded per context (`jscell_seed`),
//! from the host's entropy or from `random_seed`.

use std::cell::{Cell, RefCell};

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha12Rng;

use rquickjs::qjs;

use crate::local::Local;
use crate::native::define_function;
use crate::owned::Owned;

/// State of the xorshift64* generator behind `Math.random`.
static RANDOM: Local<Cell<u64>> = Local::new(Cell::new(0x9E37_79B9_7F4A_7C15));
/// The generator behind `crypto.getRandomValues`: a stream cipher, since page code makes keys and nonces from
/// it. `None` until the first seed.
static CRYPTO: Local<RefCell<Option<ChaCha12Rng>>> = Local::new(RefCell::new(None));

/// Seeds the generator. The seed goes through splitmix64 first: a zero state would stick xorshift at zero, and
/// nearby seeds should give unrelated streams.
pub fn seed(seed: u64) {
    let mut state = seed;
    let mixed = jscell_wire::splitmix64(&mut state);
    RANDOM.get().set(if mixed == 0 { 1 } else { mixed });
    let mut key = [0u8; 32];
    for chunk in key.chunks_exact_mut(8) {
        chunk.copy_from_slice(&jscell_wire::splitmix64(&mut state).to_le_bytes());
    }
    *CRYPTO.get().borrow_mut() = Some(ChaCha12Rng::from_seed(key));
}

/// Fills `bytes` from the per-context cryptographic generator.
pub fn fill(bytes: &mut [u8]) {
    let mut generator = CRYPTO.get().borrow_mut();
    // The host seeds every context before it runs any JS; the build-time fallback only keeps this total.
    generator.get_or_insert_with(|| ChaCha12Rng::seed_from_u64(RANDOM.get().get())).fill_bytes(bytes);
}

/// Replaces `Math.random` with one driven by [`RANDOM`].
///
/// # Safety
/// `ctx` is a live context and `global` its global object.
pub unsafe fn install(ctx: *mut qjs::JSContext, global: qjs::JSValue) -> Result<(), &'static str> {
    // SAFETY: `ctx` and `global` are live (the caller's contract); `math` is owned by its guard.
    unsafe {
        let math = Owned::new(ctx, qjs::JS_GetPropertyStr(ctx, global, c"Math".as_ptr()));
        define_function(ctx, math.raw(), c"random", math_random, 0).map_err(|_| "cannot install Math.random")
    }
}

unsafe extern "C" fn math_random(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: std::ffi::c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // xorshift64*, the generator QuickJS itself uses, then the top 53 bits as a fraction in [0, 1).
    let cell = RANDOM.get();
    let mut x = cell.get();
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    cell.set(x);
    let bits = x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
    qjs::JS_NewFloat64(bits as f64 / (1u64 << 53) as f64)
}
