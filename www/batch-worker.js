// The batch page's Worker: reads the sheet and checks every row off the main thread, so a 100,000-row
// file never freezes the page. It holds the one sheet being worked on; the page cancels by terminating
// it and starting a new one. Messages in and out: see the `handlers` below and batch.js.

import init, {
  BatchSheet,
  batch_catalogue,
  file_size_problem,
  template_csv,
  template_xlsx,
} from './facility_calc_batch.js';

/** Rows checked between two progress messages. */
const CHUNK_ROWS = 2000;

const ready = init({ module_or_path: new URL('facility_calc_batch_bg.wasm', import.meta.url) });
let sheet = null;

/** A ReadError thrown by the module as JSON text, or any other failure, as {code, message, message_zh}. */
function problem(error) {
  if (typeof error === 'string') {
    try {
      const parsed = JSON.parse(error);
      if (parsed && typeof parsed === 'object' && 'message_zh' in parsed) return parsed;
    } catch {
      // A plain message text: reported as it is below.
    }
    return { code: 'failed', message: error, message_zh: error };
  }
  const text = error && error.message ? error.message : String(error);
  return { code: 'failed', message: text, message_zh: `处理失败：${text}` };
}

function open(made) {
  if (sheet) sheet.free();
  sheet = null;
  sheet = made();
  return { type: 'columns', overview: JSON.parse(sheet.columns()) };
}

const handlers = {
  catalogue: () => ({ type: 'catalogue', catalogue: JSON.parse(batch_catalogue()) }),

  async 'open-file'({ file }) {
    const tooLarge = file_size_problem(file.size);
    if (tooLarge) return { type: 'read-error', error: JSON.parse(tooLarge) };
    const bytes = new Uint8Array(await file.arrayBuffer());
    return open(() => BatchSheet.from_file(bytes, file.name));
  },

  'open-text': ({ text }) => open(() => BatchSheet.from_text(text)),

  check({ id, mapping, choices }) {
    const problems = JSON.parse(sheet.start(JSON.stringify(mapping), JSON.stringify(choices)));
    if (problems.length > 0) return { type: 'choice-errors', problems };
    const total = sheet.row_count();
    let done = 0;
    while (done < total) {
      done = sheet.check_next(CHUNK_ROWS);
      postMessage({ id, type: 'progress', done, total });
    }
    // Sent as text: one JSON.parse on the page is cheaper than cloning 10,000 objects.
    return { type: 'report', report: sheet.finish() };
  },

  results({ format, lang }) {
    const bytes = format === 'xlsx' ? sheet.results_xlsx(lang) : sheet.results_csv(lang);
    return { type: 'file', bytes, format, transfer: [bytes.buffer] };
  },

  template({ format }) {
    const bytes = format === 'xlsx' ? template_xlsx() : template_csv();
    return { type: 'file', bytes, format, transfer: [bytes.buffer] };
  },
};

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    if (type !== 'catalogue' && type !== 'template' && !type.startsWith('open') && !sheet) {
      throw new Error('no sheet has been read yet');
    }
    const { transfer = [], ...reply } = await handler(data);
    postMessage({ id, ...reply }, transfer);
  } catch (error) {
    postMessage({ id, type: 'read-error', error: problem(error) });
  }
};
