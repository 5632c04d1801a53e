// facility-calc embed: one script tag and one element put the calculator on any page.
//
//   <script type="module" src="/path/to/dist/embed.js"></script>
//   <facility-calc jurisdiction="xam" settlement="city" households="1250"></facility-calc>
//
// Everything else (the JS glue, the wasm, the styles) is found next to this file through
// import.meta.url, so dist/ can live under any path. One wasm instance and one stylesheet serve every
// <facility-calc> on the page. Each element renders into its own shadow root: the page's CSS cannot reach
// the widget and the widget's CSS cannot reach the page. No inline scripts or style attributes are used,
// so it works under `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';
// style-src 'self'`. Attributes and events: see EMBEDDING.md.

import init, { mount, option_attributes } from './facility_calc.js';

const WASM_URL = new URL('facility_calc_bg.wasm', import.meta.url);
const CSS_URL = new URL('facility-calc.css', import.meta.url);
/** Where "Copy link" points by default: the stand-alone page next to this file (it reads the link). */
const LINK_BASE = new URL('widget.html', import.meta.url).href;

// The tables and option objects here have no prototype: a host page that put setters or values on
// Object.prototype (say for `households`) cannot intercept an option or answer `name in ATTRIBUTES`.

/**
 * Attribute → [option name, value meaning "as if the attribute were absent" (null: clear the field)], from
 * the module's one list of fields (`option_attributes()`), filled in when the module has loaded.
 */
let ATTRIBUTES = null;
function readAttributeTable() {
  const table = { __proto__: null };
  for (const [attribute, option, absent] of option_attributes()) table[attribute] = [option, absent];
  return table;
}

/**
 * Resets for the shadow root. :host rules need !important: for normal declarations the page's rules win
 * over :host (a page's `* { all: unset }` would make the element inline). Inherited properties (font,
 * colour, line-height, letter-spacing, text-transform, visibility, …) cross the shadow boundary, so the
 * wrapper puts every property back to its initial value before the widget's own `.fc` rules apply.
 * Custom properties are untouched by `all`, so a page's --facility-calc-accent still comes through.
 */
const HOST_CSS = `
:host { display: block !important; }
:host([hidden]) { display: none !important; }
.fc-embed {
  all: initial;
  display: block;
  direction: ltr;
  unicode-bidi: isolate;
  text-align: left;
}
/* Until the widget has mounted (the wasm is still on its way), the element holds one screen: the page's
   content below it is out of view, and it stays out of view when the widget, taller than what is left of
   the screen, takes the place in the same frame. Nothing the reader sees moves (no layout shift). A page
   holds the same space before this script has run with facility-calc:not(:defined) (EMBEDDING.md). */
.fc-embed-pending { display: block; min-height: 100vh; }
.fc-embed-failed {
  all: initial;
  display: block;
  padding: 12px 16px;
  border: 3px solid #b3261e;
  color: #0b0c0c;
  background: #fff;
  font: 16px/1.5 system-ui, sans-serif;
}
`;

let hostSheet = null;
function sharedHostSheet() {
  if (!hostSheet) {
    hostSheet = new CSSStyleSheet();
    hostSheet.replaceSync(HOST_CSS);
  }
  return hostSheet;
}

async function loadWidgetSheet() {
  const response = await fetch(CSS_URL);
  if (!response.ok) throw new Error(`${CSS_URL.href}: HTTP ${response.status}`);
  const sheet = new CSSStyleSheet({ __proto__: null, baseURL: CSS_URL.href });
  sheet.replaceSync(await response.text());
  return sheet;
}

const supported =
  typeof CSSStyleSheet === 'function' &&
  typeof ShadowRoot === 'function' &&
  'replaceSync' in CSSStyleSheet.prototype &&
  'adoptedStyleSheets' in ShadowRoot.prototype;

