// facility-calc batch checking, embeddable: one script tag and one element.
//
//   <script type="module" src="/path/to/dist/embed-batch.js"></script>
//   <facility-calc-batch lang="zh-CN"></facility-calc-batch>
//
// Attributes: `lang` (zh-CN or en), `widget-url` (where a row's link opens the single-community
// calculator; default: index.html next to this file). It renders into its own shadow root with
// batch.css, loads the batch wasm in a Worker from next to this file (so dist/ must be served from the
// page's own site: browsers only start Workers from the same origin), uses no inline script or style,
// and sends nothing anywhere. When a sheet has been checked it fires `facility-calc-batch:result` with the
// summary (counts per verdict, total m² still to build) as `detail`. See EMBEDDING.md.

import { mountBatch } from './batch.js';

const CSS_URL = new URL('batch.css', import.meta.url).href;

class FacilityCalcBatch extends HTMLElement {
  connectedCallback() {
    if (this.mounted || this.starting) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = CSS_URL;
    shadow.replaceChildren(style);
    const options = {
      lang: this.getAttribute('lang') ?? document.documentElement.lang,
      widgetUrl: this.getAttribute('widget-url') ?? undefined,
    };
    // Mounted once its stylesheet applies: never drawn unstyled first and then moved by the styles.
    this.starting = true;
    const start = () => {
      this.starting = false;
      if (this.isConnected && !this.mounted) this.mounted = mountBatch(shadow, options);
    };
    style.addEventListener('load', start, { once: true });
    style.addEventListener('error', start, { once: true });
  }

  disconnectedCallback() {
    // Moving the element keeps it; removing it for good stops its Worker.
    queueMicrotask(() => {
      if (!this.isConnected && this.mounted) {
        this.mounted.destroy();
        this.mounted = null;
        this.shadowRoot?.replaceChildren();
      }
    });
  }
}

if (!customElements.get('facility-calc-batch')) {
  customElements.define('facility-calc-batch', FacilityCalcBatch);
}
