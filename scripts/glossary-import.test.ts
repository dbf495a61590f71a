// `npm run content:import` also imports content/glossary/: a broken entry is named with file and line, exit code 1.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dbUrl = 'file:' + path.join(process.env.TEST_TMP_DIR!, 'glossary-cli.db');
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

describe('npm run content:import with a glossary', () => {
	it('imports the glossary and names file and line of a broken entry', async () => {
		const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'glossary-cli-'));
		fs.cpSync(path.resolve('content/glossary'), path.join(dir, 'glossary'), { recursive: true });
		// a podcast without episodes, so that the other imports have nothing to complain about
		fs.mkdirSync(path.join(dir, 'podcast'));
		for (const f of ['show.md', 'cover.png']) fs.copyFileSync(path.resolve('content/podcast', f), path.join(dir, 'podcast', f));
		const n = fs.readdirSync(path.join(dir, 'glossary')).length;
		const first = await run(dir);
		expect(first.err).toBe('');
		expect(first.code).toBe(0);
		expect(first.out).toContain(`Glossary from ${dir}: ${n} imported, 0 unchanged, 0 removed, 0 problem(s).`);

		const file = path.join(dir, 'glossary/satzung.md');
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## tr: tüzük', '## tr'));
		const broken = await run(dir);
		expect(broken.code).toBe(1);
		const line = fs.readFileSync(file, 'utf8').split('\n').indexOf('## tr') + 1;
		expect(broken.err).toContain(`glossary/satzung.md:${line}: "## tr" needs the term's name in that language: "## tr: …"`);
		expect(broken.out).toContain(`Glossary from ${dir}: 0 imported, ${n - 1} unchanged, 0 removed, 1 problem(s).`);
	}, 120_000);
});
