//! Where the guest's `console` output goes: the `jscell.console` import hands each message to the context's
//! sink, which the embedder sets. Without a sink, output is dropped; it never reaches the process's own stdout
//! or stderr.

use jscell_wire::abi;
use wasmtime::{Caller, Extern, Linker};

/// Receives each console message: its `jscell_wire::console_level` and its text (WTF-8).
pub type ConsoleSink = Box<dyn FnMut(u32, &[u8]) + Send>;

/// Defines `jscell.console` in `linker`; `sink` finds the sink in a store's data.
///
/// # Errors
/// When the name is already defined in `linker`.
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    sink: fn(&mut T) -> &mut Option<ConsoleSink>,
) -> wasmtime::Result<()> {
    linker.func_wrap(
        abi::HOST,
        abi::CONSOLE.name,
        move |mut caller: Caller<'_, T>, level: u32, ptr: u32, len: u32| {
            let Some(Extern::Memory(memory)) = caller.get_export(abi::MEMORY) else { return };
            let (data, state) = memory.data_and_store_mut(&mut caller);
            let start = ptr as usize;
            // A message outside the guest's memory is a broken guest; it is dropped, not trusted.
            if let (Some(text), Some(sink)) = (data.get(start..start.saturating_add(len as usize)), sink(state)) {
                sink(level, text);
            }
        },
    )?;
    Ok(())
}
