//! jscell's guest: QuickJS-ng compiled to WebAssembly, driven by the host through the interface declared in
//! `jscell_wire::abi`.
//!
//! - [`abi`] holds every export. Start there.
//! - `outcome` is what every JS-running export shares: settle, drain, encode the answer with its status.
//! - `exception` classifies and encodes a thrown value; `call` finds a function by path; `globals` works on
//!   the global object.
//! - `engine` owns the one QuickJS runtime and context of this instance, and its buffers; `random` is
//!   `Math.random`.
//! - `to_js` turns encoded values (see `jscell-wire`) into JS values; `from_js` does the reverse.
//! - `callbacks` (registered host functions), `console`, `timers` and `rejections` are what JS sees of the
//!   host; `hooks` are never_jscore's `$return`, `$terminate` and `$storeResult`.
//! - `web` installs the web platform (engine-wasm/js/web/) on natives from `encoding`, `whatwg_url` and
//!   `webcrypto`; `bytes` holds their argument and result types; `clock` is `performance`'s per-context clock;
//!   `handle` is Rust state held by a JS object; `intl` (ICU4X) and `zone` (the IANA database, which
//!   QuickJS's `Date` asks for local time's offset) are behind `Intl`.
//! - node compatibility (engine-wasm/js/loader/node.js, engine-wasm/js/node/): `node` holds the core modules'
//!   sources, and `digests`, `ciphers`, `rsa_keys` and `zlib` the natives of `crypto` and `zlib`.
//! - `imports` wraps the host's functions; `native` defines native JS functions; `owned` guards values and
//!   atoms; `local` is per-instance state.
//!
//! Modules only depend on the ones listed after them in `docs/architecture.md`; there are no cycles. One wasm
//! instance is one jscell context, so all state here is per instance and single-threaded.

pub mod abi;
mod bytes;
mod call;
mod callbacks;
mod ciphers;
mod clock;
mod console;
mod digests;
mod encoding;
mod engine;
mod exception;
mod from_js;
mod globals;
mod handle;
mod hooks;
mod imports;
mod intl;
mod local;
mod native;
mod node;
mod outcome;
mod owned;
mod random;
mod rejections;
mod rsa_keys;
mod timers;
mod to_js;
mod web;
mod webcrypto;
mod whatwg_url;
mod zlib;
mod zone;
