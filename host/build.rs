//! Builds the guest and turns it into the image every context starts from.
//!
//! 1. Runs cargo for `engine-wasm` (wasm32-wasip1, its own release profile and target directory).
//! 2. Pre-initialises it with Wizer: instantiates it, calls `jscell_init` (which creates the QuickJS runtime
//!    and context) and snapshots memory and globals into a new module.
//! 3. Precompiles that module with the runtime's own wasmtime settings into `$OUT_DIR/jscell.cwasm`, which
//!    `src/image.rs` embeds. Cranelift runs here, once per build, and never at run time.

use std::env;
use std::fs;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::process::Command;
use std::task::{Context as TaskContext, Poll, Waker};

use wasmtime::{Engine, Instance, Linker, Module, Store, Val};
use wasmtime_wizer::{InstanceState, SnapshotVal, ValType, Wizer};

#[path = "src/config.rs"]
mod config;
#[path = "src/wasi.rs"]
mod wasi;

const GUEST_TARGET: &str = "wasm32-wasip1";

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let guest_dir = manifest_dir.join("../engine-wasm");
    for watched in ["src", "Cargo.toml", "Cargo.lock", "../wire/src", "../wire/Cargo.toml"] {
        println!("cargo:rerun-if-changed={}", guest_dir.join(watched).display());
    }
    println!("cargo:rerun-if-changed=src/config.rs");
    println!("cargo:rerun-if-changed=src/wasi.rs");
    for var in ["CC_wasm32_wasip1", "AR_wasm32_wasip1", "CFLAGS_wasm32_wasip1", "JSCELL_GUEST_TARGET_DIR"] {
        println!("cargo:rerun-if-env-changed={var}");
    }

    let guest = build_guest(&guest_dir, &out_dir)?;
    let raw = fs::read(&guest).map_err(|e| format!("cannot read {}: {e}", guest.display()))?;
    let engine = Engine::new(&config::base_config()).map_err(|e| format!("cannot create a wasmtime engine: {e}"))?;
    let image = preinitialise(&engine, &raw)?;
    let compiled = engine.precompile_module(&image).map_err(|e| format!("cannot precompile the image: {e}"))?;
    let target = out_dir.join("jscell.cwasm");
    fs::write(&target, compiled).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// Runs cargo for the guest and returns the path of its `.wasm`.
fn build_guest(guest_dir: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    // A target directory of its own: the outer cargo holds the lock on its own one. It may be set from outside,
    // so clean builds (CI) can keep the guest's compiled dependencies in a cache.
    let target_dir = env::var_os("JSCELL_GUEST_TARGET_DIR").map_or_else(|| out_dir.join("guest"), PathBuf::from);
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["build", "--release", "--target", GUEST_TARGET, "--manifest-path"])
        .arg(guest_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir);
    // Clear what this (outer) build exported, or the nested build would inherit the host's target, flags and
    // configuration instead of building for wasm32 with the guest's own profile.
    for (key, _) in env::vars_os() {
        let key = key.to_string_lossy();
        let outer_only = ["RUSTFLAGS", "TARGET", "HOST", "OUT_DIR", "OPT_LEVEL", "PROFILE", "DEBUG", "NUM_JOBS"]
            .contains(&key.as_ref())
            || (key.starts_with("CARGO_") && !kept_cargo_var(&key));
        if outer_only {
            command.env_remove(key.as_ref());
        }
    }
    // rquickjs-sys would otherwise download wasi-sdk. Debian's clang, llvm-ar and wasi-libc do the same job;
    // Debian's clang only finds the wasi headers for the triple `wasm32-wasi`, hence the explicit include.
    command.env("RQUICKJS_SYS_NO_WASI_SDK", "1");
    for (var, default) in [
        ("CC_wasm32_wasip1", "clang-19"),
        ("AR_wasm32_wasip1", "llvm-ar-19"),
        ("CFLAGS_wasm32_wasip1", "-nostdlibinc -isystem /usr/include/wasm32-wasi"),
    ] {
        command.env(var, env::var(var).unwrap_or_else(|_| default.to_string()));
    }
    let status = command.status().map_err(|e| format!("cannot run cargo for the guest: {e}"))?;
    if !status.success() {
        return Err(format!(
            "building the guest failed ({status}). It needs the wasm32-wasip1 target (`rustup target add \
             wasm32-wasip1`) and Debian's clang-19, llvm-19 and wasi-libc (`apt-get install clang-19 llvm-19 \
             wasi-libc`)."
        ));
    }
    Ok(target_dir.join(GUEST_TARGET).join("release/jscell_engine.wasm"))
}

/// Cargo settings that describe the machine rather than the outer build, so the nested build keeps them.
fn kept_cargo_var(key: &str) -> bool {
    key == "CARGO_HOME" || ["CARGO_NET_", "CARGO_HTTP_", "CARGO_REGISTRIES_", "CARGO_REGISTRY_"].iter().any(|p| key.starts_with(p))
}

/// Instantiates the guest, runs `_initialize` and `jscell_init`, and snapshots the result into a new module.
fn preinitialise(engine: &Engine, raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut wizer = Wizer::new();
    wizer.init_func("jscell_init");
    let (module_context, instrumented) = wizer.instrument(raw).map_err(|e| format!("cannot instrument the guest: {e}"))?;
    let module = Module::new(engine, &instrumented).map_err(|e| format!("cannot compile the guest: {e}"))?;
    let mut linker = Linker::new(engine);
    wasi::add_to_linker(&mut linker, |wasi| wasi).map_err(|e| e.to_string())?;
    let mut store = Store::new(engine, wasi::Wasi::new(0));
    let instance = linker.instantiate(&mut store, &module).map_err(|e| format!("cannot instantiate the guest: {e}"))?;
    for export in ["_initialize", "jscell_init"] {
        let func = instance
            .get_typed_func::<(), ()>(&mut store, export)
            .map_err(|e| format!("the guest has no usable `{export}`: {e}"))?;
        func.call(&mut store, ()).map_err(|e| format!("the guest's `{export}` failed: {e:?}"))?;
    }
    let mut state = Snapshot { store, instance };
    block_on(wizer.snapshot(&module_context, &mut state)).map_err(|e| format!("cannot snapshot the guest: {e}"))
}

/// Wizer's view of the initialised instance.
struct Snapshot {
    store: Store<wasi::Wasi>,
    instance: Instance,
}

impl InstanceState for Snapshot {
    async fn global_get(&mut self, name: &str, _type_hint: ValType) -> SnapshotVal {
        // Wizer only asks for globals the instrumented module exports, so both lookups succeed.
        let global = self.instance.get_global(&mut self.store, name).expect("an exported global");
        match global.get(&mut self.store) {
            Val::I32(x) => SnapshotVal::I32(x),
            Val::I64(x) => SnapshotVal::I64(x),
            Val::F32(x) => SnapshotVal::F32(x),
            Val::F64(x) => SnapshotVal::F64(x),
            Val::V128(x) => SnapshotVal::V128(x.as_u128()),
            other => panic!("the guest has a global of a type Wizer cannot snapshot: {other:?}"),
        }
    }

    async fn memory_contents(&mut self, name: &str, contents: impl FnOnce(&[u8]) + Send) {
        let memory = self.instance.get_memory(&mut self.store, name).expect("an exported memory");
        contents(memory.data(&self.store));
    }
}

/// Drives a future that never waits (the snapshot above does no I/O) to completion.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = TaskContext::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
