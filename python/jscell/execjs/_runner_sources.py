"""JS templates that the external runtimes wrap a program in, one per runtime program.

A runner calls the program (the compiled source followed by the code to run, as one function body), prints an
empty line (so output the program left without a newline stays apart), then one line of JSON:
``["ok", value]``, ``["ok"]`` for ``undefined``, ``["err", "<the thrown value as a string>"]``, or ``["err"]``
when the value has no JSON form. ``ExternalRuntime`` reads that last line.

Placeholders, replaced in one pass (so a program's own text is never substituted again):
``#{source}`` the program's text; ``#{encoded_source}`` a JSON string of ``(function(){ <program> })()`` with
non-ASCII characters escaped, for runtimes that read their file in a legacy encoding; ``#{json2_source}``
a definition of ``stringify``, using ``JSON.stringify`` where the runtime has it and a small ES3 serializer
where it does not (old JScript).
"""

from __future__ import annotations

__all__ = ["JScript", "JavaScriptCore", "Nashorn", "Node", "PhantomJS", "SlimerJS", "SpiderMonkey"]

_NATIVE_STRINGIFY = "  var stringify = function (value) { return JSON.stringify(value); };\n"

# What `#{json2_source}` becomes: JSON.stringify if the runtime has one, else a serializer in ES3.
JSON_FALLBACK = r"""  var stringify = (typeof JSON === 'object' && JSON && typeof JSON.stringify === 'function')
    ? function (value) { return JSON.stringify(value); }
    : (function () {
        var hasOwn = Object.prototype.hasOwnProperty, toStr = Object.prototype.toString;
        function quote(s) {
          return '"' + s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, function (c) {
            if (c === '"') return '\\"';
            if (c === '\\') return '\\\\';
            return '\\u' + ('0000' + c.charCodeAt(0).toString(16)).slice(-4);
          }) + '"';
        }
        function walk(value, depth) {
          if (depth > 1000) throw new RangeError('too deeply nested for JSON');
          if (value && typeof value.toJSON === 'function') value = value.toJSON();
          switch (typeof value) {
            case 'string': return quote(value);
            case 'number': return isFinite(value) ? String(value) : 'null';
            case 'boolean': return String(value);
            case 'object':
              if (value === null) return 'null';
              var parts = [], key, item, i;
              if (toStr.call(value) === '[object Array]') {
                for (i = 0; i < value.length; i++) {
                  item = walk(value[i], depth + 1);
                  parts.push(item === undefined ? 'null' : item);
                }
                return '[' + parts.join(',') + ']';
              }
              for (key in value) {
                if (hasOwn.call(value, key)) {
                  item = walk(value[key], depth + 1);
                  if (item !== undefined) parts.push(quote(key) + ':' + item);
                }
              }
              return '{' + parts.join(',') + '}';
          }
          return undefined;
        }
        return function (value) { return walk(value, 0); };
      })();
"""

_PROGRAM_AS_TEXT = "function () { #{source}\n}"
_PROGRAM_ENCODED = "function () {\n  return eval(#{encoded_source});\n}"


def _runner(program: str, prelude: str, emit: str, thrown: str = "'' + e", epilogue: str = "") -> str:
    return (
        "(function (program, report) { report(program); })("
        + program
        + ", function (program) {\n"
        + prelude
        + "  var emit = "
        + emit
        + ";\n"
        "  var value;\n"
        "  try {\n"
        "    value = program();\n"
        "  } catch (e) {\n"
        "    emit('');\n"
        "    emit(stringify(['err', " + thrown + "]));\n"
        "    return;\n"
        "  }\n"
        "  emit('');\n"
        "  if (typeof value == 'undefined' && value !== null) {\n"
        "    emit('[\"ok\"]');\n"
        "    return;\n"
        "  }\n"
        "  var text;\n"
        "  try {\n"
        "    text = stringify(['ok', value]);\n"
        "  } catch (e) {\n"
        "    text = '[\"err\"]';\n"
        "  }\n"
        "  emit(text);\n"
        "});\n" + epilogue
    )


_PRINT = "function (line) { print(line); }"

Node = _runner(_PROGRAM_AS_TEXT, _NATIVE_STRINGIFY, "function (line) { process.stdout.write(line + '\\n'); }")

JavaScriptCore = _runner(_PROGRAM_ENCODED, _NATIVE_STRINGIFY, _PRINT)

SpiderMonkey = _runner(_PROGRAM_AS_TEXT, "#{json2_source}", _PRINT)

Nashorn = SpiderMonkey

# WScript.Echo writes in the console's code page: every non-ASCII character goes out as a \u escape, which
# is still the same JSON.
JScript = _runner(
    _PROGRAM_ENCODED,
    "#{json2_source}",
    r"""function (line) {
    WScript.Echo(line.replace(/[^\x00-\x7f]/g, function (c) {
      return '\\u' + ('0000' + c.charCodeAt(0).toString(16)).slice(-4);
    }));
  }""",
    thrown="(e && e.name !== undefined) ? e.name + ': ' + e.message : '' + e",
)

PhantomJS = _runner(
    _PROGRAM_ENCODED, _NATIVE_STRINGIFY, "function (line) { console.log('' + line); }", epilogue="phantom.exit();\n"
)

SlimerJS = PhantomJS
