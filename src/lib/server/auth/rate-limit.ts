// Fixed-window counters in the database, so every instance sees the same counts.
import { eq, lt, sql } from 'drizzle-orm';
import { db, write, schema } from '../db';
import { sha256Hex } from '../ids';

export interface Limit {
	max: number;
	windowMs: number;
}

export const LIMITS = {
	/** failed logins per account+address pair */
	login: { max: 10, windowMs: 10 * 60 * 1000 },
	/** registrations per address: generous, a whole council may register from one venue's Wi-Fi */
	register: { max: Number(process.env.RATE_LIMIT_REGISTER_PER_HOUR || 50), windowMs: 60 * 60 * 1000 },
	/** reset requests per address and per account */
	reset: { max: 5, windowMs: 60 * 60 * 1000 }
} satisfies Record<string, Limit>;

export function limitKey(kind: string, ...parts: string[]): string {
	return kind + ':' + sha256Hex(parts.join('\u0000').toLowerCase());
}

/** When the key is over its limit: the time (ms epoch) it may try again; else null. Reads only. */
export async function blockedUntil(key: string, limit: Limit, now = Date.now()): Promise<number | null> {
	const row = (await db().select().from(schema.rateLimits).where(eq(schema.rateLimits.key, key)).limit(1))[0];
	if (!row || now >= row.windowStart + limit.windowMs) return null;
	return row.count >= limit.max ? row.windowStart + limit.windowMs : null;
}

/** Counts one event; the window restarts when the old one is over. */
export async function hit(key: string, limit: Limit, now = Date.now()): Promise<number> {
	return write(async (tx) => {
		const rows = await tx
			.insert(schema.rateLimits)
			.values({ key, windowStart: now, count: 1 })
			.onConflictDoUpdate({
				target: schema.rateLimits.key,
				set: {
					count: sql`CASE WHEN ${schema.rateLimits.windowStart} + ${limit.windowMs} <= ${now} THEN 1 ELSE ${schema.rateLimits.count} + 1 END`,
					windowStart: sql`CASE WHEN ${schema.rateLimits.windowStart} + ${limit.windowMs} <= ${now} THEN ${now} ELSE ${schema.rateLimits.windowStart} END`
				}
			})
			.returning({ count: schema.rateLimits.count });
		return rows[0].count;
	});
}

/** Counts the event and tells whether it was within the limit. */
export async function consume(key: string, limit: Limit, now = Date.now()): Promise<{ ok: boolean; retryAt: number }> {
	const until = await blockedUntil(key, limit, now);
	if (until) return { ok: false, retryAt: until };
	await hit(key, limit, now);
	return { ok: true, retryAt: 0 };
}

export async function reset(key: string) {
	await write((tx) => tx.delete(schema.rateLimits).where(eq(schema.rateLimits.key, key)));
}

export async function purgeOld(now = Date.now(), maxWindowMs = 60 * 60 * 1000) {
	await write((tx) => tx.delete(schema.rateLimits).where(lt(schema.rateLimits.windowStart, now - maxWindowMs)));
}
