// The boundary between the host page's JavaScript values and the wasm module (see src/host.rs).
//
// Every function here returns normally, whatever it is given: a throwing getter, a revoked Proxy, a trap,
// a polluted Object.prototype. An exception that unwound through wasm frames would leak the wasm stack and
// wasm-bindgen's table of JS values, so each one is caught here and becomes a value ('u' = unreadable).
// The primitives used are captured when the module loads: a page that patches globals later cannot reach
// them. Property reads and writes use only syntax (typeof, v[k], string indexing) and these captures.

const isArray = Array.isArray;
const ownKeys = Object.keys;
const define = Object.defineProperty;
const keysOf = Reflect.ownKeys;
const apply = Reflect.apply;
const fromCodePoint = String.fromCodePoint;
const sliceOf = Function.prototype.call.bind(String.prototype.slice);
const ErrorType = Error;
const CustomEventType = typeof CustomEvent === 'function' ? CustomEvent : null;
const dispatchEvent = typeof EventTarget === 'function' ? EventTarget.prototype.dispatchEvent : null;

// A number crosses as its 64 bits in four code points U+10000 + 16 bits (no float parsing in Rust, and no
// surrogate halves, which would not survive UTF-8). Typed-array indexing cannot be patched by a page.
const bits = new Float64Array(1);
const halves = new Uint16Array(bits.buffer);
const NUMBER_BASE = 0x10000;

function number(n) {
  bits[0] = n;
  return fromCodePoint(
    NUMBER_BASE + halves[0],
    NUMBER_BASE + halves[1],
    NUMBER_BASE + halves[2],
    NUMBER_BASE + halves[3],
  );
}

/** Characters as Rust will count them: a surrogate pair is one, a lone surrogate one (it arrives as U+FFFD). */
function chars(s) {
  let count = 0;
  for (let i = 0; i < s.length; i++, count++) {
    const c = s[i];
    if (c >= '\uD800' && c <= '\uDBFF' && i + 1 < s.length && s[i + 1] >= '\uDC00' && s[i + 1] <= '\uDFFF') i++;
  }
  return count;
}

/**
 * Copies `value` into a tape, in one pass and one crossing (decoded by `host::decode`):
 *   n absent · t/f bool · d+number · s+count+text · L+length (string too long, not copied) · u unreadable ·
 *   xF function · xS symbol · xB bigint · xO other · [ values ] · { (key value)… }
 * Strings longer than `maxString` UTF-16 units, or beyond `maxText` in all, are not copied; values deeper
 * than `maxDepth` or beyond `maxNodes` read as unreadable; object keys are the own enumerable ones.
 */
export function read(value, maxString, maxDepth, maxNodes, maxText) {
  let nodes = maxNodes;
  let text = maxText;
  function string(s) {
    if (s.length > maxString || s.length > text) return 'L' + number(s.length);
    text -= s.length;
    return 's' + number(chars(s)) + s;
  }
  function walk(v, depth) {
    if (--nodes < 0) return 'u';
    switch (typeof v) {
      case 'undefined':
        return 'n';
      case 'boolean':
        return v ? 't' : 'f';
      case 'number':
        return 'd' + number(v);
      case 'string':
        return string(v);
      case 'function':
        return 'xF';
      case 'symbol':
        return 'xS';
      case 'bigint':
        return 'xB';
      case 'object':
        break;
      default:
        return 'xO';
    }
    if (v === null) return 'n';
    if (depth >= maxDepth) return 'u';
    try {
      if (isArray(v)) {
        const length = v.length;
        let out = '[';
        for (let i = 0; i < length && nodes > 0; i++) {
          let item;
          try {
            item = v[i];
          } catch {
            out += 'u';
            continue;
          }
          out += walk(item, depth + 1);
        }
        return out + ']';
      }
      const keys = ownKeys(v);
      let out = '{';
      for (let i = 0; i < keys.length && nodes > 0; i++) {
        const key = keys[i];
        let item;
        try {
          item = v[key];
        } catch {
          out += string(key) + 'u';
          continue;
        }
        out += string(key) + walk(item, depth + 1);
      }
      return out + '}';
    } catch {
      return 'u';
    }
  }
  try {
    return walk(value, 0);
  } catch {
    return 'u';
  }
}

