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

import init, { mount } from './facility_calc.js';

const WASM_URL = new URL('facility_calc_bg.wasm', import.meta.url);
const CSS_URL = new URL('facility-calc.css', import.meta.url);
/** Where "Copy link" points by default: the stand-alone page next to this file (it reads the link). */
const LINK_BASE = new URL('widget.html', import.meta.url).href;

/** Attributes that are widget inputs (SPEC §4) → the mount/update option name. */
const INPUTS = {
  jurisdiction: 'jurisdiction',
  settlement: 'settlement',
  construction: 'construction',
  programme: 'programme',
  households: 'households',
  population: 'population',
  'occupied-households': 'occupied_households',
  'total-m2': 'total_m2',
  'office-m2': 'office_m2',
  'activity-m2': 'activity_m2',
  // Land-stage estimate (SPEC §4): prefills the widget's "estimate from land" fields.
  'site-area-m2': 'site_area_m2',
  far: 'far',
  'residential-share': 'residential_share',
  'avg-unit-m2': 'avg_unit_m2',
  'persons-per-household': 'persons_per_household',
  // The printed report's project fields, and the jurisdictions the comparison view shows (ids, comma-separated).
  project: 'project',
  address: 'address',
  developer: 'developer',
  handler: 'handler',
  'report-date': 'report_date',
  compare: 'compare',
};
// The query-string spellings (total_m2, …) work as attribute names too.
for (const option of Object.values(INPUTS)) INPUTS[option] = option;
/** Display options → option name and the value meaning "as if the attribute were absent". */
const SETTINGS = {
  lang: ['lang', 'zh-CN'],
  mode: ['mode', 'plan'],
  view: ['view', 'calculator'],
  compact: ['compact', '0'],
  'large-text': ['large_text', '0'],
  large_text: ['large_text', '0'],
};

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
  container: fc-embed / inline-size;
}
/* Lay the form and the results out by the element's width, not the window's (two widgets side by side). */
@container fc-embed (max-width: 820px) {
  .fc-layout { grid-template-columns: minmax(0, 1fr); }
}
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
  const sheet = new CSSStyleSheet({ baseURL: CSS_URL.href });
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
      ? Promise.all([init({ module_or_path: WASM_URL }), loadWidgetSheet()]).then(([, sheet]) => sheet)
      : Promise.reject(new Error('this browser lacks constructable stylesheets (adoptedStyleSheets)'));
    ready.catch((error) => {
      const from = new URL('.', import.meta.url).href;
      console.error(`facility-calc: the calculator could not load (files from ${from}): ${error}`);
    });
  }
  return ready;
}

const FAILED_TEXT = {
  zh: '社区设施测算工具未能加载。请刷新页面，或使用较新版本的浏览器。',
  en: 'The community facility calculator could not load. Reload the page or use an up-to-date browser.',
};

export class FacilityCalcElement extends HTMLElement {
  static get observedAttributes() {
    return [...Object.keys(INPUTS), ...Object.keys(SETTINGS), 'accent'];
  }

  #root;
  #accent = null;
  #mountPoint = null;
  #widget = null;
  #loading = false;
  #pending = null;
  #lastResult = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    if (supported) {
      this.#accent = new CSSStyleSheet();
      this.#accent.replaceSync('.fc-embed {}');
      this.#root.adoptedStyleSheets = [sharedHostSheet(), this.#accent];
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
        this.#loading = false;
        if (this.isConnected && !this.#widget) this.#mount(sheet);
      },
      () => {
        this.#loading = false;
        if (this.isConnected) this.#showFailure();
      },
    );
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
    if (!this.#widget) return; // read at mount time
    let option;
    let next;
    if (name in INPUTS) {
      option = INPUTS[name];
      next = value ?? ''; // "" clears the field
    } else {
      const [settingName, absent] = SETTINGS[name];
      option = settingName;
      next = value ?? absent;
    }
    // Several attributes set together give one update (and one result event).
    if (!this.#pending) {
      this.#pending = {};
      queueMicrotask(() => {
        const options = this.#pending;
        this.#pending = null;
        if (this.#widget && options) this.#widget.update(options);
      });
    }
    this.#pending[option] = next;
  }

  #options() {
    const options = { link_base: this.getAttribute('link-base') || LINK_BASE };
    for (const [attribute, option] of Object.entries(INPUTS)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    for (const [attribute, [option]] of Object.entries(SETTINGS)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    return options;
  }

  #mount(sheet) {
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
    try {
      this.#widget = mount(point, this.#options());
    } catch (error) {
      console.error(`facility-calc: the widget could not start: ${error}`);
      this.#showFailure();
    }
  }

  #unmount() {
    const widget = this.#widget;
    this.#widget = null;
    this.#pending = null;
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
