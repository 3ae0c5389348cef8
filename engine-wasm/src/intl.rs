//! The natives behind `Intl` (engine-wasm/js/web/intl.js): locale identifiers, number, date and time
//! formatting, lists and plural rules from ICU4X with its compiled CLDR data (Gregorian calendar only). Option
//! handling, defaults and `resolvedOptions` are ECMA-402's algorithms, in the JS; these only do what needs
//! locale data.

use std::cell::RefCell;

use icu_calendar::Gregorian;
use icu_datetime::fieldsets::builder::{DateFields, FieldSetBuilder, ZoneStyle};
use icu_datetime::fieldsets::enums::CompositeFieldSet;
use icu_datetime::options::{Alignment, Length, TimePrecision, YearStyle};
use icu_datetime::preferences::HourCycle;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_list::ListFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRuleType, PluralRules, PluralRulesOptions};
use icu_time::zone::models::AtTime;
use icu_time::{TimeZoneInfo, ZonedDateTime};
use rquickjs::qjs;
use writeable::{Part, PartsWrite, Writeable};

use crate::bytes::{arg, bool_arg, f64_arg, new_string, or_exception, string_arg};
use crate::local::Local;
use crate::native::{native_fn, NativeFn};
use crate::owned::{exception, Owned};

/// The natives `web` puts on its internal object.
pub const NATIVES: [(&std::ffi::CStr, NativeFn, i32); 5] = [
    (c"listFormat", list_format, 4),
    (c"localeCanonical", locale_canonical, 1),
    (c"numberFormat", number_format, 8),
    (c"pluralSelect", plural_select, 8),
    (c"dateFormat", date_format, 10),
];

native_fn! {
    /// `localeCanonical(tag)`: the BCP 47 tag in canonical case and order, or `null` if it is not well-formed.
    fn locale_canonical(ctx, args) {
        or_exception(string_arg(ctx, arg(args, 0)).map(|tag| match Locale::try_from_str(&tag) {
            Ok(locale) => new_string(ctx, &locale.to_string()),
            Err(_) => qjs::JS_NULL,
        }))
    }
}

/// How a number is rounded and padded: ECMA-402's digit options, already resolved by the JS.
struct Digits {
    min_integer: i16,
    min_fraction: i16,
    max_fraction: i16,
    /// Significant digits (min, max), which take the place of the fraction digits when set.
    significant: Option<(i16, i16)>,
}

/// A number option from JS, as the `i16` magnitude fixed_decimal counts in (the JS checked the range).
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
unsafe fn digits_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<i16> {
    // SAFETY: the caller's contract.
    unsafe { f64_arg(ctx, value) }.map(|n| n as i16)
}

/// `value` (a Number, or a BigInt's decimal string) rounded half away from zero as `digits` says, the way
/// ECMA-402's default `roundingMode` ("halfExpand") does; `None` for a string that is not a number.
fn rounded(value: Result<f64, String>, digits: &Digits) -> Option<Decimal> {
    let mut decimal = match value {
        Ok(number) => Decimal::try_from_f64(number, fixed_decimal::FloatPrecision::RoundTrip).ok()?,
        Err(text) => Decimal::try_from_str(&text).ok()?,
    };
    let half_expand = fixed_decimal::SignedRoundingMode::Unsigned(fixed_decimal::UnsignedRoundingMode::HalfExpand);
    match digits.significant {
        Some((min, max)) => {
            let top = decimal.absolute.nonzero_magnitude_start();
            decimal.round_with_mode(top - max + 1, half_expand);
            // Rounding up may have added a digit (9.99 to 10.0): count from the new top.
            let top = decimal.absolute.nonzero_magnitude_start();
            decimal.absolute.trim_end();
            decimal.absolute.pad_end(top - min + 1);
        }
        None => {
            decimal.round_with_mode(-digits.max_fraction, half_expand);
            decimal.absolute.trim_end();
            decimal.absolute.pad_end(-digits.min_fraction);
        }
    }
    decimal.absolute.pad_start(digits.min_integer);
    Some(decimal)
}

