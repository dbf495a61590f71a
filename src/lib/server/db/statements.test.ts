// The statement cache (statements.ts) on the real embedded database, through the same client and drizzle as the app.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, getDb, schema, write } from './index';
import { statementStats } from './statements';

const mail = (subject: string, to: string) => ({ to, subject, body: '', createdAt: Date.now() });
const recipients = (subject: string) =>
	db()
		.select({ to: schema.outbox.to })
		.from(schema.outbox)
		.where(eq(schema.outbox.subject, subject))
		.orderBy(schema.outbox.to)
		.then((rows) => rows.map((r) => r.to));

describe.skipIf(!getDb().url.startsWith('file:'))('prepared statements kept per connection', () => {
	it('answers the same query with other values correctly, and reuses the statement', async () => {
		await write((tx) => tx.insert(schema.outbox).values([mail('cache-a', 'a1@example.org'), mail('cache-a', 'a2@example.org'), mail('cache-b', 'b1@example.org')]));
		const reused = statementStats.reused;
		expect(await recipients('cache-a')).toEqual(['a1@example.org', 'a2@example.org']);
		expect(await recipients('cache-b')).toEqual(['b1@example.org']);
		expect(await recipients('cache-none')).toEqual([]);
		expect(await recipients('cache-a')).toEqual(['a1@example.org', 'a2@example.org']);
		expect(statementStats.reused).toBeGreaterThan(reused);
		// a write transaction in between (BEGIN, SAVEPOINT, COMMIT) keeps them: the same reads and write prepare nothing new
		const again = async (to: string) => {
			await write((tx) => tx.insert(schema.outbox).values(mail('cache-a', to)));
			return recipients('cache-a');
		};
		await again('a3@example.org');
		const prepared = statementStats.prepared;
		expect(await again('a4@example.org')).toEqual(['a1@example.org', 'a2@example.org', 'a3@example.org', 'a4@example.org']);
		expect(statementStats.prepared).toBe(prepared);
	});

	it('a statement that failed (a unique key taken) runs again with other values, and the failure changed nothing', async () => {
		const user = (id: string, email: string) => ({ id, email, emailKey: email, passwordHash: 'x', displayName: 'S', privacyAcceptedAt: Date.now(), createdAt: Date.now() });
		await write((tx) => tx.insert(schema.users).values(user('st-1', 'st1@example.org')));
		await expect(write((tx) => tx.insert(schema.users).values(user('st-2', 'st1@example.org')))).rejects.toThrow();
		await write((tx) => tx.insert(schema.users).values(user('st-3', 'st3@example.org')));
		const rows = await db().select({ id: schema.users.id }).from(schema.users).where(sql`${schema.users.id} like 'st-%'`).orderBy(schema.users.id);
		expect(rows.map((r) => r.id)).toEqual(['st-1', 'st-3']);
	});

	it('follows a change of the schema: a column added later is read, a table dropped is an error', async () => {
		const client = getDb().client;
		await client.execute('create table cache_probe (id integer primary key, a text)');
		await client.execute({ sql: 'insert into cache_probe (a) values (?)', args: ['one'] });
		const read = () => client.execute('select * from cache_probe').then((r) => r.columns);
		expect(await read()).toEqual(['id', 'a']);
		await client.execute('alter table cache_probe add column b text');
		expect(await read()).toEqual(['id', 'a', 'b']);
		const named = () => client.execute('select id, a from cache_probe').then((r) => r.rows.map((row) => row.a));
		expect(await named()).toEqual(['one']);
		await client.execute('drop table cache_probe');
		await expect(named()).rejects.toThrow(/no such table/);
	});

	it('every connection of the pool writes with the same durability setting (synchronous=NORMAL, 1)', async () => {
		// a transaction holds its own connection: open several at once so that the pool has to open more than one
		const client = getDb().client;
		const txs = await Promise.all([client.transaction('read'), client.transaction('read'), client.transaction('read')]);
		const modes = await Promise.all(txs.map((tx) => tx.execute('pragma synchronous').then((r) => Number(Object.values(r.rows[0])[0]))));
		for (const tx of txs) tx.close();
		expect(modes).toEqual([1, 1, 1]);
	});
});
