//! One sandbox: a wasmtime `Store` holding one instance of the pre-initialised image.
//!
//! # Cost and lifetime
//!
//! Creating a context instantiates the image into a pool slot (copy-on-write, no JS setup runs) and reseeds
//! its random source; dropping it frees the slot at once. A context started from a snapshot maps the
//! snapshot's memory copy-on-write instead (see `fork.rs`), so its cost does not grow with the heap. A context
//! is `Send`: any thread may use it, one at a time (`&mut self`).
//!
//! # Failure
//!
//! A JS exception leaves the context usable. A wasm trap (the guest ran out of stack, or broke) kills it: the
//! call that trapped returns [`Error::Trapped`] (or [`Error::StoppedByForce`]) and every later call
//! [`Error::Dead`].

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jscell_wire::{flags, hook_op, limits, Item, Reader};
use wasmtime::{Store, StoreLimitsBuilder, Trap, UpdateDeadline};

use crate::abi::{answer_bytes, read_answer, Answer, ExceptionKind, Exports};
use crate::callbacks::CallbackHandler;
use crate::console::ConsoleSink;
use crate::error::Error;
use crate::fork;
use crate::image;
use crate::limits::{ExternalCheck, InterruptHandle, Stop, Watch};
use crate::snapshot::Snapshot;
use crate::stack::with_call_stack;
use crate::state::State;
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
    /// How long each call may run JS, unless the call sets its own limit. `None`: no limit.
    pub timeout: Option<Duration>,
    /// Bytes the JS heap may use. `None`: [`limits::DEFAULT_MEMORY_LIMIT`] (512 MiB).
    pub memory_limit: Option<usize>,
    /// Bytes of stack JS may use. `None`: [`limits::DEFAULT_STACK_LIMIT`] (768 KiB, about 2,700 nested calls).
    pub stack_limit: Option<usize>,
    /// Keep timers that are still pending when a call returns (they run while a later call waits for a
    /// Promise). By default they are cancelled, as in never_jscore.
    pub keep_timers: bool,
}

/// Linear memory the guest may have beyond the JS heap limit: its stack, its I/O buffers, allocator overhead.
const MEMORY_HEADROOM: usize = 64 << 20;

/// The smallest heap and stack limits accepted: below these QuickJS cannot even start a call.
const MIN_MEMORY_LIMIT: usize = 1 << 20;
const MIN_STACK_LIMIT: usize = 16 << 10;

impl ContextOptions {
    /// The heap and stack limits in bytes, checked.
    fn limits(&self) -> Result<(usize, usize), Error> {
        let memory = self.memory_limit.unwrap_or(limits::DEFAULT_MEMORY_LIMIT as usize);
        // wasm32 addresses 4 GiB, and the guest needs the headroom on top of the heap.
        let max_memory = (4usize << 30) - MEMORY_HEADROOM - (64 << 20);
        if !(MIN_MEMORY_LIMIT..=max_memory).contains(&memory) {
            return Err(Error::InvalidOption(format!(
                "memory_limit must be between {MIN_MEMORY_LIMIT} and {max_memory} bytes, not {memory}"
            )));
        }
        let stack = self.stack_limit.unwrap_or(limits::DEFAULT_STACK_LIMIT as usize);
        let max_stack = limits::MAX_STACK_LIMIT as usize;
        if !(MIN_STACK_LIMIT..=max_stack).contains(&stack) {
            return Err(Error::InvalidOption(format!(
                "stack_limit must be between {MIN_STACK_LIMIT} and {max_stack} bytes, not {stack}"
            )));
        }
        Ok((memory, stack))
    }
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
    /// The time limit of calls that set none.
    timeout: Option<Duration>,
    /// The JS heap limit, in bytes.
    memory_limit: usize,
    /// `flags::KEEP_TIMERS` when pending timers outlive a call, else 0.
    timer_flag: u32,
    /// The guest's input buffer, as last reserved.
    input_ptr: u32,
    input_cap: u32,
    stats: Stats,
    /// Why the context is dead, once a call has trapped.
    dead: Option<String>,
    /// Whether its memory came from snapshot bytes, directly or through other snapshots.
    untrusted: bool,
}

impl Context {
    /// A new context, in the state the image was snapshotted in.
    ///
    /// # Errors
    /// [`Error::Start`] when wasmtime cannot create the instance (for example when the process is out of
    /// address space).
    pub fn new(options: &ContextOptions) -> Result<Context, Error> {
        Context::create(options, None)
    }

