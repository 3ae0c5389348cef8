//! Builds the guest and turns it into the image every context starts from.
//!
//! 1. Runs cargo for `engine-wasm` (wasm32-wasip1, its own release profile and target directory), with
//!    rquickjs-sys replaced by a copy that has `engine-wasm/patches/*.patch` applied.
//! 2. Pre-initialises it with Wizer: instantiates it, calls `jscell_init` (which creates the QuickJS runtime
//!    and context) and snapshots memory and globals into a new module.
//! 3. Precompiles that module with the runtime's own wasmtime settings into `$OUT_DIR/jscell.cwasm`, which
//!    `src/image.rs` embeds. Cranelift runs here, once per build, and never at run time.
//! 4. Precompiles the same module without its data segments into `$OUT_DIR/jscell-bare.cwasm`: contexts forked
//!    from a snapshot get their whole memory from the snapshot (see `src/fork.rs`), so writing the image's
//!    initial heap first would only be wasted work. And once more with epoch checks, into
//!    `$OUT_DIR/jscell-watched.cwasm`, for memory loaded from untrusted snapshot bytes (see `src/limits.rs`).

use std::env;
use std::fs;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::process::Command;
use std::task::{Context as TaskContext, Poll, Waker};

use wasmtime::{Config, Engine, Instance, Linker, Module, Store, Val};
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
    for watched in ["src", "js", "build.rs", "patches", "Cargo.toml", "Cargo.lock", "../wire/src", "../wire/Cargo.toml"]
    {
        println!("cargo:rerun-if-changed={}", guest_dir.join(watched).display());
    }
    println!("cargo:rerun-if-changed=src/config.rs");
    println!("cargo:rerun-if-changed=src/wasi.rs");
    for var in ["CC_wasm32_wasip1", "AR_wasm32_wasip1", "CFLAGS_wasm32_wasip1", "JSCELL_GUEST_TARGET_DIR"] {
        println!("cargo:rerun-if-env-changed={var}");
    }

    let guest = build_guest(&guest_dir, &out_dir)?;
    let raw = fs::read(&guest).map_err(|e| format!("cannot read {}: {e}", guest.display()))?;
    // Pre-initialisation runs the guest here, on this machine's CPU; what ships is compiled for the target's
    // baseline CPU (see `for_target`).
    let native = Engine::new(&config::base_config()).map_err(|e| format!("cannot create a wasmtime engine: {e}"))?;
    let image = preinitialise(&native, &raw)?;
    let engine = for_target(config::base_config())?;
    let compiled = engine.precompile_module(&image).map_err(|e| format!("cannot precompile the image: {e}"))?;
    // The build's identity, stamped into snapshot bytes: memory captured from one image means nothing to another.
    println!("cargo:rustc-env=JSCELL_IMAGE_ID={:016x}", fnv1a(&compiled));
    let bare = without_data(&image)?;
    let watched = for_target(config::watched_config())?;
    let images = [
        ("jscell.cwasm", compiled),
        ("jscell-bare.cwasm", engine.precompile_module(&bare).map_err(|e| format!("cannot precompile: {e}"))?),
        ("jscell-watched.cwasm", watched.precompile_module(&bare).map_err(|e| format!("cannot precompile: {e}"))?),
    ];
    for (name, bytes) in images {
        let target = out_dir.join(name);
        fs::write(&target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(())
}

/// An engine that compiles for the target being built, for its baseline CPU rather than the building machine's:
/// the images then load on any machine the package installs on (`config::X86_64_BASELINE`). With
/// `JSCELL_IMAGE_CPU=native` they use every feature of the building machine's CPU instead, which is how the
/// benches measure what the baseline costs.
fn for_target(mut config: Config) -> Result<Engine, String> {
    println!("cargo:rerun-if-env-changed=JSCELL_IMAGE_CPU");
    match env::var("JSCELL_IMAGE_CPU").as_deref() {
        Ok("native") => {}
        Err(_) | Ok("baseline") => {
            let target = env::var("TARGET").map_err(|e| e.to_string())?;
            config.target(&target).map_err(|e| format!("cannot compile for {target}: {e}"))?;
            if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
                for (flag, _) in config::X86_64_BASELINE {
                    // SAFETY: the flag only lets Cranelift use instructions of that CPU feature; the runtime refuses
                    // to start on a CPU without it (`jscell_host::missing_cpu_features`), and wasmtime checks
                    // again when it loads the image.
                    unsafe {
                        config.cranelift_flag_enable(flag);
                    }
                }
            }
        }
        Ok(other) => return Err(format!("JSCELL_IMAGE_CPU is {other:?}; it may be \"baseline\" or \"native\"")),
    }
    Engine::new(&config).map_err(|e| format!("cannot create a wasmtime engine: {e}"))
}

