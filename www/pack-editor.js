// facility-calc standard editor (issue 17 item 1): a bureau writes its own standard as a rule pack through
// forms, never JSON. The kinds, shapes, keys, ranges and their words come from rule-format.json, which
// tests/sourcegen.rs generates from src/rules/kinds.rs (the table the pack reader uses); the checking,
// the summary's scope and the live preview are the widget module's own (validate_rules, load_rules,
// evaluate). This file only renders. The pack being edited is the object read: a form writes a member
// only when the user changes it, so a pack read and saved unchanged is the pack read (members the forms
// do not show are kept as they were). The page's own words are in TEXT.

import init, { builtin_pack, load_rules, validate_rules, evaluate, parse_number } from './facility_calc.js';

const FORMAT_URL = new URL('./rule-format.json', import.meta.url);
const FORMAT_NAME = 'facility-calc/rules@1';

const TEXT = {
  title: ['编写本地标准（规则包）', 'Write your own standard (rule pack)'],
  intro: [
    '按文件原文逐项填写，不需要编写 JSON。右侧随时显示每条规则的文字摘要和按样例社区计算的结果；写好后下载规则包文件，在测算工具或批量核查页面的“适用标准 → 加载本地标准”中使用。全部在本机浏览器内完成，不上传。',
    'Fill in the forms from your document, no JSON needed. Beside them: every rule in plain words and the results for a few sample communities. Then download the pack and load it in the calculator or the batch page (适用标准 → 加载本地标准). Everything stays in this browser.',
  ],
  switchLang: ['English', '中文'],
  switchLangName: ['Switch to English', '切换到中文'],
  large: ['大字模式', 'Large text'],
  loading: ['正在加载……', 'Loading…'],
  start: ['1. 从哪里开始', '1. Where to start'],
  blank: ['从空白规则包开始', 'Start from a blank pack'],
  blankHint: ['在内置标准基础上增加本地文件，可直接使用内置的社区类型。', 'Adds your documents to the built-in standards; the built-in community types can be used as they are.'],
  copyLabel: ['复制一个内置地区（含其文件和规则）', 'Copy a built-in jurisdiction (its documents and rules)'],
  copy: ['复制并编辑', 'Copy and edit'],
  exampleLabel: ['打开示例规则包', 'Open an example pack'],
  open: ['打开', 'Open'],
  fileLabel: ['打开已有的规则包文件（.json）', 'Open a pack file you have (.json)'],
  copyTitle: ['{name}（副本）', '{name} (copy)'],
  packSection: ['2. 规则包', '2. The pack'],
  packTitle: ['规则包名称', 'Title'],
  packTitleHint: ['显示在每个按本规则包计算的结果上', 'Shown on every result worked out under this pack'],
  packTitleEn: ['英文名称（可选）', 'Title in English (optional)'],
  publisher: ['发布单位', 'Publisher'],
  version: ['版本', 'Version'],
  versionHint: ['每次修改数值后请改版本号，例如 2026.1', 'Change it whenever a figure changes, e.g. 2026.1'],
  packId: ['规则包编号（字母、数字、-、_、.）', 'Pack id (letters, digits, -, _, .)'],
  extends: ['在内置标准基础上增加（保留五份内置文件、社区类型和地区）', 'Add to the built-in standards (keep their documents, community types and jurisdictions)'],
  documents: ['3. 文件', '3. Documents'],
  document: ['第 {n} 份文件', 'Document {n}'],
  docTitle: ['文件标题', 'Title'],
  docShort: ['简称（可选），如《某县实施意见》', 'Short title in Chinese (optional)'],
  issuer: ['发文单位', 'Issued by'],
  date: ['日期', 'Date'],
  dateHint: ['如 2026-11 或 2026-11-28', 'e.g. 2026-11 or 2026-11-28'],
  status: ['状态', 'Status'],
  source: ['文号或来源（可选）', 'Reference number or source (optional)'],
  sourceHint: ['文号、网址或文件名', 'A 文号, a web address or a file name'],
  addDocument: ['添加文件', 'Add a document'],
  types: ['4. 社区类型', '4. Community types'],
  typesBuiltin: ['可直接使用的内置社区类型：{names}。文件使用其他类型时在下面添加。', 'Built-in community types you can use as they are: {names}. Add others below.'],
  type: ['第 {n} 个社区类型', 'Community type {n}'],
  typeName: ['名称', 'Name'],
  typeNameEn: ['英文名称（可选）', 'Name in English (optional)'],
  typeDescription: ['说明（可选）', 'Description (optional)'],
  addType: ['添加社区类型', 'Add a community type'],
  reuseType: ['从内置社区类型中添加', 'Add a built-in community type'],
  add: ['添加', 'Add'],
  jurisdictions: ['5. 地区', '5. Jurisdictions'],
  jurisdiction: ['第 {n} 个地区', 'Jurisdiction {n}'],
  jurName: ['地区名称', 'Name'],
  jurNameEn: ['英文名称（可选）', 'Name in English (optional)'],
  jurDocuments: ['适用的文件（上级规划在前）', 'Documents that apply (regional plan first)'],
  jurTypes: ['提供的社区类型', 'Community types offered'],
  addJurisdiction: ['添加地区', 'Add a jurisdiction'],
  rules: ['6. 规则', '6. Rules'],
  rule: ['第 {n} 条规则', 'Rule {n}'],
  ruleNamed: ['第 {n} 条规则（{kind}）', 'Rule {n} ({kind})'],
  kind: ['规定的内容', 'What it is about'],
  shape: ['计算方式', 'How it is worked out'],
  figure: ['数值（按文件原文）', 'The figure (as the document words it)'],
  level: ['要求程度', 'Level'],
  ruleDocument: ['出自哪份文件', 'From which document'],
  ruleTitle: ['规则名称', 'Short name of the rule'],
  ruleTitleEn: ['英文名称（可选）', 'Name in English (optional)'],
  appliesTo: ['适用的社区类型', 'Applies to community types'],
  constructions: ['适用的建设类型', 'Applies to construction'],
  scopeText: ['适用范围的文字说明（可选）', 'Whom it is for, in words (optional)'],
  section: ['条款位置', 'Section'],
  sectionHint: ['如 三(二)、第三章第三节', 'e.g. 三(二), 第三章第三节'],
  quote: ['原文', 'Quote'],
  quoteHint: ['照录文件原文，省略处用……', 'The document’s words, verbatim; …… marks an elision'],
  note: ['解读说明（可选）', 'How it is read (optional)'],
  addRule: ['添加规则', 'Add a rule'],
  remove: ['删除{what}', 'Remove {what}'],
  id: ['编号（技术信息）', 'Id (technical)'],
  addEntry: ['添加一项', 'Add an entry'],
  entry: ['第 {n} 项', 'Entry {n}'],
  rangeWhole: ['整数，{min}–{max}', 'whole number, {min}–{max}'],
  rangeClosed: ['{min}–{max}', '{min}–{max}'],
  rangeAbove: ['大于 {min}，不超过 {max}', 'more than {min}, at most {max}'],
  optional: ['（可选）', ' (optional)'],
  all: ['全部', 'All'],
  allTypes: ['所有社区类型', 'All community types'],
  summaryTitle: ['规则摘要', 'The rules in plain words'],
  noRules: ['还没有规则。', 'No rules yet.'],
  previewTitle: ['按样例社区预览', 'Preview for sample communities'],
  previewHint: ['由测算引擎按本规则包计算，可修改样例。', 'Worked out by the engine under this pack; edit the samples.'],
  previewBlocked: ['改正上面的问题后显示计算结果。', 'The results show once the problems are put right.'],
  noJurisdiction: ['添加一个地区后显示。', 'Shown once there is a jurisdiction.'],
  sample: ['样例 {n}', 'Sample {n}'],
  sampleJur: ['样例 {n} 的地区', 'Sample {n}: jurisdiction'],
  sampleType: ['样例 {n} 的社区类型', 'Sample {n}: community type'],
  sampleHouseholds: ['样例 {n} 的户数', 'Sample {n}: households'],
  addSample: ['添加样例', 'Add a sample'],
  requiredArea: ['应建面积 {v} m²', 'Required area {v} m²'],
  officeMax: ['办公面积上限 {v} m²', 'Offices at most {v} m²'],
  activityMin: ['活动面积下限 {v} m²', 'Activities at least {v} m²'],
  maxArea: ['总面积上限 {v} m²', 'At most {v} m² in total'],
  staff: ['工作人员 {v} 人', 'Staff {v}'],
  problemsTitle: ['规则包有 {n} 个问题', 'The pack has {n} problems'],
  noProblems: ['没有发现问题：规则包可以使用。', 'No problems: the pack can be used.'],
  technical: ['技术信息：', 'Technical detail: '],
  thePack: ['规则包', 'The pack'],
  download: ['下载规则包（.json）', 'Download the pack (.json)'],
  downloadWithProblems: ['已下载。注意：规则包还有 {n} 个问题，改正前无法加载。', 'Downloaded. Note: the pack still has {n} problems and will not load until they are put right.'],
  downloaded: ['已下载 {name}。', 'Downloaded {name}.'],
  opened: ['已打开：{title}', 'Opened: {title}'],
  readFailed: ['无法读取该文件：{message}', 'The file could not be read: {message}'],
  notAPack: ['该文件不是规则包（缺少 format: facility-calc/rules@1）', 'This file is not a rule pack (no format: facility-calc/rules@1)'],
  moduleFailed: ['无法加载测算模块，请从网站上打开本页面。', 'The calculator module could not load: open this page from a web site.'],
  noDocument: ['（请先添加文件）', '(add a document first)'],
  unnamed: ['（未命名）', '(unnamed)'],
};