function data(value) {
  return { __proto__: null, value, writable: true, enumerable: true, configurable: true };
}

// The own keys of the prototypes every result object and array inherits from, as the page found them.
const OBJECT_KEYS = keysOf(Object.prototype);
const ARRAY_KEYS = keysOf(Array.prototype);
/** Keys a plain assignment would hand to the prototype chain (`__proto__`'s setter, for one). */
const inherited = { __proto__: null };
for (let i = 0; i < OBJECT_KEYS.length; i++) inherited[OBJECT_KEYS[i]] = true;
for (let i = 0; i < ARRAY_KEYS.length; i++) inherited[ARRAY_KEYS[i]] = true;

function same(keys, expected) {
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== expected[i]) return false;
  return true;
}

/**
 * Whether Object.prototype and Array.prototype still have exactly the keys they had at load. They are
 * ordinary objects, so asking runs no page code. While they do, assigning any other key to a fresh object
 * or array creates an own data property and runs nothing; once a page added a key (a setter, a read-only
 * value), every property is defined instead, which never consults the prototype chain.
 */
function pristine() {
  return same(keysOf(Object.prototype), OBJECT_KEYS) && same(keysOf(Array.prototype), ARRAY_KEYS);
}

/**
 * Builds plain objects and arrays from a tape written by `host::Tape` (op codes in `ops`, numbers in
 * `numbers`, all strings joined in `text`, each string's length in UTF-16 units after its op). Setters on
 * Object.prototype or Array.prototype never run (see `pristine`).
 */
function build(ops, numbers, text) {
  const assign = pristine();
  function set(target, key, value) {
    if (assign && inherited[key] !== true) target[key] = value;
    else define(target, key, data(value));
  }
  let op = 0;
  let num = 0;
  let at = 0;
  function value() {
    switch (ops[op++]) {
      case 0:
        return null;
      case 1:
        return false;
      case 2:
        return true;
      case 3:
        return numbers[num++];
      case 4: {
        const length = ops[op++];
        const s = sliceOf(text, at, at + length);
        at += length;
        return s;
      }
      case 5: {
        const count = ops[op++];
        const array = [];
        for (let i = 0; i < count; i++) set(array, i, value());
        return array;
      }
      case 6: {
        const count = ops[op++];
        const object = {};
        for (let i = 0; i < count; i++) {
          const key = value();
          set(object, key, value());
        }
        return object;
      }
      default:
        throw new ErrorType('facility-calc: malformed result tape');
    }
  }
  return value();
}

/** The tape's value, or null if building it failed (it cannot, short of a broken engine). */
export function toHost(ops, numbers, text) {
  try {
    return build(ops, numbers, text);
  } catch {
    return null;
  }
}

/** The value the API throws: an Error whose own property `errors` holds the list built from the tape. */
export function toError(message, ops, numbers, text) {
  let error;
  try {
    error = new ErrorType(message);
  } catch {
    return null;
  }
  try {
    define(error, 'errors', data(build(ops, numbers, text)));
  } catch {
    // An Error without its list still says what went wrong in its message.
  }
  return error;
}

/** Dispatches a bubbling, composed CustomEvent; the init dictionary has no prototype a page could poison. */
export function dispatch(target, name, ops, numbers, text) {
  try {
    const detail = build(ops, numbers, text);
    const event = new CustomEventType(name, { __proto__: null, detail, bubbles: true, composed: true });
    apply(dispatchEvent, target, [event]);
  } catch {
    // A page that broke CustomEvent or dispatchEvent gets no event; the widget itself keeps working.
  }
}

/** JavaScript's own text for a number (as String(n) writes it), so Rust carries no float formatting. */
export function numberText(n) {
  try {
    return '' + n;
  } catch {
    return '';
  }
}

