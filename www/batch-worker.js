// The batch page's Worker: reads the sheet and checks every row off the main thread, so a 100,000-row
// file never freezes the page. It holds the one sheet being worked on; the page cancels by terminating
// it and starting a new one. It also holds the standards sheets are checked against: the built-in ones, or
// a rule pack the page sends (read once per pack, not per row). Messages in and out: see the `handlers`
// below and batch.js.

import init, {
  BatchSheet,
  batch_catalogue,
  file_size_problem,
  load_batch_rules_file,
  pack_size_problem,
  template_csv,
  template_xlsx,
  use_builtin_rules,
} from './facility_calc_batch.js';

/** Rows checked between two progress messages. */
const CHUNK_ROWS = 2000;

/** Now on an absolute clock (ms since the epoch) that the page shares, for its performance measures. */
const clock = () => performance.timeOrigin + performance.now();

const ready = init({ module_or_path: new URL('facility_calc_batch_bg.wasm', import.meta.url) });
let sheet = null;

/**
 * Reads and checks the template (.xlsx and CSV) once while the user is still choosing a file, so the
 * browser has compiled the module's reading and checking code, and begun optimising it, before a real sheet
 * arrives: a 10,000-row .xlsx then read in about two thirds of the time when measured (`cargo xtask bench`
 * prints the stages). A sheet chosen meanwhile waits for it, no longer than compiling that code would take.
 */
function warmUp() {
  for (const [name, bytes] of [['模板.xlsx', template_xlsx()], ['模板.csv', template_csv()]]) {
    const template = BatchSheet.from_file(bytes, name);
    try {
      template.start(JSON.stringify(JSON.parse(template.columns()).mapping), '{}');
      template.check_next(CHUNK_ROWS);
      JSON.parse(template.finish());
      template.verdict_codes();
      template.gaps_m2();
      splitNames(template.names_joined(), template.name_lengths());
      JSON.parse(template.rows(Uint32Array.of(0)));
    } finally {
      template.free();
    }
  }
}

ready.then(() => setTimeout(() => {
  try {
    warmUp();
  } catch {
    // Only a head start: a real sheet is read the same way without it.
  }
}));

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

function open(made, timings) {
  if (sheet) sheet.free();
  sheet = null;
  const start = clock();
  sheet = made();
  const overview = JSON.parse(sheet.columns());
  timings.push(['read sheet', start, clock()]);
  return { type: 'columns', overview, timings };
}

/** Every row's name, from all of them in one string and each one's length. */
function splitNames(joined, lengths) {
  const names = new Array(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    names[i] = joined.slice(at, at + lengths[i]);
    at += lengths[i];
  }
  return names;
}

/** The rows at `indices` (into the report), in full. */
const fullRows = (indices) => JSON.parse(sheet.rows(Uint32Array.from(indices)));

/** Which standards are in use now, and their choices. */
const rulesInUse = (ruleset) => ({ type: 'rules', ruleset: JSON.parse(ruleset), catalogue: JSON.parse(batch_catalogue()) });

/** The rule pack last sent, being read (or read). */
let rulesRead = Promise.resolve();

/** Types of request that need no sheet read first. */
const WITHOUT_SHEET = new Set(['catalogue', 'template', 'open-file', 'open-text', 'load-rules', 'builtin-rules']);

const handlers = {
  catalogue: () => ({ type: 'catalogue', catalogue: JSON.parse(batch_catalogue()) }),

  /**
   * A rule pack file: in use from the next check if good, else every problem and nothing changes. A check
   * asked for meanwhile waits for it.
   */
  'load-rules'({ file }) {
    rulesRead = (async () => {
      const tooLarge = pack_size_problem(file.size);
      if (tooLarge) return { type: 'rules-error', errors: JSON.parse(tooLarge) };
      const bytes = new Uint8Array(await file.arrayBuffer());
      try {
        return rulesInUse(load_batch_rules_file(bytes));
      } catch (error) {
        if (Array.isArray(error?.errors)) return { type: 'rules-error', errors: error.errors };
        throw error;
      }
    })();
    return rulesRead;
  },

  'builtin-rules': () => rulesInUse(use_builtin_rules()),

  async 'open-file'({ file }) {
    const tooLarge = file_size_problem(file.size);
    if (tooLarge) return { type: 'read-error', error: JSON.parse(tooLarge) };
    const start = clock();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const timings = [['load file', start, clock()]];
    return open(() => BatchSheet.from_file(bytes, file.name), timings);
  },

  'open-text': ({ text }) => open(() => BatchSheet.from_text(text), []),

  /**
   * Checks every row. The reply holds, for every row, only what the page filters and sorts by (typed
   * arrays, moved rather than copied, and names), and in full only the rows in `show` (indices).
   */
  async check({ id, mapping, choices, show }) {
    await rulesRead.catch(() => {});
    const start = clock();
    const problems = JSON.parse(sheet.start(JSON.stringify(mapping), JSON.stringify(choices)));
    if (problems.length > 0) return { type: 'choice-errors', problems };
    const total = sheet.row_count();
    let done = 0;
    while (done < total) {
      done = sheet.check_next(CHUNK_ROWS);
      postMessage({ id, type: 'progress', done, total });
    }
    const checked = clock();
    const summary = JSON.parse(sheet.finish());
    const verdicts = sheet.verdict_codes();
    const gaps = sheet.gaps_m2();
    const names = splitNames(sheet.names_joined(), sheet.name_lengths());
    const rows = fullRows([...new Set([...show, ...summary.worst])]);
    const timings = [['check rows', start, checked], ['report', checked, clock()]];
    const ruleset = JSON.parse(sheet.ruleset());
    return { type: 'report', summary, ruleset, verdicts, gaps, names, rows, timings, transfer: [verdicts.buffer, gaps.buffer] };
  },

  rows: ({ indices }) => ({ type: 'rows', rows: fullRows(indices) }),

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
  const { id, type, sent } = data;
  try {
    await ready;
    const arrived = [`${type} to Worker`, sent, clock()];
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    if (!WITHOUT_SHEET.has(type) && !sheet) {
      throw new Error('no sheet has been read yet');
    }
    const { transfer = [], timings = [], ...reply } = await handler(data);
    postMessage({ id, ...reply, timings: [arrived, ...timings], sent: clock() }, transfer);
  } catch (error) {
    postMessage({ id, type: 'read-error', error: problem(error) });
  }
};
