// The playground page: pick or edit an experiment (checked as you type, as `hasim validate` does;
// keys completed from the experiment's JSON Schema; the common knobs also in a form),
// run it in Web Workers, read the answer (the CLI's table and verdict, then the report's first
// screen with its charts), download the result files, share the experiment as a link.
import { EditorState } from '@codemirror/state';
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { headlineTable } from '../../src/cli/table.js';
import { verdictLines } from '../../src/cli/verdict.js';
import { InterruptedError } from '../../src/experiment/run-errors.js';
import { setWorkerFactory } from './browser-pool.js';
import { check, type Checked } from './check.js';
import { examples } from './examples.js';
import { formView } from './form-view.js';
import { reportPage, type RenderSvg } from './report-page.js';
import { runInBrowser, type PageResult } from './run-in-browser.js';
import { schemaCompletion } from './schema-completion.js';
import { encodeExperiment, readUrlState } from './url-state.js';

declare const HASIM_WORKER_SOURCE: string;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`playground: #${id} is missing`);
  return el as T;
};

const picker = $<HTMLSelectElement>('example');
const runButton = $<HTMLButtonElement>('run');
const cancelButton = $<HTMLButtonElement>('cancel');
const progress = $<HTMLProgressElement>('progress');
const status = $('status');
const errors = $('errors');
const answer = $('answer');
const verdict = $('verdict');
const table = $('table');
const downloads = $('downloads');
const report = $<HTMLIFrameElement>('report');

const workerUrl = URL.createObjectURL(new Blob([HASIM_WORKER_SOURCE], { type: 'text/javascript' }));
setWorkerFactory(() => new Worker(workerUrl));
const cores = Math.max(1, navigator.hardwareConcurrency || 1);

/** The example the editor holds unchanged, if any: its file name is the CLI's (experiments/<name>.yaml). */
let loadedExample: { name: string; text: string } | undefined;
let running: AbortController | undefined;

function fileName(text: string): string {
  return loadedExample && loadedExample.text === text ? `experiments/${loadedExample.name}.yaml` : 'experiment.yaml';
}

function currentCheck(): Checked {
  const text = editor.state.doc.toString();
  return check(fileName(text), text);
}

function showProblems(c: Checked): void {
  errors.replaceChildren(
    ...(c.ok ? [] : c.problems).map((p) => {
      const li = document.createElement('li');
      li.textContent = p.text;
      return li;
    }),
  );
  runButton.disabled = !c.ok || running !== undefined;
}

const experimentLinter = linter(
  (view): Diagnostic[] => {
    const c = currentCheck();
    showProblems(c);
    if (c.ok) return [];
    const doc = view.state.doc;
    return c.problems.map((p) => {
      const line = doc.line(Math.min(Math.max(1, p.line ?? 1), doc.lines));
      const from = Math.min(line.from + Math.max(0, (p.column ?? 1) - 1), line.to);
      return { from, to: Math.max(from, line.to), severity: 'error', message: p.text };
    });
  },
  { delay: 250 },
);

let shareTimer: ReturnType<typeof setTimeout> | undefined;
let formTimer: ReturnType<typeof setTimeout> | undefined;
const editor = new EditorView({
  parent: $('editor'),
  extensions: [
    basicSetup,
    yaml(),
    lintGutter(),
    experimentLinter,
    EditorState.languageData.of(() => [{ autocomplete: schemaCompletion }]),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      clearTimeout(shareTimer);
      shareTimer = setTimeout(() => void share(), 400);
      clearTimeout(formTimer);
      formTimer = setTimeout(() => form.show(editor.state.doc.toString()), 150);
    }),
  ],
});

