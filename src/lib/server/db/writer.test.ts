import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { db, schema } from './index';
import { createWriter } from './writer';

const mail = (subject: string, to: string) => ({ to, subject, body: '', createdAt: Date.now() });
const subjects = async (like: string) =>
	(await db().select({ to: schema.outbox.to }).from(schema.outbox).where(sql`${schema.outbox.subject} = ${like}`)).map((r) => r.to).sort();

/** a second connection, as another process would read: sees committed rows only */
function otherReader() {
	const client = createClient({ url: process.env.DATABASE_URL! });
	return {
		count: async (subject: string) => Number((await client.execute({ sql: 'select count(*) as n from outbox where subject = ?', args: [subject] })).rows[0].n),
		close: () => client.close()
	};
}

describe('group commit', () => {
	it('commits writes issued together in one transaction, and acknowledges each only after the commit', async () => {
		// (no time limit on the batch here: a loaded test machine must not split it)
		const writer = createWriter(db, { maxMs: 60_000 });
		const reader = otherReader();
		const acked: number[] = [];
		const seenUncommitted: number[] = [];
		const jobs = Array.from({ length: 20 }, (_, i) =>
			writer
				.enqueue(async (tx) => {
					await tx.insert(schema.outbox).values(mail('group', `g${i}@example.org`));
					// inside the shared transaction: no earlier write of the batch is acknowledged, none is visible outside
					if (i === 19) seenUncommitted.push(acked.length, await reader.count('group'));
					return i;
				})
				.then((v) => acked.push(v))
		);
		await Promise.all(jobs);
		expect(writer.stats.transactions).toBe(1);
		expect(seenUncommitted).toEqual([0, 0]);
		expect(await reader.count('group')).toBe(20);
		expect(acked).toEqual(Array.from({ length: 20 }, (_, i) => i));
		reader.close();
	});

	it('a write that throws fails alone: its neighbours in the same transaction are committed, its own changes are not', async () => {
		const writer = createWriter(db);
		let attempts = 0;
		const results = await Promise.allSettled([
			writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('iso', 'a@example.org'))),
			writer.enqueue(async (tx) => {
				attempts++;
				await tx.insert(schema.outbox).values(mail('iso', 'bad@example.org'));
				throw new Error('bad write');
			}),
			writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('iso', 'c@example.org'))),
			// a constraint violation inside SQLite, not only a thrown error (outbox.to is NOT NULL)
			writer.enqueue((tx) => tx.run(sql`insert into outbox (to, subject, body, created_at) values (null, 'iso', '', 1)`)),
			writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('iso', 'e@example.org')))
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
		expect(String((results[1] as PromiseRejectedResult).reason)).toContain('bad write');
		// retried once alone before being refused
		expect(attempts).toBe(2);
		expect(await subjects('iso')).toEqual(['a@example.org', 'c@example.org', 'e@example.org']);
	});

	it('when SQLite ends the shared transaction, every write of it is run again alone and none is lost or doubled', async () => {
		const writer = createWriter(db);
		const results = await Promise.allSettled([
			writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('abort', 'a@example.org'))),
			// ends the transaction under everyone (as SQLite does on a full disk or an I/O error)
			writer.enqueue(async (tx) => {
				await tx.run(sql`rollback`);
			}),
			writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('abort', 'c@example.org')))
		]);
		expect(results[0].status).toBe('fulfilled');
		expect(results[1].status).toBe('rejected');
		expect(results[2].status).toBe('fulfilled');
		expect(await subjects('abort')).toEqual(['a@example.org', 'c@example.org']);
		// and the writer keeps serving
		await writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('abort', 'd@example.org')));
		expect(await subjects('abort')).toEqual(['a@example.org', 'c@example.org', 'd@example.org']);
	});

	it('keeps the order of writes: a later write sees an earlier one of the same batch', async () => {
		const writer = createWriter(db);
		const seen = await Promise.all([
			writer.enqueue((tx) => tx.insert(schema.outbox).values(mail('order', 'first@example.org'))),
			writer.enqueue(async (tx) => (await tx.select().from(schema.outbox).where(sql`${schema.outbox.subject} = 'order'`)).length)
		]);
		expect(seen[1]).toBe(1);
	});

	it('every write acknowledged before a kill -9 of the writing process is in the database afterwards', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/fixtures/writer-child.ts')], {
			env: { ...process.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const exited = new Promise((r) => child.once('exit', r));
		const acked = new Set<number>();
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		let buffer = '';
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (d: Buffer) => {
				buffer += d.toString();
				const lines = buffer.split('\n');
				buffer = lines.pop()!;
				for (const l of lines) acked.add(Number(l));
				if (acked.size >= 1500 && child.exitCode === null) {
					child.kill('SIGKILL');
					resolve();
				}
			});
			child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
		});
		await exited;
		const rows = await db().select({ body: schema.outbox.body }).from(schema.outbox).where(sql`${schema.outbox.subject} = 'kill'`);
		const stored = new Set(rows.map((r) => Number(r.body)));
		const missing = [...acked].filter((n) => !stored.has(n));
		expect(acked.size).toBeGreaterThanOrEqual(1500);
		expect(missing).toEqual([]);
		// no write is stored twice either
		expect(stored.size).toBe(rows.length);
	}, 60_000);
});