const state = {
  lang: /^en/i.test(new URLSearchParams(location.search).get('lang') ?? '') ? 1 : 0,
  large: false,
  format: null,
  builtin: null,
  pack: null,
  samples: [],
  problems: [],
  notice: '',
};
let serial = 0;
/** Pointer of a field → { wrapper, error, input }, filled as the forms are drawn. */
let fields = new Map();
let refreshTimer = 0;

const t = (key, values = {}) => fill(TEXT[key][state.lang], values);
const w = (words) => (words ? (state.lang ? words.en || words.zh : words.zh) : '');
const kindDef = (id) => state.format.kinds.find((k) => k.id === id);
const shapeDef = (id) => state.format.shapes.find((s) => s.id === id);
const pointer = (path) => path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const root = document.getElementById('pack-editor');
const container = h('div', { class: 'fcb fce' });
root.replaceChildren(container);

// ---- reading and writing the pack -------------------------------------------------------------------

function get(path, from = state.pack) {
  let value = from;
  for (const segment of path) {
    if (value == null || typeof value !== 'object') return undefined;
    value = value[segment];
  }
  return value;
}

function put(path, value) {
  let target = state.pack;
  for (let i = 0; i < path.length - 1; i++) {
    if (target[path[i]] == null || typeof target[path[i]] !== 'object') {
      target[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    }
    target = target[path[i]];
  }
  target[path[path.length - 1]] = value;
  changed();
}

function remove(path) {
  const parent = get(path.slice(0, -1));
  if (parent == null || typeof parent !== 'object') return;
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(last, 1);
  else delete parent[last];
  changed();
}

const list = (name) => (Array.isArray(state.pack?.[name]) ? state.pack[name] : []);
const extendsBuiltin = () => state.pack?.extends === 'builtin';
/** Community types, documents and programmes a rule may name: the pack's own, and the built-in ones it extends. */
const available = (name) => [...(extendsBuiltin() ? state.builtin[name] : []), ...list(name)].filter((e) => e && typeof e.id === 'string');
const entryId = (e) => (typeof e === 'string' ? e : e?.id);

function typesOf(jurisdiction) {
  const all = available('settlements');
  if (!Array.isArray(jurisdiction?.settlements)) return all;
  return jurisdiction.settlements.map((e) => {
    const base = all.find((s) => s.id === entryId(e)) ?? { id: entryId(e) };
    return typeof e === 'object' ? { ...base, ...e } : base;
  });
}

function nextId(prefix, taken) {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

// ---- starting points -----------------------------------------------------------------------------------

function blankPack() {
  return {
    format: FORMAT_NAME,
    id: 'local-standard',
    version: '1',
    title: '',
    publisher: '',
    extends: 'builtin',
    documents: [],
    jurisdictions: [],
    rules: [],
  };
}

/** A stand-alone copy of one built-in jurisdiction: its documents and their rules, every type and programme. */
function copyOf(id) {
  const b = state.builtin;
  const jurisdiction = b.jurisdictions.find((j) => j.id === id);
  const docs = new Set(jurisdiction.documents);
  return structuredClone({
    format: FORMAT_NAME,
    id: `${id}-copy`,
    version: '1',
    title: fill(TEXT.copyTitle[0], { name: jurisdiction.name_zh }),
    title_en: fill(TEXT.copyTitle[1], { name: jurisdiction.name_en ?? jurisdiction.name_zh }),
    publisher: b.publisher,
    documents: b.documents.filter((d) => docs.has(d.id)),
    settlements: b.settlements,
    programmes: b.programmes,
    jurisdictions: [jurisdiction],
    rules: b.rules.filter((r) => docs.has(r.document)),
  });
}

function begin(pack, notice) {
  state.pack = pack;
  state.notice = notice ?? t('opened', { title: pack.title || t('unnamed') });
  state.samples = defaultSamples();
  build();
  refresh();
}

function defaultSamples() {
  const jurisdiction = list('jurisdictions')[0];
  const types = jurisdiction ? typesOf(jurisdiction) : [];
  return [
    { jurisdiction: jurisdiction?.id, settlement: types[0]?.id, households: '1000' },
    { jurisdiction: jurisdiction?.id, settlement: types[0]?.id, households: '1500' },
    { jurisdiction: jurisdiction?.id, settlement: (types[1] ?? types[0])?.id, households: '300' },
  ];
}

async function openFile(file) {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    const pack = JSON.parse(text);
    if (pack?.format !== FORMAT_NAME) throw new Error(t('notAPack'));
    begin(pack);
  } catch (error) {
    state.notice = t('readFailed', { message: error.message });
    announce();
  }
}

// ---- drawing -------------------------------------------------------------------------------------------

let parts = {};

function build() {
  fields = new Map();
  container.lang = state.lang ? 'en' : 'zh-CN';
  container.classList.toggle('fce--large', state.large);
  const p = {};
  p.status = h('p', { class: 'fce-status', role: 'status', 'aria-live': 'polite' });
  const langButton = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary', lang: state.lang ? 'zh-CN' : 'en', 'aria-label': t('switchLangName') }, t('switchLang'));
  langButton.addEventListener('click', () => {
    state.lang = 1 - state.lang;
    build();
    refresh();
    container.querySelector('.fce-top button')?.focus();
  });
  const largeButton = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary', 'aria-pressed': String(state.large) }, t('large'));
  largeButton.addEventListener('click', () => {
    state.large = !state.large;
    container.classList.toggle('fce--large', state.large);
    largeButton.setAttribute('aria-pressed', String(state.large));
  });

  const head = h('div', { class: 'fcb-top fce-top' },
    h('h2', { class: 'fcb-title' }, t('title')),
    h('div', { class: 'fce-tools' }, langButton, largeButton));
  const startSection = buildStart();
  container.replaceChildren(head, h('p', { class: 'fcb-intro' }, t('intro')), p.status, startSection);
  if (state.pack) {
    p.problems = h('div', { class: 'fce-problems', tabindex: '-1' });
    p.summary = h('div', { class: 'fce-summary' });
    p.preview = h('div', { class: 'fce-preview' });
    const download = h('button', { type: 'button', class: 'fcb-button' }, t('download'));
    download.addEventListener('click', save);
    const form = h('div', { class: 'fce-form' }, buildPack(), buildDocuments(), buildTypes(), buildJurisdictions(), buildRules());
    const side = h('aside', { class: 'fce-side', 'aria-label': t('summaryTitle') }, p.problems, download, p.summary, p.preview);
    container.append(h('div', { class: 'fce-layout' }, form, side));
  }
  parts = p;
  announce();
}

function buildStart() {
  const blank = h('button', { type: 'button', class: 'fcb-button', 'aria-describedby': 'fce-blank-hint' }, t('blank'));
  blank.addEventListener('click', () => begin(blankPack(), t('blank')));
  const copySelect = h('select', { id: 'fce-copy', class: 'fcb-select' },
    ...state.builtin.jurisdictions.map((j) => h('option', { value: j.id }, w({ zh: j.name_zh, en: j.name_en }))));
  const copy = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('copy'));
  copy.addEventListener('click', () => begin(copyOf(copySelect.value)));
  const exampleSelect = h('select', { id: 'fce-example', class: 'fcb-select' },
    ...state.format.examples.map((e) => h('option', { value: e.file }, w(e.title))));
  const example = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('open'));
  example.addEventListener('click', async () => {
    const response = await fetch(new URL(exampleSelect.value, FORMAT_URL));
    begin(await response.json());
  });
  const file = h('input', { type: 'file', id: 'fce-file', class: 'fcb-file', accept: '.json,application/json' });
  file.addEventListener('change', () => {
    if (file.files?.length) openFile(file.files[0]);
    file.value = '';
  });
  return h('section', { class: 'fcb-step fce-start', 'aria-labelledby': 'fce-start-title' },
    h('h2', { class: 'fcb-step-title', id: 'fce-start-title' }, t('start')),
    h('div', { class: 'fcb-field' }, blank, h('p', { class: 'fcb-hint', id: 'fce-blank-hint' }, t('blankHint'))),
    h('div', { class: 'fcb-field' }, h('label', { class: 'fcb-label', for: 'fce-copy' }, t('copyLabel')), h('div', { class: 'fce-row' }, copySelect, copy)),
    h('div', { class: 'fcb-field' }, h('label', { class: 'fcb-label', for: 'fce-example' }, t('exampleLabel')), h('div', { class: 'fce-row' }, exampleSelect, example)),
    h('div', { class: 'fcb-field' }, h('label', { class: 'fcb-label', for: 'fce-file' }, t('fileLabel')), file));
}