/// The parts a formatted value is written as: `(ECMA-402 part type, text)`, literals between them.
#[derive(Default)]
struct Parts {
    parts: Vec<(&'static str, String)>,
    /// The part being written, or `None` for literal text.
    current: Option<Part>,
}

impl Parts {
    /// Adds `text` to the last part if it is of the same type (ICU4X writes a number digit by digit).
    fn push(&mut self, kind: &'static str, text: &str) {
        match self.parts.last_mut() {
            Some((last, value)) if *last == kind => value.push_str(text),
            _ => self.parts.push((kind, text.to_owned())),
        }
    }
}

impl std::fmt::Write for Parts {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        if !text.is_empty() {
            self.push(self.current.map_or("literal", part_type), text);
        }
        Ok(())
    }
}

impl PartsWrite for Parts {
    type SubPartsWrite = Parts;

    fn with_part(&mut self, part: Part, mut f: impl FnMut(&mut Parts) -> std::fmt::Result) -> std::fmt::Result {
        let outer = self.current;
        // A date's fields hold numbers, written as decimal parts: the field is the part ECMA-402 names. A
        // number's integer holds its group separators: there the inner part is the one named.
        if outer.is_none_or(|outer| outer.category != "datetime") {
            self.current = Some(part);
        }
        let written = f(self);
        self.current = outer;
        written
    }
}

/// ECMA-402's name for an ICU4X part: the same names, but for the ones ECMA-402 does not have.
fn part_type(part: Part) -> &'static str {
    match part.value {
        "integer" | "fraction" | "group" | "decimal" | "minusSign" | "plusSign" | "era" | "year" | "relatedYear"
        | "yearName" | "month" | "day" | "weekday" | "dayPeriod" | "hour" | "minute" | "second" | "timeZoneName"
        | "element" => part.value,
        _ => "literal",
    }
}

/// A JS array `[type, value, type, value, ...]` of `parts`.
///
/// # Safety
/// `ctx` is a live context.
unsafe fn parts_array(ctx: *mut qjs::JSContext, parts: &[(&str, String)]) -> qjs::JSValue {
    // SAFETY: `ctx` is live; `JS_SetPropertyUint32` takes ownership of each value.
    unsafe {
        let array = Owned::new(ctx, qjs::JS_NewArray(ctx));
        for (i, (kind, text)) in parts.iter().enumerate() {
            let i = 2 * i as u32;
            if qjs::JS_SetPropertyUint32(ctx, array.raw(), i, new_string(ctx, kind)) < 0
                || qjs::JS_SetPropertyUint32(ctx, array.raw(), i + 1, new_string(ctx, text)) < 0
            {
                return exception();
            }
        }
        array.into_raw()
    }
}

/// The locale the JS resolved, or `None` (with a `RangeError` pending) if it does not parse.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
unsafe fn locale_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<Locale> {
    // SAFETY: the caller's contract.
    let tag = unsafe { string_arg(ctx, value) }?;
    match Locale::try_from_str(&tag) {
        Ok(locale) => Some(locale),
        Err(_) => {
            // SAFETY: `ctx` is live.
            unsafe { qjs::JS_ThrowRangeError(ctx, c"Incorrect locale information provided".as_ptr()) };
            None
        }
    }
}