/** Replaces the editor's text by `text`, changing only the span that differs (the cursor stays). */
function rewrite(text: string): void {
  const old = editor.state.doc.toString();
  if (old === text) return;
  let from = 0;
  while (from < old.length && from < text.length && old[from] === text[from]) from++;
  let end = 0;
  while (end < old.length - from && end < text.length - from && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  editor.dispatch({ changes: { from, to: old.length - end, insert: text.slice(from, text.length - end) } });
}

const form = formView($('knobs'), () => editor.state.doc.toString(), rewrite);

/** Puts the experiment into the URL (#example= while it is a shipped one unchanged, else #exp=). */
async function share(): Promise<void> {
  const text = editor.state.doc.toString();
  const hash = loadedExample && loadedExample.text === text ? `#example=${encodeURIComponent(loadedExample.name)}` : `#exp=${await encodeExperiment(text)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function setText(text: string, example?: string): void {
  loadedExample = example !== undefined ? { name: example, text } : undefined;
  picker.value = example ?? '';
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  form.show(text);
  showProblems(currentCheck());
}

function dataUrl(type: string, text: string): string {
  return `data:${type};charset=utf-8,${encodeURIComponent(text)}`;
}

function link(id: string, name: string, type: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.id = id;
  a.download = name;
  a.href = dataUrl(type, text);
  a.textContent = name;
  return a;
}

let renderSvg: Promise<RenderSvg> | undefined;
/** vega and vega-lite, loaded once, after the first run (a classic script: file:// pages allow those). */
function loadCharts(): Promise<RenderSvg> {
  renderSvg ??= new Promise<RenderSvg>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'vega.js';
    s.onload = () => {
      const r = (globalThis as { hasimRenderSvg?: RenderSvg }).hasimRenderSvg;
      if (r) resolve(r);
      else reject(new Error('vega.js did not load'));
    };
    s.onerror = () => reject(new Error('vega.js could not be loaded'));
    document.head.append(s);
  });
  return renderSvg;
}

async function showAnswer(result: PageResult, yamlText: string, file: string): Promise<void> {
  verdict.textContent = verdictLines(result.context, result.summary).join('\n');
  table.textContent = headlineTable(result.context, result.summary);
  const f = result.files;
  downloads.replaceChildren(
    link('download-runs', 'runs.csv', 'text/csv', f.get('runs.csv') ?? ''),
    link('download-summary', 'summary.csv', 'text/csv', f.get('summary.csv') ?? ''),
    link('download-meta', 'meta.json', 'application/json', f.get('meta.json') ?? ''),
    link('download-experiment', file.replace(/^.*\//, ''), 'text/yaml', yamlText),
  );
  answer.hidden = false;
  report.srcdoc = await reportPage(f);
  try {
    report.srcdoc = await reportPage(f, await loadCharts());
    report.dataset['charts'] = 'rendered';
  } catch (err) {
    status.textContent = `charts not drawn: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function run(): Promise<void> {
  const text = editor.state.doc.toString();
  const file = fileName(text);
  const c = check(file, text);
  showProblems(c);
  if (!c.ok || running) return;
  const controller = new AbortController();
  running = controller;
  runButton.disabled = true;
  cancelButton.disabled = false;
  document.body.dataset['state'] = 'running';
  answer.hidden = true;
  const total = c.exp.configurations.length * c.exp.spec.replications;
  progress.max = total;
  progress.value = 0;
  const workers = Math.min(cores, total);
  status.textContent = `running ${total} runs on ${workers} worker${workers === 1 ? '' : 's'}…`;
  try {
    const result = await runInBrowser(c.exp, {
      workers,
      signal: controller.signal,
      onProgress: (done, all) => {
        progress.max = all;
        progress.value = done;
      },
    });
    status.textContent = `${c.exp.spec.name}: ${result.summary.length > 0 ? c.exp.configurations.length : 0} configuration(s), ${progress.max} runs in ${result.wallTimeS.toFixed(1)} s`;
    document.body.dataset['state'] = 'done';
    await showAnswer(result, text, file);
    document.body.dataset['state'] = 'shown';
  } catch (err) {
    document.body.dataset['state'] = err instanceof InterruptedError ? 'cancelled' : 'failed';
    status.textContent = err instanceof InterruptedError ? 'cancelled' : `failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    running = undefined;
    cancelButton.disabled = true;
    showProblems(currentCheck());
  }
}

for (const name of Object.keys(examples)) picker.add(new Option(name, name));
picker.addEventListener('change', () => {
  const text = examples[picker.value];
  if (text !== undefined) setText(text, picker.value);
  void share();
});
runButton.addEventListener('click', () => void run());
cancelButton.addEventListener('click', () => running?.abort());

async function start(): Promise<void> {
  const state = await readUrlState(location.hash);
  const example = state.example !== undefined && examples[state.example] !== undefined ? state.example : state.exp === undefined ? 'flagship' : undefined;
  if (state.exp !== undefined) setText(state.exp);
  else if (example !== undefined) setText(examples[example] ?? '', example);
  document.body.dataset['state'] = 'ready';
  if (state.run) await run();
}

void start();