/** A labelled field for one member of the pack (`kind`: text, textarea, number, select). */
function field(path, label, { hint, kind = 'text', optional = false, choices, onChange } = {}) {
  const id = `fce-f${++serial}`;
  const value = get(path);
  let input;
  if (kind === 'select') {
    input = h('select', { id, class: 'fcb-select' });
    const current = value === undefined ? choices.default : value;
    if (current !== undefined && !choices.options.some(([v]) => v === current)) input.append(h('option', { value: current }, String(current)));
    for (const [v, label] of choices.options) input.append(h('option', { value: v }, label));
    if (current !== undefined) input.value = current;
  } else if (kind === 'textarea') {
    input = h('textarea', { id, class: 'fcb-textarea', rows: '3' });
    input.value = value == null ? '' : String(value);
  } else {
    input = h('input', { id, class: 'fce-input', type: 'text', inputmode: kind === 'number' ? 'decimal' : null, spellcheck: 'false' });
    input.value = value == null ? '' : String(value);
  }
  const hintEl = hint ? h('p', { class: 'fcb-hint', id: `${id}-hint` }, hint) : null;
  const error = h('p', { class: 'fcb-error-message', id: `${id}-error`, hidden: '' });
  if (hintEl) input.setAttribute('aria-describedby', `${id}-hint`);
  const wrapper = h('div', { class: 'fcb-field' }, h('label', { class: 'fcb-label', for: id }, label + (optional && !/可选|optional/.test(label) ? t('optional') : '')), hintEl, error, input);
  input.addEventListener(kind === 'select' ? 'change' : 'input', () => {
    writeValue(path, input.value, kind, optional);
    onChange?.(input.value);
  });
  register(path, wrapper, error, input);
  return wrapper;
}