/// `module` with an empty data section (and data count): the same code, globals and tables, and a memory that
/// starts zeroed. Wizer emits only active segments, so no instruction refers to a segment by index; if one
/// did, precompiling the result would fail here rather than at run time.
fn without_data(module: &[u8]) -> Result<Vec<u8>, String> {
    const DATA: u8 = 11;
    const DATA_COUNT: u8 = 12;
    let (header, mut rest) = module.split_at_checked(8).ok_or("the image is not a wasm module")?;
    let mut out = header.to_vec();
    while let Some((&id, after_id)) = rest.split_first() {
        let (size, after_size) = read_leb_u32(after_id)?;
        let (payload, after) = after_size.split_at_checked(size as usize).ok_or("a section runs past the end")?;
        out.push(id);
        if id == DATA || id == DATA_COUNT {
            // One byte of payload: a LEB128 zero, the count of segments.
            out.extend_from_slice(&[1, 0]);
        } else {
            out.extend_from_slice(&after_id[..after_id.len() - after_size.len()]);
            out.extend_from_slice(payload);
        }
        rest = after;
    }
    Ok(out)
}

/// An unsigned LEB128 number at the start of `bytes`, and what follows it.
fn read_leb_u32(bytes: &[u8]) -> Result<(u32, &[u8]), String> {
    let mut value = 0u32;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, &bytes[i + 1..]));
        }
    }
    Err("a section size is not a valid LEB128 number".to_string())
}

/// Runs cargo for the guest and returns the path of its `.wasm`.
fn build_guest(guest_dir: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    // A target directory of its own: the outer cargo holds the lock on its own one. It may be set from outside,
    // so clean builds (CI) can keep the guest's compiled dependencies in a cache.
    let target_dir = env::var_os("JSCELL_GUEST_TARGET_DIR").map_or_else(|| out_dir.join("guest"), PathBuf::from);
    let patched = patched_rquickjs_sys(guest_dir, out_dir)?;
    let mut command = nested_cargo();
    command
        .args(["build", "--release", "--target", GUEST_TARGET, "--manifest-path"])
        .arg(guest_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
        .arg("--config")
        .arg(format!("patch.crates-io.rquickjs-sys.path={:?}", patched.display().to_string()));
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

/// A cargo command that does not inherit what this (outer) build exported: otherwise the nested build would
/// take the host's target, flags and configuration instead of its own.
fn nested_cargo() -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (key, _) in env::vars_os() {
        let key = key.to_string_lossy();
        let outer_only = ["RUSTFLAGS", "TARGET", "HOST", "OUT_DIR", "OPT_LEVEL", "PROFILE", "DEBUG", "NUM_JOBS"]
            .contains(&key.as_ref())
            || (key.starts_with("CARGO_") && !kept_cargo_var(&key));
        if outer_only {
            command.env_remove(key.as_ref());
        }
    }
    command
}

/// Copies rquickjs-sys's sources (the version `engine-wasm/Cargo.lock` names) into `out_dir`, applies every
/// `engine-wasm/patches/*.patch` to the copy, and returns its directory.
fn patched_rquickjs_sys(guest_dir: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let lock = fs::read_to_string(guest_dir.join("Cargo.lock")).map_err(|e| format!("engine-wasm/Cargo.lock: {e}"))?;
    let version = locked_version(&lock, "rquickjs-sys")?;
    let source = registry_source("rquickjs-sys", &version, out_dir)?;
    let target = out_dir.join(format!("rquickjs-sys-{version}-patched"));
    if target.exists() {
        fs::remove_dir_all(&target).map_err(|e| format!("cannot clear {}: {e}", target.display()))?;
    }
    copy_dir(&source, &target)?;
    let mut patches: Vec<PathBuf> = fs::read_dir(guest_dir.join("patches"))
        .map_err(|e| format!("engine-wasm/patches: {e}"))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "patch"))
        .collect();
    patches.sort();
    for patch in patches {
        let text = fs::read_to_string(&patch).map_err(|e| format!("{}: {e}", patch.display()))?;
        apply_patch(&target, &text).map_err(|e| format!("{}: {e}", patch.display()))?;
    }
    Ok(target)
}

/// The version of `name` in a Cargo.lock.
fn locked_version(lock: &str, name: &str) -> Result<String, String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            let version = lines.next().and_then(|l| l.strip_prefix("version = \"")?.strip_suffix('"'));
            return version.map(str::to_string).ok_or_else(|| format!("no version for {name} in Cargo.lock"));
        }
    }
    Err(format!("{name} is not in engine-wasm/Cargo.lock"))
}