/// The number argument: a Number as itself, anything else (a BigInt) as its decimal string.
///
/// # Safety
/// `value` is a live value of the live context `ctx`.
unsafe fn number_arg(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<Result<f64, String>> {
    // SAFETY: the caller's contract.
    unsafe {
        if qjs::JS_IsNumber(value) {
            f64_arg(ctx, value).map(Ok)
        } else {
            string_arg(ctx, value).map(Err)
        }
    }
}

/// The digit options at `args[from..from + 5]`: min integer, min and max fraction, min and max significant
/// (`undefined` when not used).
///
/// # Safety
/// The values are live values of the live context `ctx`.
unsafe fn digits_args(ctx: *mut qjs::JSContext, args: &[qjs::JSValue], from: usize) -> Option<Digits> {
    // SAFETY: the caller's contract.
    unsafe {
        let significant = if crate::owned::is_undefined(arg(args, from + 3)) {
            None
        } else {
            Some((digits_arg(ctx, arg(args, from + 3))?, digits_arg(ctx, arg(args, from + 4))?))
        };
        Some(Digits {
            min_integer: digits_arg(ctx, arg(args, from))?,
            min_fraction: digits_arg(ctx, arg(args, from + 1))?,
            max_fraction: digits_arg(ctx, arg(args, from + 2))?,
            significant,
        })
    }
}

/// The locale at `args[0]`, and the value at `args[1]` rounded as the digit options at `args[2..7]` say (see
/// [`digits_args`]); `None` with an exception pending.
///
/// # Safety
/// The values are live values of the live context `ctx`.
unsafe fn locale_and_value(ctx: *mut qjs::JSContext, args: &[qjs::JSValue]) -> Option<(Locale, Decimal)> {
    // SAFETY: the caller's contract.
    unsafe {
        let locale = locale_arg(ctx, arg(args, 0))?;
        let value = number_arg(ctx, arg(args, 1))?;
        let digits = digits_args(ctx, args, 2)?;
        let Some(decimal) = rounded(value, &digits) else {
            crate::bytes::type_error(ctx, "not a number");
            return None;
        };
        Some((locale, decimal))
    }
}

native_fn! {
    /// `numberFormat(locale, value, minInteger, minFraction, maxFraction, minSignificant, maxSignificant,
    /// grouping)`: the parts of finite `value` formatted in `locale`, as `[type, value, ...]`. `grouping` is
    /// ECMA-402's `useGrouping` ("auto", "always", "min2" or false).
    fn number_format(ctx, args) {
        let Some((locale, decimal)) = locale_and_value(ctx, args) else { return exception() };
        let Some(grouping) = string_arg(ctx, arg(args, 7)) else { return exception() };
        let mut options = DecimalFormatterOptions::default();
        options.grouping_strategy = Some(match grouping.as_str() {
            "always" => GroupingStrategy::Always,
            "min2" => GroupingStrategy::Min2,
            "false" => GroupingStrategy::Never,
            _ => GroupingStrategy::Auto,
        });
        let Ok(formatter) = DecimalFormatter::try_new((&locale).into(), options) else {
            return crate::bytes::type_error(ctx, "no number format data for this locale");
        };
        let mut parts = Parts::default();
        // Writing to a `Parts` cannot fail.
        let _ = formatter.format(&decimal).write_to_parts(&mut parts);
        parts_array(ctx, &parts.parts)
    }
}

native_fn! {
    /// `pluralSelect(locale, value, minInteger, minFraction, maxFraction, minSignificant, maxSignificant,
    /// ordinal)`: the CLDR plural category (cardinal, or ordinal when `ordinal` is true) of `value` rounded as a
    /// `NumberFormat` with those digits shows it.
    fn plural_select(ctx, args) {
        let Some((locale, decimal)) = locale_and_value(ctx, args) else { return exception() };
        let ordinal = bool_arg(ctx, arg(args, 7));
        let mut options = PluralRulesOptions::default();
        options.rule_type = Some(if ordinal { PluralRuleType::Ordinal } else { PluralRuleType::Cardinal });
        let Ok(rules) = PluralRules::try_new((&locale).into(), options) else {
            return crate::bytes::type_error(ctx, "no plural rules for this locale");
        };
        let category = match rules.category_for(&decimal) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        };
        new_string(ctx, category)
    }
}

/// A date formatter: the Gregorian calendar, any field set.
type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, CompositeFieldSet>;

