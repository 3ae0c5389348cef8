// blob.js: Blob and File (File API). A blob's bytes are held in one Uint8Array that nothing writes to after
// construction, so slices, clones and request bodies share it without copying. There is no stream() (the
// sandbox has no ReadableStream); text(), arrayBuffer() and bytes() cover what page code reads.

let blobState;

class Blob {
  #s;
  static {
    blobState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor(blobParts = undefined, options = undefined) {
    const context = construct(new.target === File ? 'File' : 'Blob');
    const bag = dictionary(options, new.target === File ? 'FilePropertyBag' : 'BlobPropertyBag', context);
    const endings = enumMember(bag, 'endings', ['transparent', 'native'], 'EndingType', 'BlobPropertyBag', context);
    this.#s = { bytes: blobBytes(blobParts, endings, context), type: blobType(bag.type) };
  }
  get size() {
    return brand(blobState(this)).bytes.length;
  }
  get type() {
    return brand(blobState(this)).type;
  }
  async arrayBuffer() {
    return brand(blobState(this)).bytes.slice().buffer;
  }
  slice(start = undefined, end = undefined, contentType = undefined) {
    const { bytes } = brand(blobState(this));
    const from = relativeIndex(start, 0, bytes.length);
    const to = relativeIndex(end, bytes.length, bytes.length);
    return createBlob(bytes.subarray(from, Math.max(from, to)), blobType(contentType));
  }
  async text() {
    return fromUtf8(brand(blobState(this)).bytes);
  }
  async bytes() {
    return brand(blobState(this)).bytes.slice();
  }
}
webInterface(Blob);

/// A Blob of bytes the caller will not change (slices, response bodies, clones).
function createBlob(bytes, type) {
  const blob = new Blob();
  Object.assign(blobState(blob), { bytes, type });
  return blob;
}

/// The type of a blob: lowercased, or '' when it has a character outside U+0020..U+007E.
function blobType(type) {
  if (type === undefined) return '';
  const string = str(type);
  return /^[\x20-\x7e]*$/.test(string) ? string.toLowerCase() : '';
}

function relativeIndex(value, fallback, size) {
  if (value === undefined) return fallback;
  const index = Math.trunc(Number(value)) || 0;
  return index < 0 ? Math.max(size + index, 0) : Math.min(index, size);
}

/// The bytes of a sequence of blob parts: strings as UTF-8, buffers and views copied, blobs' bytes.
function blobBytes(parts, endings, context) {
  if (parts === undefined) return new Uint8Array(0);
  if (!isObject(parts) || typeof parts[Symbol.iterator] !== 'function') {
    throw new TypeError(`${context}: The provided value cannot be converted to a sequence.`);
  }
  const chunks = [];
  for (const part of parts) {
    const blob = blobState(part);
    if (blob !== undefined) chunks.push(blob.bytes);
    else if (isArrayBuffer(part) || ArrayBuffer.isView(part)) chunks.push(copyBytes(part));
    else chunks.push(utf8(endings === 'native' ? str(part).replace(/\r\n?/g, '\n') : str(part)));
  }
  return concatBytes(chunks);
}

function concatBytes(chunks) {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

let fileState;

class File extends Blob {
  #s;
  static {
    fileState = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
  constructor(fileBits, fileName, options = undefined) {
    requireArguments(arguments.length, 2, construct('File'));
    super(fileBits, options);
    const lastModified = dictionary(options, 'FilePropertyBag', construct('File')).lastModified;
    this.#s = {
      name: str(fileName),
      lastModified: lastModified === undefined ? Date.now() : Math.trunc(Number(lastModified)) || 0,
    };
  }
  get name() {
    return brand(fileState(this)).name;
  }
  get lastModified() {
    return brand(fileState(this)).lastModified;
  }
  get lastModifiedDate() {
    return new Date(brand(fileState(this)).lastModified);
  }
  get webkitRelativePath() {
    brand(fileState(this));
    return '';
  }
}
webInterface(File);

/// A File of bytes the caller will not change (FormData entries, clones).
function createFile(bytes, name, type, lastModified) {
  const file = new File([], name, { lastModified });
  Object.assign(blobState(file), { bytes, type });
  return file;
}