/// Where cargo keeps the sources of `name` `version` from crates.io, downloading them if needed.
fn registry_source(name: &str, version: &str, out_dir: &Path) -> Result<PathBuf, String> {
    // A throw-away crate that depends on exactly that version: `cargo metadata` on it downloads the sources
    // and reports where they are.
    let probe = out_dir.join(format!("locate-{name}"));
    fs::create_dir_all(&probe).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"locate\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[lib]\npath = \"lib.rs\"\n\n\
         [dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"
    );
    fs::write(probe.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    fs::write(probe.join("lib.rs"), "").map_err(|e| e.to_string())?;
    let output = nested_cargo()
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(probe.join("Cargo.toml"))
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let json = String::from_utf8_lossy(&output.stdout);
    let suffix = format!("{name}-{version}/Cargo.toml\"");
    let end = json.find(&suffix).ok_or_else(|| format!("cargo metadata does not list {name} {version}"))?;
    let start = json[..end].rfind('"').map(|i| i + 1).ok_or("unexpected cargo metadata output")?;
    let manifest_path = PathBuf::from(json[start..end + suffix.len() - 1].replace("\\\\", "\\"));
    manifest_path.parent().map(Path::to_path_buf).ok_or_else(|| "bad manifest path".into())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// Applies a unified diff whose hunks each match exactly one place (context included) in their file.
///
/// Only what jscell's own small patches need: no fuzz, no offsets, no file creation. A hunk that does not
/// match exactly once fails the build, so an rquickjs-sys update can never silently skip a patch.
fn apply_patch(root: &Path, text: &str) -> Result<(), String> {
    let mut file: Option<PathBuf> = None;
    let mut hunks: Vec<(PathBuf, String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(path) = line.strip_prefix("+++ b/") {
            file = Some(root.join(path));
        } else if line.starts_with("--- ") || (file.is_none() && !line.starts_with("@@")) {
            continue;
        } else if line.starts_with("@@") {
            let path = file.clone().ok_or("a hunk before its file header")?;
            hunks.push((path, String::new(), String::new()));
        } else if let Some((_, before, after)) = hunks.last_mut() {
            let (marker, content) = line.split_at(line.len().min(1));
            match marker {
                " " | "" => {
                    before.push_str(content);
                    before.push('\n');
                    after.push_str(content);
                    after.push('\n');
                }
                "-" => {
                    before.push_str(content);
                    before.push('\n');
                }
                "+" => {
                    after.push_str(content);
                    after.push('\n');
                }
                _ => return Err(format!("unexpected patch line: {line}")),
            }
        }
    }
    if hunks.is_empty() {
        return Err("no hunks".into());
    }
    for (path, before, after) in hunks {
        let source = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        match source.matches(&before).count() {
            1 => fs::write(&path, source.replacen(&before, &after, 1)).map_err(|e| e.to_string())?,
            n => return Err(format!("a hunk for {} matches {n} places, not exactly one", path.display())),
        }
    }
    Ok(())
}

/// Cargo settings that describe the machine rather than the outer build, so the nested build keeps them.
fn kept_cargo_var(key: &str) -> bool {
    key == "CARGO_HOME"
        || ["CARGO_NET_", "CARGO_HTTP_", "CARGO_REGISTRIES_", "CARGO_REGISTRY_"].iter().any(|p| key.starts_with(p))
}

/// Instantiates the guest, runs `_initialize` and `jscell_init`, and snapshots the result into a new module.
fn preinitialise(engine: &Engine, raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut wizer = Wizer::new();
    wizer.init_func(jscell_wire::abi::INIT.name);
    let (module_context, instrumented) =
        wizer.instrument(raw).map_err(|e| format!("cannot instrument the guest: {e}"))?;
    let module = Module::new(engine, &instrumented).map_err(|e| format!("cannot compile the guest: {e}"))?;
    let mut store = Store::new(engine, wasi::Wasi::new(0));
    let mut linker = Linker::new(engine);
    wasi::add_to_linker(&mut linker, |wasi| wasi).map_err(|e| e.to_string())?;
    // jscell's own imports are not called while the guest initialises (nothing interrupts it, sleeps, calls
    // back or logs), so whatever answers them is enough: zero.
    linker.define_unknown_imports_as_default_values(&mut store, &module).map_err(|e| e.to_string())?;
    let instance = linker.instantiate(&mut store, &module).map_err(|e| format!("cannot instantiate the guest: {e}"))?;
    for export in [jscell_wire::abi::INITIALIZE.name, jscell_wire::abi::INIT.name] {
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

/// Drives a future that never waits (the snapshot reads memory and globals, nothing else) to completion.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = TaskContext::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

/// FNV-1a, 64-bit: a stable fingerprint of the image (not a security measure; snapshot bytes are untrusted and
/// checked as such).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
