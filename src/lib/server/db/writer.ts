// The single writer of this process, with group commit. SQLite takes one writer at a time and the cost of a write
// transaction is mostly its commit, so the writes waiting when a transaction starts are run in it one after the other,
// each in its own savepoint, and committed together. A write is acknowledged only after that commit. A write that
// throws is rolled back to its savepoint (its neighbours keep their changes) and then run once more alone, in its own
// transaction, whose outcome is the answer; if the shared transaction itself fails (commit refused, SQLite aborted it),
// every write of the batch is run again alone. Not per-user state: a queue of closures.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './index';

interface Job {
	fn: (tx: Tx) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (err: unknown) => void;
}

export interface WriterOptions {
	/** most writes in one transaction */
	maxBatch?: number;
	/** no new write joins a transaction that has been open this long (ms); the rest wait for the next one */
	maxMs?: number;
}

export interface WriterStats {
	transactions: number;
	writes: number;
	retriedAlone: number;
}

export function createWriter(getDb: () => Db, { maxBatch = 256, maxMs = 25 }: WriterOptions = {}) {
	const queue: Job[] = [];
	let running: Promise<void> | null = null;
	const stats: WriterStats = { transactions: 0, writes: 0, retriedAlone: 0 };

	async function alone(job: Job) {
		stats.transactions++;
		stats.retriedAlone++;
		try {
			job.resolve(await getDb().transaction(job.fn));
		} catch (err) {
			job.reject(err);
		}
	}

	async function batch(jobs: Job[]) {
		if (jobs.length === 1) {
			// nothing to share: the plain transaction, without savepoint
			stats.transactions++;
			stats.writes++;
			try {
				jobs[0].resolve(await getDb().transaction(jobs[0].fn));
			} catch (err) {
				jobs[0].reject(err);
			}
			return;
		}
		const started = performance.now();
		const ok: { job: Job; value: unknown }[] = [];
		const failed: Job[] = [];
		let taken = 0;
		stats.transactions++;
		try {
			await getDb().transaction(async (tx) => {
				while (taken < jobs.length && !(taken > 0 && performance.now() - started > maxMs)) {
					const job = jobs[taken++];
					try {
						ok.push({ job, value: await tx.transaction(job.fn) });
					} catch {
						failed.push(job);
						// SQLite may have rolled the whole transaction back (disk full, I/O error): then nothing here commits.
						// No further write runs in it: on a libSQL server over a WebSocket a statement after the end of the
						// transaction runs on its own and commits (c was written twice there); the rest goes back to the queue.
						await tx.run(sql`select 1`);
						break;
					}
				}
			});
			stats.writes += taken;
		} catch {
			// the shared transaction did not commit: every write that ran in it, alone (in order)
			for (const job of jobs.slice(0, taken)) {
				stats.writes++;
				await alone(job);
			}
			queue.unshift(...jobs.slice(taken));
			return;
		}
		// committed: now, and only now, the writes are acknowledged
		for (const { job, value } of ok) job.resolve(value);
		queue.unshift(...jobs.slice(taken));
		for (const job of failed) await alone(job);
	}

	async function drain() {
		try {
			while (queue.length) await batch(queue.splice(0, maxBatch));
		} finally {
			running = null;
		}
	}

	return {
		enqueue<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
			return new Promise<T>((resolve, reject) => {
				queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
				// started on a later tick, so that writes issued together in this one land in the same transaction
				running ??= Promise.resolve().then(drain);
			});
		},
		/** resolves when no write is waiting or running */
		async idle() {
			while (running) await running;
		},
		stats
	};
}
