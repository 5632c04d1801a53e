// The stand-alone demo page: one widget that keeps its state in this page's URL.
import init, { mount } from './facility_calc.js';

await init();
mount(document.getElementById('facility-calc'), { sync_url: true });