let ready = null;
/** The wasm and the widget's stylesheet, loaded once for the whole page (the first element asks). */
function whenReady() {
  if (!ready) {
    ready = supported
      ? Promise.all([init({ module_or_path: WASM_URL }), loadWidgetSheet()]).then(([, sheet]) => {
          ATTRIBUTES = readAttributeTable();
          return sheet;
        })
      : Promise.reject(new Error('this browser lacks constructable stylesheets (adoptedStyleSheets)'));
    ready.catch((error) => {
      const from = new URL('.', import.meta.url).href;
      console.error(`facility-calc: the calculator could not load (files from ${from}): ${error}`);
    });
  }
  return ready;
}

/** How long a `rules` address may take to answer before the widget starts with the built-in standards. */
const PACK_TIMEOUT_SECONDS = 15;

/** The options that say a pack could not be fetched; the module words it for the user (registry.rs). */
function unavailable(url, reason, number) {
  console.error(`facility-calc: the rule pack rules="${url}" was not loaded (${reason}${number === undefined ? '' : ' ' + number}); the standards in use stay.`);
  return { __proto__: null, rules_unavailable: { __proto__: null, url, reason, number } };
}

/**
 * The options for the rule pack a `rules` attribute names: `{ rules: text }` (a URL on this page's own
 * origin, fetched once), `{ rules: 'builtin' }` when the attribute is absent or empty, or
 * `{ rules_unavailable }` saying why it could not be fetched: not a URL, another origin (also after a
 * redirect: `mode: 'same-origin'` makes one a network error), an HTTP error, or no answer within
 * PACK_TIMEOUT_SECONDS. Never rejects.
 */
async function fetchPack(url) {
  if (url === null || url.trim() === '' || url.trim() === 'builtin') return { __proto__: null, rules: 'builtin' };
  let target;
  try {
    target = new URL(url, document.baseURI);
  } catch {
    return unavailable(url, 'not_a_url');
  }
  if (target.origin !== location.origin) return unavailable(url, 'other_origin');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PACK_TIMEOUT_SECONDS * 1000);
  try {
    const response = await fetch(target, {
      credentials: 'same-origin',
      mode: 'same-origin',
      redirect: 'follow',
      signal: controller.signal,
    });
    if (response.url && new URL(response.url).origin !== location.origin) return unavailable(url, 'other_origin');
    if (!response.ok) return unavailable(url, 'http', response.status);
    return { __proto__: null, rules: await response.text() };
  } catch {
    return controller.signal.aborted ? unavailable(url, 'timeout', PACK_TIMEOUT_SECONDS) : unavailable(url, 'network');
  } finally {
    clearTimeout(timer);
  }
}

const FAILED_TEXT = {
  zh: '社区设施测算工具未能加载。请刷新页面，或使用较新版本的浏览器。',
  en: 'The community facility calculator could not load. Reload the page or use an up-to-date browser.',
};

export class FacilityCalcElement extends HTMLElement {
  // The widget's own attributes are watched by a MutationObserver once the module (and with it the list of
  // attributes) has loaded; these two work before that.
  static get observedAttributes() {
    return ['accent', 'rules'];
  }

