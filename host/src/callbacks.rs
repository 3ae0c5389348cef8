//! Host callbacks: the `jscell.callback` import runs the embedder's handler for a registered function and
//! writes its reply back into the guest (through the guest's `jscell_reply` export).

use jscell_wire::abi;
use wasmtime::{Caller, Extern, Linker};

/// Runs a registered function: gets its id and the encoded argument array, and returns the whole reply: a
/// `jscell_wire::Status` byte, then an encoded value (`Ok`) or a UTF-8 message encoded as a string (anything
/// else: the function raised).
pub type CallbackHandler = Box<dyn FnMut(u32, &[u8]) -> Vec<u8> + Send>;

/// Defines `jscell.callback` in `linker`; `handler` finds the handler in a store's data.
///
/// # Errors
/// When the name is already defined in `linker`.
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    handler: fn(&mut T) -> &mut Option<CallbackHandler>,
) -> wasmtime::Result<()> {
    linker.func_wrap(
        abi::HOST,
        abi::CALLBACK.name,
        move |mut caller: Caller<'_, T>, id: u32, ptr: u32, len: u32| {
            i32::from(run(&mut caller, handler, id, ptr, len).is_none())
        },
    )?;
    Ok(())
}

/// Runs the handler and writes its reply; `None` when that cannot be done (no handler, a broken guest).
fn run<T>(
    caller: &mut Caller<'_, T>,
    handler: fn(&mut T) -> &mut Option<CallbackHandler>,
    id: u32,
    ptr: u32,
    len: u32,
) -> Option<()> {
    let Some(Extern::Memory(memory)) = caller.get_export(abi::MEMORY) else { return None };
    let start = ptr as usize;
    let args = memory.data(&*caller).get(start..start.checked_add(len as usize)?)?.to_vec();
    // Taken out while it runs, so the store stays usable by the guest call the handler may not make.
    let mut run_handler = handler(caller.data_mut()).take()?;
    let reply = run_handler(id, &args);
    *handler(caller.data_mut()) = Some(run_handler);
    let Some(Extern::Func(reply_buffer)) = caller.get_export(abi::REPLY.name) else { return None };
    let reply_buffer = reply_buffer.typed::<u32, u32>(&*caller).ok()?;
    let target = reply_buffer.call(&mut *caller, u32::try_from(reply.len()).ok()?).ok()? as usize;
    if target == 0 {
        return None;
    }
    memory.data_mut(&mut *caller).get_mut(target..target.checked_add(reply.len())?)?.copy_from_slice(&reply);
    Some(())
}
