// The JS half of src/host.rs (read its docs): nothing here throws, whatever the page passes or patched.
// Globals are captured at load; values are read with syntax only (typeof, v[k]).
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

// A number crosses as its 64 bits: four code points U+10000 + 16 bits.
const bits = new Float64Array(1);
const halves = new Uint16Array(bits.buffer);
const B = 0x10000;
const number = (n) => ((bits[0] = n), fromCodePoint(B + halves[0], B + halves[1], B + halves[2], B + halves[3]));

// Characters as Rust counts them (a pair is one; a lone surrogate arrives as one U+FFFD).
function chars(s) {
  let count = 0;
  for (let i = 0; i < s.length; i++, count++) {
    if (s[i] >= '\uD800' && s[i] <= '\uDBFF' && s[i + 1] >= '\uDC00' && s[i + 1] <= '\uDFFF') i++;
  }
  return count;
}

// The tape host::decode reads. A value past a limit (more values, more text, deeper nesting than allowed)
// is refused whole, as 'T' and the limit's letter: nothing is silently dropped, and an object with more
// keys than the limit is refused before any of its members is read. One string longer than `maxString`
// stays in JS as 'L' and its length (a field then says how long it is). A member of the value itself named
// `skip` is left out unread (the widget's options, whose `rules` pack is read apart with a pack's limits).
export function read(value, maxString, maxDepth, maxNodes, maxText, skip) {
  let nodes = maxNodes;
  let text = maxText;
  let excess = '';
  function string(s) {
    if (s.length > maxString) return 'L' + number(s.length);
    if (s.length > text) {
      excess ||= 't';
      return 'L' + number(s.length);
    }
    text -= s.length;
    return 's' + number(chars(s)) + s;
  }
  function member(v, k, depth) {
    let item;
    try {
      item = v[k];
    } catch {
      return 'u';
    }
    return walk(item, depth);
  }
  function walk(v, depth) {
    if (--nodes < 0) {
      excess ||= 'v';
      return 'u';
    }
    switch (typeof v) {
      case 'undefined': return 'n';
      case 'boolean': return v ? 't' : 'f';
      case 'number': return 'd' + number(v);
      case 'string': return string(v);
      case 'function': return 'xF';
      case 'symbol': return 'xS';
      case 'bigint': return 'xB';
      case 'object': break;
      default: return 'xO';
    }
    if (v === null) return 'n';
    if (depth >= maxDepth) {
      excess ||= 'd';
      return 'u';
    }
    try {
      let out;
      if (isArray(v)) {
        const length = v.length;
        if (length > nodes) {
          excess ||= 'v';
          return 'u';
        }
        out = '[';
        for (let i = 0; i < length && excess === ''; i++) out += member(v, i, depth + 1);
        return out + ']';
      }
      const keys = ownKeys(v);
      if (keys.length > nodes) {
        excess ||= 'v';
        return 'u';
      }
      out = '{';
      for (let i = 0; i < keys.length && excess === ''; i++) {
        if (depth === 0 && keys[i] === skip) continue;
        out += string(keys[i]) + member(v, keys[i], depth + 1);
      }
      return out + '}';
    } catch {
      return 'u';
    }
  }
  try {
    const tape = walk(value, 0);
    return excess === '' ? tape : 'T' + excess;
  } catch {
    return 'u';
  }
}

const data = (value) => ({ __proto__: null, value, writable: true, enumerable: true, configurable: true });

// Result objects get their properties by plain assignment (fast) only while Object.prototype and
// Array.prototype have exactly the keys they had at load (ordinary objects: asking runs no page code), and
// never for those keys (`__proto__`); otherwise they are defined, which never consults a setter.
const OBJECT_KEYS = keysOf(Object.prototype);
const ARRAY_KEYS = keysOf(Array.prototype);
const inherited = { __proto__: null };
for (let i = 0; i < OBJECT_KEYS.length; i++) inherited[OBJECT_KEYS[i]] = true;
for (let i = 0; i < ARRAY_KEYS.length; i++) inherited[ARRAY_KEYS[i]] = true;
function same(keys, expected) {
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== expected[i]) return false;
  return true;
}

// Builds the value of a host::Tape (op codes, numbers, joined text).
function build(ops, numbers, text) {
  const assign = same(keysOf(Object.prototype), OBJECT_KEYS) && same(keysOf(Array.prototype), ARRAY_KEYS);
  const set = (target, key, v) => {
    if (assign && inherited[key] !== true) target[key] = v;
    else define(target, key, data(v));
  };
  let op = 0;
  let num = 0;
  let at = 0;
  function value() {
    switch (ops[op++]) {
      case 0: return null;
      case 1: return false;
      case 2: return true;
      case 3: return numbers[num++];
      case 4: {
        const end = at + ops[op++];
        const s = sliceOf(text, at, end);
        at = end;
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
        throw new ErrorType('facility-calc: malformed tape');
    }
  }
  return value();
}

export function toHost(ops, numbers, text) {
  try {
    return build(ops, numbers, text);
  } catch {
    return null;
  }
}

// An Error whose own property `errors` holds the tape's value.
export function toError(message, ops, numbers, text) {
  let error = null;
  try {
    error = new ErrorType(message);
    define(error, 'errors', data(build(ops, numbers, text)));
  } catch {
    // The message alone still says what is wrong.
  }
  return error;
}

// A bubbling, composed CustomEvent whose init dictionary has no prototype to poison.
export function dispatch(target, name, ops, numbers, text) {
  try {
    const detail = build(ops, numbers, text);
    apply(dispatchEvent, target, [new CustomEventType(name, { __proto__: null, detail, bubbles: true, composed: true })]);
  } catch {
    // A page that broke CustomEvent or dispatchEvent gets no event; the widget keeps working.
  }
}

// JavaScript's own text for a number: no float formatting code in the wasm.
export function numberText(n) {
  return '' + n;
}
