// The pandas example (examples/python/plot_results.py) and the notebook
// (examples/notebooks/read_results.ipynb) on real result directories: the shipped M/M/c
// experiment (shortened), the report fixture (NaN and infinite metrics), and a sweep of string
// values that pandas would by default turn into missing values ("NA", "None"). Every column must
// have its documented dtype and every cell must read back as exactly the value in the CSV.
// Skipped, with a note, where Debian's python3 with pandas is missing (apt-get install python3-pandas).
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCsv, parseNumberCell } from '../src/report/csv-parse.js';
import { defaultMetricSpec } from '../src/base/metric-spec.js';
import type { RunRecord } from '../src/experiment/run-record.js';
import { writeResults } from '../src/output/write-results.js';
import { runShippedExperiment, writeFixture, writeStringSweep } from './report-fixture.js';

const PYTHON = '/usr/bin/python3'; // Debian's, with python3-pandas (a pyenv python3 on PATH may lack pandas)
const root = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(root, 'examples', 'python', 'plot_results.py');
const NOTEBOOK = join(root, 'examples', 'notebooks', 'read_results.ipynb');

function pandasVersion(): string | undefined {
  if (!existsSync(PYTHON)) return undefined;
  const r = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
const pandas = pandasVersion();
if (!pandas) console.log(`report-python: skipped, ${PYTHON} with pandas is missing (apt-get install -y python3-pandas)`);
const hasMatplotlib = pandas !== undefined && spawnSync(PYTHON, ['-c', 'import matplotlib'], { encoding: 'utf8' }).status === 0;

/** The notebook's code cells, top to bottom, as one script. */
function notebookCode(): string {
  const nb = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as { nbformat: number; cells: { cell_type: string; source: string[] }[] };
  expect(nb.nbformat).toBe(4);
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n\n');
}

type PyValue = string | number | null;
interface PyTable {
  rows: number;
  dtypes: Record<string, string>;
  columns: Record<string, PyValue[]>;
}

const STRING_COLUMNS = ['experiment', 'config_id', 'seed', 'metric', 'note'];
const INT_COLUMNS = ['replication', 'n'];

/**
 * Checks a table read by pandas against the CSV file, cell by cell. `companions` (meta.json
 * numeric_columns: swept column → numeric companion) must read as numbers: int64 where every
 * value is an integer, else float64.
 */
function checkTable(file: string, py: PyTable, swept: readonly string[], companions: ReadonlyMap<string, string>): void {
  const csv = parseCsv(readFileSync(file, 'utf8'), file);
  expect(py.rows).toBe(csv.rows.length);
  expect(Object.keys(py.dtypes)).toEqual(csv.header);
  csv.header.forEach((col, i) => {
    const cells = csv.rows.map((r) => r[i]!);
    const values = py.columns[col]!;
    let dtype: string;
    if (STRING_COLUMNS.includes(col)) dtype = 'object';
    else if (INT_COLUMNS.includes(col)) dtype = 'int64';
    else if ([...companions.values()].includes(col)) dtype = cells.every((c) => Number.isInteger(Number(c))) ? 'int64' : 'float64';
    else if (swept.includes(col)) {
      const numeric = cells.every((c) => c !== '' && Number.isFinite(Number(c)));
      dtype = !numeric ? 'object' : cells.every((c) => Number.isInteger(Number(c))) ? 'int64' : 'float64';
    } else dtype = 'float64';
    expect(py.dtypes[col], `${file}: dtype of ${col}`).toBe(dtype);
    cells.forEach((cell, k) => {
      const v = values[k];
      const where = `${file}: ${col}, row ${k + 1}`;
      if (dtype === 'object') expect(v, where).toBe(cell);
      else {
        const got = v === null ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number);
        expect(Object.is(got, parseNumberCell(cell)) || (got === 0 && parseNumberCell(cell) === 0), `${where}: ${String(v)} vs "${cell}"`).toBe(true);
      }
    });
  });
}

/** Runs python3 with `args`; resolves with its exit status and output (never rejects). */
function python(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg', ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function companionsOf(dir: string): Map<string, string> {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { numeric_columns?: Record<string, { column: string }> };
  return new Map(Object.entries(meta.numeric_columns ?? {}).map(([c, v]) => [c, v.column]));
}

function check(dir: string, out: string): void {
  const py = JSON.parse(out) as { runs: PyTable; summary: PyTable };
  const header = parseCsv(readFileSync(join(dir, 'summary.csv'), 'utf8')).header;
  const swept = header.slice(header.indexOf('config_id') + 1, header.indexOf('metric'));
  const companions = companionsOf(dir);
  checkTable(join(dir, 'runs.csv'), py.runs, swept, companions);
  checkTable(join(dir, 'summary.csv'), py.summary, swept, companions);
}

