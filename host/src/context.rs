//! One sandbox: a wasmtime `Store` holding one instance of the pre-initialised image.
//!
//! # Cost and lifetime
//!
//! Creating a context instantiates the image into a pool slot (copy-on-write, no JS setup runs) and reseeds
//! its random source; dropping it frees the slot at once. A context is `Send`: any thread may use it, one at a
//! time (`&mut self`).
//!
//! # Failure
//!
//! A JS exception leaves the context usable. A wasm trap (the guest ran out of stack, or broke) kills it: the
//! call that trapped returns [`Error::Trapped`] and every later call [`Error::Dead`].

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

use jscell_wire::flags;
use wasmtime::{Store, Trap};

use crate::abi::{answer_bytes, read_answer, Exports};
use crate::error::Error;
use crate::fiber::block_on;
use crate::image::{self, State};
use crate::wasi::Wasi;

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// How many contexts (and so wasmtime stores) are alive in this process.
pub fn live_contexts() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Options fixed when a context is created.
#[derive(Clone, Debug, Default)]
pub struct ContextOptions {
    /// Seeds `Math.random` and the guest's other random bytes. `None` draws a fresh seed, so every context
    /// differs; a fixed seed makes them reproducible.
    pub random_seed: Option<u64>,
}

/// How often each kind of work ran since creation or the last [`Context::reset_stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub compile_count: u64,
    pub evaluate_count: u64,
    pub call_count: u64,
}

/// Memory numbers of one context.
#[derive(Clone, Debug)]
pub struct HeapStatistics {
    /// QuickJS's `JS_ComputeMemoryUsage` numbers, as an encoded object.
    pub quickjs: Vec<u8>,
    /// The size of the guest's linear memory, in bytes.
    pub linear_memory_bytes: usize,
}

/// One JS sandbox. See the module documentation.
pub struct Context {
    store: Store<State>,
    exports: Exports,
    /// The guest's input buffer, as last reserved.
    input_ptr: u32,
    input_cap: u32,
    stats: Stats,
    /// Why the context is dead, once a call has trapped.
    dead: Option<String>,
}

impl Context {
    /// A new context, in the state the image was snapshotted in.
    ///
    /// # Errors
    /// [`Error::Start`] when wasmtime cannot create the instance (for example when the process is out of
    /// address space).
    pub fn new(options: &ContextOptions) -> Result<Context, Error> {
        let seed = options.random_seed.unwrap_or_else(fresh_seed);
        let (store, exports) = instantiate(image::pooled()?, seed).or_else(|err| match err {
            Some(err) => Err(err),
            None => instantiate(image::overflow()?, seed).map_err(|err| {
                err.unwrap_or_else(|| Error::Start("the on-demand allocator has no free slot".into()))
            }),
        })?;
        let mut context = Context { store, exports, input_ptr: 0, input_cap: 0, stats: Stats::default(), dead: None };
        LIVE.fetch_add(1, Ordering::Relaxed);
        guard(&mut context.dead, &mut context.store, |store| block_on(context.exports.seed.call_async(store, seed)))?;
        Ok(context)
    }

    /// Runs `code` as a classic script at global scope: its declarations become globals.
    ///
    /// # Errors
    /// [`Error::Thrown`] for syntax errors and uncaught exceptions; see the module documentation for traps.
    pub fn compile(&mut self, code: &[u8]) -> Result<(), Error> {
        self.stats.compile_count += 1;
        self.run_eval(0, code).map(drop)
    }

    /// Runs `code` and returns its completion value, encoded. Its declarations stay local to this run. With
    /// `auto_await`, a Promise result is settled first.
    ///
    /// # Errors
    /// As [`Context::compile`], plus [`Error::Unconvertible`] when the value has no Python form.
    pub fn evaluate(&mut self, code: &[u8], auto_await: bool) -> Result<Vec<u8>, Error> {
        self.stats.evaluate_count += 1;
        self.run_eval(flags::LOCAL | flags::RESULT | await_flag(auto_await), code)
    }

    /// Calls the function at the dotted `path` with `args` (an encoded array) and returns its result, encoded.
    ///
    /// # Errors
    /// As [`Context::evaluate`]; a missing path is a JS `ReferenceError` or `TypeError`.
    pub fn call(&mut self, path: &[u8], args: &[u8], auto_await: bool) -> Result<Vec<u8>, Error> {
        self.stats.call_count += 1;
        let total = path.len() + args.len();
        self.write_input(&[path, args])?;
        let flags = flags::RESULT | await_flag(auto_await);
        let request = (flags, path.len() as u32, total as u32);
        let packed = guard(&mut self.dead, &mut self.store, |store| block_on(self.exports.call.call_async(store, request)))?;
        self.read(packed)
    }

    /// Runs QuickJS's garbage collector.
    ///
    /// # Errors
    /// Only on a dead or trapping context.
    pub fn gc(&mut self) -> Result<(), Error> {
        guard(&mut self.dead, &mut self.store, |store| block_on(self.exports.gc.call_async(store, ())))
    }

