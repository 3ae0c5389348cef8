//! The pre-initialised guest image and the process-wide wasmtime engines that run it.
//!
//! The image is built and precompiled by `build.rs` and embedded in this library. It is deserialized once per
//! process and engine (about a millisecond), never compiled at run time.
//!
//! Contexts come from a pooling allocator whose slots are reserved once. When a context closes, its slot is
//! reset by copying back only the pages it wrote (found with Linux's `PAGEMAP_SCAN`), and those pages stay
//! resident, so the next context in that slot takes no page faults for them: on this kind of virtual machine a
//! page fault costs about 2.5 µs, and a context touches 15-30 pages. Slots are reused most-recently-used
//! first, so a program that keeps a few contexts alive at a time reuses a few slots.
//!
//! Contexts started from a snapshot come from a forking engine, whose memories map the snapshot copy-on-write
//! (see `fork.rs`); it runs the image without its data segments, since the snapshot replaces all of memory.
//! Snapshots loaded from bytes are untrusted, and their contexts run on a second forking engine whose code
//! also checks wasmtime's epoch, so the host can stop a guest that never polls (see `limits.rs`).
//!
//! When every slot is taken, further contexts come from an on-demand engine that loads the same image, so the
//! number of live contexts is bounded by memory, not by the pool. This also bounds what closed contexts leave
//! behind: at most `POOL_SLOTS` slots, each keeping at most `pages::KEEP_RESIDENT` bytes (in practice its 15-30
//! written pages).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use jscell_wire::abi;
use wasmtime::{
    Caller, Config, Enabled, Engine, InstanceAllocationStrategy, InstancePre, Linker, Module,
    PoolConcurrencyLimitError, PoolingAllocationConfig,
};

use crate::abi::ExportIndices;
use crate::callbacks;
use crate::config::{base_config, watched_config};
use crate::console;
use crate::error::Error;
use crate::fork::ForkMemories;
use crate::limits::EPOCH_TICK;
use crate::pages::KEEP_RESIDENT;
use crate::state::State;
use crate::wasi;

/// The precompiled image; see `build.rs`.
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jscell.cwasm"));

/// The same image without its data segments, for contexts whose memory comes from a snapshot.
static BARE_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jscell-bare.cwasm"));

/// The image without data segments and with epoch checks, for memory from untrusted snapshot bytes.
static WATCHED_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jscell-watched.cwasm"));

/// Contexts served from the pool at once before the on-demand engine takes over.
pub const POOL_SLOTS: u32 = 128;

/// An engine with the image loaded and linked, ready to instantiate.
pub struct Runtime {
    pub engine: Engine,
    pub pre: InstancePre<State>,
    pub exports: ExportIndices,
    /// Whether the engine's code checks the epoch (see `limits.rs`).
    pub watched: bool,
}

impl Runtime {
    /// `image` loaded into an engine of `config` (which starts from `base_config`).
    fn load(config: &Config, image: &[u8]) -> Result<Runtime, String> {
        let engine = Engine::new(config).map_err(|e| format!("cannot create the wasmtime engine: {e}"))?;
        // SAFETY: every image was produced by `Engine::precompile_module` in this crate's own build, with the
        // same wasmtime and the settings of `config.rs` its engine uses here; wasmtime still checks that version
        // and settings match.
        let module = unsafe { Module::deserialize(&engine, image) }
            .map_err(|e| format!("cannot load the precompiled JS engine image: {e}"))?;
        let mut linker = Linker::new(&engine);
        wasi::add_to_linker(&mut linker, |state: &mut State| &mut state.wasi).map_err(|e| e.to_string())?;
        console::add_to_linker(&mut linker, |state: &mut State| &mut state.console).map_err(|e| e.to_string())?;
        callbacks::add_to_linker(&mut linker, |state: &mut State| &mut state.callbacks).map_err(|e| e.to_string())?;
        linker
            .func_wrap(abi::HOST, abi::INTERRUPT_REQUESTED.name, |mut caller: Caller<'_, State>| {
                i32::from(caller.data_mut().watch.should_stop())
            })
            .map_err(|e| e.to_string())?;
        linker
            .func_wrap(abi::HOST, abi::SLEEP.name, |mut caller: Caller<'_, State>, milliseconds: f64| {
                // The guest computes the wait; anything odd (negative, NaN, absurdly long) is clamped, not trusted.
                let seconds = if milliseconds.is_finite() { (milliseconds / 1000.0).clamp(0.0, 86_400.0) } else { 0.0 };
                i32::from(caller.data_mut().watch.sleep(Duration::from_secs_f64(seconds)))
            })
            .map_err(|e| e.to_string())?;
        let pre = linker.instantiate_pre(&module).map_err(|e| format!("cannot link the JS engine image: {e}"))?;
        let exports = ExportIndices::new(&module).map_err(|e| e.to_string())?;
        Ok(Runtime { engine, pre, exports, watched: false })
    }
}

