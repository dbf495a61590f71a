// Each test file gets its own fresh, migrated libSQL database (real, not mocked): an embedded file, or — in the
// `sqld` project (TEST_DB=sqld) — its own libSQL server (sqld) on a free port, as several instances would share.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb, migrateDb } from '../src/lib/server/db';
import { startSqld, type RunningSqld } from './sqld';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitsprache-unit-'));
process.env.MEDIA_DIR = path.join(dir, 'media');
process.env.LOG_LEVEL = 'silent';
process.env.TEST_TMP_DIR = dir;
let sqld: RunningSqld | null = null;
if (process.env.TEST_DB === 'sqld') {
	sqld = await startSqld({ dir });
	// Hrana over a WebSocket, as the README recommends for sqld (HTTP is covered by db/unavailable.test.ts and e2e)
	process.env.DATABASE_URL = sqld.url.replace(/^http/, 'ws');
} else {
	process.env.DATABASE_URL = 'file:' + path.join(dir, 'test.db');
}

await migrateDb();

afterAll(async () => {
	await closeDb();
	await sqld?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});