function writeValue(path, text, kind, optional) {
  if (kind === 'number') {
    if (text.trim() === '') remove(path);
    else {
      let n;
      try { n = parse_number(text); } catch { n = text; }
      put(path, n);
    }
  } else if (text.trim() === '' && optional) remove(path);
  else put(path, text);
}

function register(path, wrapper, error, input) {
  fields.set(pointer(path), { wrapper, error, input });
}

/** Check boxes over `items` ([{ id, name }]) for a list of ids at `path`; `all`: the list may be "all" (absent = all). */
function checkboxes(path, legend, items, { all = true, hint } = {}) {
  const id = `fce-f${++serial}`;
  const value = get(path);
  const everything = value === undefined || value === 'all';
  const current = Array.isArray(value) ? value : [];
  const error = h('p', { class: 'fcb-error-message', id: `${id}-error`, hidden: '' });
  const boxes = items.map((item, i) => {
    const box = h('input', { type: 'checkbox', class: 'fcb-radio', id: `${id}-${i}`, value: item.id });
    box.checked = everything || current.some((e) => entryId(e) === item.id);
    box.addEventListener('change', () => {
      const checked = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
      if (all && checked.size === items.length) put(path, 'all');
      else {
        const base = everything ? items.map((i) => i.id) : current;
        const kept = base.filter((e) => checked.has(entryId(e)));
        const added = items.map((i) => i.id).filter((i) => checked.has(i) && !kept.some((e) => entryId(e) === i));
        put(path, [...kept, ...added]);
      }
    });
    return box;
  });
  const fieldset = h('fieldset', { class: 'fcb-fieldset fcb-field', 'aria-describedby': hint ? `${id}-hint` : null },
    h('legend', { class: 'fcb-legend' }, legend),
    hint ? h('p', { class: 'fcb-hint', id: `${id}-hint` }, hint) : null,
    error,
    h('div', { class: 'fce-checks' }, ...boxes.map((box, i) => h('div', { class: 'fcb-radio-item' }, box, h('label', { for: box.id }, items[i].name)))));
  register(path, fieldset, error, boxes[0] ?? fieldset);
  return fieldset;
}

function card(title, path, what, ...children) {
  const removeButton = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary fce-remove' }, t('remove', { what }));
  removeButton.addEventListener('click', () => {
    remove(path);
    build();
    refresh();
  });
  const wrapper = h('section', { class: 'fce-card' }, h('h3', { class: 'fce-card-title' }, title), ...children, removeButton);
  register(path, wrapper, h('p', { class: 'fcb-error-message', hidden: '' }), wrapper);
  fields.get(pointer(path)).error = wrapper.insertBefore(h('p', { class: 'fcb-error-message', hidden: '' }), wrapper.children[1]);
  return wrapper;
}

function addButton(label, action) {
  const button = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, label);
  button.addEventListener('click', () => {
    action();
    build();
    refresh();
    const cards = container.querySelectorAll(`[data-list="${button.dataset.for}"] .fce-card`);
    cards[cards.length - 1]?.querySelector('input, select, textarea')?.focus();
  });
  return button;
}

function section(id, title, ...children) {
  return h('section', { class: 'fcb-step', 'aria-labelledby': `fce-${id}-title`, 'data-list': id },
    h('h2', { class: 'fcb-step-title', id: `fce-${id}-title` }, title), ...children);
}

