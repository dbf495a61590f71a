// Runs `npm run content:import`'s script with tsx against its own database and a broken copy of the fixture content.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { copyFixture, FIXTURE_COURSE } from '../src/lib/server/courses/test-helpers';

const dbUrl = 'file:' + path.join(process.env.TEST_TMP_DIR!, 'import-cli.db');
const tsx = path.resolve('node_modules/.bin/tsx');

function run(contentDir: string): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(tsx, ['scripts/content-import.ts'], { env: { ...process.env, DATABASE_URL: dbUrl, CONTENT_DIR: contentDir, LOG_LEVEL: 'silent' }, timeout: 120_000 });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

describe('npm run content:import', () => {
	it('imports, is idempotent, and names file, line and reason of a broken lesson with exit code 1', async () => {
		const dir = copyFixture();
		const first = await run(dir);
		expect(first.code).toBe(0);
		expect(first.out).toContain('4 imported, 0 unchanged, 0 archived, 0 problem(s)');
		const second = await run(dir);
		expect(second.out).toContain('0 imported, 4 unchanged');

		const file = path.join(dir, `courses/${FIXTURE_COURSE}/02-praxis/01-sitzung-leiten.md`);
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('duration: 6\n', '') + '\n![](bild.png)\n');
		const broken = await run(dir);
		expect(broken.code).toBe(1);
		expect(broken.err).toContain(`courses/${FIXTURE_COURSE}/02-praxis/01-sitzung-leiten.md:1: front matter needs "duration"`);
		expect(broken.err).toMatch(/01-sitzung-leiten\.md:10: image "bild\.png" has no alt text/);
	}, 120_000);
});
