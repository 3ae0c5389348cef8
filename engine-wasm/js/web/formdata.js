// formdata.js: FormData (XMLHttpRequest Standard), and its multipart/form-data encoding and parsing, which
// fetch, XMLHttpRequest and Response.formData() use. There are no forms in the sandbox, so a FormData is
// always built by append() and set().

let formDataEntries;
const formDataIterator = pairIterator('FormData');

class FormData {
  // [name, value] pairs; a value is a string or a File.
  #entries = [];
  static {
    formDataEntries = (o) => (isObject(o) && #entries in o ? o.#entries : undefined);
  }
  constructor(form = undefined, submitter = undefined) {
    if (form !== undefined) throw new TypeError(`${construct('FormData')}: parameter 1 is not of type 'HTMLFormElement'.`);
  }
  append(name, value, filename = undefined) {
    const entries = brand(formDataEntries(this));
    const context = execute('append', 'FormData');
    requireArguments(arguments.length, 2, context);
    entries.push(formEntry(name, value, arguments.length > 2, filename, context));
  }
  delete(name) {
    const entries = brand(formDataEntries(this));
    requireArguments(arguments.length, 1, execute('delete', 'FormData'));
    const key = str(name);
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i][0] === key) entries.splice(i, 1);
  }
  get(name) {
    const entries = brand(formDataEntries(this));
    requireArguments(arguments.length, 1, execute('get', 'FormData'));
    const key = str(name);
    const entry = entries.find((e) => e[0] === key);
    return entry === undefined ? null : entry[1];
  }
  getAll(name) {
    const entries = brand(formDataEntries(this));
    requireArguments(arguments.length, 1, execute('getAll', 'FormData'));
    const key = str(name);
    return entries.filter((e) => e[0] === key).map((e) => e[1]);
  }
  has(name) {
    const entries = brand(formDataEntries(this));
    requireArguments(arguments.length, 1, execute('has', 'FormData'));
    const key = str(name);
    return entries.some((e) => e[0] === key);
  }
  set(name, value, filename = undefined) {
    const entries = brand(formDataEntries(this));
    const context = execute('set', 'FormData');
    requireArguments(arguments.length, 2, context);
    const entry = formEntry(name, value, arguments.length > 2, filename, context);
    const first = entries.findIndex((e) => e[0] === entry[0]);
    if (first < 0) {
      entries.push(entry);
      return;
    }
    entries[first] = entry;
    for (let i = entries.length - 1; i > first; i--) if (entries[i][0] === entry[0]) entries.splice(i, 1);
  }
  entries() {
    const entries = brand(formDataEntries(this));
    return formDataIterator(() => entries, 'entries');
  }
  forEach(callback, thisArg = undefined) {
    const entries = brand(formDataEntries(this));
    forEachPair(this, () => entries, callback, thisArg, execute('forEach', 'FormData'));
  }
  keys() {
    const entries = brand(formDataEntries(this));
    return formDataIterator(() => entries, 'keys');
  }
  values() {
    const entries = brand(formDataEntries(this));
    return formDataIterator(() => entries, 'values');
  }
}
webInterface(FormData);

/// An entry as XHR's "create an entry" makes it: a Blob becomes a File (named "blob" unless a filename is
/// given); a File keeps its identity unless renamed.
function formEntry(name, value, hasFilename, filename, context) {
  const blob = blobState(value);
  if (blob === undefined) {
    if (hasFilename) throw new TypeError(`${context}: parameter 2 is not of type 'Blob'.`);
    return [str(name), str(value)];
  }
  const file = fileState(value);
  if (file !== undefined && !hasFilename) return [str(name), value];
  const fileName = hasFilename ? str(filename) : file !== undefined ? file.name : 'blob';
  return [str(name), createFile(blob.bytes, fileName, blob.type, file?.lastModified)];
}

const boundaryAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/// Encodes entries as multipart/form-data; returns the body and its Content-Type (with the boundary).
function encodeMultipart(entries) {
  let boundary = '----WebKitFormBoundary';
  for (let i = 0; i < 16; i++) boundary += boundaryAlphabet[Math.floor(Math.random() * boundaryAlphabet.length)];
  const escape = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const chunks = [];
  for (const [name, value] of entries) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"`;
    if (typeof value === 'string') {
      chunks.push(utf8(`${head}\r\n\r\n${value.replace(/\r\n|\r|\n/g, '\r\n')}\r\n`));
      continue;
    }
    const blob = blobState(value);
    head += `; filename="${escape(fileState(value).name)}"\r\nContent-Type: ${blob.type || 'application/octet-stream'}`;
    chunks.push(utf8(`${head}\r\n\r\n`), blob.bytes, utf8('\r\n'));
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  return { bytes: concatBytes(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/// Parses a multipart/form-data body into a FormData, or returns null when it is not one.
function parseMultipart(bytes, boundary) {
  // One character per byte, so string positions are byte offsets.
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  const delimiter = `--${boundary}`;
  const formData = new FormData();
  const entries = formDataEntries(formData);
  let position = text.indexOf(delimiter);
  if (position < 0) return null;
  for (;;) {
    position += delimiter.length;
    if (text.startsWith('--', position)) return formData;
    if (!text.startsWith('\r\n', position)) return null;
    const headersEnd = text.indexOf('\r\n\r\n', position);
    const next = text.indexOf(`\r\n${delimiter}`, headersEnd);
    if (headersEnd < 0 || next < 0) return null;
    const headers = fromUtf8(bytes.subarray(position + 2, headersEnd));
    const name = /;\s*name="([^"]*)"/i.exec(headers);
    if (name === null) return null;
    const filename = /;\s*filename="([^"]*)"/i.exec(headers);
    const body = bytes.subarray(headersEnd + 4, next);
    if (filename === null) {
      entries.push([name[1], fromUtf8(body)]);
    } else {
      const type = /^content-type:\s*(.*)$/im.exec(headers);
      entries.push([name[1], createFile(body.slice(), filename[1], blobType(type ? type[1].trim() : ''), undefined)]);
    }
    position = next + 2;
  }
}