/// How many date formatters are kept: making one loads its patterns and names, which costs more than
/// formatting, and a page formats with a few at most.
const FORMATTERS_KEPT: usize = 8;

/// The date formatters made last, by locale and options (oldest first).
static DATE_FORMATTERS: Local<RefCell<Vec<(String, DateFormatter)>>> = Local::new(RefCell::new(Vec::new()));

/// The field set ECMA-402's resolved options ask for: `length` ("short", "medium", "long" or ""), `date` (an
/// ICU4X date field set such as "YMDE", or ""), `time` ("hour", "minute", "second" or ""), `zone` (an ECMA-402
/// `timeZoneName`, or ""), `year` ("full", "auto" or "") and `align` ("column" pads numeric fields to two
/// digits, as ECMA-402's "2-digit" does).
fn field_set(length: &str, date: &str, time: &str, zone: &str, year: &str, align: &str) -> Option<CompositeFieldSet> {
    let mut builder = FieldSetBuilder::new();
    builder.alignment = (align == "column").then_some(Alignment::Column);
    builder.length = match length {
        "short" => Some(Length::Short),
        "medium" => Some(Length::Medium),
        "long" => Some(Length::Long),
        _ => None,
    };
    builder.date_fields = match date {
        "D" => Some(DateFields::D),
        "MD" => Some(DateFields::MD),
        "YMD" => Some(DateFields::YMD),
        "DE" => Some(DateFields::DE),
        "MDE" => Some(DateFields::MDE),
        "YMDE" => Some(DateFields::YMDE),
        "E" => Some(DateFields::E),
        "M" => Some(DateFields::M),
        "YM" => Some(DateFields::YM),
        "Y" => Some(DateFields::Y),
        _ => None,
    };
    builder.time_precision = match time {
        "hour" => Some(TimePrecision::Hour),
        "minute" => Some(TimePrecision::Minute),
        "second" => Some(TimePrecision::Second),
        _ => None,
    };
    builder.zone_style = match zone {
        "short" => Some(ZoneStyle::SpecificShort),
        "long" => Some(ZoneStyle::SpecificLong),
        "shortOffset" => Some(ZoneStyle::LocalizedOffsetShort),
        "longOffset" => Some(ZoneStyle::LocalizedOffsetLong),
        "shortGeneric" => Some(ZoneStyle::GenericShort),
        "longGeneric" => Some(ZoneStyle::GenericLong),
        _ => None,
    };
    builder.year_style = match year {
        "full" => Some(YearStyle::Full),
        "auto" => Some(YearStyle::Auto),
        _ => None,
    };
    builder.build_composite().ok()
}