function buildPack() {
  const extendsBox = h('input', { type: 'checkbox', class: 'fcb-radio', id: 'fce-extends' });
  extendsBox.checked = extendsBuiltin();
  extendsBox.addEventListener('change', () => {
    if (extendsBox.checked) put(['extends'], 'builtin');
    else remove(['extends']);
    build();
    refresh();
    document.getElementById('fce-extends')?.focus();
  });
  return section('pack', t('packSection'),
    field(['title'], t('packTitle'), { hint: t('packTitleHint') }),
    field(['title_en'], t('packTitleEn'), { optional: true }),
    field(['publisher'], t('publisher')),
    field(['version'], t('version'), { hint: t('versionHint') }),
    field(['id'], t('packId')),
    h('div', { class: 'fcb-radio-item fcb-field' }, extendsBox, h('label', { for: 'fce-extends' }, t('extends'))));
}

function buildDocuments() {
  const statuses = state.format.statuses.map((s) => [s.id, w(s.words)]);
  const cards = list('documents').map((doc, i) => {
    const path = ['documents', i];
    const name = t('document', { n: i + 1 });
    return card(name, path, name,
      field([...path, 'title'], t('docTitle')),
      field([...path, 'short_title_zh'], t('docShort'), { optional: true }),
      field([...path, 'issuer_zh'], t('issuer')),
      field([...path, 'date'], t('date'), { hint: t('dateHint') }),
      field([...path, 'status'], t('status'), { kind: 'select', choices: { options: statuses } }),
      field([...path, 'source'], t('source'), { optional: true, hint: t('sourceHint') }),
      field([...path, 'id'], t('id')));
  });
  const add = addButton(t('addDocument'), () => {
    const docs = state.pack.documents ?? (state.pack.documents = []);
    const id = nextId('doc-', available('documents').map((d) => d.id));
    docs.push({ id, title: '', issuer_zh: '', date: '', status: 'in_force' });
    // A new document applies in the pack's first jurisdiction.
    const jurisdiction = list('jurisdictions')[0];
    if (jurisdiction && Array.isArray(jurisdiction.documents)) jurisdiction.documents.push(id);
  });
  add.dataset.for = 'documents';
  return section('documents', t('documents'), ...cards, add);
}

function buildTypes() {
  const children = [];
  if (extendsBuiltin()) {
    children.push(h('p', { class: 'fcb-hint' }, t('typesBuiltin', { names: state.builtin.settlements.map((s) => w({ zh: s.name_zh, en: s.name_en })).join('、') })));
  } else {
    const own = new Set(list('settlements').map((s) => s.id));
    const missing = state.builtin.settlements.filter((s) => !own.has(s.id));
    if (missing.length) {
      const select = h('select', { id: 'fce-reuse', class: 'fcb-select' }, ...missing.map((s) => h('option', { value: s.id }, w({ zh: s.name_zh, en: s.name_en }))));
      const add = addButton(t('add'), () => {
        (state.pack.settlements ?? (state.pack.settlements = [])).push(structuredClone(state.builtin.settlements.find((s) => s.id === select.value)));
      });
      add.dataset.for = 'types';
      children.push(h('div', { class: 'fcb-field' }, h('label', { class: 'fcb-label', for: 'fce-reuse' }, t('reuseType')), h('div', { class: 'fce-row' }, select, add)));
    }
  }
  list('settlements').forEach((type, i) => {
    const path = ['settlements', i];
    const name = t('type', { n: i + 1 });
    children.push(card(name, path, name,
      field([...path, 'name_zh'], t('typeName')),
      field([...path, 'name_en'], t('typeNameEn'), { optional: true }),
      field([...path, 'description_zh'], t('typeDescription'), { optional: true }),
      field([...path, 'id'], t('id'))));
  });
  const add = addButton(t('addType'), () => {
    (state.pack.settlements ?? (state.pack.settlements = [])).push({ id: nextId('type-', available('settlements').map((s) => s.id)), name_zh: '' });
  });
  add.dataset.for = 'types';
  return section('types', t('types'), ...children, add);
}

const named = (e) => ({ id: e.id, name: w({ zh: e.name_zh ?? e.title ?? e.id, en: e.name_en }) || e.id });

function buildJurisdictions() {
  const cards = list('jurisdictions').map((jurisdiction, i) => {
    const path = ['jurisdictions', i];
    const name = t('jurisdiction', { n: i + 1 });
    const docs = available('documents').map((d) => ({ id: d.id, name: d.short_title_zh || d.title || d.id }));
    return card(name, path, name,
      field([...path, 'name_zh'], t('jurName')),
      field([...path, 'name_en'], t('jurNameEn'), { optional: true }),
      checkboxes([...path, 'documents'], t('jurDocuments'), docs, { all: false }),
      checkboxes([...path, 'settlements'], t('jurTypes'), available('settlements').map(named), { all: false }),
      field([...path, 'id'], t('id')));
  });
  const add = addButton(t('addJurisdiction'), () => {
    const id = nextId('area-', available('jurisdictions').map((j) => j.id));
    (state.pack.jurisdictions ?? (state.pack.jurisdictions = [])).push({ id, name_zh: '', documents: list('documents').map((d) => d.id) });
    state.samples = defaultSamples();
  });
  add.dataset.for = 'jurisdictions';
  return section('jurisdictions', t('jurisdictions'), ...cards, add);
}

function ruleHeading(rule, i) {
  const kind = kindDef(rule?.kind);
  return kind ? t('ruleNamed', { n: i + 1, kind: w(kind.label) }) : t('rule', { n: i + 1 });
}

function buildRules() {
  const docs = available('documents');
  const cards = list('rules').map((rule, i) => buildRule(rule, i, docs));
  const add = addButton(t('addRule'), () => {
    const rules = state.pack.rules ?? (state.pack.rules = []);
    const doc = list('documents')[list('documents').length - 1]?.id ?? docs[0]?.id ?? '';
    const id = nextId(`${doc}.rule-`, available('rules').map((r) => r.id));
    rules.push({ id, document: doc, kind: 'minimum_area', title_zh: '', figure: { shape: 'per_100_households' }, section: '', quote: '' });
  });
  add.dataset.for = 'rules';
  return section('rules', t('rules'), ...cards, add);
}

