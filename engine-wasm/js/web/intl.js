// intl.js: the global `Intl` (ECMA-402) and the context's time zone and locale, on ICU4X's CLDR data
// (engine-wasm/src/intl.rs) and the IANA database (engine-wasm/src/zone.rs). Here are ECMA-402's option
// processing, defaults and resolvedOptions; the natives do what needs locale data. `native.intlSettings`
// (called by `Context(timezone=..., locale=...)`) sets the zone `Date` and `Intl` use and the default locale.

const intlState = { locale: 'en-US', timeZone: 'UTC' };

native.intlSettings = (timeZone, locale) => {
  if (timeZone !== undefined && timeZone !== null) {
    const canonical = native.zoneSet(str(timeZone));
    if (canonical === null) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
    intlState.timeZone = canonical;
  }
  if (locale !== undefined && locale !== null) intlState.locale = canonicalLocaleList(locale)[0] ?? intlState.locale;
  return [intlState.timeZone, intlState.locale];
};

// ECMA-402 CanonicalizeLocaleList: a string or a list of tags, each well-formed, canonical, without repeats.
function canonicalLocaleList(locales) {
  if (locales === undefined) return [];
  const list = typeof locales === 'string' ? [locales] : Object(locales);
  const length = Math.min(Math.max(Math.trunc(Number(list.length)) || 0, 0), 2 ** 32 - 1);
  const seen = [];
  for (let k = 0; k < length; k++) {
    if (!(k in list)) continue;
    const tag = list[k];
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) {
      throw new TypeError('Language ID should be string or object.');
    }
    const canonical = native.localeCanonical(String(tag));
    if (canonical === null) throw new RangeError(`Incorrect locale information provided`);
    if (!seen.includes(canonical)) seen.push(canonical);
  }
  return seen;
}

// The locale a service uses: the first requested one, else the context's default. Every locale is
// "available", since ICU4X's data falls back to its parent and, at the end, to the root locale. Unicode
// extensions (`-u-...`) are dropped: no service here reads them yet.
function resolveLocale(locales) {
  const requested = canonicalLocaleList(locales)[0] ?? intlState.locale;
  return requested.replace(/-u(-[a-z0-9]{2,8})+$/i, '');
}

// The natives' flat `[type, value, ...]` as ECMA-402's parts: `[{ type, value }, ...]`.
function partsOf(flat) {
  const parts = [];
  for (let i = 0; i < flat.length; i += 2) parts.push({ type: flat[i], value: flat[i + 1] });
  return parts;
}

