//! Snapshots and the contexts forked from them: every fork starts byte for byte in the captured state, whatever
//! the forks before it did to the memory they were given back.

use jscell_host::wire::Item;
use jscell_host::{Context, ContextOptions, Error, Snapshot};

use crate::{context, int_args, item};

/// A snapshot of a context holding a 4 MiB array and some functions and objects.
fn library() -> Snapshot {
    let mut ctx = context();
    let code = b"var blob = new Uint8Array(4 << 20).fill(7);
        var table = Array.from({ length: 20000 }, (_, i) => ({ id: i, name: 'n' + i }));
        var calls = 0;
        function sign(x) { calls++; return x + ':' + blob[x] + ':' + table[x].name + ':' + calls }";
    ctx.compile(code, b"", None).unwrap();
    ctx.snapshot().unwrap()
}

fn seeded() -> ContextOptions {
    ContextOptions { random_seed: Some(7), ..ContextOptions::default() }
}

/// What a fork's memory holds right after it starts.
fn start_state(snapshot: &Snapshot) -> Vec<u8> {
    Context::from_snapshot(snapshot, &seeded()).unwrap().snapshot().unwrap().memory().to_vec()
}

#[test]
fn every_fork_starts_in_the_same_state_whatever_earlier_forks_did() {
    let snapshot = library();
    let reference = start_state(&snapshot);
    let mutations: &[&[u8]] = &[
        b"sign(3); sign(4); globalThis.leak = 'left behind'",
        // Grows memory well past the snapshot's size.
        b"globalThis.big = new Uint8Array(40 << 20).fill(1); big.length",
        // Writes every page of the 4 MiB array: more than a reset keeps resident.
        b"blob.fill(9); table.forEach(o => { o.id = -1 })",
        b"Object.prototype.polluted = 1; Array.prototype.push = null",
        b"for (let i = 0; i < 100000; i++) table.push({ i })",
        b"throw new Error('after writing ' + (globalThis.x = 1))",
        b"while (true) {}",
        b"Math.random(); Math.random()",
    ];
    for (round, code) in mutations.iter().cycle().take(mutations.len() * 3).enumerate() {
        let mut fork = Context::from_snapshot(&snapshot, &seeded()).unwrap();
        assert!(fork.snapshot().unwrap().memory() == reference.as_slice(), "round {round} started elsewhere");
        assert_eq!(
            item(&fork.call(b"sign", &int_args(&[1]), true, None).unwrap()),
            Item::String(b"1:7:n1:1"),
            "round {round}"
        );
        let _ = fork.evaluate(code, true, Some(std::time::Duration::from_millis(50)));
    }
}

#[test]
fn forks_alive_at_once_are_independent() {
    let snapshot = library();
    let mut forks: Vec<Context> =
        (0..20).map(|_| Context::from_snapshot(&snapshot, &ContextOptions::default()).unwrap()).collect();
    for (i, fork) in forks.iter_mut().enumerate() {
        for _ in 0..=i {
            fork.call(b"sign", &int_args(&[0]), true, None).unwrap();
        }
    }
    // Closed in an order unlike the one they were made in, so parked memories come back mixed.
    for (i, fork) in forks.iter_mut().enumerate().rev() {
        assert_eq!(item(&fork.evaluate(b"calls", false, None).unwrap()), Item::Int(i as i64 + 1));
    }
    forks.retain(|_| false);
    let mut fork = Context::from_snapshot(&snapshot, &ContextOptions::default()).unwrap();
    assert_eq!(item(&fork.evaluate(b"calls", false, None).unwrap()), Item::Int(0));
}

#[test]
fn forks_from_many_threads_at_once_never_see_each_other() {
    let snapshot = library();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..200 {
                    let mut fork = Context::from_snapshot(&snapshot, &ContextOptions::default()).unwrap();
                    let signed = fork.call(b"sign", &int_args(&[2]), true, None).unwrap();
                    assert_eq!(item(&signed), Item::String(b"2:7:n2:1"));
                    fork.compile(b"blob.fill(0); calls = 1000", b"", None).unwrap();
                }
            });
        }
    });
}

#[test]
fn a_fork_of_a_fork_carries_its_own_changes() {
    let snapshot = library();
    let mut fork = Context::from_snapshot(&snapshot, &ContextOptions::default()).unwrap();
    fork.compile(b"calls = 100", b"", None).unwrap();
    let second = fork.snapshot().unwrap();
    fork.compile(b"calls = 200", b"", None).unwrap();
    let mut grandchild = Context::from_snapshot(&second, &ContextOptions::default()).unwrap();
    assert_eq!(item(&grandchild.call(b"sign", &int_args(&[0]), true, None).unwrap()), Item::String(b"0:7:n0:101"));
}

#[test]
fn a_snapshot_larger_than_the_memory_limit_is_refused() {
    // A valid header in front of 80 MiB of zeros: more than a 1 MiB heap plus the guest's headroom.
    let mut bytes = library().to_bytes();
    bytes.truncate(28);
    bytes[20..28].copy_from_slice(&(80u64 << 20).to_le_bytes());
    bytes.resize(28 + (80 << 20), 0);
    let big = Snapshot::from_bytes(&bytes).unwrap();
    let small = ContextOptions { memory_limit: Some(1 << 20), ..ContextOptions::default() };
    let err = Context::from_snapshot(&big, &small).err().expect("refused");
    assert!(matches!(err, Error::Start(ref why) if why.contains("memory limit")), "{err}");
}

#[test]
fn snapshot_bytes_round_trip_and_bad_headers_are_refused() {
    let snapshot = library();
    let bytes = snapshot.to_bytes();
    let back = Snapshot::from_bytes(&bytes).unwrap();
    assert!(back.memory() == snapshot.memory());
    let mut fork = Context::from_snapshot(&back, &ContextOptions::default()).unwrap();
    assert_eq!(item(&fork.call(b"sign", &int_args(&[5]), true, None).unwrap()), Item::String(b"5:7:n5:1"));
    for bad in [&bytes[..10], &bytes[..bytes.len() - 1], b"JSCELLSN".as_slice(), b"not a snapshot".as_slice()] {
        assert!(matches!(Snapshot::from_bytes(bad), Err(Error::InvalidSnapshot(_))));
    }
}

#[test]
fn a_memory_smaller_than_the_image_needs_fails_only_its_fork() {
    let snapshot = library();
    let mut bytes = snapshot.to_bytes();
    // One 64 KiB wasm page: smaller than the image's initial memory.
    bytes.truncate(28 + (64 << 10));
    bytes[20..28].copy_from_slice(&(64u64 << 10).to_le_bytes());
    let tiny = Snapshot::from_bytes(&bytes).unwrap();
    let err = Context::from_snapshot(&tiny, &ContextOptions::default()).err().expect("refused");
    assert!(matches!(err, Error::Start(_)), "{err}");
    Context::from_snapshot(&snapshot, &ContextOptions::default()).unwrap();
}