    /// QuickJS's memory numbers and the linear memory size.
    ///
    /// # Errors
    /// Only on a dead or trapping context.
    pub fn heap_statistics(&mut self) -> Result<HeapStatistics, Error> {
        let packed = guard(&mut self.dead, &mut self.store, |store| block_on(self.exports.heap_stats.call_async(store, ())))?;
        let quickjs = self.read(packed)?;
        Ok(HeapStatistics { quickjs, linear_memory_bytes: self.exports.memory.data_size(&self.store) })
    }

    /// The work counters.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Sets the work counters back to zero.
    pub fn reset_stats(&mut self) {
        self.stats = Stats::default();
    }

    /// Why this context is dead, if it is.
    pub fn dead_reason(&self) -> Option<&str> {
        self.dead.as_deref()
    }

    fn run_eval(&mut self, flags: u32, code: &[u8]) -> Result<Vec<u8>, Error> {
        self.write_input(&[code])?;
        let request = (flags, code.len() as u32);
        let packed = guard(&mut self.dead, &mut self.store, |store| block_on(self.exports.eval.call_async(store, request)))?;
        self.read(packed)
    }

    /// Copies `parts` one after another into the guest's input buffer, growing it when needed.
    fn write_input(&mut self, parts: &[&[u8]]) -> Result<(), Error> {
        let total: usize = parts.iter().map(|part| part.len()).sum();
        // The guest addresses at most 4 GiB, and needs room for its own heap besides.
        let len = u32::try_from(total).ok().filter(|&len| len < u32::MAX / 2).ok_or(Error::TooLarge(total))?;
        if len > self.input_cap {
            let ptr = guard(&mut self.dead, &mut self.store, |store| block_on(self.exports.reserve.call_async(store, len)))?;
            if ptr == 0 {
                return Err(Error::TooLarge(total));
            }
            (self.input_ptr, self.input_cap) = (ptr, len);
        }
        let memory = self.exports.memory.data_mut(&mut self.store);
        let start = self.input_ptr as usize;
        let target = memory
            .get_mut(start..start + total)
            .ok_or_else(|| Error::Protocol(format!("input buffer at {start:#x}+{total} is outside guest memory")));
        let target = match target {
            Ok(target) => target,
            Err(err) => return Err(self.kill(err)),
        };
        let mut offset = 0;
        for part in parts {
            target[offset..offset + part.len()].copy_from_slice(part);
            offset += part.len();
        }
        Ok(())
    }

    /// Copies an answer out of guest memory and reads its status.
    fn read(&mut self, packed: u64) -> Result<Vec<u8>, Error> {
        let result = answer_bytes(self.exports.memory.data(&self.store), packed).and_then(read_answer);
        match result {
            Err(err @ Error::Protocol(_)) => Err(self.kill(err)),
            other => other,
        }
    }

    /// Marks the context dead because of `err`, and returns `err`.
    fn kill(&mut self, err: Error) -> Error {
        self.dead = Some(err.to_string());
        err
    }
}

impl Drop for Context {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Runs a guest call, turning a trap into [`Error::Trapped`] (and the context dead) and refusing to run on a
/// dead context. Takes the fields it needs, not the whole context, so callers can lend it an export.
fn guard<R>(
    dead: &mut Option<String>,
    store: &mut Store<State>,
    f: impl FnOnce(&mut Store<State>) -> wasmtime::Result<R>,
) -> Result<R, Error> {
    if let Some(reason) = dead {
        return Err(Error::Dead(reason.clone()));
    }
    f(store).map_err(|err| {
        let reason = match err.downcast_ref::<Trap>() {
            Some(trap) => trap.to_string(),
            None => err.to_string(),
        };
        *dead = Some(reason.clone());
        Error::Trapped(reason)
    })
}

/// Creates a store and instance on `runtime`. `Err(None)` means only that its pool is full.
fn instantiate(runtime: &image::Runtime, seed: u64) -> Result<(Store<State>, Exports), Option<Error>> {
    let mut store = Store::new(&runtime.engine, State { wasi: Wasi::new(seed) });
    match runtime.pre.instantiate(&mut store) {
        Ok(instance) => {
            let exports = Exports::new(&mut store, &instance, &runtime.exports).map_err(Some)?;
            Ok((store, exports))
        }
        Err(err) if image::is_pool_full(&err) => Err(None),
        Err(err) => Err(Some(Error::Start(err.to_string()))),
    }
}

fn await_flag(auto_await: bool) -> u32 {
    if auto_await {
        flags::AWAIT
    } else {
        0
    }
}

/// A seed no other context in this process shares: std seeds `RandomState` from the OS once per thread and
/// steps it for every new instance.
fn fresh_seed() -> u64 {
    RandomState::new().build_hasher().finish()
}
