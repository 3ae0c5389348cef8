//! The count of live contexts, in a test binary of its own: other tests create contexts concurrently.

use jscell_host::{live_contexts, Context, ContextOptions};

#[test]
fn dropping_frees_the_store_at_once() {
    let before = live_contexts();
    let contexts: Vec<Context> = (0..200).map(|_| Context::new(&ContextOptions::default()).unwrap()).collect();
    assert_eq!(live_contexts(), before + 200);
    drop(contexts);
    assert_eq!(live_contexts(), before);
}