/** A sweep of durations and rates written with units, and their numeric companions. */
function writeUnitSweep(dir: string): void {
  const values = [
    { hb: '250ms', rate: '5/min' },
    { hb: '2m', rate: '100/s' },
    { hb: '1s', rate: '3600/h' },
  ];
  const ctx = {
    experiment: 'units',
    columns: ['hb', 'rate'],
    configurations: values.map((swept, index) => ({ index, id: `c${index + 1}`, swept })),
    headline: ['x_s'],
    durationS: 1,
    baselineId: 'c1',
    metricSpec: defaultMetricSpec,
  };
  const records: RunRecord[] = values.flatMap((_, c) => [1, 2].map((r) => ({ index: c * 2 + r - 1, configId: `c${c + 1}`, replication: r, seed: `${c}${r}`, metrics: { x_s: c + r / 3 } })));
  writeResults(dir, ctx, records, {
    kind: 'result', hasim_version: '0', experiment_name: 'units', experiment: {}, experiment_hash: '', source_file: '', model: 'm', seed: 1, crn: true,
    replications: 2, swept_columns: ['hb', 'rate'], headline: ['x_s'], baseline_config_id: 'c1', replications_per_config: [2, 2, 2], config_warnings: [], configurations: [], run_count: 6, total_run_count: 6, executed_count: 6,
    resumed_count: 0, shard: null, outputs: { timeseries: false, trace: false }, trace: null, runs: [], wall_time_s: 0,
  });
}


describe.skipIf(!pandas)(`pandas ${pandas ?? ''} reads the results`, () => {
  let tmp: string;
  let shipped: string;
  let fixture: string;
  let labels: string;
  let units: string;
  // The Python processes run concurrently (each pays pandas' start-up); the tests read their results.
  let runs: Record<'shipped' | 'fixture' | 'labels' | 'units' | 'plot' | 'notebook', Promise<{ status: number; stdout: string; stderr: string }>>;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'hasim-python-'));
    shipped = await runShippedExperiment('mmc-servers', tmp);
    fixture = join(tmp, 'fixture');
    writeFixture(fixture);
    labels = join(tmp, 'labels');
    writeStringSweep(labels);
    units = join(tmp, 'units');
    writeUnitSweep(units);
    const code = notebookCode();
    const none = Promise.resolve({ status: -1, stdout: '', stderr: 'matplotlib missing' });
    runs = {
      shipped: python([SCRIPT, shipped, '--check']),
      fixture: python([SCRIPT, fixture, '--check']),
      labels: python([SCRIPT, labels, '--check']),
      units: python([SCRIPT, units, '--check']),
      plot: hasMatplotlib ? python([SCRIPT, shipped]) : none,
      notebook: hasMatplotlib ? python(['-c', code], { HASIM_RESULTS: shipped }) : none,
    };
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('the shipped M/M/c experiment: documented dtypes, every value exact', async () => {
    check(shipped, (await runs.shipped).stdout);
  });

  test('NaN and infinite metrics, a float sweep column', async () => {
    check(fixture, (await runs.fixture).stdout);
  });

  test('string sweep values stay strings, seeds beyond 2^53 stay exact', async () => {
    check(labels, (await runs.labels).stdout);
  });

  test('swept durations and rates stay strings; their numeric companions are numbers in SI units', async () => {
    check(units, (await runs.units).stdout);
    const py = JSON.parse((await runs.units).stdout) as { runs: PyTable; summary: PyTable };
    for (const t of [py.runs, py.summary]) {
      expect(t.dtypes).toMatchObject({ hb: 'object', hb_s: 'float64', rate: 'object', rate_per_s: 'float64' });
    }
    expect(py.runs.columns['hb_s']).toEqual([0.25, 0.25, 120, 120, 1, 1]);
    expect(py.runs.columns['rate_per_s']).toEqual([5 / 60, 5 / 60, 100, 100, 1, 1]);
  });

  test.skipIf(!hasMatplotlib)('the script plots the headline metric against the swept parameter', async () => {
    const r = await runs.plot;
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/config_id +servers +mean/);
    expect(out).toContain(`wrote ${join(shipped, 'headline.png')}`);
    expect(readFileSync(join(shipped, 'headline.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  test.skipIf(!hasMatplotlib)('the notebook runs top to bottom on the same results', async () => {
    const r = await runs.notebook;
    expect(r.stderr.split('\n').filter((l) => /Error|Traceback/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("swept: ['servers']");
    expect(existsSync(join(shipped, 'notebook-headline.png'))).toBe(true);
  });
});

test.skipIf(!hasMatplotlib)('the script orders swept durations numerically and plots them on a numeric axis', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hasim-python-durations-'));
  try {
    const dir = await runShippedExperiment('failover-detection', tmp, { warmup: 0, duration: '1y', replications: 2 });
    const [r, checked, nb] = await Promise.all([
      python([SCRIPT, dir, '--metric', 'downtime_per_year_s']),
      python([SCRIPT, dir, '--check']),
      python(['-c', notebookCode()], { HASIM_RESULTS: dir }),
    ]);
    expect(r.status, r.stderr).toBe(0);
    // Written as strings in the CSV ("15s" sorts before "1s" as text); printed and drawn in the
    // order of the numeric companion (seconds), which is printed beside the label.
    const order = [...r.stdout.matchAll(/^\s*c\w+\s+(\d+s)\s+(\d+)\s/gm)].map((m) => `${m[1]}=${m[2]}`);
    expect(order).toEqual(['1s=1', '5s=5', '15s=15', '30s=30', '60s=60']);
    expect(readFileSync(join(dir, 'headline.png')).subarray(1, 4).toString()).toBe('PNG');
    check(dir, checked.stdout);
    expect(JSON.parse(checked.stdout).summary.dtypes['services.db.failover.heartbeat.interval_s']).toBe('int64');
    expect(nb.status, nb.stderr).toBe(0);
    expect(nb.stdout).toContain('x order: 1s, 5s, 15s, 30s, 60s');
    expect(existsSync(join(dir, 'notebook-headline.png'))).toBe(true);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
