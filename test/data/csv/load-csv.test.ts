import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  DataError,
  loadCsv,
  type CsvOptions,
} from '../../../source/data/csv/load-csv.js';

const folder = mkdtempSync(path.join(tmpdir(), 'traintop-csv-'));
const fixtures = path.resolve('test/fixtures/data');

const DEFAULTS: CsvOptions = {
  target: 'y',
  delimiter: null,
  drop: [],
  missing: 'error',
  task: null,
};

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function writeCsv(content: string | Uint8Array, name = 'data.csv'): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);

  return file;
}

function load(content: string | Uint8Array, options: Partial<CsvOptions> = {}) {
  return loadCsv(writeCsv(content), { ...DEFAULTS, ...options });
}

/** Loads a file that must be rejected and returns the one-line message. */
async function rejection(
  content: string | Uint8Array,
  options: Partial<CsvOptions> = {},
): Promise<string> {
  return rejectionOf(writeCsv(content), options);
}

async function rejectionOf(
  file: string,
  options: Partial<CsvOptions> = {},
): Promise<string> {
  const error: unknown = await loadCsv(file, { ...DEFAULTS, ...options }).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DataError);
  const { message } = error as DataError;
  expect(message).not.toContain('\n');

  return message;
}

/** Returns `count` CSV lines made by `makeLine` from the row index. */
function csvLines(count: number, makeLine: (index: number) => string): string {
  return Array.from(
    { length: count },
    (_, index) => `${makeLine(index)}\n`,
  ).join('');
}

/** Returns the rows of a loaded data set's feature matrix. */
function featureRows(dataset: {
  readonly featureNames: readonly string[];
  readonly features: Float64Array;
}): number[][] {
  const width = dataset.featureNames.length;
  const rows: number[][] = [];
  for (let start = 0; start < dataset.features.length; start += width) {
    rows.push(Array.from(dataset.features.subarray(start, start + width)));
  }

  return rows;
}

