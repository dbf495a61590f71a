import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db, write, schema } from './index';

describe('write path', () => {
	it('keeps every one of 2,000 concurrent writes, with no error', async () => {
		const ids = Array.from({ length: 2000 }, (_, i) => i);
		const results = await Promise.allSettled(
			ids.map((i) => write((tx) => tx.insert(schema.outbox).values({ to: `w${i}@example.org`, subject: 'load', body: String(i), createdAt: Date.now() })))
		);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		const [{ n }] = await db().select({ n: sql<number>`count(*)` }).from(schema.outbox).where(sql`${schema.outbox.subject} = 'load'`);
		expect(n).toBe(2000);
	});

	it('rolls back a failed transaction and keeps serving writes after it', async () => {
		await expect(
			write(async (tx) => {
				await tx.insert(schema.outbox).values({ to: 'rollback@example.org', subject: 'rb', body: '', createdAt: 1 });
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		await write((tx) => tx.insert(schema.outbox).values({ to: 'after@example.org', subject: 'rb2', body: '', createdAt: 1 }));
		const rows = await db().select().from(schema.outbox).where(sql`${schema.outbox.subject} in ('rb','rb2')`);
		expect(rows.map((r) => r.subject)).toEqual(['rb2']);
	});
});