native_fn! {
    /// `dateFormat(locale, ms, timeZone, length, date, time, zone, year, align, hourCycle)`: the parts of the time `ms`
    /// since the epoch in the zone `timeZone` (canonical) formatted in `locale` with the field set [`field_set`]
    /// describes and ECMA-402's `hourCycle` ("h11", "h12", "h23", "h24" or "" for the locale's), as
    /// `[type, value, ...]`.
    fn date_format(ctx, args) {
        let Some(locale) = locale_arg(ctx, arg(args, 0)) else { return exception() };
        let Some(ms) = f64_arg(ctx, arg(args, 1)) else { return exception() };
        let mut text = Vec::with_capacity(8);
        for i in 2..10 {
            let Some(value) = string_arg(ctx, arg(args, i)) else { return exception() };
            text.push(value);
        }
        let [zone_name, length, date, time, zone, year, align, hour_cycle] = &text[..] else { return exception() };
        let Some(zone_rules) = crate::zone::rules(zone_name) else {
            return qjs::JS_ThrowRangeError(ctx, c"Invalid time zone specified".as_ptr());
        };
        let Ok(instant) = jiff::Timestamp::from_millisecond(ms.floor() as i64) else {
            return qjs::JS_ThrowRangeError(
                ctx,
                c"Date value out of the range jscell formats (years -9999 to 9999)".as_ptr(),
            );
        };
        let Some(fields) = field_set(length, date, time, zone, year, align) else {
            return crate::bytes::type_error(ctx, "no date format for these options");
        };
        let mut prefs = DateTimeFormatterPreferences::from(&locale);
        prefs.hour_cycle = match hour_cycle.as_str() {
            "h11" => Some(HourCycle::H11),
            "h12" => Some(HourCycle::H12),
            "h23" | "h24" => Some(HourCycle::H23),
            _ => None,
        };
        let key = format!("{locale} {length} {date} {time} {zone} {year} {align} {hour_cycle}");
        let mut cache = DATE_FORMATTERS.get().borrow_mut();
        let found = cache.iter().position(|(cached, _)| *cached == key);
        let formatter = match found {
            Some(i) => &cache[i].1,
            None => {
                let Ok(made) = DateFormatter::try_new(prefs, fields) else {
                    return crate::bytes::type_error(ctx, "no date format data for this locale");
                };
                if cache.len() == FORMATTERS_KEPT {
                    cache.remove(0);
                }
                cache.push((key, made));
                &cache[cache.len() - 1].1
            }
        };
        let zoned = instant.to_zoned(zone_rules);
        let input = ZonedDateTime::<Gregorian, TimeZoneInfo<AtTime>>::from(&zoned);
        let mut parts = Parts::default();
        // Writing to a `Parts` cannot fail.
        let _ = formatter.format(&input).write_to_parts(&mut parts);
        parts_array(ctx, &parts.parts)
    }
}

/// The strings of the JS array `list`, or `None` with an exception pending.
///
/// # Safety
/// `list` is a live array of the live context `ctx`.
unsafe fn string_list(ctx: *mut qjs::JSContext, list: qjs::JSValue) -> Option<Vec<String>> {
    // SAFETY: the caller's contract; each element is owned by a guard while it is read.
    unsafe {
        let mut length = 0i64;
        let length_value = Owned::new(ctx, qjs::JS_GetPropertyStr(ctx, list, c"length".as_ptr()));
        if qjs::JS_ToInt64(ctx, &mut length, length_value.raw()) < 0 {
            return None;
        }
        let mut items = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        for i in 0..u32::try_from(length).unwrap_or(0) {
            let item = Owned::new(ctx, qjs::JS_GetPropertyUint32(ctx, list, i));
            items.push(string_arg(ctx, item.raw())?);
        }
        Some(items)
    }
}

native_fn! {
    /// `listFormat(locale, type, style, items)`: the parts of the strings `items` joined as ECMA-402's `type`
    /// ("conjunction", "disjunction" or "unit") and `style` ("long", "short" or "narrow") lists are in
    /// `locale`, as `[type, value, ...]`.
    fn list_format(ctx, args) {
        let Some(locale) = locale_arg(ctx, arg(args, 0)) else { return exception() };
        let (Some(kind), Some(style)) = (string_arg(ctx, arg(args, 1)), string_arg(ctx, arg(args, 2))) else {
            return exception();
        };
        let Some(items) = string_list(ctx, arg(args, 3)) else { return exception() };
        let length = match style.as_str() {
            "short" => ListLength::Short,
            "narrow" => ListLength::Narrow,
            _ => ListLength::Wide,
        };
        let options = ListFormatterOptions::default().with_length(length);
        let made = match kind.as_str() {
            "disjunction" => ListFormatter::try_new_or((&locale).into(), options),
            "unit" => ListFormatter::try_new_unit((&locale).into(), options),
            _ => ListFormatter::try_new_and((&locale).into(), options),
        };
        let Ok(formatter) = made else { return crate::bytes::type_error(ctx, "no list data for this locale") };
        let mut parts = Parts::default();
        // Writing to a `Parts` cannot fail.
        let _ = formatter.format(items.iter().map(String::as_str)).write_to_parts(&mut parts);
        parts_array(ctx, &parts.parts)
    }
}
