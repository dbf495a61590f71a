import { describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, write, schema } from './index';
import { backupTo } from './backup';

describe('db:backup', () => {
	it('copies the database while writes go on, and the copy passes integrity_check', async () => {
		for (let i = 0; i < 50; i++) await write((tx) => tx.insert(schema.outbox).values({ to: `b${i}@example.org`, subject: 'backup', body: '', createdAt: i }));
		const writing = Promise.all(Array.from({ length: 200 }, (_, i) => write((tx) => tx.insert(schema.outbox).values({ to: `c${i}@example.org`, subject: 'during', body: '', createdAt: i }))));
		const target = path.join(process.env.TEST_TMP_DIR!, 'backup-1.db');
		const result = await backupTo(getDb(), target);
		await writing;
		expect(result.integrity).toBe('ok');
		const copy = createClient({ url: 'file:' + target });
		const r = await copy.execute("select count(*) as n from outbox where subject = 'backup'");
		expect(Number(r.rows[0].n)).toBe(50);
		copy.close();
	});

	it('refuses to overwrite an existing file', async () => {
		const target = path.join(process.env.TEST_TMP_DIR!, 'exists.db');
		fs.writeFileSync(target, 'keep me');
		await expect(backupTo(getDb(), target)).rejects.toThrow(/exists already/);
		expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
	});

	it('works as the npm script', () => {
		const target = path.join(process.env.TEST_TMP_DIR!, 'cli-backup.db');
		const r = spawnSync('npx', ['tsx', 'scripts/db-backup.ts', target], { env: process.env, encoding: 'utf8' });
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('integrity_check: ok');
		expect(fs.existsSync(target)).toBe(true);
	});
});
