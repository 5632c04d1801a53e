// facility-calc batch checking: a whole sheet of communities at once (issue 9).
//
//   import { mountBatch } from './batch.js';
//   mountBatch(element, { lang: 'zh-CN', widgetUrl: 'index.html' });
//
// or, with one script tag, the <facility-calc-batch> element of embed-batch.js. The sheet is read and
// checked by batch-worker.js (the batch wasm) off the main thread; this file only renders what it says.
// Nothing is uploaded or stored. Labels of inputs, verdict words, result headers and the choices for the
// whole sheet come from the wasm's catalogue (the engine's data); the page's own wording is in TEXT.
// The standards checked against are the built-in ones or a rule pack the user chooses (RULE-PACKS.md),
// read by the Worker with the widget's own reader; the choices, the check, the links and the downloads
// follow it, and the catalogue gives the widget's words for it.

const WORKER_URL = new URL('./batch-worker.js', import.meta.url);
// The widget's page next to this file (built from the directory's URL, so a size count of the batch page's
// download does not take it for a file the page loads).
const DEFAULT_WIDGET_URL = `${new URL('./', import.meta.url).href}index.html`;
/**
 * Rows on one page of the results table (the rest behind the pagination), so 10,000 rows show at once: the
 * page holds every row's verdict, gap and name, and asks the Worker for the rows it shows in full.
 */
const PAGE_ROWS = 100;
/** Page numbers shown either side of the current page (GOV.UK pagination); the rest as an ellipsis. */
const PAGE_NEIGHBOURS = 1;
/** Prefix of the page's performance measures (DevTools; `cargo xtask bench` prints them). */
const MEASURE_PREFIX = 'facility-calc-batch: ';
/** Filter choices: id, label, the verdict id a row must have (null: every row). */
const FILTERS = [['all', 'showAll', null], ['failing', 'showFailing', 'fail'], ['errors', 'showErrors', 'invalid']];

const TEXT = {
  title: ['批量核查社区综合服务设施', 'Check many communities at once'],
  intro: [
    '选择或拖入 Excel（.xlsx）或 CSV 表格，每个社区一行；也可以从表格中复制后粘贴。全部在本机浏览器内完成，文件不会上传，也不会保存。',
    'Choose or drop an Excel (.xlsx) or CSV sheet with one community per row, or copy and paste it. Everything happens in this browser: the file is not uploaded or stored.',
  ],
  switchLang: ['English', '中文'],
  switchLangName: ['Switch to English', '切换到中文'],
  step1: ['1. 选择表格', '1. Choose the sheet'],
  fileLabel: ['选择表格文件', 'Choose a spreadsheet file'],
  fileHint: [
    '.xlsx（Excel、WPS）或 .csv（UTF-8 或 GBK 编码），不超过 {mb} MB、{rows} 行。表头行会自动找到，标题行、填表说明可保留。',
    '.xlsx (Excel, WPS) or .csv (UTF-8 or GBK), at most {mb} MB and {rows} rows. The header row is found by itself: keep your title and note rows.',
  ],
  drop: ['也可以把文件拖放到这里', 'You can also drop the file here'],
  pasteLabel: ['或粘贴表格内容', 'Or paste the table'],
  pasteHint: [
    '在 Excel 或 WPS 中选中含表头的区域，复制后粘贴到这里。',
    'In Excel or WPS, select the cells including the header row, copy, and paste them here.',
  ],
  readPaste: ['读取粘贴的表格', 'Read the pasted table'],
  template: ['还没有表格？下载模板：', 'No sheet yet? Download the template:'],
  reading: ['正在读取 {name}……', 'Reading {name}…'],
  pasted: ['粘贴的表格', 'the pasted table'],
  checking: ['正在核查：已完成 {done} / {total} 行', 'Checking: {done} of {total} rows done'],
  cancel: ['取消', 'Cancel'],
  cancelled: ['已取消。表格内容没有改变，可以重新开始。', 'Cancelled. Nothing has changed; you can start again.'],
  errorTitle: ['出现问题', 'There is a problem'],
  noFile: ['请选择 .xlsx 或 .csv 文件，或粘贴表格内容', 'Choose an .xlsx or .csv file, or paste the table'],
  noPaste: ['请先粘贴表格内容（含表头行）', 'Paste the table first, including its header row'],
  step2: ['2. 核对各列', '2. Check the columns'],
  sheetRead: [
    '已读取 {name}：{rows} 行数据，{cols} 列{encoding}。请核对各列读作什么，再开始核查。',
    'Read {name}: {rows} rows of data in {cols} columns{encoding}. Check what each column is read as, then start.',
  ],
  encoding: ['（{enc} 编码）', ' ({enc})'],
  mappingCaption: ['各列及前几行内容', 'Each column and its first rows'],
  column: ['列', 'Column'],
  header: ['表头', 'Header'],
  firstRows: ['前几行', 'First rows'],
  readAs: ['读作', 'Read as'],
  readAsLabel: ['第 {letter} 列「{header}」读作', 'Read column {letter} “{header}” as'],
  notRead: ['不读取', 'Not read'],
  matched: ['已识别', 'Recognised'],
  guessed: ['推测，请核对', 'A guess: please check'],
  ambiguous: ['不确定，请选择', 'Unclear: please choose'],
  duplicate: ['与其他列重复，未读取', 'Same as another column: not read'],
  unknown: ['未识别，不读取（保留在结果中）', 'Not recognised: not read (kept in the results)'],
  wholeSheet: ['整表统一设置', 'For the whole sheet'],
  wholeSheetHint: [
    '表格没有该列，或单元格为空时使用。',
    'Used where the sheet has no such column or a cell is blank.',
  ],
  notSet: ['（不统一设置）', '(not set)'],
  start: ['开始核查', 'Check every row'],
  needsColumn: ['请选择哪一列是「{label}」', 'Choose which column holds “{label}”'],
  needsColumnOrChoice: [
    '请选择哪一列是「{label}」，或为整表选择一个{label}',
    'Choose which column holds “{label}”, or choose one for the whole sheet',
  ],
  step3: ['3. 核查结果', '3. Results'],
  statusDone: [
    '已核查 {rows} 行：达标 {pass} 行，不达标 {fail} 行，待补充 {incomplete} 行，输入有误 {invalid} 行。',
    'Checked {rows} rows: {pass} pass, {fail} fail, {incomplete} incomplete, {invalid} with input errors.',
  ],
  summaryTitle: ['汇总', 'Summary'],
  totalToBuild: ['尚需补建面积合计', 'Still to build, all rows'],
  worst: ['差距最大的行', 'Furthest from the standard'],
  noWorst: ['没有不达标的行。', 'No row fails.'],
  nothingChecked: ['无法核查：{rows} 行全部输入有误。请按各行的问题说明更正后重新检查。',
    'Nothing could be checked: all {rows} rows have input errors. Correct the problems listed and check again.'],
  skipped: ['已跳过 {count} 行（不是社区，不计入汇总）：第 {rows} 行。', 'Skipped {count} rows (not communities, not counted): rows {rows}.'],
  rowsLabel: ['行', 'rows'],
  show: ['显示', 'Show'],
  showAll: ['全部行', 'All rows'],
  showFailing: ['仅不达标', 'Only failing rows'],
  showErrors: ['仅输入有误', 'Only rows with input errors'],
  sort: ['排序', 'Sort by'],
  sortInput: ['表格原顺序', 'Order in the sheet'],
  sortGap: ['差距从大到小', 'Largest gap first'],
  sortName: ['名称', 'Name'],
  downloadXlsx: ['下载结果（.xlsx）', 'Download results (.xlsx)'],
  downloadCsv: ['下载结果（.csv）', 'Download results (.csv)'],
  print: ['打印汇总报告', 'Print a summary report'],
  resultFile: ['核查结果', 'checked'],
  caption: ['核查结果：共 {rows} 行，第 {page} / {pages} 页', 'Results: {rows} rows, page {page} of {pages}'],
  rowNumber: ['行号', 'Row'],
  name: ['名称', 'Name'],
  inputs: ['输入', 'Inputs'],
  problems: ['问题', 'Problems'],
  openRow: ['在测算工具中打开第 {row} 行', 'Open row {row} in the calculator'],
  pages: ['结果分页', 'Result pages'],
  previousPage: ['上一页', 'Previous'],
  nextPage: ['下一页', 'Next'],
  pageNumber: ['第 {page} 页', 'Page {page}'],
  noRows: ['没有符合条件的行。', 'No rows match.'],
  cellProblem: ['第 {row} 行「{column}」{letter}：{message}', 'Row {row}, “{column}”{letter}: {message}'],
  letter: ['（{letter} 列）', ' (column {letter})'],
  noChoices: ['该列的值无法识别', 'A chosen value is not recognised'],
  workerFailed: [
    '无法启动表格处理程序：请在支持 Web Worker 的浏览器中打开本页面，并从与本页相同的网站加载',
    'The sheet reader could not start: open this page in a browser with Web Workers, served from the same site',
  ],
};

