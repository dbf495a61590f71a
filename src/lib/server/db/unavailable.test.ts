// A libSQL server that stops answering (SIGSTOP: a hang) or goes away (killed): reads and writes fail within
// DB_TIMEOUT_MS with an error the hook turns into the 503 page, and work again without a restart once it is back.
// Runs in the `sqld` project only (its own sqld, so that the test can stop and start it).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startSqld } from '../../../../tests/sqld';
import { getDb, migrateDb, openDb, schema, setDb, write } from './index';
import { isDbUnavailable } from './unavailable';

const live = getDb();
afterAll(() => {
	setDb(live);
	delete process.env.DB_TIMEOUT_MS;
});

async function failure(p: Promise<unknown>): Promise<{ err: unknown; ms: number }> {
	const t0 = Date.now();
	try {
		await p;
	} catch (err) {
		return { err, ms: Date.now() - t0 };
	}
	throw new Error('expected the database call to fail');
}

describe.skipIf(process.env.TEST_DB !== 'sqld')('a libSQL server that stops answering', () => {
	it.each(['http', 'ws'])('over %s: fails reads and writes within the timeout, and serves again without a restart when it is back', async (scheme) => {
		process.env.DB_TIMEOUT_MS = '1000';
		const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'sqld-fault-'));
		let server = await startSqld({ dir });
		const h = openDb(server.url.replace(/^http/, scheme));
		await migrateDb(h);
		setDb(h);
		const count = async () => Number((await h.db.all<{ n: number }>(sql`select count(*) as n from outbox where subject = 'fault'`))[0].n);
		const mail = (to: string) => write((tx) => tx.insert(schema.outbox).values({ to, subject: 'fault', body: '', createdAt: Date.now() }));
		await mail('before@example.org');
		try {
			// a hang: every call gives up after DB_TIMEOUT_MS, with an error recognised as "unavailable"
			server.proc.kill('SIGSTOP');
			await new Promise((r) => setTimeout(r, 100));
			const read = await failure(count());
			expect(isDbUnavailable(read.err)).toBe(true);
			expect(read.ms).toBeLessThan(3000);
			const wrote = await failure(mail('during@example.org'));
			expect(isDbUnavailable(wrote.err)).toBe(true);
			expect(wrote.ms).toBeLessThan(5000);
			server.proc.kill('SIGCONT');
			// the same client and the same writer queue carry on
			await mail('after-hang@example.org');
			expect(await count()).toBe(2);

			// gone: refused at once; a new server on the same port and data folder is used as soon as it answers
			await server.stop();
			const gone = await failure(count());
			expect(isDbUnavailable(gone.err)).toBe(true);
			expect(gone.ms).toBeLessThan(1000);
			expect(isDbUnavailable((await failure(mail('while-gone@example.org'))).err)).toBe(true);
			server = await startSqld({ dir, port: server.port });
			await mail('after-restart@example.org');
			expect(await count()).toBe(3);
		} finally {
			server.proc.kill('SIGCONT');
			setDb(live);
			h.client.close();
			await server.stop();
		}
	}, 60_000);

	it('does not take a broken query or a constraint for an unreachable server', async () => {
		expect(isDbUnavailable(await failure(getDb().client.execute('select * from no_such_table')).then((f) => f.err))).toBe(false);
		expect(isDbUnavailable(new Error('UNIQUE constraint failed'))).toBe(false);
	});

	it('two instances starting at once on a fresh server both migrate it (the second finds the first one\'s work)', async () => {
		const server = await startSqld({ dir: fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'sqld-race-')) });
		const a = openDb(server.url);
		const b = openDb(server.url);
		try {
			const results = await Promise.allSettled([migrateDb(a), migrateDb(b)]);
			expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
			const tables = await a.db.all<{ n: number }>(sql`select count(*) as n from sqlite_master where type = 'table' and name = 'audit_log'`);
			expect(Number(tables[0].n)).toBe(1);
		} finally {
			a.client.close();
			b.client.close();
			await server.stop();
		}
	}, 60_000);
});