// ECMA-402 GetOption and GetNumberOption.
function intlOption(options, name, allowed, fallback) {
  let value = options[name];
  if (value === undefined) return fallback;
  value = allowed === 'boolean' ? Boolean(value) : String(value);
  if (Array.isArray(allowed) && !allowed.includes(value)) {
    throw new RangeError(`Value ${value} out of range for Intl options property ${name}`);
  }
  return value;
}
function intlNumberOption(options, name, minimum, maximum, fallback) {
  const value = options[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (Number.isNaN(number) || number < minimum || number > maximum) {
    throw new RangeError(`${name} value is out of range.`);
  }
  return Math.floor(number);
}
function intlOptions(options) {
  if (options === undefined) return Object.create(null);
  if (options === null) throw new TypeError('Cannot convert undefined or null to object');
  return Object(options);
}

function supportedLocalesOf(locales, options) {
  const list = canonicalLocaleList(locales);
  intlOption(intlOptions(options), 'localeMatcher', ['lookup', 'best fit'], 'best fit');
  return list;
}

// Each service keeps its resolved settings in a private slot, out of page code's reach.
const intlSlots = new WeakMap();
function intlSlot(object, type, method) {
  const slot = intlSlots.get(object);
  if (slot === undefined || slot.type !== type) {
    throw new TypeError(`Method Intl.${type}.prototype.${method} called on incompatible receiver`);
  }
  return slot;
}

// NumberFormat's digit options (ECMA-402 SetNumberFormatDigitOptions), for the default fraction digits given.
function digitOptions(options, minFractionDefault, maxFractionDefault) {
  const minimumIntegerDigits = intlNumberOption(options, 'minimumIntegerDigits', 1, 21, 1);
  const minSignificant = options.minimumSignificantDigits;
  const maxSignificant = options.maximumSignificantDigits;
  const digits = { minimumIntegerDigits };
  if (minSignificant !== undefined || maxSignificant !== undefined) {
    digits.minimumSignificantDigits = intlNumberOption(options, 'minimumSignificantDigits', 1, 21, 1);
    digits.maximumSignificantDigits =
      intlNumberOption(options, 'maximumSignificantDigits', digits.minimumSignificantDigits, 21, 21);
    return digits;
  }
  let min = intlNumberOption(options, 'minimumFractionDigits', 0, 100, undefined);
  let max = intlNumberOption(options, 'maximumFractionDigits', 0, 100, undefined);
  if (min === undefined && max === undefined) {
    min = minFractionDefault;
    max = maxFractionDefault;
  } else if (min === undefined) {
    min = Math.min(minFractionDefault, max);
  } else if (max === undefined) {
    max = Math.max(maxFractionDefault, min);
  } else if (min > max) {
    throw new RangeError('maximumFractionDigits value is out of range.');
  }
  digits.minimumFractionDigits = min;
  digits.maximumFractionDigits = max;
  return digits;
}

// ECMA-402's useGrouping (GetBooleanOrStringNumberFormatOption): true is "always", falsy values are false
// (the natives' "false"), the strings "true" and "false" are the default.
function groupingOption(value) {
  if (value === undefined) return 'auto';
  if (value === true) return 'always';
  if (!value) return 'false';
  const text = String(value);
  if (text === 'true' || text === 'false') return 'auto';
  if (text === 'min2' || text === 'auto' || text === 'always') return text;
  throw new RangeError(`Value ${text} out of range for Intl.NumberFormat options property useGrouping`);
}

// The resolved digit options of a slot, added to `resolved` in resolvedOptions' order.
function resolvedDigits(resolved, s) {
  const names = s.minimumSignificantDigits === undefined ? ['minimumFractionDigits', 'maximumFractionDigits']
    : ['minimumSignificantDigits', 'maximumSignificantDigits'];
  for (const name of names) resolved[name] = s[name];
}

// The digit arguments the natives take after the value.
function digitArguments(d) {
  return [d.minimumIntegerDigits, d.minimumFractionDigits ?? 0, d.maximumFractionDigits ?? 0,
    d.minimumSignificantDigits, d.maximumSignificantDigits];
}

// A Number or BigInt as the natives take it: a Number, or a BigInt's decimal string.
function intlNumeric(value) {
  const numeric = typeof value === 'bigint' ? value : Number(value);
  return typeof numeric === 'bigint' ? numeric.toString() : numeric;
}

// The parts of `value` in `slot`'s format: `[{ type, value }, ...]`.
function numberParts(slot, value) {
  const x = intlNumeric(value);
  if (typeof x === 'number' && !Number.isFinite(x)) {
    const parts = x < 0 ? [{ type: 'minusSign', value: minusSign(slot.locale) }] : [];
    parts.push(Number.isNaN(x) ? { type: 'nan', value: 'NaN' } : { type: 'infinity', value: '∞' });
    return parts;
  }
  const flat = native.numberFormat(slot.locale, x, ...digitArguments(slot), slot.grouping);
  return partsOf(flat);
}
function minusSign(locale) {
  return native.numberFormat(locale, -1, 1, 0, 0, undefined, undefined, 'auto')[1];
}

class NumberFormat {
  constructor(locales = undefined, options = undefined) {
    const opts = intlOptions(options);
    intlOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const numberingSystem = intlOption(opts, 'numberingSystem', undefined, undefined);
    if (numberingSystem !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(numberingSystem)) {
      throw new RangeError(`Invalid numberingSystem : ${numberingSystem}`);
    }
    const locale = resolveLocale(locales);
    const style = intlOption(opts, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
    if (style !== 'decimal') throw new RangeError(`Intl.NumberFormat style "${style}" is not supported by jscell yet`);
    const notation = intlOption(opts, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
    if (notation !== 'standard') {
      throw new RangeError(`Intl.NumberFormat notation "${notation}" is not supported by jscell yet`);
    }
    const digits = digitOptions(opts, 0, 3);
    const grouping = groupingOption(opts.useGrouping);
    const signDisplay = intlOption(opts, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto');
    intlSlots.set(this, { type: 'NumberFormat', locale, numberingSystem: 'latn', style, notation, grouping,
      signDisplay, ...digits });
  }
  get format() {
    const slot = intlSlot(this, 'NumberFormat', 'format');
    slot.bound ??= (value) => this.formatToParts(value).map((p) => p.value).join('');
    return slot.bound;
  }
  formatToParts(value) {
    const slot = intlSlot(this, 'NumberFormat', 'formatToParts');
    const parts = numberParts(slot, value);
    return applySign(slot, parts, value);
  }
  resolvedOptions() {
    const s = intlSlot(this, 'NumberFormat', 'resolvedOptions');
    const resolved = { locale: s.locale, numberingSystem: s.numberingSystem, style: s.style,
      minimumIntegerDigits: s.minimumIntegerDigits };
    resolvedDigits(resolved, s);
    resolved.useGrouping = s.grouping === 'false' ? false : s.grouping;
    resolved.notation = s.notation;
    resolved.signDisplay = s.signDisplay;
    resolved.roundingIncrement = 1;
    resolved.roundingMode = 'halfExpand';
    resolved.roundingPriority = 'auto';
    resolved.trailingZeroDisplay = 'auto';
    return resolved;
  }
  static supportedLocalesOf(locales, options = undefined) {
    return supportedLocalesOf(locales, options);
  }
}

// signDisplay on formatted parts: drop or add the sign as ECMA-402's table says.
function applySign(slot, parts, value) {
  const negative = parts.some((p) => p.type === 'minusSign');
  const zero = parts.every((p) => p.type !== 'integer' && p.type !== 'fraction' || /^[0０٠۰०]*$/.test(p.value));
  const display = slot.signDisplay;
  const drop = display === 'never' || (negative && zero && (display === 'exceptZero' || display === 'negative'));
  const strip = (list) => list.filter((p) => p.type !== 'minusSign');
  if (drop) return strip(parts);
  const positive = !negative && !Number.isNaN(intlNumeric(value));
  if (positive && (display === 'always' || (display === 'exceptZero' && !zero))) {
    return [{ type: 'plusSign', value: '+' }, ...parts];
  }
  return parts;
}

class PluralRules {
  constructor(locales = undefined, options = undefined) {
    if (new.target === undefined) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
    const opts = intlOptions(options);
    intlOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const type = intlOption(opts, 'type', ['cardinal', 'ordinal'], 'cardinal');
    const locale = resolveLocale(locales);
    intlSlots.set(this, { type: 'PluralRules', locale, ruleType: type, ...digitOptions(opts, 0, 3) });
  }
  select(value) {
    const s = intlSlot(this, 'PluralRules', 'select');
    const x = Number(value);
    if (!Number.isFinite(x)) return 'other';
    return native.pluralSelect(s.locale, x, ...digitArguments(s), s.ruleType === 'ordinal');
  }
  resolvedOptions() {
    const s = intlSlot(this, 'PluralRules', 'resolvedOptions');
    const resolved = { locale: s.locale, type: s.ruleType, minimumIntegerDigits: s.minimumIntegerDigits };
    resolvedDigits(resolved, s);
    resolved.pluralCategories = ['zero', 'one', 'two', 'few', 'many', 'other'].filter((c) => pluralHas(s, c));
    return resolved;
  }
  static supportedLocalesOf(locales, options = undefined) {
    return supportedLocalesOf(locales, options);
  }
}

// Whether `category` occurs in the rules of `slot`: a sample of integers and decimals reaches every CLDR
// category (the rules depend on the last two integer digits, the fraction digits and the exponent).
function pluralHas(slot, category) {
  const samples = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 20, 21, 22, 23, 100, 101, 102, 103, 111, 1000000,
    0.5, 1.5, 2.5, 0.1, 1.1];
  return samples.some((n) => native.pluralSelect(slot.locale, n, 1, 0, 3, undefined, undefined,
    slot.ruleType === 'ordinal') === category);
}

// DateTimeFormat, on ICU4X's semantic field sets: ECMA-402's components choose the date fields (year, month,
// day, weekday), the time precision and the zone style; the month's and weekday's widths choose the length.
const dateComponents = {
  weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'], year: ['2-digit', 'numeric'],
  month: ['2-digit', 'numeric', 'narrow', 'short', 'long'], day: ['2-digit', 'numeric'],
  dayPeriod: ['narrow', 'short', 'long'], hour: ['2-digit', 'numeric'], minute: ['2-digit', 'numeric'],
  second: ['2-digit', 'numeric'], fractionalSecondDigits: undefined,
  timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
};
const dateStyles = ['full', 'long', 'medium', 'short'];

// ECMA-402 CreateDateTimeFormat, with `required`/`defaults` as ToDateTimeOptions takes them ("date", "time",
// "any"; "date", "time", "all").
function dateTimeSlot(locales, options, required, defaults) {
  const opts = intlOptions(options);
  intlOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
  const calendar = intlOption(opts, 'calendar', undefined, undefined);
  if (calendar !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(calendar)) {
    throw new RangeError(`Invalid calendar : ${calendar}`);
  }
  const numberingSystem = intlOption(opts, 'numberingSystem', undefined, undefined);
  if (numberingSystem !== undefined && !/^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(numberingSystem)) {
    throw new RangeError(`Invalid numberingSystem : ${numberingSystem}`);
  }
  const hour12 = intlOption(opts, 'hour12', 'boolean', undefined);
  let hourCycle = intlOption(opts, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], undefined);
  if (hour12 !== undefined) hourCycle = undefined;
  let timeZone = opts.timeZone;
  if (timeZone === undefined) {
    timeZone = intlState.timeZone;
  } else {
    const canonical = native.zoneCanonical(String(timeZone));
    if (canonical === null) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
    timeZone = canonical;
  }
  const components = {};
  let any = false;
  for (const [name, allowed] of Object.entries(dateComponents)) {
    const value = allowed === undefined ? intlNumberOption(opts, name, 1, 3, undefined)
      : intlOption(opts, name, allowed, undefined);
    if (value !== undefined) {
      components[name] = value;
      any = true;
    }
  }
  intlOption(opts, 'formatMatcher', ['basic', 'best fit'], 'best fit');
  const dateStyle = intlOption(opts, 'dateStyle', dateStyles, undefined);
  const timeStyle = intlOption(opts, 'timeStyle', dateStyles, undefined);
  if ((dateStyle !== undefined || timeStyle !== undefined) && any) {
    throw new TypeError(`Can't set option ${Object.keys(components)[0]} when ${dateStyle ? 'dateStyle' : 'timeStyle'} is used`);
  }
  if (required === 'date' && timeStyle !== undefined) throw new TypeError('Invalid option : timeStyle');
  if (required === 'time' && dateStyle !== undefined) throw new TypeError('Invalid option : dateStyle');
  if (dateStyle === undefined && timeStyle === undefined) {
    const hasDate = ['weekday', 'year', 'month', 'day'].some((k) => k in components);
    const hasTime = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'].some((k) => k in components);
    const needDefaults = required === 'date' ? !hasDate : required === 'time' ? !hasTime : !hasDate && !hasTime;
    if (needDefaults && (defaults === 'date' || defaults === 'all')) {
      Object.assign(components, { year: 'numeric', month: 'numeric', day: 'numeric' });
    }
    if (needDefaults && (defaults === 'time' || defaults === 'all')) {
      Object.assign(components, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
    }
  }
  const slot = { type: 'DateTimeFormat', locale: resolveLocale(locales), timeZone, hour12, hourCycle, dateStyle,
    timeStyle, components };
  slot.spec = dateFieldSpec(slot);
  return slot;
}

// The field set (see native.dateFormat) for a slot: [length, date fields, time precision, zone, year style,
// alignment].
function dateFieldSpec({ dateStyle, timeStyle, components: c }) {
  if (dateStyle !== undefined || timeStyle !== undefined) {
    const length = { full: 'long', long: 'long', medium: 'medium', short: 'short' }[dateStyle ?? timeStyle];
    const date = dateStyle === undefined ? '' : dateStyle === 'full' ? 'YMDE' : 'YMD';
    const time = timeStyle === undefined ? '' : timeStyle === 'short' ? 'minute' : 'second';
    const zone = timeStyle === 'full' ? 'long' : timeStyle === 'long' ? 'short' : '';
    return [length, date, time, zone, dateStyle === 'short' ? 'auto' : '', ''];
  }
  const y = 'year' in c, m = 'month' in c, d = 'day' in c;
  // ICU4X's date field sets are D, MD, YMD, DE, MDE, YMDE, E, M, YM and Y: a weekday comes with a day.
  let date = { '': '', Y: 'Y', M: 'M', D: 'D', YM: 'YM', MD: 'MD', YMD: 'YMD', YD: 'YMD' }[
    (y ? 'Y' : '') + (m ? 'M' : '') + (d ? 'D' : '')];
  if ('weekday' in c) date = y ? 'YMDE' : m ? 'MDE' : d ? 'DE' : 'E';
  const width = c.month ?? c.weekday;
  const length = width === 'long' ? 'long' : width === 'short' || width === 'narrow' ? 'medium' : 'short';
  const time = 'second' in c ? 'second' : 'minute' in c ? 'minute' : 'hour' in c ? 'hour' : '';
  const year = c.year === 'numeric' ? 'full' : c.year === '2-digit' ? 'auto' : '';
  const align = ['month', 'day', 'hour', 'minute', 'second'].some((k) => c[k] === '2-digit') ? 'column' : '';
  return [length, date, time, c.timeZoneName ?? '', year, align];
}

// The hour cycle a slot formats with: its own, else the one its locale's pattern uses.
function slotHourCycle(slot) {
  if (slot.hourCycle !== undefined) return slot.hourCycle;
  const h12 = slot.hour12
    ?? native.dateFormat(slot.locale, 46800000, 'UTC', 'short', '', 'hour', '', '', '', '').includes('dayPeriod');
  return h12 ? 'h12' : 'h23';
}

function dateParts(slot, date) {
  const time = date === undefined ? Date.now() : Number(date);
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) throw new RangeError('Invalid time value');
  const hourCycle = slot.hourCycle ?? (slot.hour12 === undefined ? '' : slot.hour12 ? 'h12' : 'h23');
  const flat = native.dateFormat(slot.locale, time, slot.timeZone, ...slot.spec, hourCycle);
  // CLDR puts a narrow no-break space before AM/PM; browsers print a plain space there, as pages expect.
  return partsOf(flat).map((part) => ({ type: part.type, value: part.value.replaceAll('\u202f', ' ') }));
}

class DateTimeFormat {
  constructor(locales = undefined, options = undefined) {
    intlSlots.set(this, dateTimeSlot(locales, options, 'any', 'date'));
  }
  get format() {
    const slot = intlSlot(this, 'DateTimeFormat', 'format');
    slot.bound ??= (date) => dateParts(slot, date).map((p) => p.value).join('');
    return slot.bound;
  }
  formatToParts(date) {
    return dateParts(intlSlot(this, 'DateTimeFormat', 'formatToParts'), date);
  }
  resolvedOptions() {
    const s = intlSlot(this, 'DateTimeFormat', 'resolvedOptions');
    const resolved = { locale: s.locale, calendar: 'gregory', numberingSystem: 'latn', timeZone: s.timeZone };
    const timed = s.timeStyle !== undefined || 'hour' in s.components;
    if (timed) {
      resolved.hourCycle = slotHourCycle(s);
      resolved.hour12 = resolved.hourCycle === 'h11' || resolved.hourCycle === 'h12';
    }
    for (const name of Object.keys(dateComponents)) {
      if (name in s.components) resolved[name] = s.components[name];
    }
    if (s.dateStyle !== undefined) resolved.dateStyle = s.dateStyle;
    if (s.timeStyle !== undefined) resolved.timeStyle = s.timeStyle;
    return resolved;
  }
  static supportedLocalesOf(locales, options = undefined) {
    return supportedLocalesOf(locales, options);
  }
}

// Date's toLocale*String go through DateTimeFormat, as ECMA-402 asks.
const dateValue = Date.prototype.valueOf;
for (const [name, required, defaults] of [['toLocaleString', 'any', 'all'], ['toLocaleDateString', 'date', 'date'],
  ['toLocaleTimeString', 'time', 'time']]) {
  Object.defineProperty(Date.prototype, name, {
    value: { [name](locales = undefined, options = undefined) {
      const time = dateValue.call(this);
      if (Number.isNaN(time)) return 'Invalid Date';
      return dateParts(dateTimeSlot(locales, options, required, defaults), time).map((p) => p.value).join('');
    } }[name], writable: true, enumerable: false, configurable: true,
  });
}

// ListFormat: ECMA-402's options, ICU4X's list patterns.
class ListFormat {
  constructor(locales = undefined, options = undefined) {
    if (new.target === undefined) throw new TypeError("Constructor Intl.ListFormat requires 'new'");
    const locale = resolveLocale(locales);
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError('Options must be an object');
    }
    const opts = intlOptions(options);
    intlOption(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const listType = intlOption(opts, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction');
    const style = intlOption(opts, 'style', ['long', 'short', 'narrow'], 'long');
    intlSlots.set(this, { type: 'ListFormat', locale, listType, style });
  }
  format(list) {
    return listParts(intlSlot(this, 'ListFormat', 'format'), list).map((p) => p.value).join('');
  }
  formatToParts(list) {
    return listParts(intlSlot(this, 'ListFormat', 'formatToParts'), list);
  }
  resolvedOptions() {
    const s = intlSlot(this, 'ListFormat', 'resolvedOptions');
    return { locale: s.locale, type: s.listType, style: s.style };
  }
  static supportedLocalesOf(locales, options = undefined) {
    return supportedLocalesOf(locales, options);
  }
}

// ECMA-402 StringListFromIterable, then the parts of the list in `slot`'s format.
function listParts(slot, list) {
  const items = [];
  if (list !== undefined) {
    for (const item of list) {
      if (typeof item !== 'string') throw new TypeError(`Iterable yielded ${String(item)} which is not a string`);
      items.push(item);
    }
  }
  const flat = native.listFormat(slot.locale, slot.listType, slot.style, items);
  return partsOf(flat);
}

function supportedValuesOf(key) {
  switch (String(key)) {
    case 'timeZone':
      return native.zoneNames().split('\n').filter((n) => n.includes('/') && !n.startsWith('Etc/')
        && !n.startsWith('posix/') && !n.startsWith('right/')).concat('UTC').sort();
    case 'calendar':
      return ['gregory'];
    case 'numberingSystem':
      return ['latn'];
    case 'collation':
    case 'currency':
    case 'unit':
      return [];
    default:
      throw new RangeError(`Invalid key : ${key}`);
  }
}

// NumberFormat and DateTimeFormat may be called without `new` (ECMA-402's legacy constructors); a class may
// not, so they are a function in front of the class, which shares its prototype and statics.
function legacyConstructor(type) {
  const callable = { [type.name]: function (locales = undefined, options = undefined) {
    return Reflect.construct(type, [locales, options], new.target ?? callable);
  } }[type.name];
  Object.defineProperty(callable, 'prototype', { value: type.prototype, writable: false });
  Object.defineProperty(type.prototype, 'constructor', { value: callable, writable: true, configurable: true });
  Object.defineProperty(callable, 'supportedLocalesOf',
    { value: type.supportedLocalesOf, writable: true, configurable: true });
  return callable;
}

const Intl = {};
for (const [name, value] of [['NumberFormat', legacyConstructor(NumberFormat)], ['PluralRules', PluralRules],
  ['DateTimeFormat', legacyConstructor(DateTimeFormat)], ['ListFormat', ListFormat]]) {
  Object.defineProperty(Intl, name, { value, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(value.prototype, Symbol.toStringTag, { value: `Intl.${name}`, configurable: true });
}
for (const [name, value] of [['getCanonicalLocales', (locales) => canonicalLocaleList(locales)],
  ['supportedValuesOf', supportedValuesOf]]) {
  Object.defineProperty(Intl, name, { value, writable: true, enumerable: false, configurable: true });
}
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
define('Intl', Intl);

// Number and BigInt's toLocaleString go through NumberFormat, as ECMA-402 asks.
const numberValue = Number.prototype.valueOf;
const bigintValue = BigInt.prototype.valueOf;
Object.defineProperty(Number.prototype, 'toLocaleString', {
  value: function toLocaleString(locales = undefined, options = undefined) {
    return new NumberFormat(locales, options).format(numberValue.call(this));
  }, writable: true, enumerable: false, configurable: true,
});
Object.defineProperty(BigInt.prototype, 'toLocaleString', {
  value: function toLocaleString(locales = undefined, options = undefined) {
    return new NumberFormat(locales, options).format(bigintValue.call(this));
  }, writable: true, enumerable: false, configurable: true,
});

// Date's toString and toTimeString end, as V8's do, with the zone's long name in the default locale in
// parentheses: "... GMT+0800 (China Standard Time)".
for (const name of ['toString', 'toTimeString']) {
  const original = Date.prototype[name];
  Object.defineProperty(Date.prototype, name, {
    value: { [name]() {
      const text = original.call(this);
      const time = dateValue.call(this);
      // ICU4X's dates reach the years -9999 to 9999; outside them the name is left off.
      if (!(Math.abs(time) < 2.5e14)) return text;
      const zone = native.dateFormat(intlState.locale, time, intlState.timeZone, '', '', '', 'long', '', '', '');
      return `${text} (${zone[1]})`;
    } }[name], writable: true, enumerable: false, configurable: true,
  });
}