function buildRule(rule, i, docs) {
  const path = ['rules', i];
  const kind = kindDef(rule.kind);
  const rebuild = () => { build(); refresh(); };
  const children = [
    field([...path, 'kind'], t('kind'), {
      kind: 'select',
      choices: { options: state.format.kinds.map((k) => [k.id, w(k.label)]) },
      onChange: (value) => {
        const next = kindDef(value);
        if (!next.shapes.includes(rule.figure?.shape)) rule.figure = { shape: next.shapes[0] };
        if (!next.recommended) delete rule.level;
        rebuild();
        document.getElementById(fields.get(pointer([...path, 'kind'])).input.id)?.focus();
      },
    }),
  ];
  if (kind && kind.shapes.length > 1) {
    children.push(field([...path, 'figure', 'shape'], t('shape'), {
      kind: 'select',
      choices: { options: kind.shapes.map((s) => [s, w(shapeDef(s).computes)]) },
      onChange: (value) => {
        rule.figure = { shape: value };
        rebuild();
        document.getElementById(fields.get(pointer([...path, 'figure', 'shape'])).input.id)?.focus();
      },
    }));
  }
  const shape = shapeDef(rule.figure?.shape);
  if (shape) children.push(figureFields(shape, [...path, 'figure'], kind, rebuild));
  if (kind?.recommended) {
    children.push(field([...path, 'level'], t('level'), { kind: 'select', choices: { options: state.format.levels.map((l) => [l.id, w(l.words)]), default: 'required' } }));
  }
  children.push(
    checkboxes([...path, 'scope', 'settlements'], t('appliesTo'), available('settlements').map(named)),
    checkboxes([...path, 'scope', 'constructions'], t('constructions'), state.format.constructions.map((c) => ({ id: c.id, name: w(c.words) }))),
    field([...path, 'scope', 'text_zh'], t('scopeText'), { optional: true }),
    field([...path, 'document'], t('ruleDocument'), { kind: 'select', choices: { options: docs.map((d) => [d.id, d.short_title_zh || d.title || d.id]) } }),
    field([...path, 'title_zh'], t('ruleTitle')),
    field([...path, 'title_en'], t('ruleTitleEn'), { optional: true }),
    field([...path, 'section'], t('section'), { hint: t('sectionHint') }),
    field([...path, 'quote'], t('quote'), { kind: 'textarea', hint: t('quoteHint') }),
    field([...path, 'note_zh'], t('note'), { kind: 'textarea', optional: true }),
    field([...path, 'id'], t('id')));
  const built = card(ruleHeading(rule, i), path, t('rule', { n: i + 1 }), ...children);
  built.dataset.rule = String(i);
  return built;
}

function rangeWords(value) {
  const n = (x) => x.toLocaleString(state.lang ? 'en' : 'zh-CN');
  if (value.whole) return t('rangeWhole', { min: n(value.min), max: n(value.max) });
  return t(value.min_inclusive ? 'rangeClosed' : 'rangeAbove', { min: n(value.min), max: n(value.max) });
}

/** A figure's keys: as the document's sentence when the shape has one ("每百户 [35] 平方米"), else one field each. */
function figureFields(shape, path, kind, rebuild) {
  const form = w(shape.form);
  const numbers = shape.keys.every((k) => k.value.type === 'number');
  if (form && numbers) {
    const id = `fce-f${++serial}`;
    const error = h('p', { class: 'fcb-error-message', id: `${id}-error`, hidden: '' });
    const hints = [];
    const sentence = h('p', { class: 'fce-sentence' });
    if (kind && w(kind.bound)) sentence.append(`${w(kind.bound)} `);
    for (const piece of form.split(/(\{\w+\})/)) {
      const name = piece.match(/^\{(\w+)\}$/)?.[1];
      const key = name && shape.keys.find((k) => k.name === name);
      if (!key) {
        sentence.append(piece);
        continue;
      }
      const input = h('input', { id: `${id}-${name}`, class: 'fce-input fce-input--number', type: 'text', inputmode: 'decimal', 'aria-label': w(key.about), 'aria-describedby': `${id}-hint` });
      const value = get([...path, name]);
      input.value = value == null ? '' : String(value);
      input.addEventListener('input', () => writeValue([...path, name], input.value, 'number', false));
      register([...path, name], sentence.parentNode ?? null, error, input);
      sentence.append(input);
      hints.push(`${w(key.about)}：${rangeWords(key.value)}`);
    }
    const wrapper = h('div', { class: 'fcb-field' },
      h('p', { class: 'fcb-label', id: `${id}-label` }, t('figure')),
      h('p', { class: 'fcb-hint', id: `${id}-hint` }, hints.join('；')),
      error, sentence);
    for (const key of shape.keys) {
      const entry = fields.get(pointer([...path, key.name]));
      if (entry) entry.wrapper = wrapper;
    }
    register(path, wrapper, error, sentence.querySelector('input') ?? wrapper);
    return wrapper;
  }
  const group = h('fieldset', { class: 'fcb-fieldset fce-group' }, h('legend', { class: 'fcb-legend' }, `${t('figure')}：${w(shape.computes)}`));
  const error = h('p', { class: 'fcb-error-message', hidden: '' });
  group.append(error);
  register(path, group, error, group);
  for (const key of shape.keys) group.append(keyField(key, [...path, key.name], rebuild));
  return group;
}