/// The pooled runtime, loaded on first use.
pub fn pooled() -> Result<&'static Runtime, Error> {
    static POOLED: OnceLock<Result<Runtime, String>> = OnceLock::new();
    let runtime = POOLED.get_or_init(|| {
        let mut pool = PoolingAllocationConfig::new();
        pool.total_core_instances(POOL_SLOTS)
            .total_memories(POOL_SLOTS)
            .total_tables(POOL_SLOTS)
            .linear_memory_keep_resident(KEEP_RESIDENT)
            .table_keep_resident(KEEP_RESIDENT)
            .pagemap_scan(Enabled::Auto);
        let mut config = base_config();
        config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
        Runtime::load(&config, IMAGE)
    });
    runtime.as_ref().map_err(|e| Error::Start(e.clone()))
}

/// The on-demand runtime for contexts beyond the pool, loaded on first use.
pub fn overflow() -> Result<&'static Runtime, Error> {
    static OVERFLOW: OnceLock<Result<Runtime, String>> = OnceLock::new();
    let runtime = OVERFLOW.get_or_init(|| Runtime::load(&base_config(), IMAGE));
    runtime.as_ref().map_err(|e| Error::Start(e.clone()))
}

/// The runtime for contexts started from a snapshot, loaded on first use; `untrusted` for snapshots loaded
/// from bytes.
pub fn forking(untrusted: bool) -> Result<&'static Runtime, Error> {
    static FORKING: OnceLock<Result<Runtime, String>> = OnceLock::new();
    static WATCHED: OnceLock<Result<Runtime, String>> = OnceLock::new();
    let load = |mut config: Config, image| {
        config.with_host_memory(Arc::new(ForkMemories));
        Runtime::load(&config, image)
    };
    let runtime = if untrusted {
        WATCHED.get_or_init(|| {
            let mut runtime = load(watched_config(), WATCHED_IMAGE)?;
            runtime.watched = true;
            Ok(runtime)
        })
    } else {
        FORKING.get_or_init(|| load(base_config(), BARE_IMAGE))
    };
    let runtime = runtime.as_ref().map_err(|e| Error::Start(e.clone()))?;
    if untrusted {
        keep_epoch_ticking(&runtime.engine)?;
    }
    Ok(runtime)
}

/// Starts the thread that advances `engine`'s epoch, once per process: threads do not survive `fork()`, so a
/// child process starts its own.
fn keep_epoch_ticking(engine: &Engine) -> Result<(), Error> {
    static TICKING_IN: AtomicU32 = AtomicU32::new(0);
    let pid = std::process::id();
    if TICKING_IN.swap(pid, Ordering::SeqCst) == pid {
        return Ok(());
    }
    let engine = engine.clone();
    let started = std::thread::Builder::new().name("jscell-epoch".into()).spawn(move || loop {
        std::thread::sleep(EPOCH_TICK);
        engine.increment_epoch();
    });
    started.map(drop).map_err(|e| {
        TICKING_IN.store(0, Ordering::SeqCst);
        Error::Start(format!("cannot start the epoch thread: {e}"))
    })
}

/// The functions the embedded image exports and imports, in the interface table's terms (see
/// `jscell_wire::abi`), for the test that checks the image against the table.
///
/// # Errors
/// When the image cannot be loaded, or uses a type outside the interface.
pub fn image_interface() -> Result<Vec<abi::Function>, Error> {
    crate::abi::interface_of(pooled()?.pre.module()).map_err(Error::Start)
}

/// The CPU features the images were compiled for that this machine's CPU lacks, by name (see
/// `config::X86_64_BASELINE`); empty when the images can run here. Checked when the Python module is imported,
/// so an old CPU gets a clear error rather than one at the first context.
pub fn missing_cpu_features() -> Vec<&'static str> {
    #[cfg(target_arch = "x86_64")]
    {
        crate::config::X86_64_BASELINE
            .into_iter()
            .map(|(_, feature)| feature)
            .filter(|&feature| !x86_feature(feature))
            .collect()
    }
    #[cfg(not(target_arch = "x86_64"))]
    Vec::new()
}

/// Whether the CPU has `feature`, one of the names in `config::X86_64_BASELINE` (the detection macro only takes
/// literals).
#[cfg(target_arch = "x86_64")]
fn x86_feature(feature: &str) -> bool {
    match feature {
        "sse3" => std::is_x86_feature_detected!("sse3"),
        "ssse3" => std::is_x86_feature_detected!("ssse3"),
        "cmpxchg16b" => std::is_x86_feature_detected!("cmpxchg16b"),
        "sse4.1" => std::is_x86_feature_detected!("sse4.1"),
        "sse4.2" => std::is_x86_feature_detected!("sse4.2"),
        "popcnt" => std::is_x86_feature_detected!("popcnt"),
        _ => false,
    }
}

/// Whether instantiation failed only because every pool slot is taken.
pub fn is_pool_full(err: &wasmtime::Error) -> bool {
    err.downcast_ref::<PoolConcurrencyLimitError>().is_some()
}
