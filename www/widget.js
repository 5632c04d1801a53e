// widget.html: the calculator alone, driven by the query string (the same names as the <facility-calc>
// attributes, e.g. ?jurisdiction=xam&settlement=city&households=1250&lang=en&compact=1). Inside an
// <iframe> it tells the parent page its height on every change:
//   parent.postMessage({ type: 'facility-calc:height', height: <CSS pixels> }, '*')
// The message carries nothing but the height, so any parent may read it; the parent checks that the
// message comes from this page's origin and from its own iframe (EMBEDDING.md has the 10-line snippet).
import init, { mount } from './facility_calc.js';

const root = document.getElementById('facility-calc');
await init({ module_or_path: new URL('facility_calc_bg.wasm', import.meta.url) });
mount(root, { sync_url: true });

if (window.parent !== window) {
  let sent = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== sent) {
      sent = height;
      window.parent.postMessage({ type: 'facility-calc:height', height }, '*');
    }
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}