function keyField(key, path, rebuild) {
  const about = w(key.about);
  const value = key.value;
  const last = path.slice(0, -1);
  switch (value.type) {
    case 'number':
      return field(path, about, { kind: 'number', optional: !key.required, hint: rangeWords(value) });
    case 'words':
      return h('div', {},
        field([...last, value.zh], about, { kind: 'textarea', optional: !key.required }),
        field([...last, value.en], `${about}（English）`, { kind: 'textarea', optional: true }));
    case 'settlements':
      return checkboxes(path, about, available('settlements').map(named));
    case 'programme':
      return field(path, about, { kind: 'select', choices: { options: available('programmes').map((p) => [p.id, w({ zh: p.name_zh, en: p.name_en }) || p.id]) } });
    case 'one_of':
      return field(path, about, { kind: 'select', choices: { options: value.choices.map((c) => [c.id, w(c.words) || c.id]) } });
    case 'figure': {
      const current = get(path);
      const group = h('fieldset', { class: 'fcb-fieldset fce-group' }, h('legend', { class: 'fcb-legend' }, about));
      group.append(field([...path, 'shape'], t('shape'), {
        kind: 'select',
        choices: { options: value.shapes.map((s) => [s, w(shapeDef(s).computes)]), default: undefined },
        onChange: (v) => { put(path, { shape: v }); rebuild(); },
      }));
      const shape = shapeDef(current?.shape);
      if (shape) group.append(figureFields(shape, path, null, rebuild));
      return group;
    }
    case 'entries': {
      const entries = Array.isArray(get(path)) ? get(path) : [];
      const group = h('fieldset', { class: 'fcb-fieldset fce-group' }, h('legend', { class: 'fcb-legend' }, about));
      const error = h('p', { class: 'fcb-error-message', hidden: '' });
      group.append(error);
      register(path, group, error, group);
      entries.forEach((_, j) => {
        const entryGroup = h('fieldset', { class: 'fcb-fieldset fce-entry' }, h('legend', { class: 'fcb-legend' }, t('entry', { n: j + 1 })));
        for (const k of value.keys) entryGroup.append(keyField(k, [...path, j, k.name], rebuild));
        const removeButton = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('remove', { what: t('entry', { n: j + 1 }) }));
        removeButton.addEventListener('click', () => { remove([...path, j]); rebuild(); });
        entryGroup.append(removeButton);
        group.append(entryGroup);
      });
      const add = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('addEntry'));
      add.addEventListener('click', () => { put([...path, entries.length], {}); rebuild(); });
      group.append(add);
      return group;
    }
    default:
      return h('p', {}, key.name);
  }
}

// ---- checking, summary and preview (the engine's) ------------------------------------------------------

function changed() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 120);
  // A rule's heading names its kind.
  container.querySelectorAll('[data-rule]').forEach((el) => {
    const i = Number(el.dataset.rule);
    el.querySelector('.fce-card-title').textContent = ruleHeading(list('rules')[i], i);
  });
}

/** Where a problem is, in words: "第 3 条规则（办公面积上限）". */
function place(path) {
  const [name, index] = path.split('/').slice(1);
  const i = Number(index);
  const entry = list(name)[i];
  if (name === 'rules' && entry) return ruleHeading(entry, i);
  if (name === 'documents' && entry) return `${t('document', { n: i + 1 })}${entry.title ? `（${entry.title}）` : ''}`;
  if (name === 'jurisdictions' && entry) return `${t('jurisdiction', { n: i + 1 })}${entry.name_zh ? `（${entry.name_zh}）` : ''}`;
  if (name === 'settlements' && entry) return `${t('type', { n: i + 1 })}${entry.name_zh ? `（${entry.name_zh}）` : ''}`;
  return t('thePack');
}

/** The field a problem's path belongs to: the longest path drawn that starts it. */
function fieldFor(path) {
  const segments = path.split('/');
  while (segments.length) {
    const found = fields.get(segments.join('/'));
    if (found) return found;
    segments.pop();
  }
  return null;
}

function refresh() {
  if (!state.pack) return;
  state.problems = validate_rules(state.pack);
  showProblems();
  showSummary();
  showPreview();
  announce();
}

function showProblems() {
  for (const { wrapper, error } of fields.values()) {
    error.hidden = true;
    error.replaceChildren();
    wrapper?.classList.remove('fcb-field--error');
  }
  const problems = state.problems;
  if (!problems.length) {
    parts.problems.className = 'fce-problems fce-problems--none';
    parts.problems.replaceChildren(h('p', {}, t('noProblems')));
    return;
  }
  parts.problems.className = 'fcb-error-summary fce-problems';
  const items = problems.map((problem) => {
    const message = state.lang ? problem.message : problem.message_zh;
    const target = fieldFor(problem.path);
    if (target) {
      target.error.hidden = false;
      target.error.append(h('span', {}, message), ' ', h('span', { class: 'fce-technical' }, t('technical'), h('code', {}, problem.path || '/')));
      target.wrapper?.classList.add('fcb-field--error');
    }
    const text = `${place(problem.path)}：${message}`;
    const item = target?.input?.id
      ? h('a', { href: `#${target.input.id}` }, text)
      : h('span', {}, text);
    if (target?.input?.id) {
      item.addEventListener('click', (event) => {
        event.preventDefault();
        target.input.scrollIntoView({ block: 'center' });
        target.input.focus();
      });
    }
    return h('li', {}, item, ' ', h('span', { class: 'fce-technical' }, t('technical'), h('code', {}, problem.path || '/')));
  });
  parts.problems.replaceChildren(
    h('h2', { class: 'fcb-error-title' }, t('problemsTitle', { n: problems.length })),
    h('ul', { class: 'fcb-error-list' }, ...items));
}

function figureWords(figure, kind) {
  const shape = shapeDef(figure?.shape);
  if (!shape) return '';
  const form = w(shape.form);
  const bound = kind ? w(kind.bound) : '';
  if (form) {
    const text = form.replace(/\{(\w+)\}/g, (_, name) => (figure[name] == null ? '…' : String(figure[name])));
    return bound ? `${bound} ${text}` : text;
  }
  if (shape.id === 'tiers' && Array.isArray(figure.tiers)) {
    return figure.tiers.map((tier) => `${tier.up_to == null ? '' : `≤ ${tier.up_to}：`}${figureWords(tier.figure, kind)}`).join('；');
  }
  return w(shape.computes);
}