describe('loadCsv', () => {
  it('reads a comma file as classification', async () => {
    const content = 'a,b,y\n1,2,cat\n3,4,dog\n5,6,cat\n7,8,dog\n';
    const file = writeCsv(content, 'pets.csv');
    const loaded = await loadCsv(file, DEFAULTS);

    expect(loaded.delimiter).toBe(',');
    expect(loaded.bytes).toBe(content.length);
    expect(loaded.sha256).toBe(
      createHash('sha256').update(content).digest('hex'),
    );
    expect(loaded.dataset.name).toBe('pets.csv');
    expect(loaded.dataset.task).toBe('classification');
    expect(loaded.dataset.featureNames).toEqual(['a', 'b']);
    expect(loaded.dataset.classNames).toEqual(['cat', 'dog']);
    expect(loaded.dataset.rowCount).toBe(4);
    expect(featureRows(loaded.dataset)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    expect(Array.from(loaded.dataset.targets)).toEqual([0, 1, 0, 1]);
  });

  it('reads semicolons, CRLF and a byte order mark', async () => {
    const { dataset, delimiter } = await load(
      '\ufeffx;y\r\n1.5;Iris setosa\r\n2.5;Iris virginica\r\n' +
        '3.5;Iris setosa\r\n4.5;Iris virginica\r\n',
    );

    expect(delimiter).toBe(';');
    expect(dataset.featureNames).toEqual(['x']);
    expect(dataset.classNames).toEqual(['Iris setosa', 'Iris virginica']);
    expect(Array.from(dataset.features)).toEqual([1.5, 2.5, 3.5, 4.5]);
  });

  it('detects the delimiter of a quoted header', async () => {
    const { dataset, delimiter } = await load(
      '\ufeff"a";"y"\n"1";"p"\n"2";"q"\n"3";"p"\n"4";"q"\n',
    );

    expect(delimiter).toBe(';');
    expect(dataset.featureNames).toEqual(['a']);
  });

  it('detects tabs', async () => {
    const { dataset, delimiter } = await load(
      'a\tb\ty\n1\t2\tx\n3\t4\tz\n5\t6\tx\n7\t8\tz\n',
    );

    expect(delimiter).toBe('\t');
    expect(dataset.featureNames).toEqual(['a', 'b']);
  });

  it('detects semicolons when quoted fields hold commas', async () => {
    const { delimiter } = await load(
      'name;a;y\n"Smith, J";1;p\n"Lee, K";2;q\n"Smith, J";3;p\n"Lee, K";4;q\n',
    );

    expect(delimiter).toBe(';');
  });

  it('uses the delimiter it is given', async () => {
    const { dataset, delimiter } = await load('a|y\n1|p\n2|q\n3|p\n4|q\n', {
      delimiter: '|',
    });

    expect(delimiter).toBe('|');
    expect(dataset.featureNames).toEqual(['a']);
  });

  it('reads quoted fields with delimiters and quotes', async () => {
    const { dataset } = await load(
      'name,a,y\n"Smith, J",1,p\n"say ""hi""",2,q\n"Smith, J",3,p\n' +
        '"say ""hi""",4,q\n',
    );

    expect(dataset.featureNames).toEqual([
      'name=Smith, J',
      'name=say "hi"',
      'a',
    ]);
    expect(featureRows(dataset)).toEqual([
      [1, 0, 1],
      [0, 1, 2],
      [1, 0, 3],
      [0, 1, 4],
    ]);
  });

  it('allows whitespace around numbers', async () => {
    const { dataset } = await load(
      'a,b,y\n 1 , 2.5,p\n\t3,4 ,q\n5,6,p\n7,8,q\n',
    );

    expect(featureRows(dataset)).toEqual([
      [1, 2.5],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
  });

  it('reads a file without a final newline', async () => {
    const { dataset } = await load('a,y\n1,p\n2,q\n3,p\n4,q');

    expect(dataset.rowCount).toBe(4);
  });

  it('skips blank lines', async () => {
    const { dataset } = await load('a,y\n1,p\n\n2,q\n3,p\n\n4,q\n\n');

    expect(dataset.rowCount).toBe(4);
  });

  it('chooses regression for many numeric values', async () => {
    const rows = Array.from(
      { length: 11 },
      (_, index) => `${index},${index}.5`,
    );
    const { dataset } = await load(`a,y\n${rows.join('\n')}\n`);

    expect(dataset.task).toBe('regression');
    expect(dataset.classNames).toEqual([]);
    expect(dataset.targets[10]).toBe(10.5);
  });

  it('sorts numeric classes by value', async () => {
    const { dataset } = await load('a,y\n1,10\n2,2\n3,1.0\n4,2\n5,10\n6,1\n');

    expect(dataset.task).toBe('classification');
    expect(dataset.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(dataset.targets)).toEqual([2, 1, 0, 1, 2, 0]);
  });

  it('puts numeric text classes before other text', async () => {
    const { dataset } = await load(
      'a,y\n1,b\n2,10\n3,9\n4,a\n5,b\n6,10\n7,9\n8,a\n',
    );

    expect(dataset.classNames).toEqual(['9', '10', 'a', 'b']);
  });

  it('uses the task it is given', async () => {
    const regression = await load('a,y\n1,0\n2,1\n3,1\n', {
      task: 'regression',
    });
    const rows = Array.from(
      { length: 24 },
      (_, index) => `${index},${index % 12}`,
    );
    const classification = await load(`a,y\n${rows.join('\n')}\n`, {
      task: 'classification',
    });

    expect(regression.dataset.task).toBe('regression');
    expect(Array.from(regression.dataset.targets)).toEqual([0, 1, 1]);
    expect(classification.dataset.task).toBe('classification');
    expect(classification.dataset.classNames).toHaveLength(12);
  });

  it('keeps a target with two rows per class', async () => {
    const { dataset } = await load('a,y\n1,p\n2,q\n3,r\n4,p\n5,q\n6,r\n');

    expect(dataset.classNames).toEqual(['p', 'q', 'r']);
  });

  it('keeps regression targets up to 1e150', async () => {
    const lines = csvLines(11, (index) => `${index},-${index}e149`);
    const { dataset } = await load(`a,y\n${lines}`);

    expect(dataset.task).toBe('regression');
    expect(dataset.targets[10]).toBe(-1e150);
  });

  it('one-hot encodes text features in sorted order', async () => {
    const { dataset } = await load(
      'island,a,y\nDream,1,p\nBiscoe,2,q\nTorgersen,3,p\nBiscoe,4,q\n',
    );

    expect(dataset.featureNames).toEqual([
      'island=Biscoe',
      'island=Dream',
      'island=Torgersen',
      'a',
    ]);
    expect(featureRows(dataset)).toEqual([
      [0, 1, 0, 1],
      [1, 0, 0, 2],
      [0, 0, 1, 3],
      [1, 0, 0, 4],
    ]);
  });

  it('one-hot encodes a column of numbers and a few texts', async () => {
    const { dataset } = await load('size,y\n1,p\n2,q\nlarge,p\n1.0,q\n');

    expect(dataset.featureNames).toEqual(['size=1', 'size=2', 'size=large']);
    expect(featureRows(dataset)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('leaves out dropped columns', async () => {
    const { dataset } = await load(
      'id,name,a,y\n1,Ann,5,p\n2,Bob,6,q\n3,Cy,7,p\n4,Di,8,q\n',
      {
        drop: ['id', 'name'],
      },
    );

    expect(dataset.featureNames).toEqual(['a']);
    expect(Array.from(dataset.features)).toEqual([5, 6, 7, 8]);
  });

  it('recognizes every missing-value marker', async () => {
    const { dataset } = await load(
      'a,y\n,p\nNA,q\n nan ,p\n?,q\nna,p\nNaN,q\n8,p\n',
      { missing: 'mean' },
    );

    expect(Array.from(dataset.features)).toEqual([8, 8, 8, 8, 8, 8, 8]);
  });

  it('fills missing values with the mean or most frequent', async () => {
    const { dataset } = await load(
      'a,color,y\n1,red,p\nNA,blue,q\n5,,p\n3,blue,q\n',
      { missing: 'mean' },
    );

    expect(dataset.featureNames).toEqual(['a', 'color=blue', 'color=red']);
    expect(featureRows(dataset)).toEqual([
      [1, 0, 1],
      [3, 1, 0],
      [5, 1, 0],
      [3, 1, 0],
    ]);
  });

  it('drops rows with missing values, target included', async () => {
    const { dataset } = await load(
      'a,color,y\n1,red,p\n2,green,NA\n3,?,q\n4,blue,q\n5,red,p\n6,blue,q\n',
      { missing: 'drop-rows' },
    );

    expect(dataset.rowCount).toBe(4);
    expect(dataset.featureNames).toEqual(['a', 'color=blue', 'color=red']);
    expect(featureRows(dataset)).toEqual([
      [1, 0, 1],
      [4, 1, 0],
      [5, 0, 1],
      [6, 1, 0],
    ]);
    expect(Array.from(dataset.targets)).toEqual([0, 1, 0, 1]);
  });

  it('drops classes that only dropped rows have', async () => {
    const { dataset } = await load('a,y\n1,p\n,r\n3,q\n4,p\n5,q\n', {
      missing: 'drop-rows',
    });

    expect(dataset.classNames).toEqual(['p', 'q']);
  });

  it('reads the penguins fixture', async () => {
    const { dataset, delimiter } = await loadCsv(
      path.join(fixtures, 'penguins.csv'),
      { ...DEFAULTS, target: 'species', missing: 'drop-rows' },
    );

    expect(delimiter).toBe(',');
    expect(dataset.task).toBe('classification');
    expect(dataset.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(dataset.rowCount).toBe(192);
    expect(dataset.featureNames).toEqual([
      'island=Biscoe',
      'island=Dream',
      'island=Torgersen',
      'bill_length_mm',
      'bill_depth_mm',
      'flipper_length_mm',
      'body_mass_g',
      'sex=female',
      'sex=male',
      'year',
    ]);
  });

  it('reads the house prices fixture', async () => {
    const { dataset, delimiter } = await loadCsv(
      path.join(fixtures, 'house-prices.csv'),
      { ...DEFAULTS, target: 'price_eur', drop: ['id'], missing: 'mean' },
    );

    expect(delimiter).toBe(';');
    expect(dataset.task).toBe('regression');
    expect(dataset.rowCount).toBe(300);
    expect(dataset.featureNames).toContain('neighbourhood=Harbour, East');
    expect(dataset.featureNames).toContain('energy_class=G');
    expect(dataset.featureNames).not.toContain('id');
    expect(dataset.features.every((value) => Number.isFinite(value))).toBe(
      true,
    );
  });
});

describe('loadCsv rejects', () => {
  it('a file that does not exist', async () => {
    const message = await rejectionOf(path.join(folder, 'missing.csv'));

    expect(message).toContain('File not found');
    expect(message).toContain('missing.csv');
  });

  it('a folder', async () => {
    const subfolder = path.join(folder, 'sub.csv');
    mkdirSync(subfolder, { recursive: true });
    const message = await rejectionOf(subfolder);

    expect(message).toContain('sub.csv is a folder');
  });

  // Root reads any file whatever its mode, so the test needs another user.
  it.skipIf(process.getuid?.() === 0)('a file it may not read', async () => {
    const file = writeCsv('a,y\n1,p\n', 'locked.csv');
    chmodSync(file, 0o000);
    const message = await rejectionOf(file);
    chmodSync(file, 0o600);

    expect(message).toContain('Cannot read');
    expect(message).toContain('permission denied');
  });

  it('an empty file', async () => {
    expect(await rejection('')).toContain('data.csv is empty');
  });

  it('a file of blank lines', async () => {
    expect(await rejection('\ufeff\n\n')).toContain('data.csv is empty');
  });

  it('a blank header line', async () => {
    const message = await rejection('  ,\n1,p\n');

    expect(message).toContain('data.csv has no header line');
  });

  it('a header without rows', async () => {
    const message = await rejection('a,y\n');

    expect(message).toContain('data.csv has a header line but no data rows');
  });

  it('a row with another field count', async () => {
    const message = await rejection('a,b,y\n1,2,p\n3,4,q,5\n');

    expect(message).toContain('Line 3 of');
    expect(message).toContain('has 4 fields, but the header has 3');
  });

  it('an unclosed quote', async () => {
    const message = await rejection('a,y\n1,p\n2,"q\n3,p\n');

    expect(message).toContain('Unclosed quote in the record');
    expect(message).toContain('starts on line 3 of');
    expect(message).toContain('column "y"');
  });

  it('an unclosed quote after blank lines', async () => {
    const message = await rejection('a,y\n1,p\n\n\n2,"q\n\n3,p\n');

    expect(message).toContain('starts on line 5 of');
  });

  it('an unclosed quote after a multi-line field', async () => {
    const message = await rejection('a,y\n"1\n2",p\n"3,q\n');

    expect(message).toContain('starts on line 4 of');
    expect(message).toContain('column "a"');
  });

  it('an unclosed quote in the header', async () => {
    const message = await rejection('"a,y\n1,p\n');

    expect(message).toContain('starts on line 1 of');
    expect(message).not.toContain('column');
  });

  it('text after a closing quote', async () => {
    const message = await rejection('a,y\n1,p\n2,"q"x\n');

    expect(message).toContain('Invalid quoted field on line 3');
    expect(message).toContain('two quotes ("")');
    expect(message).not.toContain('Invalid Closing Quote');
    expect(message).not.toContain('--delimiter');
  });

  it('a quoted header read with the wrong delimiter', async () => {
    const message = await rejection('"name";"quality"\n"x";1\n', {
      delimiter: ',',
    });

    expect(message).toContain('Invalid quoted field on line 1 of');
    expect(message).toContain('read with delimiter ","');
    expect(message).toContain('pass that with --delimiter');
  });

  it('a quoted header with an undetected delimiter', async () => {
    const message = await rejection('"a"|"y"\n"1"|"p"\n"2"|"q"\n');

    expect(message).toContain('Invalid quoted field on line 1 of');
    expect(message).toContain('read with delimiter ","');
    expect(message).toContain('--delimiter');
  });

  it('a quote inside a header field', async () => {
    const message = await rejection('a;"y"\n1;p\n', { delimiter: ',' });

    expect(message).toContain('Invalid quote on line 1 of');
    expect(message).toContain('read with delimiter ","');
  });

  it('a quote inside an unquoted field', async () => {
    const message = await rejection('a,y\n1,p\n2,q "x"\n');

    expect(message).toContain('Invalid quote on line 3');
    expect(message).toContain('column "y"');
  });

  it('an invalid delimiter', async () => {
    const message = await rejection('a,y\n1,p\n', { delimiter: '"' });

    expect(message).toContain('Invalid delimiter');
  });

  it('a missing target column', async () => {
    const message = await rejection('a,b\n1,2\n', { target: 'price' });

    expect(message).toContain('Target column "price" not found');
    expect(message).toContain('its columns are "a" and "b"');
  });

  it('a target with one class', async () => {
    const message = await rejection('a,y\n1,p\n2,p\n');

    expect(message).toContain('has the single class "p" in all 2 rows');
  });

  it('a numeric target with too many classes', async () => {
    const lines = csvLines(400, (index) => `${index % 7},${1000 + index}`);
    const file = writeCsv(`rooms,price\n${lines}`, 'house.csv');
    const message = await rejectionOf(file, {
      target: 'price',
      task: 'classification',
    });

    expect(message).toMatch(
      /^Target column "price" of \S+house\.csv has 400 distinct values in 400 rows, too many classes to learn/,
    );
    expect(message).toContain('use --task regression');
    expect(message).toContain('or pass another --target');
  });

  it('an automatic task with too many classes', async () => {
    const message = await rejection('a,y\n1,1\n2,2\n3,3\n4,1\n5,2\n');

    expect(message).toContain('has 3 distinct values in 5 rows');
    expect(message).toContain('use --task regression');
  });

  it('a text target with too many classes', async () => {
    const lines = csvLines(30, (index) => `${index},name${index}`);
    const message = await rejection(`a,y\n${lines}`);

    expect(message).toContain('has 30 distinct values in 30 rows');
    expect(message).toContain(': pass another --target.');
    expect(message).not.toContain('--task regression');
  });

  it('a target with thousands separators', async () => {
    const lines = csvLines(30, (index) => `${index},"${index + 1},250.50"`);
    const message = await rejection(`a,y\n${lines}`);

    expect(message).toContain('too many classes to learn');
    expect(message).toContain('"1,250.50" on line 2 is not a number');
    expect(message).toContain('without thousands separators');
    expect(message).toContain('fix the column to use --task regression');
  });

  it('a regression target too large to square', async () => {
    const lines = csvLines(11, (index) => `${index},${index}e300`);
    const message = await rejection(`a,y\n${lines}`);

    expect(message).toContain('has the value 1e+301');
    expect(message).toContain('too large for regression');
    expect(message).toContain('at most 1e+150 in size');
    expect(message).toContain('Rescale the column');
  });

  it('a column without values', async () => {
    const message = await rejection('a,b,y\n1,,p\n2,NA,q\n', {
      missing: 'mean',
    });

    expect(message).toContain('Column "b" of');
    expect(message).toContain('has no values');
    expect(message).toContain('--drop b');
  });

  it('duplicate column names', async () => {
    const message = await rejection('a,b,a,y\n1,2,3,p\n');

    expect(message).toContain('Duplicate column names');
    expect(message).toContain('"a" (columns 1 and 3)');
  });

  it('a file with NUL bytes', async () => {
    const message = await rejection('a,y\n1,p\n2\u0000,q\n');

    expect(message).toContain('is not UTF-8 text');
    expect(message).toContain('line 3 contains a NUL byte');
  });

  it('a file that is not UTF-8', async () => {
    const latin1 = Buffer.from('a,y\n1,caf\u00e9\n2,tea\n', 'latin1');
    const message = await rejection(latin1);

    expect(message).toContain('is not UTF-8 text');
    expect(message).toContain('line 2 contains invalid UTF-8');
  });

  it('a file that ends inside a character', async () => {
    const cut = Buffer.from('a,y\n1,p\n2,caf\u00e9').subarray(0, -1);
    const message = await rejection(cut);

    expect(message).toContain('line 3 contains invalid UTF-8');
  });

  it('a file too large for the memory', async () => {
    const message = await rejection('a,y\n1,p\n2,q\n', {
      memoryLimitBytes: 10,
    });

    expect(message).toContain('data.csv is too large to load');
  });

  it('a file with only the target column', async () => {
    const message = await rejection('a;y\n1;p\n2;q\n', { delimiter: ',' });

    expect(message).toContain('Target column "y" not found');
    expect(message).toContain('read with delimiter ","');
  });

  it('a drop that leaves no features', async () => {
    const message = await rejection('a,y\n1,p\n2,q\n', { drop: ['a'] });

    expect(message).toContain('No feature columns left');
  });

  it('a single-column file', async () => {
    const message = await rejection('y\np\nq\n');

    expect(message).toContain('has only the column "y"');
    expect(message).toContain('--delimiter');
  });

  it('an unknown --drop column', async () => {
    const message = await rejection('a,b,y\n1,2,p\n', { drop: ['c'] });

    expect(message).toContain('Cannot drop "c"');
    expect(message).toContain('Its columns are "a", "b" and "y"');
  });

  it('a dropped target', async () => {
    const message = await rejection('a,b,y\n1,2,p\n', { drop: ['y'] });

    expect(message).toContain('it is the target column');
  });

  it('a text column with too many values', async () => {
    const rows = Array.from(
      { length: 21 },
      (_, index) => `name${index},${index},${index % 2}`,
    );
    const message = await rejection(`name,a,y\n${rows.join('\n')}\n`);

    expect(message).toContain('Cannot use column "name"');
    expect(message).toContain('21 distinct text values');
    expect(message).toContain('--drop name');
  });

  it('a numeric column with stray text', async () => {
    const rows = Array.from(
      { length: 25 },
      (_, index) => `${index === 7 ? 'unknown' : index},${index % 2}`,
    );
    const message = await rejection(`age,y\n${rows.join('\n')}\n`);

    expect(message).toContain('"age"');
    expect(message).toContain('is mostly numbers');
    expect(message).toContain('"unknown" on line 9 is not a number');
    expect(message).toContain('--drop age');
  });

  it('numbers with decimal commas', async () => {
    const rows = Array.from(
      { length: 21 },
      (_, index) => `${index},5;${index % 2}`,
    );
    const message = await rejection(`size;y\n${rows.join('\n')}\n`);

    expect(message).toContain('"size" of');
    expect(message).toContain('"0,5" on line 2 is not a number');
    expect(message).toContain('a point as the decimal mark');
  });

  it.each(['1e400', '-1e400', 'Infinity'])(
    'a number out of range: %s',
    async (text) => {
      const message = await rejection(`a,y\n1,p\n ${text} ,q\n3,p\n4,q\n`);

      expect(message).toContain(`Number "${text}" in column "a" on line 3 of`);
      expect(message).toContain('is out of range');
      expect(message).toContain('must be finite');
    },
  );

  it('a target out of range', async () => {
    const message = await rejection('a,y\n1,2\n2,1e999\n', {
      task: 'regression',
    });

    expect(message).toContain('Number "1e999" in column "y" on line 3 of');
  });

  it.each(['37,378.35', '37.378,35', '37 378,35', "37'378.35"])(
    'numbers with thousands separators: %s',
    async (example) => {
      const lines = csvLines(
        25,
        (index) =>
          `"${example.replace('37', String(10 + index))}",${index % 2}`,
      );
      const message = await rejection(`price,y\n${lines}`, { delimiter: ',' });

      expect(message).toContain('Cannot use column "price"');
      expect(message).toContain(
        `"${example.replace('37', '10')}" on line 2 is not a number`,
      );
      expect(message).toContain('without thousands separators');
      expect(message).toContain('fix the values that are not numbers');
    },
  );

  it('cites a thousands separator over other text', async () => {
    const prices = ['unknown', '950.00', '1,250.50'];
    const lines = csvLines(25, (index) => {
      const price = prices[index] ?? `${index},000.00`;

      return `${price.includes(',') ? `"${price}"` : price},${index % 2}`;
    });
    const message = await rejection(`price,y\n${lines}`);

    expect(message).toContain('"1,250.50" on line 4 is not a number');
    expect(message).toContain('without thousands separators');
  });

  it('regression on a text target', async () => {
    const message = await rejection('a,y\n1,2\n2,3\n3,high\n', {
      task: 'regression',
    });

    expect(message).toContain('column "y"');
    expect(message).toContain('"high" on line 4 is not a number');
  });

  it('a missing value with --missing error', async () => {
    const message = await rejection('a,b,y\n1,2,p\n3,,q\n');

    expect(message).toContain('column "b" on line 3 of');
    expect(message).toContain('data.csv');
    expect(message).toContain('--missing drop-rows');
    expect(message).toContain('--missing mean');
  });

  it('an unnamed empty column', async () => {
    const message = await rejection('a,y,\n1,p,\n2,q,\n');

    expect(message).toContain('column "column 3" on line 2');
    expect(message).toContain('has no name in the header');
    expect(message).toContain('--drop "column 3"');
  });

  it('a missing target with --missing mean', async () => {
    const message = await rejection('a,y\n1,p\n2,?\n', { missing: 'mean' });

    expect(message).toContain('Missing target value in column "y" on line 3');
    expect(message).toContain('--missing drop-rows');
  });

  it('rows that all have a missing value', async () => {
    const message = await rejection('a,b,y\n1,,p\n,2,q\n', {
      missing: 'drop-rows',
    });

    expect(message).toContain('leaves no rows');
  });

  it('with line numbers as an editor shows them', async () => {
    const message = await rejection('\ufeffa,b,y\r\n1,2,p\r\n\r\n3,4,q,5\r\n');

    expect(message).toContain('Line 4 of');
  });
});
