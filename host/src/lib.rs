//! jscell's sandbox host: runs JavaScript in QuickJS-ng compiled to WebAssembly, one wasmtime `Store` per
//! context. It knows nothing of Python; `jscell-python` wraps it.
//!
//! - [`Context`] is one sandbox: its own linear memory, no ambient authority, freed when dropped.
//! - Values cross the wall encoded as `jscell-wire` describes (re-exported as [`wire`]).
//! - [`Snapshot`] is a context's captured state; contexts started from it map it copy-on-write (`fork`,
//!   `pagemap`).
//! - `image` owns the process-wide engines and the pre-initialised image; `abi` calls the guest's exports and
//!   checks their answers (the interface itself is declared in `jscell_wire::abi`); `state` is what each store
//!   holds; `wasi`, `console`, `callbacks` and `limits` are the functions the guest may call; `config` the
//!   wasmtime settings; `pages` the page sizes and what stays resident; `reservation` the address ranges forks
//!   live in.
//!
//! `docs/architecture.md` draws how these modules depend on each other (a graph without cycles).
//!
//! ```
//! let mut ctx = jscell_host::Context::new(&jscell_host::ContextOptions::default()).unwrap();
//! let value = ctx.evaluate(b"6 * 7", true, None).unwrap();
//! assert_eq!(jscell_host::wire::Reader::new(&value).item().unwrap(), jscell_host::wire::Item::Int(42));
//! ```

mod abi;
mod callbacks;
mod config;
mod console;
mod context;
mod error;
mod fork;
mod image;
mod limits;
mod pagemap;
mod pages;
mod reservation;
mod snapshot;
mod stack;
mod state;
mod wasi;

#[doc(hidden)]
pub use abi::{read_answer as decode_answer, Answer, ExceptionKind};
pub use callbacks::CallbackHandler;
pub use console::ConsoleSink;
pub use context::{live_contexts, Context, ContextOptions, HeapStatistics, Stats};
pub use error::{Error, JsException};
#[doc(hidden)]
pub use image::{image_interface, missing_cpu_features};
pub use jscell_wire as wire;
pub use limits::{ExternalCheck, InterruptHandle};
pub use snapshot::Snapshot;