  #root;
  #accent = null;
  #mountPoint = null;
  #widget = null;
  #observer = null;
  #loading = false;
  #pending = null;
  #lastResult = null;
  #sheet = null;
  /** Counts `rules` requests: only the latest one's pack is used, however late an earlier one answers. */
  #rulesRequest = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ __proto__: null, mode: 'open' });
    if (supported) {
      this.#accent = new CSSStyleSheet();
      this.#accent.replaceSync('.fc-embed {}');
      this.#root.adoptedStyleSheets = [sharedHostSheet(), this.#accent];
      const pending = document.createElement('div');
      pending.className = 'fc-embed-pending';
      this.#root.append(pending);
    }
  }

  /** The last result (the object `evaluate` returns), or null before the first one. */
  get result() {
    return this.#lastResult;
  }

  connectedCallback() {
    if (this.#widget || this.#loading) return;
    this.#loading = true;
    whenReady().then(
      (sheet) => {
        this.#sheet = sheet;
        this.#useRules(this.getAttribute('rules'));
      },
      () => {
        this.#loading = false;
        if (this.isConnected) this.#showFailure();
      },
    );
  }

  /** Fetches the pack `value` names, then mounts the widget with it or hands it to the mounted one. */
  #useRules(value) {
    const request = ++this.#rulesRequest;
    fetchPack(value).then((pack) => {
      if (request !== this.#rulesRequest) return; // a later `rules` attribute is being fetched
      if (this.#widget) {
        this.#widget.update(pack);
        return;
      }
      this.#loading = false;
      if (this.isConnected) this.#mount(this.#sheet, pack);
    });
  }

  disconnectedCallback() {
    // A move (removed and inserted again in the same task) keeps the widget and what the user typed.
    queueMicrotask(() => {
      if (!this.isConnected) this.#unmount();
    });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === 'accent') {
      this.#applyAccent(value);
      return;
    }
    // Before the module has loaded, connectedCallback reads the attribute; after, the latest value wins.
    if (name === 'rules' && (this.#widget || (this.#loading && this.#sheet))) this.#useRules(value);
  }

  /** A widget attribute changed after mount (reported by the element's MutationObserver). */
  #optionChanged(name, oldValue, value) {
    if (oldValue === value || !this.#widget || !ATTRIBUTES || !(name in ATTRIBUTES)) return;
    const [option, absent] = ATTRIBUTES[name];
    const next = value ?? absent ?? ''; // "" clears a field
    // Several attributes set together give one update (and one result event).
    if (!this.#pending) {
      this.#pending = { __proto__: null };
      queueMicrotask(() => {
        const options = this.#pending;
        this.#pending = null;
        if (this.#widget && options) this.#widget.update(options);
      });
    }
    this.#pending[option] = next;
  }

  #options() {
    const options = { __proto__: null, link_base: this.getAttribute('link-base') || LINK_BASE };
    for (const [attribute, [option]] of Object.entries(ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    return options;
  }

  #mount(sheet, pack) {
    this.#root.adoptedStyleSheets = [sheet, sharedHostSheet(), this.#accent];
    this.#root.replaceChildren();
    const point = document.createElement('div');
    point.className = 'fc-embed';
    // The widget dispatches its events on `point`; they are composed, so the page sees them on this
    // element. Keep the last result for the `result` property.
    point.addEventListener('facility-calc:result', (event) => {
      this.#lastResult = event.detail;
    });
    this.#root.append(point);
    this.#mountPoint = point;
    this.#pending = null;
    this.#observer = new MutationObserver((records) => {
      for (const r of records) this.#optionChanged(r.attributeName, r.oldValue, this.getAttribute(r.attributeName));
    });
    this.#observer.observe(this, { attributes: true, attributeOldValue: true });
    try {
      this.#widget = mount(point, Object.assign(this.#options(), pack));
    } catch (error) {
      console.error(`facility-calc: the widget could not start: ${error}`);
      this.#showFailure();
    }
  }

  #unmount() {
    const widget = this.#widget;
    this.#widget = null;
    this.#pending = null;
    this.#observer?.disconnect();
    this.#observer = null;
    if (widget) {
      widget.destroy();
      widget.free();
    }
    if (this.#mountPoint) {
      this.#mountPoint.remove();
      this.#mountPoint = null;
    }
  }

  #applyAccent(value) {
    if (!this.#accent) return;
    const style = this.#accent.cssRules[0].style;
    const colour = value === null ? '' : value.trim();
    if (colour === '') {
      style.removeProperty('--facility-calc-accent');
    } else if (CSS.supports('color', colour)) {
      style.setProperty('--facility-calc-accent', colour);
    } else {
      style.removeProperty('--facility-calc-accent');
      console.warn(`facility-calc: accent="${colour}" is not a CSS colour and was ignored.`);
    }
  }

  #showFailure() {
    const zh = !(this.getAttribute('lang') || '').toLowerCase().startsWith('en');
    const message = document.createElement('p');
    message.className = 'fc-embed-failed';
    message.setAttribute('role', 'alert');
    message.lang = zh ? 'zh-CN' : 'en';
    message.textContent = zh ? FAILED_TEXT.zh : FAILED_TEXT.en;
    this.#root.replaceChildren(message);
  }
}

if (!customElements.get('facility-calc')) {
  customElements.define('facility-calc', FacilityCalcElement);
}