    /// A new context in the state `snapshot` captured, with its own `options` (limits, seed, timers).
    ///
    /// # Errors
    /// As [`Context::new`], and [`Error::Start`] when the snapshot does not fit the memory limit.
    pub fn from_snapshot(snapshot: &Snapshot, options: &ContextOptions) -> Result<Context, Error> {
        Context::create(options, Some(snapshot))
    }

    /// This context's whole state (its linear memory), to start other contexts from. Only between calls: the
    /// `&mut self` guarantees no JS is running.
    ///
    /// # Errors
    /// [`Error::Dead`] on a context whose sandbox trapped.
    pub fn snapshot(&mut self) -> Result<Snapshot, Error> {
        if let Some(reason) = &self.dead {
            return Err(Error::Dead(reason.clone()));
        }
        Snapshot::capture(self.exports.memory.data(&self.store), self.untrusted)
    }

    fn create(options: &ContextOptions, snapshot: Option<&Snapshot>) -> Result<Context, Error> {
        let (memory_limit, stack_limit) = options.limits()?;
        let seed = options.random_seed.unwrap_or_else(fresh_seed);
        let state = || State {
            wasi: Wasi::new(seed),
            watch: Watch::default(),
            limits: StoreLimitsBuilder::new().memory_size(memory_limit + MEMORY_HEADROOM).build(),
            console: None,
            callbacks: None,
        };
        let (store, exports) = match snapshot {
            None => instantiate(image::pooled()?, state()).or_else(|err| match err {
                Some(err) => Err(err),
                None => instantiate(image::overflow()?, state()).map_err(|err| err.unwrap_or_else(no_free_slot)),
            })?,
            Some(snapshot) => {
                if snapshot.len() > memory_limit + MEMORY_HEADROOM {
                    return Err(Error::Start(format!(
                        "the snapshot ({} bytes) does not fit this context's memory limit",
                        snapshot.len()
                    )));
                }
                let runtime = image::forking(snapshot.is_untrusted())?;
                fork::forking(snapshot.shared(), || instantiate(runtime, state()))
                    .map_err(|err| err.unwrap_or_else(no_free_slot))?
            }
        };
        let mut context = Context {
            store,
            exports,
            timeout: options.timeout,
            memory_limit,
            timer_flag: if options.keep_timers { flags::KEEP_TIMERS } else { 0 },
            input_ptr: 0,
            input_cap: 0,
            stats: Stats::default(),
            dead: None,
            untrusted: snapshot.is_some_and(Snapshot::is_untrusted),
        };
        LIVE.fetch_add(1, Ordering::Relaxed);
        let Context { dead, store, exports, .. } = &mut context;
        guard(dead, store, |store| exports.seed.call(store, seed))?;
        // The image already holds the default limits, so only other ones cost a call; a snapshot holds the
        // limits of the context it was taken from, so it always gets this one's.
        let fresh = snapshot.is_none();
        let as_set = |bytes: usize, default: u32| if fresh && bytes == default as usize { 0 } else { bytes as u32 };
        let request =
            (as_set(memory_limit, limits::DEFAULT_MEMORY_LIMIT), as_set(stack_limit, limits::DEFAULT_STACK_LIMIT));
        if request != (0, 0) {
            guard(dead, store, |store| exports.set_limits.call(store, request))?;
        }
        Ok(context)
    }

