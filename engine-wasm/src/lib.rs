//! jscell's guest: QuickJS-ng compiled to WebAssembly, driven by the host through a small ABI.
//!
//! - [`abi`] holds every export, with its contract. Start there.
//! - [`engine`] owns the one QuickJS runtime and context of this instance, and its buffers.
//! - [`to_js`] turns encoded values (see `jscell-wire`) into JS values; [`from_js`] does the reverse.
//! - [`exception`] encodes a thrown JS value for the host.
//! - [`callbacks`] are JS functions that call the host (registered Python functions).
//! - [`console`] is the global `console`, which hands formatted text to the host.
//! - [`timers`] holds `setTimeout` and friends, run while a call waits for a Promise.
//! - [`rejections`] reports Promise rejections that nothing handled.
//!
//! One wasm instance is one jscell context, so all state here is per instance and single-threaded.

pub mod abi;
mod callbacks;
mod console;
mod engine;
mod exception;
mod from_js;
mod rejections;
mod timers;
mod to_js;
