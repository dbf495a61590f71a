// Liveness and readiness: the database must answer a query.
import { getDb } from './db';

export async function healthCheck(): Promise<boolean> {
	try {
		const r = await getDb().client.execute('SELECT 1 AS ok');
		return Number(r.rows[0]?.ok) === 1;
	} catch {
		return false;
	}
}