    /// A handle that stops this context's running JS from any thread (see [`InterruptHandle`]).
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.store.data().watch.handle()
    }

    /// Runs registered functions with `handler` (see [`CallbackHandler`]).
    pub fn set_callback_handler(&mut self, handler: Option<CallbackHandler>) {
        self.store.data_mut().callbacks = handler;
    }

    /// Makes the global `name` a JS function that calls the callback handler with `id`.
    ///
    /// # Errors
    /// As [`Context::evaluate`].
    pub fn define_callback(&mut self, name: &[u8], id: u32) -> Result<(), Error> {
        self.write_input(&[name])?;
        self.run_js(None, Request::Define(id, name.len() as u32)).map(drop)
    }

    /// Sends console output to `sink` (each message with its `jscell_wire::console_level`), or drops it.
    pub fn set_console(&mut self, sink: Option<ConsoleSink>) {
        self.store.data_mut().console = sink;
    }

    /// Installs a check that runs while JS runs (every few thousand bytecodes); when it returns `true` the JS
    /// is stopped with [`Error::Interrupted`] (`external: true`). Used to notice signals such as Ctrl-C.
    pub fn set_external_check(&mut self, check: Option<ExternalCheck>) {
        self.store.data_mut().watch.set_check(check);
    }

    /// Runs `code` as a classic script at global scope: its declarations become globals. `filename` names it in
    /// stack traces (`<input>` when empty).
    ///
    /// # Errors
    /// [`Error::Syntax`] for source that does not parse, [`Error::Thrown`] for uncaught exceptions (and the other
    /// typed errors of any call); see the module documentation for traps.
    pub fn compile(&mut self, code: &[u8], filename: &[u8], timeout: Option<Duration>) -> Result<(), Error> {
        self.stats.compile_count += 1;
        self.write_input(&[filename, code])?;
        let (name_len, len) = (filename.len() as u32, (filename.len() + code.len()) as u32);
        self.run_js(timeout, Request::Eval(self.timer_flag, name_len, len)).map(drop)
    }

    /// Runs `code` and returns its completion value, encoded. Its declarations stay local to this run. With
    /// `auto_await`, a Promise result is settled first.
    ///
    /// # Errors
    /// As [`Context::compile`], plus [`Error::Unconvertible`] when the value has no Python form.
    pub fn evaluate(&mut self, code: &[u8], auto_await: bool, timeout: Option<Duration>) -> Result<Vec<u8>, Error> {
        self.stats.evaluate_count += 1;
        self.write_input(&[code])?;
        let flags = flags::LOCAL | flags::RESULT | await_flag(auto_await) | self.timer_flag;
        self.run_js(timeout, Request::Eval(flags, 0, code.len() as u32))
    }

    /// Calls the function at the dotted `path` with `args` (an encoded array) and returns its result, encoded.
    ///
    /// # Errors
    /// As [`Context::evaluate`]; a missing path is a JS `ReferenceError` or `TypeError`.
    pub fn call(
        &mut self,
        path: &[u8],
        args: &[u8],
        auto_await: bool,
        timeout: Option<Duration>,
    ) -> Result<Vec<u8>, Error> {
        self.stats.call_count += 1;
        let total = path.len() + args.len();
        self.write_input(&[path, args])?;
        let flags = flags::RESULT | await_flag(auto_await) | self.timer_flag;
        self.run_js(timeout, Request::Call(flags, path.len() as u32, total as u32))
    }

    /// One operation (`jscell_wire::global_op`) on the global object's property `name`; `value` is the encoded
    /// value for `SET` and empty otherwise. Returns the encoded answer (see `global_op`).
    ///
    /// # Errors
    /// As [`Context::evaluate`]: getters and setters on the global object run JS.
    pub fn global(&mut self, op: u32, name: &[u8], value: &[u8], timeout: Option<Duration>) -> Result<Vec<u8>, Error> {
        let total = name.len() + value.len();
        self.write_input(&[name, value])?;
        self.run_js(timeout, Request::Global(op, name.len() as u32, total as u32))
    }

    /// The hook data `$storeResult` or `$terminate` stored (`JSON.stringify` of the value, WTF-8), if any. It stays
    /// until [`Context::clear_hook_data`] or the next store.
    ///
    /// # Errors
    /// Only on a dead or trapping context, or a malformed answer.
    pub fn hook_data(&mut self) -> Result<Option<Vec<u8>>, Error> {
        let packed = guard(&mut self.dead, &mut self.store, |store| self.exports.hook_data.call(store, hook_op::GET))?;
        let Answer::Value(encoded) = self.read(packed)? else {
            return Err(self.kill(Error::Protocol("the hook data came back as an exception".into())));
        };
        match Reader::new(&encoded).item() {
            Ok(Item::String(text)) => Ok(Some(text.to_vec())),
            Ok(Item::Null) => Ok(None),
            _ => Err(self.kill(Error::Protocol("the hook data is not a string or null".into()))),
        }
    }

    /// Forgets the stored hook data.
    ///
    /// # Errors
    /// Only on a dead or trapping context, or a malformed answer.
    pub fn clear_hook_data(&mut self) -> Result<(), Error> {
        let packed =
            guard(&mut self.dead, &mut self.store, |store| self.exports.hook_data.call(store, hook_op::CLEAR))?;
        self.read(packed).map(drop)
    }

    /// Runs QuickJS's garbage collector.
    ///
    /// # Errors
    /// Only on a dead or trapping context.
    pub fn gc(&mut self) -> Result<(), Error> {
        guard(&mut self.dead, &mut self.store, |store| self.exports.gc.call(store, ()))
    }

    /// QuickJS's memory numbers and the linear memory size.
    ///
    /// # Errors
    /// Only on a dead or trapping context.
    pub fn heap_statistics(&mut self) -> Result<HeapStatistics, Error> {
        let packed = guard(&mut self.dead, &mut self.store, |store| self.exports.heap_stats.call(store, ()))?;
        let Answer::Value(quickjs) = self.read(packed)? else {
            return Err(self.kill(Error::Protocol("the memory numbers came back as an exception".into())));
        };
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

    /// Runs JS under the call's time limit (or the context's), and turns the guest's answer into a value or a
    /// typed error. What kind of exception it was is the guest's status; why a stop happened is the host's own
    /// record of what it asked for.
    fn run_js(&mut self, timeout: Option<Duration>, request: Request) -> Result<Vec<u8>, Error> {
        self.store.data_mut().watch.start(timeout.or(self.timeout));
        let Context { dead, store, exports, .. } = self;
        let packed = guard(dead, store, |store| match request {
            Request::Eval(flags, name_len, len) => exports.eval.call(store, (flags, name_len, len)),
            Request::Call(flags, path_len, len) => exports.call.call(store, (flags, path_len, len)),
            Request::Global(op, name_len, len) => exports.global.call(store, (op, name_len, len)),
            Request::Define(id, name_len) => exports.define.call(store, (id, name_len)),
        });
        let stop = self.store.data_mut().watch.finish();
        let (kind, exception) = match self.read(packed?)? {
            Answer::Value(value) => return Ok(value),
            Answer::Exception(kind, exception) => (kind, exception),
        };
        Err(match (kind, stop) {
            (ExceptionKind::Thrown, _) => Error::Thrown(exception),
            (ExceptionKind::Syntax, _) => Error::Syntax(exception),
            (ExceptionKind::Callback, _) => Error::Callback(exception),
            (ExceptionKind::Terminated, _) => Error::Terminated(exception),
            (ExceptionKind::OutOfMemory, _) => Error::OutOfMemory { limit: self.memory_limit, exception },
            (ExceptionKind::Stopped, Some(Stop::Timeout(limit))) => Error::Timeout { limit, exception },
            (ExceptionKind::Stopped, Some(Stop::Interrupted)) => Error::Interrupted { exception, external: false },
            (ExceptionKind::Stopped, Some(Stop::External)) => Error::Interrupted { exception, external: true },
            (ExceptionKind::Stopped, None) => {
                self.kill(Error::Protocol("the sandbox reported a stop the host did not ask for".into()))
            }
        })
    }

    /// Copies `parts` one after another into the guest's input buffer, growing it when needed.
    fn write_input(&mut self, parts: &[&[u8]]) -> Result<(), Error> {
        let total: usize = parts.iter().map(|part| part.len()).sum();
        // The guest addresses at most 4 GiB, and needs room for its own heap besides.
        let len = u32::try_from(total).ok().filter(|&len| len < u32::MAX / 2).ok_or(Error::TooLarge(total))?;
        // A fresh context has no buffer yet, and even empty source needs one (for its terminating NUL).
        if self.input_ptr == 0 || len > self.input_cap {
            let ptr = guard(&mut self.dead, &mut self.store, |store| self.exports.reserve.call(store, len))?;
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

    /// Copies an answer out of guest memory and checks it.
    fn read(&mut self, packed: u64) -> Result<Answer, Error> {
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
    let outcome = with_call_stack(|| f(store)).map_err(|e| Error::Start(format!("cannot map a call stack: {e}")))?;
    outcome.map_err(|err| {
        let (error, reason) = if store.data().watch.forced() {
            (Error::StoppedByForce, "it ignored a request to stop and was stopped by force".to_string())
        } else {
            let reason = match err.downcast_ref::<Trap>() {
                Some(trap) => trap.to_string(),
                None => err.to_string(),
            };
            (Error::Trapped(reason.clone()), reason)
        };
        *dead = Some(reason);
        error
    })
}

/// The JS-running exports and their arguments.
#[derive(Clone, Copy)]
enum Request {
    Eval(u32, u32, u32),
    Call(u32, u32, u32),
    Global(u32, u32, u32),
    Define(u32, u32),
}

/// The error for an allocator with no free slot: only the pooled one has slots, so this cannot happen on the
/// engines that come after it.
fn no_free_slot() -> Error {
    Error::Start("no instance slot is free".into())
}

/// Creates a store and instance on `runtime`. `Err(None)` means only that its pool is full.
fn instantiate(runtime: &image::Runtime, state: State) -> Result<(Store<State>, Exports), Option<Error>> {
    let mut store = Store::new(&runtime.engine, state);
    store.limiter(|state| &mut state.limits);
    if runtime.watched {
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|mut store| {
            if store.data_mut().watch.unresponsive() {
                return Err(wasmtime::Error::msg("stopped by force"));
            }
            Ok(UpdateDeadline::Continue(1))
        });
    }
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
