import Database from 'better-sqlite3';

import type { EventBus } from '../state/event-bus.js';
import type { EventOf, RunEvent } from '../state/events.js';
import { standardDeviation } from '../state/statistics.js';

/** How often queued events are written, in one transaction, in ms. */
const FLUSH_INTERVAL_MS = 250;

/** How long a write waits for another process's lock, in ms. */
const BUSY_TIMEOUT_MS = 2_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    finish_reason TEXT,
    pool_size INTEGER NOT NULL,
    max_pool_size INTEGER NOT NULL,
    data TEXT
  );
  CREATE TABLE IF NOT EXISTS trials (
    run_id TEXT NOT NULL,
    trial_id TEXT NOT NULL,
    trees INTEGER NOT NULL,
    max_features INTEGER NOT NULL,
    max_depth INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    chunk_size INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    train_score REAL,
    test_score REAL,
    oob_score REAL,
    test_score_spread REAL,
    fold_test_scores TEXT,
    macro_f1 REAL,
    confusion TEXT,
    train_rmse REAL,
    test_rmse REAL,
    elapsed_ms REAL,
    error TEXT,
    PRIMARY KEY (run_id, trial_id)
  );
  CREATE TABLE IF NOT EXISTS chunks (
    run_id TEXT NOT NULL,
    trial_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    trees_done INTEGER NOT NULL,
    elapsed_ms REAL NOT NULL,
    train_score REAL NOT NULL,
    test_score REAL NOT NULL,
    oob_score REAL,
    at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS system_readings (
    run_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    cpu_percent REAL,
    mem_used_bytes INTEGER,
    mem_total_bytes INTEGER,
    rss_bytes INTEGER NOT NULL,
    heap_used_bytes INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pool_changes (
    run_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    pool_size INTEGER NOT NULL
  );
`;

/** Columns of databases written before regression, and their names now. */
const RENAMED_COLUMNS = [
  ['train_accuracy', 'train_score'],
  ['test_accuracy', 'test_score'],
  ['oob_accuracy', 'oob_score'],
] as const;

/** Trial columns added since the first schema, for older databases. */
const ADDED_TRIAL_COLUMNS = [
  ['test_score_spread', 'REAL'],
  ['fold_test_scores', 'TEXT'],
  ['macro_f1', 'REAL'],
  ['confusion', 'TEXT'],
  ['train_rmse', 'REAL'],
  ['test_rmse', 'REAL'],
] as const;

/**
 * Stores a run in a SQLite database (run.db, in WAL mode): the run, each
 * trial's spec, state and final metrics, per-chunk metrics, system readings
 * and pool changes. Events are queued and written on a timer, one
 * transaction per batch.
 *
 * NOTE: better-sqlite3 is synchronous, so a batch blocks the thread it runs
 * on. RunStore therefore runs this writer in a worker thread of its own.
 */
export class RunDatabaseWriter {
  private readonly database: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  private queue: RunEvent[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly attempts = new Map<string, number>();
  private failure: Error | null = null;

  /**
   * Opens or creates the database. `runId` names the run for a resumed
   * run, whose events start with run-continued instead of run-started.
   */
  constructor(
    bus: EventBus,
    file: string,
    private runId = '',
  ) {
    this.database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    this.database.pragma('journal_mode = WAL');
    this.database.exec(SCHEMA);
    upgradeSchema(this.database);
    this.statements = prepare(this.database);
    this.unsubscribe = bus.subscribe((event) => this.queue.push(event));
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** The error that stopped the writes, such as a locked database, or null. */
  get error(): Error | null {
    return this.failure;
  }

  /** Writes the events queued so far in one transaction. */
  flush(): void {
    if (this.queue.length === 0 || this.failure) {
      return;
    }

    const batch = this.queue;
    this.queue = [];
    try {
      this.database.transaction(() => {
        for (const event of batch) {
          this.write(event);
        }
      })();
    } catch (error) {
      this.failure = error as Error;
    }
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.timer);
    this.flush();
    this.database.close();
  }

  private write(event: RunEvent): void {
    const { statements: s, runId } = this;
    switch (event.kind) {
      case 'run-started':
        this.startRun(event);
        break;
      case 'run-continued':
        s.continueRun.run(event.poolSize, runId);
        break;
      case 'trial-started':
        this.attempts.set(event.trialId, event.attempt);
        s.startTrial.run(event.attempt, runId, event.trialId);
        break;
      case 'trial-progress':
        s.addChunk.run(
          runId,
          event.trialId,
          this.attempts.get(event.trialId) ?? 1,
          event.treesDone,
          event.elapsedMs,
          event.trainScore,
          event.testScore,
          event.oobScore,
          event.at,
        );
        break;
      case 'trial-finished': {
        const { metrics } = event;
        const isClassification = metrics?.task === 'classification';
        const isRegression = metrics?.task === 'regression';
        s.finishTrial.run(
          event.trainScore,
          event.testScore,
          event.oobScore,
          standardDeviation(event.foldTestScores),
          JSON.stringify(event.foldTestScores),
          isClassification ? metrics.macroF1 : null,
          isClassification ? JSON.stringify(metrics.confusion) : null,
          isRegression ? metrics.trainRmse : null,
          isRegression ? metrics.testRmse : null,
          event.elapsedMs,
          runId,
          event.trialId,
        );
        break;
      }
      case 'trial-failed':
        s.failTrial.run(
          event.willRetry ? 'queued' : 'failed',
          event.error,
          runId,
          event.trialId,
        );
        break;
      case 'system-sampled':
        s.addReading.run(
          runId,
          event.at,
          event.cpuPercent,
          event.memUsedBytes,
          event.memTotalBytes,
          event.rssBytes,
          event.heapUsedBytes,
        );
        break;
      case 'pool-resized':
        s.addPoolChange.run(runId, event.at, event.poolSize);
        break;
      case 'run-finished':
        s.finishRun.run(event.at, event.reason, runId);
        break;
      default:
        break;
    }
  }

  private startRun(event: EventOf<'run-started'>): void {
    this.runId = event.runId;
    this.statements.addRun.run(
      event.runId,
      event.job,
      event.at,
      event.poolSize,
      event.maxPoolSize,
      event.data ? JSON.stringify(event.data) : null,
    );
    for (const spec of event.trials) {
      const { params } = spec;
      this.statements.addTrial.run(
        event.runId,
        spec.id,
        params.trees,
        params.maxFeatures,
        params.maxDepth,
        params.seed,
        spec.chunkSize,
      );
    }
  }
}

/** Renames and adds columns in a database an older version created. */
function upgradeSchema(database: Database.Database): void {
  const columnsOf = (table: string) =>
    new Set(
      (database.pragma(`table_info(${table})`) as { name: string }[]).map(
        (column) => column.name,
      ),
    );

  for (const table of ['trials', 'chunks']) {
    const columns = columnsOf(table);
    for (const [from, to] of RENAMED_COLUMNS) {
      if (columns.has(from)) {
        database.exec(`ALTER TABLE ${table} RENAME COLUMN ${from} TO ${to}`);
      }
    }
  }

  const trialColumns = columnsOf('trials');
  for (const [name, type] of ADDED_TRIAL_COLUMNS) {
    if (!trialColumns.has(name)) {
      database.exec(`ALTER TABLE trials ADD COLUMN ${name} ${type}`);
    }
  }
}

function prepare(database: Database.Database) {
  return {
    addRun: database.prepare(
      `INSERT OR REPLACE INTO runs
         (id, job, started_at, pool_size, max_pool_size, data)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    continueRun: database.prepare(
      `UPDATE runs SET finished_at = NULL, finish_reason = NULL,
         pool_size = ? WHERE id = ?`,
    ),
    finishRun: database.prepare(
      'UPDATE runs SET finished_at = ?, finish_reason = ? WHERE id = ?',
    ),
    addTrial: database.prepare(
      `INSERT OR IGNORE INTO trials
         (run_id, trial_id, trees, max_features, max_depth, seed, chunk_size,
          status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')`,
    ),
    startTrial: database.prepare(
      `UPDATE trials SET status = 'running', attempts = ?
       WHERE run_id = ? AND trial_id = ?`,
    ),
    finishTrial: database.prepare(
      `UPDATE trials SET status = 'finished', error = NULL,
         train_score = ?, test_score = ?, oob_score = ?,
         test_score_spread = ?, fold_test_scores = ?, macro_f1 = ?,
         confusion = ?, train_rmse = ?, test_rmse = ?, elapsed_ms = ?
       WHERE run_id = ? AND trial_id = ?`,
    ),
    failTrial: database.prepare(
      `UPDATE trials SET status = ?, error = ?
       WHERE run_id = ? AND trial_id = ?`,
    ),
    addChunk: database.prepare(
      `INSERT INTO chunks
         (run_id, trial_id, attempt, trees_done, elapsed_ms, train_score,
          test_score, oob_score, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    addReading: database.prepare(
      `INSERT INTO system_readings
         (run_id, at, cpu_percent, mem_used_bytes, mem_total_bytes, rss_bytes,
          heap_used_bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    addPoolChange: database.prepare(
      'INSERT INTO pool_changes (run_id, at, pool_size) VALUES (?, ?, ?)',
    ),
  };
}
