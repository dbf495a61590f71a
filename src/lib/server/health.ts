// Liveness and readiness: the database must answer a query; the media store is asked too. Without the database
// nothing works (unavailable); without the media store pages work but new audio waits and media fails (degraded).
import { getDb } from './db';
import { storeHealth } from './media/store';

export async function healthCheck(): Promise<boolean> {
	try {
		const r = await getDb().client.execute('SELECT 1 AS ok');
		return Number(r.rows[0]?.ok) === 1;
	} catch {
		return false;
	}
}

export interface HealthReport {
	status: 'ok' | 'degraded' | 'unavailable';
	/** the parts that do not answer: 'database', 'media' */
	failing: string[];
}

export async function healthReport(): Promise<HealthReport> {
	const [dbOk, media] = await Promise.all([healthCheck(), storeHealth()]);
	const failing = [...(dbOk ? [] : ['database']), ...(media.ok ? [] : ['media'])];
	return { status: !dbOk ? 'unavailable' : failing.length ? 'degraded' : 'ok', failing };
}
