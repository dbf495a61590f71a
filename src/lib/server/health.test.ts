import { describe, expect, it } from 'vitest';
import { getDb, openDb, setDb } from './db';
import { healthCheck } from './health';

describe('healthCheck', () => {
	it('is true while the database answers and false when it does not', async () => {
		expect(await healthCheck()).toBe(true);
		const live = getDb();
		const broken = openDb('file:' + process.env.TEST_TMP_DIR + '/health.db');
		broken.client.close();
		setDb(broken);
		try {
			expect(await healthCheck()).toBe(false);
		} finally {
			setDb(live);
		}
	});
});
