// Reads CSV text as written by csv-stringify (RFC 4180): comma-separated, fields quoted with
// double quotes when they hold a comma, a quote or a line break, quotes doubled inside.
// Accepts LF and CRLF line ends; a final line end is optional.
import { UsageError } from '../experiment/spec-error.js';

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A malformed result file: bad input (the CLI exits with 2), not an internal error. */
export class CsvFormatError extends UsageError {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

export function parseCsv(text: string, file = 'CSV'): CsvTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endRecord = (): void => {
    record.push(field);
    field = '';
    records.push(record);
    record = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvFormatError(file, 'unterminated quoted field at the end of the file');
  if (field !== '' || record.length > 0) endRecord();
  const [header, ...rows] = records;
  if (!header) throw new CsvFormatError(file, 'empty file (expected a header line)');
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new CsvFormatError(file, `line ${k + 2} has ${r.length} fields, expected ${header.length} as in the header`);
    }
  });
  return { header, rows };
}

/** A CSV number cell as src/output/number-format.ts writes it: "" is NaN, "inf"/"-inf" are ±Infinity. */
export function parseNumberCell(cell: string): number {
  const s = cell.trim();
  if (s === '' || s.toLowerCase() === 'nan') return NaN;
  if (s === 'inf' || s === '+inf' || s === 'Infinity') return Infinity;
  if (s === '-inf' || s === '-Infinity') return -Infinity;
  return Number(s);
}

/** Index of a header column by name, or -1. */
export function columnIndex(table: CsvTable, name: string): number {
  return table.header.indexOf(name);
}