function showSummary() {
  const types = available('settlements');
  const items = list('rules').map((rule, i) => {
    const kind = kindDef(rule.kind);
    const scope = rule.scope?.settlements;
    const whom = Array.isArray(scope)
      ? scope.map((id) => { const s = types.find((x) => x.id === id); return s ? w({ zh: s.name_zh, en: s.name_en }) : id; }).join('、')
      : t('allTypes');
    return h('li', {}, `${whom}：${kind ? w(kind.label) : rule.kind ?? ''} ${figureWords(rule.figure, kind)}`.trim(),
      h('span', { class: 'fce-rule-from' }, ` ${t('rule', { n: i + 1 })}`));
  });
  parts.summary.replaceChildren(
    h('h2', { class: 'fcb-summary-title' }, t('summaryTitle')),
    items.length ? h('ul', { class: 'fce-summary-list' }, ...items) : h('p', {}, t('noRules')));
}

function showPreview() {
  const title = h('h2', { class: 'fcb-summary-title' }, t('previewTitle'));
  const jurisdictions = list('jurisdictions');
  if (!jurisdictions.length) {
    parts.preview.replaceChildren(title, h('p', {}, t('noJurisdiction')));
    return;
  }
  let rulesId = null;
  if (!state.problems.length) {
    try { rulesId = load_rules(state.pack); } catch { rulesId = null; }
  }
  const n = (x) => x.toLocaleString(state.lang ? 'en' : 'zh-CN');
  const rows = state.samples.map((sample, i) => {
    const jurisdiction = jurisdictions.find((j) => j.id === sample.jurisdiction) ?? jurisdictions[0];
    sample.jurisdiction = jurisdiction.id;
    const types = typesOf(jurisdiction);
    // A type the jurisdiction no longer offers: the first (the third sample: the second, as at the start).
    if (!types.some((s) => s.id === sample.settlement)) sample.settlement = (types[i === 2 ? 1 : 0] ?? types[0])?.id;
    const jurSelect = h('select', { class: 'fcb-select', 'aria-label': t('sampleJur', { n: i + 1 }) },
      ...jurisdictions.map((j) => h('option', { value: j.id }, w({ zh: j.name_zh, en: j.name_en }) || j.id)));
    jurSelect.value = sample.jurisdiction;
    jurSelect.addEventListener('change', () => { sample.jurisdiction = jurSelect.value; showPreview(); });
    const typeSelect = h('select', { class: 'fcb-select', 'aria-label': t('sampleType', { n: i + 1 }) },
      ...types.map((s) => h('option', { value: s.id }, w({ zh: s.name_zh, en: s.name_en }) || s.id)));
    if (sample.settlement) typeSelect.value = sample.settlement;
    typeSelect.addEventListener('change', () => { sample.settlement = typeSelect.value; showPreview(); });
    const households = h('input', { class: 'fce-input fce-input--number', type: 'text', inputmode: 'numeric', 'aria-label': t('sampleHouseholds', { n: i + 1 }) });
    households.value = sample.households;
    households.addEventListener('change', () => { sample.households = households.value; showPreview(); });
    const result = h('div', { class: 'fce-result', 'data-sample': String(i) });
    if (!rulesId) result.append(t('previewBlocked'));
    else {
      try {
        const r = evaluate({ jurisdiction: sample.jurisdiction, settlement: sample.settlement, households: sample.households }, { rules: rulesId });
        const lines = [];
        if (r.required_area_m2 != null) lines.push(t('requiredArea', { v: n(r.required_area_m2) }));
        if (r.max_area_m2 != null) lines.push(t('maxArea', { v: n(r.max_area_m2) }));
        // The shares are in the governing rules' formulas below, in the engine's words.
        if (r.office_max_m2 != null) lines.push(t('officeMax', { v: n(r.office_max_m2) }));
        if (r.activity_min_m2 != null) lines.push(t('activityMin', { v: n(r.activity_min_m2) }));
        if (r.staff_min != null) lines.push(t('staff', { v: r.staff_max != null && r.staff_max !== r.staff_min ? `${n(r.staff_min)}–${n(r.staff_max)}` : n(r.staff_min) }));
        result.append(h('p', { class: 'fce-result-figures' }, lines.join('；')));
        const formulas = r.rules.filter((rule) => rule.status === 'applies' && rule.governing).map((rule) => h('li', {}, state.lang ? rule.formula_en : rule.formula_zh));
        if (formulas.length) result.append(h('ul', { class: 'fce-formulas' }, ...formulas));
      } catch (error) {
        result.append((error.errors ?? []).map((e) => (state.lang ? e.message : e.message_zh)).join('；') || String(error.message));
      }
    }
    return h('li', { class: 'fce-sample' }, h('p', { class: 'fce-sample-title' }, t('sample', { n: i + 1 })), h('div', { class: 'fce-row' }, jurSelect, typeSelect, households), result);
  });
  const add = h('button', { type: 'button', class: 'fcb-button fcb-button--secondary' }, t('addSample'));
  add.addEventListener('click', () => { state.samples.push({ ...state.samples[state.samples.length - 1] }); showPreview(); });
  parts.preview.replaceChildren(title, h('p', { class: 'fcb-hint' }, t('previewHint')), h('ol', { class: 'fce-samples' }, ...rows), add);
}

function announce() {
  if (parts.status) parts.status.textContent = state.notice;
}

function save() {
  const text = `${JSON.stringify(state.pack, null, 2)}\n`;
  const name = `${state.pack.id || 'rule-pack'}.json`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = h('a', { href: url, download: name, hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  state.notice = state.problems.length ? t('downloadWithProblems', { n: state.problems.length }) : t('downloaded', { name });
  announce();
}

// ---- helpers ---------------------------------------------------------------------------------------------

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

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
}

// ---- start -----------------------------------------------------------------------------------------------

container.append(h('p', { role: 'status' }, t('loading')));
try {
  const [format] = await Promise.all([fetch(FORMAT_URL).then((r) => r.json()), init()]);
  state.format = format;
  state.builtin = builtin_pack();
  build();
  container.dataset.ready = 'true';
} catch (error) {
  container.replaceChildren(h('p', { class: 'fcb-error-message', role: 'alert' }, `${t('moduleFailed')} (${error.message})`));
}
