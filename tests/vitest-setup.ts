// Each test file gets its own fresh, migrated libSQL file database (real, not mocked).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb, migrateDb } from '../src/lib/server/db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitsprache-unit-'));
process.env.DATABASE_URL = 'file:' + path.join(dir, 'test.db');
process.env.MEDIA_DIR = path.join(dir, 'media');
process.env.LOG_LEVEL = 'silent';
process.env.TEST_TMP_DIR = dir;

await migrateDb();

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});