let mounted = 0;

/** Renders the batch page into `root` (an element or a shadow root). Returns `{ destroy() }`. */
export function mountBatch(root, options = {}) {
  const prefix = `fcb${++mounted}-`;
  const state = {
    lang: /^en/i.test(options.lang ?? '') ? 1 : 0,
    widgetUrl: options.widgetUrl || DEFAULT_WIDGET_URL,
    catalogue: null,
    source: null, // { name } of the sheet read
    overview: null,
    mapping: [],
    choices: {},
    // { summary, verdicts: Uint8Array (indices into catalogue.verdicts), gaps: Float64Array, names,
    //   rows: Map(index → the row in full, fetched from the Worker for the rows shown) }
    report: null,
    filter: 'all',
    sort: 'input',
    order: null, // indices of the rows the filter keeps, in the sort's order (worked out when needed)
    page: 0,
    errors: [], // [{ target, text: [zh, en] }] shown in the error summary
    busy: null, // { text: [zh, en], value, max }
    notice: null, // [zh, en] for the status region
    pasteText: '',
    // The rule pack file in use (null: the built-in standards), kept to give a restarted Worker again.
    packFile: null,
    packErrors: [], // [{ path, code, message, message_zh }] of the pack file just refused
    packReadAs: null, // [zh, en]: what the module said about the pack file's encoding (GB18030), if anything
    checking: false, // a check is under way in the Worker
  };
  let worker = null;
  let nextId = 0;
  const pending = new Map();

  const t = (key, values = {}) => fill(TEXT[key][state.lang], values);
  const pick = (pair) => (Array.isArray(pair) ? pair[state.lang] : pair);
  const langTag = () => (state.lang ? 'en' : 'zh-CN');

  function startWorker() {
    worker = new Worker(WORKER_URL, { type: 'module' });
    // A Worker started after Cancel knows only the built-in standards: it gets the pack in use again
    // before anything else (the Worker handles requests in order).
    if (state.packFile) worker.postMessage({ id: 0, type: 'load-rules', file: state.packFile });
    worker.onmessage = ({ data }) => {
      const request = pending.get(data.id);
      if (!request) return;
      if (data.type === 'progress') {
        request.onProgress?.(data);
        return;
      }
      pending.delete(data.id);
      request.resolve(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const request of pending.values()) {
        request.resolve({ type: 'read-error', error: { message: TEXT.workerFailed[1], message_zh: TEXT.workerFailed[0] } });
      }
      pending.clear();
    };
  }

  function ask(message, onProgress) {
    if (!worker) startWorker();
    const id = ++nextId;
    return new Promise((resolve) => {
      pending.set(id, { resolve, onProgress });
      // `sent` on the clock the Worker shares: its measures include the wait for it.
      worker.postMessage({ id, ...message, sent: performance.timeOrigin + performance.now() });
    });
  }

  /**
   * Cancel: the worker is stopped mid-sheet, and a fresh one starts loading at once, so the next sheet does
   * not wait for the module to load.
   */
  function cancel() {
    stopWorker();
    startWorker();
  }

  function stopWorker() {
    state.checking = false;
    worker?.terminate();
    worker = null;
    for (const request of pending.values()) request.resolve({ type: 'cancelled' });
    pending.clear();
  }

  // ---- the page's skeleton (rebuilt when the language changes) ----

  // Hidden until the Worker's first answer: the file hint's limits and the standards section come from the
  // catalogue, so showing the step before it would move everything under them (a layout shift).
  const container = h('div', { class: 'fcb', hidden: '' });
  root.append(container);
  let parts = {};

  function build() {
    container.replaceChildren();
    container.lang = langTag();
    const p = {};
    p.status = h('p', { class: 'fcb-visually-hidden', role: 'status', 'aria-live': 'polite' });
    p.errorSummary = h('div', { class: 'fcb-error-summary', tabindex: '-1', hidden: '' });
    p.langButton = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary fcb-lang', lang: state.lang ? 'zh-CN' : 'en' }, t('switchLang'));
    p.langButton.setAttribute('aria-label', t('switchLangName'));
    p.langButton.addEventListener('click', () => {
      state.lang = 1 - state.lang;
      state.order = null; // names sort by the language's collation
      build();
      render();
      parts.langButton.focus();
    });

    // Step 1: the sheet.
    p.file = h('input', { type: 'file', id: `${prefix}file`, class: 'fcb-file', accept: '.xlsx,.xlsm,.csv,.tsv,.txt', 'aria-describedby': `${prefix}file-hint` });
    p.file.addEventListener('change', () => {
      if (p.file.files?.length) openFile(p.file.files[0]);
    });
    p.fileHint = h('div', { id: `${prefix}file-hint`, class: 'fcb-hint' });
    p.drop = h('div', { class: 'fcb-drop' },
      h('label', { class: 'fcb-label', for: `${prefix}file` }, t('fileLabel')),
      p.fileHint,
      p.file,
      h('p', { class: 'fcb-drop-note' }, t('drop')));
    for (const type of ['dragenter', 'dragover']) {
      p.drop.addEventListener(type, (event) => {
        event.preventDefault();
        p.drop.classList.add('fcb-drop--over');
      });
    }
    p.drop.addEventListener('dragleave', () => p.drop.classList.remove('fcb-drop--over'));
    p.drop.addEventListener('drop', (event) => {
      event.preventDefault();
      p.drop.classList.remove('fcb-drop--over');
      const file = event.dataTransfer?.files?.[0];
      if (file) openFile(file);
    });
    p.paste = h('textarea', { id: `${prefix}paste`, class: 'fcb-textarea', rows: '6', spellcheck: 'false', 'aria-describedby': `${prefix}paste-hint` });
    p.paste.value = state.pasteText;
    p.paste.addEventListener('input', () => (state.pasteText = p.paste.value));
    p.pasteField = h('div', { class: 'fcb-field' },
      h('label', { class: 'fcb-label', for: `${prefix}paste` }, t('pasteLabel')),
      h('div', { class: 'fcb-hint', id: `${prefix}paste-hint` }, t('pasteHint')),
      p.paste);
    const readPaste = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('readPaste'));
    readPaste.addEventListener('click', openPaste);
    const templateXlsx = h('button', { type: 'button', class: 'fcb-link-button' }, '模板.xlsx');
    const templateCsv = h('button', { type: 'button', class: 'fcb-link-button' }, '模板.csv');
    templateXlsx.addEventListener('click', () => download({ type: 'template', format: 'xlsx' }));
    templateCsv.addEventListener('click', () => download({ type: 'template', format: 'csv' }));
    p.templateLine = h('p', { class: 'fcb-template' }, t('template'), ' ', templateXlsx, ' · ', templateCsv);

    // Progress, with Cancel.
    p.progress = h('progress', { id: `${prefix}progress`, class: 'fcb-progress-bar' });
    p.progressText = h('p', { class: 'fcb-progress-text', id: `${prefix}progress-text` });
    p.progress.setAttribute('aria-labelledby', `${prefix}progress-text`);
    const cancelButton = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('cancel'));
    cancelButton.addEventListener('click', () => {
      cancel();
      state.busy = null;
      state.notice = TEXT.cancelled;
      render();
    });
    p.busy = h('div', { class: 'fcb-busy', hidden: '' }, p.progressText, p.progress, cancelButton);

    p.standard = h('details', { class: 'fcb-standard', hidden: '' });
    p.mapping = h('section', { class: 'fcb-step fcb-mapping', 'aria-labelledby': `${prefix}step2`, hidden: '' });
    p.results = h('section', { class: 'fcb-step fcb-results', 'aria-labelledby': `${prefix}step3`, hidden: '' });

    container.append(
      h('div', { class: 'fcb-top' }, h('h2', { class: 'fcb-title' }, t('title')), p.langButton),
      h('p', { class: 'fcb-intro' }, t('intro')),
      p.errorSummary,
      p.standard,
      h('section', { class: 'fcb-step fcb-input', 'aria-labelledby': `${prefix}step1` },
        h('h3', { class: 'fcb-step-title', id: `${prefix}step1` }, t('step1')),
        p.drop, p.pasteField, readPaste, p.templateLine),
      p.busy,
      p.mapping,
      p.results,
      p.status,
    );
    parts = p;
  }

  // ---- rendering what the state holds ----

  /** Renders every part; resolves once the results table is drawn. */
  function render() {
    const c = state.catalogue;
    if (c) {
      parts.fileHint.textContent = t('fileHint', {
        mb: Math.round(c.limits.max_file_bytes / 1048576),
        rows: number(c.limits.max_rows, state.lang),
      });
    }
    renderErrors();
    renderStandard();
    renderBusy();
    renderMapping();
    const table = renderResults();
    renderStatus();
    return table;
  }

  function renderErrors() {
    const box = parts.errorSummary;
    box.replaceChildren();
    box.hidden = state.errors.length === 0;
    if (!state.errors.length) return;
    const list = h('ul', { class: 'fcb-error-list' });
    for (const error of state.errors) {
      const target = error.target ? `#${prefix}${error.target}` : null;
      const text = pick(error.text);
      const link = target ? h('a', { href: target }, text) : h('span', {}, text);
      if (target) {
        link.addEventListener('click', (event) => {
          event.preventDefault();
          container.querySelector(target)?.focus();
        });
      }
      list.append(h('li', {}, link));
    }
    box.setAttribute('role', 'alert');
    box.append(h('h2', { class: 'fcb-error-title' }, t('errorTitle')), list);
  }

  /** A word of the standards choice, the widget's own (from the catalogue). */
  const word = (key) => state.catalogue.standards_words[key][state.lang ? 'en' : 'zh'];

  /**
   * The standards choice, as the widget's: which standards are in use, "Load a local standard" (a .json
   * rule pack, read in this browser only), a refused pack's problems with their JSON paths, and the way
   * back to the built-in standards.
   */
  function renderStandard() {
    const box = parts.standard;
    const c = state.catalogue;
    box.hidden = !c;
    if (!c) return;
    const rules = c.ruleset;
    const id = `${prefix}rules-file`;
    const current = rules.builtin
      ? h('p', { class: 'fcb-standard-current' }, `${word('builtin_standard')}${bracketed(`${word('version')} ${rules.version}`)}`)
      : h('p', { class: 'fcb-standard-current' },
        h('span', { class: 'fcb-tag fcb-tag--local' }, word('local_standard')), ' ',
        pick([rules.title.zh, rules.title.en]),
        bracketed(`${word('version')} ${rules.version} · ${word('publisher')} ${rules.publisher}`));
    const input = h('input', { type: 'file', id, class: 'fcb-file', accept: '.json,application/json', 'aria-describedby': `${id}-hint` });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) loadPack(file);
    });
    const field = h('div', { class: `fcb-field${state.packErrors.length ? ' fcb-field--error' : ''}` },
      h('label', { class: 'fcb-label', for: id }, word('load_local')),
      h('p', { class: 'fcb-hint', id: `${id}-hint` }, word('load_local_hint')));
    if (state.packErrors.length) {
      input.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
      field.append(h('div', { class: 'fcb-error-message', id: `${id}-error` },
        h('p', {}, word('pack_rejected')),
        h('ul', {}, ...state.packErrors.map((e) => h('li', {},
          h('code', {}, e.path || '/'), ' ', state.lang ? e.message : e.message_zh)))));
    }
    field.append(input);
    const open = !rules.builtin || state.packErrors.length > 0;
    // Rebuilt in place, so a summary the user opened stays open.
    box.open = open || box.open;
    const readAs = !rules.builtin && state.packReadAs ? h('p', { class: 'fcb-hint fcb-pack-encoding' }, pick(state.packReadAs)) : '';
    box.replaceChildren(h('summary', { class: 'fcb-standard-title' }, word('standard')), current, readAs, field);
    if (!rules.builtin) {
      const back = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, word('use_builtin'));
      back.addEventListener('click', useBuiltin);
      box.append(back);
    }
  }

  function bracketed(inner) {
    return state.lang ? ` (${inner})` : `（${inner}）`;
  }

  function renderBusy() {
    parts.busy.hidden = !state.busy;
    if (!state.busy) return;
    parts.progressText.textContent = pick(state.busy.text);
    if (state.busy.max) {
      parts.progress.max = state.busy.max;
      parts.progress.value = state.busy.value;
    } else {
      parts.progress.removeAttribute('value');
    }
  }

  function targetLabel(id) {
    const target = state.catalogue.targets.find((x) => x.id === id);
    return target ? (state.lang ? target.label_en : target.label_zh) : id;
  }

  /** A choice's name (兴安盟 for `xam`) from the catalogue; other inputs as given. */
  function choiceName(field, text) {
    const c = state.catalogue;
    const list = { jurisdiction: c.jurisdictions, settlement: c.settlements, construction: c.constructions, programme: c.programmes }[field];
    const entry = list?.find((x) => x.id === text);
    return entry ? (state.lang ? entry.name_en : entry.name_zh) : text;
  }

  function renderMapping() {
    const section = parts.mapping;
    const o = state.overview;
    section.hidden = !o;
    section.replaceChildren();
    if (!o) return;
    const c = state.catalogue;
    const encoding = o.encoding ? t('encoding', { enc: o.encoding }) : '';
    section.append(
      h('h3', { class: 'fcb-step-title', id: `${prefix}step2` }, t('step2')),
      h('p', {}, t('sheetRead', {
        name: state.source.name ?? t('pasted'),
        rows: number(o.rows, state.lang),
        cols: o.headers.length,
        encoding,
      })),
    );
    const body = h('tbody');
    for (const column of o.columns) {
      const select = h('select', { id: `${prefix}col-${column.column}`, class: 'fcb-select' });
      select.setAttribute('aria-label', t('readAsLabel', { letter: column.letter, header: column.header || '—' }));
      select.append(h('option', { value: '' }, t('notRead')));
      for (const target of c.targets) {
        select.append(h('option', { value: target.id }, state.lang ? target.label_en : target.label_zh));
      }
      select.value = state.mapping[column.column] ?? '';
      select.addEventListener('change', () => {
        const chosen = select.value || null;
        // A target belongs to one column: picking it here takes it from any other.
        if (chosen) state.mapping = state.mapping.map((x) => (x === chosen ? null : x));
        state.mapping[column.column] = chosen;
        state.errors = [];
        renderErrors();
        const focused = select.id;
        renderMapping();
        container.querySelector(`#${focused}`)?.focus();
      });
      const chosen = state.mapping[column.column];
      const note = column.target === chosen || (!chosen && column.status !== 'matched') ? t(column.status) : '';
      const preview = o.preview.map((row) => row[column.column] ?? '').filter((v) => v !== '');
      body.append(h('tr', { class: `fcb-col fcb-col--${column.status}` },
        h('th', { scope: 'row' }, column.letter),
        h('td', {}, column.header),
        h('td', { class: 'fcb-preview' }, preview.join(' · ')),
        h('td', {}, select, note ? h('span', { class: 'fcb-col-note' }, note) : '')));
    }
    section.append(h('div', { class: 'fcb-table-wrap' }, h('table', { class: 'fcb-table fcb-mapping-table' },
      h('caption', {}, t('mappingCaption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('column')),
        h('th', { scope: 'col' }, t('header')),
        h('th', { scope: 'col' }, t('firstRows')),
        h('th', { scope: 'col' }, t('readAs')))),
      body)));

    const lists = { jurisdiction: c.jurisdictions, settlement: c.settlements, construction: c.constructions, programme: c.programmes };
    const fieldset = h('fieldset', { class: 'fcb-fieldset' },
      h('legend', { class: 'fcb-legend' }, t('wholeSheet')),
      h('div', { class: 'fcb-hint', id: `${prefix}choice-hint` }, t('wholeSheetHint')));
    for (const target of c.targets.filter((x) => x.sheet_choice)) {
      const select = h('select', { id: `${prefix}choice-${target.id}`, class: 'fcb-select', 'aria-describedby': `${prefix}choice-hint` });
      select.append(h('option', { value: '' }, t('notSet')));
      for (const entry of lists[target.id] ?? []) {
        select.append(h('option', { value: entry.id }, state.lang ? entry.name_en : entry.name_zh));
      }
      select.value = state.choices[target.id] ?? '';
      select.addEventListener('change', () => {
        state.choices[target.id] = select.value || null;
      });
      fieldset.append(h('div', { class: 'fcb-field fcb-field--inline' },
        h('label', { class: 'fcb-label', for: select.id }, state.lang ? target.label_en : target.label_zh),
        select));
    }
    const start = h('button', { type: 'button', class: 'fcb-button', id: `${prefix}start` }, t('start'));
    start.addEventListener('click', runCheck);
    section.append(fieldset, start);
  }

  function renderResults() {
    const section = parts.results;
    const report = state.report;
    section.hidden = !report;
    section.replaceChildren();
    parts.tableArea = null;
    if (!report) return Promise.resolve();
    const s = report.summary;
    const counts = h('dl', { class: 'fcb-counts' });
    for (const v of state.catalogue.verdicts) {
      counts.append(h('div', { class: `fcb-count fcb-verdict--${v.id}`, 'data-verdict': v.id },
        h('dt', {}, state.lang ? v.en : v.zh),
        h('dd', {}, number(s[v.id], state.lang))));
    }
    counts.append(h('div', { class: 'fcb-count fcb-count--total', 'data-figure': 'total_to_build_m2' },
      h('dt', {}, t('totalToBuild')),
      h('dd', {}, `${number(s.total_to_build_m2, state.lang)} m²`)));
    const worst = s.worst.length
      ? h('ol', { class: 'fcb-worst' }, ...s.worst.map((i) => {
        const row = report.rows.get(i);
        const link = h('a', { href: `#${prefix}row-${row.row}` }, `${row.name}（${state.lang ? 'row' : '第'} ${row.row}${state.lang ? '' : ' 行'}）`);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          showRow(i);
        });
        return h('li', {}, link, ` ${pick([row.action_zh, row.action_en])}`);
      }))
      : h('p', { 'data-note': s.rows && s.invalid === s.rows ? 'nothing-checked' : 'no-worst' },
        s.rows && s.invalid === s.rows ? t('nothingChecked', { rows: number(s.rows, state.lang) }) : t('noWorst'));
    const skipped = s.skipped
      ? h('p', { class: 'fcb-skipped', 'data-note': 'skipped' }, t('skipped', {
        count: number(s.skipped, state.lang),
        rows: s.skipped_rows.join(state.lang ? ', ' : '、') + (s.skipped > s.skipped_rows.length ? '…' : ''),
      }))
      : null;

    const filter = h('fieldset', { class: 'fcb-fieldset fcb-filter' }, h('legend', { class: 'fcb-legend' }, t('show')));
    for (const [value, key] of FILTERS) {
      const radio = h('input', { type: 'radio', name: `${prefix}filter`, id: `${prefix}filter-${value}`, value, class: 'fcb-radio' });
      radio.checked = state.filter === value;
      radio.addEventListener('change', () => {
        state.filter = value;
        setView();
      });
      filter.append(h('div', { class: 'fcb-radio-item' }, radio, h('label', { for: radio.id }, t(key))));
    }
    const sort = h('select', { id: `${prefix}sort`, class: 'fcb-select' },
      h('option', { value: 'input' }, t('sortInput')),
      h('option', { value: 'gap' }, t('sortGap')),
      h('option', { value: 'name' }, t('sortName')));
    sort.value = state.sort;
    sort.addEventListener('change', () => {
      state.sort = sort.value;
      setView();
    });
    const xlsx = h('button', { type: 'button', class: 'fcb-button' }, t('downloadXlsx'));
    const csv = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('downloadCsv'));
    const print = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('print'));
    xlsx.addEventListener('click', () => download({ type: 'results', format: 'xlsx', lang: langTag() }));
    csv.addEventListener('click', () => download({ type: 'results', format: 'csv', lang: langTag() }));
    print.addEventListener('click', () => window.print());

    parts.tableArea = h('div', { class: 'fcb-table-area' });
    const rules = report.ruleset;
    // Under a local pack the summary (and so the printed report) says so, in the widget's words.
    const notice = rules && !rules.builtin
      ? h('p', { class: 'fcb-pack-notice' }, h('span', { class: 'fcb-tag fcb-tag--local' }, word('local_standard')), ' ', pick([rules.used_zh, rules.used_en]))
      : '';
    section.append(
      h('h3', { class: 'fcb-step-title', id: `${prefix}step3` }, t('step3')),
      h('div', { class: 'fcb-summary' },
        notice,
        h('h4', { class: 'fcb-summary-title' }, t('summaryTitle')),
        counts,
        skipped,
        h('h4', { class: 'fcb-summary-title' }, t('worst')),
        worst),
      h('div', { class: 'fcb-controls' },
        filter,
        h('div', { class: 'fcb-field fcb-field--inline' }, h('label', { class: 'fcb-label', for: sort.id }, t('sort')), sort),
        h('div', { class: 'fcb-actions' }, xlsx, csv, print)),
      parts.tableArea,
    );
    return renderTable();
  }

  /** A new filter or sort: its first page. */
  function setView() {
    state.order = null;
    state.page = 0;
    renderTable();
  }

  /** The rows the filter keeps, in the sort's order, as indices into the report: worked out on the data. */
  function visibleOrder() {
    if (state.order) return state.order;
    const { verdicts, gaps, names } = state.report;
    const wanted = FILTERS.find(([value]) => value === state.filter)?.[2] ?? null;
    const code = state.catalogue.verdicts.findIndex((v) => v.id === wanted);
    const order = [];
    for (let i = 0; i < verdicts.length; i++) {
      if (wanted === null || verdicts[i] === code) order.push(i);
    }
    // Ties keep the sheet's order.
    if (state.sort === 'gap') {
      order.sort((a, b) => gaps[b] - gaps[a] || a - b);
    } else if (state.sort === 'name') {
      const collator = new Intl.Collator(langTag());
      order.sort((a, b) => collator.compare(names[a], names[b]) || a - b);
    }
    state.order = order;
    return order;
  }

  /** Opens the page holding the row at `index` (showing every row if the filter hides it), focused. */
  async function showRow(index) {
    if (!visibleOrder().includes(index)) {
      state.filter = 'all';
      state.order = null;
    }
    state.page = Math.floor(visibleOrder().indexOf(index) / PAGE_ROWS);
    await renderResults();
    const link = container.querySelector(`#${prefix}row-${state.report?.rows.get(index)?.row} th a`);
    link?.focus();
    link?.scrollIntoView({ block: 'center' });
  }

  let tableRequest = 0;

  /**
   * Draws the current page of the table, first fetching from the Worker any of its rows not yet held in
   * full. Resolves once it is drawn (or superseded by a newer view).
   */
  function renderTable() {
    const area = parts.tableArea;
    const report = state.report;
    if (!area || !report) return Promise.resolve();
    const order = visibleOrder();
    const pages = Math.max(1, Math.ceil(order.length / PAGE_ROWS));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const indices = order.slice(state.page * PAGE_ROWS, (state.page + 1) * PAGE_ROWS);
    const missing = indices.filter((i) => !report.rows.has(i));
    const asked = ++tableRequest;
    if (!missing.length) {
      drawTable(area, indices, order.length, pages);
      return Promise.resolve();
    }
    area.setAttribute('aria-busy', 'true');
    return ask({ type: 'rows', indices: missing }).then((reply) => {
      if (reply.type === 'read-error') showErrors([{ target: null, text: [reply.error.message_zh, reply.error.message] }]);
      if (reply.type !== 'rows' || state.report !== report) return undefined;
      for (const row of reply.rows) report.rows.set(row.index, row);
      return asked === tableRequest ? renderTable() : undefined;
    });
  }

  function drawTable(area, indices, count, pages) {
    const c = state.catalogue;
    // The core's result columns for these standards, by key: the table uses the downloaded sheet's words.
    const column = (key) => c.result_columns.find((col) => col.key === key);
    const header = (key) => (state.lang ? column(key).en : column(key).zh);
    const figureKeys = ['required_area_m2', 'max_area_m2', 'recommended_area_m2', 'office_max_m2', 'activity_min_m2']
      .filter((key) => column(key));
    const fragment = document.createDocumentFragment();
    for (const i of indices) fragment.append(tableRow(state.report.rows.get(i), figureKeys));
    const table = h('table', { class: 'fcb-table fcb-result-table', tabindex: '-1' },
      h('caption', {}, t('caption', { rows: number(count, state.lang), page: number(state.page + 1, state.lang), pages: number(pages, state.lang) })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('rowNumber')),
        h('th', { scope: 'col' }, t('name')),
        h('th', { scope: 'col' }, t('inputs')),
        ...figureKeys.map((key) => h('th', { scope: 'col', class: 'fcb-num' }, header(key))),
        h('th', { scope: 'col', class: 'fcb-num' }, header('staff')),
        h('th', { scope: 'col' }, header('verdict')),
        h('th', { scope: 'col' }, header('action')),
        h('th', { scope: 'col' }, header('governing')),
        h('th', { scope: 'col' }, t('problems')))),
      h('tbody', {}, fragment));
    area.removeAttribute('aria-busy');
    area.replaceChildren(h('div', { class: 'fcb-table-wrap' }, table));
    if (!count) area.append(h('p', {}, t('noRows')));
    if (pages > 1) area.append(pagination(pages));
  }

  /** GOV.UK pagination: previous, the first, current (with neighbours) and last page numbers, next. */
  function pagination(pages) {
    const current = state.page;
    const go = (page) => {
      state.page = page;
      renderTable().then(() => parts.tableArea?.querySelector('table')?.focus());
    };
    const button = (page, text, attributes = {}) => {
      const b = h('button', { type: 'button', class: 'fcb-page-button', 'data-page': String(page + 1), ...attributes }, text);
      b.addEventListener('click', () => go(page));
      return b;
    };
    const list = h('ul', { class: 'fcb-page-list' });
    let last = -1;
    for (let page = 0; page < pages; page++) {
      const shown = page === 0 || page === pages - 1 || Math.abs(page - current) <= PAGE_NEIGHBOURS;
      if (!shown) continue;
      if (page > last + 1) list.append(h('li', { class: 'fcb-page-ellipsis' }, '⋯'));
      const label = t('pageNumber', { page: number(page + 1, state.lang) });
      list.append(h('li', {}, button(page, number(page + 1, state.lang), page === current
        ? { 'aria-current': 'page', 'aria-label': label, class: 'fcb-page-button fcb-page-button--current' }
        : { 'aria-label': label })));
      last = page;
    }
    const nav = h('nav', { class: 'fcb-pagination', 'aria-label': t('pages') });
    if (current > 0) nav.append(button(current - 1, t('previousPage'), { class: 'fcb-page-button fcb-page-prev' }));
    nav.append(list);
    if (current < pages - 1) nav.append(button(current + 1, t('nextPage'), { class: 'fcb-page-button fcb-page-next' }));
    return nav;
  }

  function tableRow(row, figureKeys) {
    const c = state.catalogue;
    const verdict = c.verdicts.find((x) => x.id === row.verdict);
    const query = new URLSearchParams();
    for (const input of row.inputs) query.set(input.key, input.text);
    if (row.inputs.some((input) => input.field.startsWith('planned.'))) query.set('mode', 'check');
    if (state.lang) query.set('lang', 'en');
    // A local pack's id and version, as the widget's own links carry them: the widget then works the row out
    // under that pack, or says which pack it needs.
    const rules = state.report.ruleset;
    if (rules && !rules.builtin) {
      query.set('rules', rules.id);
      query.set('rules_version', rules.version);
    }
    const link = h('a', { href: `${state.widgetUrl}?${query}`, target: '_blank', rel: 'noopener' }, row.name);
    link.setAttribute('aria-label', `${row.name}: ${t('openRow', { row: row.row })}`);
    const inputs = row.inputs.map((input) => `${targetLabel(input.field)} ${choiceName(input.field, input.text)}`).join('；');
    const staff = row.staff_min == null ? '' : row.staff_max != null && row.staff_max > row.staff_min
      ? `${row.staff_min}–${row.staff_max}` : String(row.staff_min);
    const problems = row.errors.length
      ? h('ul', { class: 'fcb-problems' }, ...row.errors.map((e) => h('li', {}, t('cellProblem', {
        row: e.row,
        column: e.column,
        letter: e.letter ? t('letter', { letter: e.letter }) : '',
        message: state.lang ? e.message : e.message_zh,
      }))))
      : '';
    return h('tr', { id: `${prefix}row-${row.row}`, class: `fcb-row fcb-row--${row.verdict}`, 'data-row': String(row.row), 'data-verdict': row.verdict },
      h('td', { class: 'fcb-num' }, String(row.row)),
      h('th', { scope: 'row' }, link),
      h('td', { class: 'fcb-inputs' }, inputs),
      ...figureKeys.map((key) => h('td', { class: 'fcb-num', 'data-figure': key }, m2(row[key], state.lang))),
      h('td', { class: 'fcb-num', 'data-figure': 'staff' }, staff),
      h('td', { class: 'fcb-verdict' }, h('span', { class: `fcb-tag fcb-verdict--${row.verdict}` }, verdict ? (state.lang ? verdict.en : verdict.zh) : row.verdict)),
      h('td', { 'data-figure': 'action' }, state.lang ? row.action_en : row.action_zh),
      h('td', { 'data-figure': 'governing' }, state.lang ? row.governing_en : row.governing_zh),
      h('td', { 'data-figure': 'problems' }, problems));
  }

  function renderStatus() {
    const s = state.report?.summary;
    let text = '';
    if (state.notice) text = pick(state.notice);
    else if (state.busy) text = '';
    else if (s) text = t('statusDone', { rows: number(s.rows, state.lang), pass: s.pass, fail: s.fail, incomplete: s.incomplete, invalid: s.invalid });
    if (parts.status.textContent !== text) parts.status.textContent = text;
  }

  function showErrors(errors) {
    state.errors = errors;
    renderErrors();
    renderStatus();
    if (errors.length) parts.errorSummary.focus();
  }

  // ---- actions ----

  async function read(message, name) {
    // Reading or checking still under way for the last sheet is stopped; otherwise the Worker, its module
    // already loaded, reads this one.
    if (state.busy) cancel();
    state.report = null;
    state.overview = null;
    state.notice = null;
    state.errors = [];
    state.busy = { text: [fill(TEXT.reading[0], { name: name ?? TEXT.pasted[0] }), fill(TEXT.reading[1], { name: name ?? TEXT.pasted[1] })] };
    render();
    const reply = await ask(message);
    measureWorker(reply);
    // A cancelled request's page has moved on (the Cancel button, or the next sheet, which is busy now).
    if (reply.type === 'cancelled') return;
    state.busy = null;
    if (reply.type === 'read-error') {
      render();
      showErrors([{ target: message.type === 'open-text' ? 'paste' : 'file', text: [reply.error.message_zh, reply.error.message] }]);
      return;
    }
    state.source = { name };
    state.overview = reply.overview;
    state.mapping = reply.overview.mapping.slice();
    state.choices = {};
    const shown = performance.now();
    render();
    measure('columns shown', shown, performance.now());
    // Nothing to settle: check at once; otherwise the mapping step waits for the user.
    if (!reply.overview.needs_review) runCheck();
    else container.querySelector(`#${prefix}step2`)?.scrollIntoView({ block: 'start' });
  }

  function openFile(file) {
    read({ type: 'open-file', file }, file.name);
  }

  function openPaste() {
    if (!state.pasteText.trim()) {
      showErrors([{ target: 'paste', text: TEXT.noPaste }]);
      return;
    }
    read({ type: 'open-text', text: state.pasteText }, null);
  }

  /** What stops the check before it starts: a required input with neither a column nor a choice. */
  function missingInputs() {
    const errors = [];
    for (const target of state.catalogue.targets.filter((x) => x.required)) {
      if (state.mapping.includes(target.id) || (target.sheet_choice && state.choices[target.id])) continue;
      const labels = [target.label_zh, target.label_en];
      const key = target.sheet_choice ? 'needsColumnOrChoice' : 'needsColumn';
      const first = state.overview.columns[0];
      errors.push({
        target: target.sheet_choice ? `choice-${target.id}` : first ? `col-${first.column}` : null,
        text: [fill(TEXT[key][0], { label: labels[0] }), fill(TEXT[key][1], { label: labels[1] })],
      });
    }
    return errors;
  }

  async function runCheck() {
    const missing = missingInputs();
    if (missing.length) {
      showErrors(missing);
      return;
    }
    state.errors = [];
    state.notice = null;
    state.report = null;
    const total = state.overview.rows;
    state.busy = { text: progressText(0, total), value: 0, max: total };
    render();
    const started = performance.now();
    // A new sheet opens on its first page in its own order, which the Worker sends in full at once.
    state.filter = 'all';
    state.sort = 'input';
    state.order = null;
    state.page = 0;
    const show = Array.from({ length: Math.min(PAGE_ROWS, total) }, (_, i) => i);
    state.checking = true;
    const reply = await ask({ type: 'check', mapping: state.mapping, choices: state.choices, show }, ({ done }) => {
      state.busy = { text: progressText(done, total), value: done, max: total };
      renderBusy();
    });
    if (reply.type === 'cancelled') return;
    state.checking = false;
    state.busy = null;
    if (reply.type === 'choice-errors') {
      render();
      showErrors(reply.problems.map((p) => ({ target: `choice-${p.field}`, text: [p.message_zh, p.message] })));
      return;
    }
    if (reply.type === 'read-error') {
      render();
      showErrors([{ target: null, text: [reply.error.message_zh, reply.error.message] }]);
      return;
    }
    measureWorker(reply);
    const shown = performance.now();
    const { summary, verdicts, gaps, names, ruleset } = reply;
    state.report = { summary, verdicts, gaps, names, ruleset, rows: new Map(reply.rows.map((row) => [row.index, row])) };
    await render();
    measure('table shown', shown, performance.now());
    container.dataset.checkedIn = String(Math.round(performance.now() - started));
    container.dispatchEvent(new CustomEvent('facility-calc-batch:result', { bubbles: true, composed: true, detail: state.report.summary }));
  }

  /** The Worker's own stages (on the clock both share) and the reply's trip to the page, as measures. */
  function measureWorker(reply) {
    const origin = performance.timeOrigin;
    for (const [name, start, end] of reply.timings ?? []) measure(name, start - origin, end - origin);
    if (reply.sent) measure(`${reply.type} to page`, reply.sent - origin, performance.now());
  }

  function progressText(done, total) {
    return [0, 1].map((lang) => fill(TEXT.checking[lang], { done: number(done, lang), total: number(total, lang) }));
  }

  /** A rule pack file chosen: read and checked by the Worker; in use if good, its problems listed if not. */
  async function loadPack(file) {
    const reply = await ask({ type: 'load-rules', file });
    if (reply.type === 'cancelled') return;
    if (reply.type !== 'rules') {
      state.packErrors = reply.errors ?? [{ path: '', message: reply.error?.message ?? '', message_zh: reply.error?.message_zh ?? '' }];
      render();
      const c = state.catalogue.standards_words.pack_rejected;
      showErrors([{ target: 'rules-file', text: [c.zh, c.en] }]);
      return;
    }
    state.packFile = file;
    state.packReadAs = reply.ruleset.read_as_zh ? [reply.ruleset.read_as_zh, reply.ruleset.read_as_en] : null;
    rulesChanged(reply.catalogue);
  }

  async function useBuiltin() {
    const reply = await ask({ type: 'builtin-rules' });
    if (reply.type !== 'rules') return;
    state.packFile = null;
    state.packReadAs = null;
    rulesChanged(reply.catalogue);
    parts.standard.querySelector('input')?.focus();
  }

  /**
   * New standards: their choices replace the old ones (a choice for the whole sheet they lack is dropped),
   * and a sheet already checked, or being checked, is checked again under them.
   */
  function rulesChanged(catalogue) {
    state.catalogue = catalogue;
    state.packErrors = [];
    state.errors = [];
    const lists = { jurisdiction: catalogue.jurisdictions, settlement: catalogue.settlements, construction: catalogue.constructions, programme: catalogue.programmes };
    for (const [key, value] of Object.entries(state.choices)) {
      if (value && !lists[key]?.some((entry) => entry.id === value)) state.choices[key] = null;
    }
    const recheck = state.overview && (state.report || state.checking);
    if (state.checking) {
      cancel();
      state.busy = null;
    }
    render();
    if (recheck) runCheck();
  }

  async function download(message) {
    const reply = await ask(message);
    if (reply.type !== 'file') {
      if (reply.type === 'read-error') showErrors([{ target: null, text: [reply.error.message_zh, reply.error.message] }]);
      return;
    }
    const stem = message.type === 'template'
      ? state.catalogue.template_file_stem
      : `${(state.source?.name ?? t('pasted')).replace(/\.[^.]*$/, '')}-${t('resultFile')}`;
    const type = message.format === 'xlsx'
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'text/csv;charset=utf-8';
    const url = URL.createObjectURL(new Blob([reply.bytes], { type }));
    const a = h('a', { href: url, download: `${stem}.${message.format}`, hidden: '' });
    container.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  build();
  ask({ type: 'catalogue' }).then((reply) => {
    container.hidden = false;
    if (reply.type !== 'catalogue') {
      showErrors([{ target: null, text: TEXT.workerFailed }]);
      return;
    }
    state.catalogue = reply.catalogue;
    container.dataset.ready = 'true';
    render();
  });

  return {
    destroy() {
      stopWorker();
      container.remove();
    },
  };
}

// ---- small helpers ----

/** An element with attributes and children (text or nodes); no innerHTML anywhere. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value != null) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child != null && child !== '') element.append(child);
  }
  return element;
}

/** A performance measure (User Timing) of a stage; where the browser cannot, nothing. */
function measure(name, start, end) {
  try {
    performance.clearMeasures(MEASURE_PREFIX + name);
    performance.measure(MEASURE_PREFIX + name, { start, end });
  } catch {
    // Measures are for whoever profiles the page; the page works without them.
  }
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
}

/** One formatter per language, made once: `toLocaleString` with options builds a new one per call. */
const NUMBER_FORMATS = ['zh-CN', 'en'].map((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }));

function number(n, lang) {
  if (n == null || !Number.isFinite(n)) return '';
  return NUMBER_FORMATS[lang ? 1 : 0].format(n);
}

function m2(n, lang) {
  return n == null ? '' : number(n, lang);
}
