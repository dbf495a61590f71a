// `npm run bench`: builds, starts the server on a temporary database with the demo content, runs every
// scripts/bench/<domain>.ts and prints one table of figures and ratios. Not a test: nothing here fails on numbers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, tempDir } from '../tests/server';
import { load, startNginx, type BenchContext, type BenchFn, type BenchRow } from './bench/lib';

const only = process.argv.slice(2);
if (!process.env.BENCH_SKIP_BUILD) {
	const r = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const dir = tempDir('mitsprache-bench-');
const contentDir = path.resolve(process.env.CONTENT_DIR || 'content');
const server = await startServer({ dir, env: { CONTENT_DIR: contentDir, LOG_LEVEL: 'silent' }, quiet: true });
// Scripts in this process use the server's database (same file, as another instance would).
process.env.DATABASE_URL = server.env.DATABASE_URL;
process.env.MEDIA_DIR = server.env.MEDIA_DIR;
process.env.LOG_LEVEL = 'silent';
const nginx = await startNginx();
let n = 0;

const { createUser } = await import('../src/lib/server/auth/accounts');
const { createSession } = await import('../src/lib/server/auth/session');

const ctx: BenchContext = {
	url: server.url,
	server,
	contentDir,
	load,
	async staticBaseline(pathname, headers) {
		const res = await fetch(server.url + pathname, { headers });
		const html = await res.text();
		const file = `page-${n++}.html`;
		fs.writeFileSync(path.join(nginx.root, file), html, { mode: 0o644 });
		return `${nginx.url}/${file}`;
	},
	async newLearner() {
		const r = await createUser({ email: `bench-${Date.now()}-${n++}@example.org`, password: 'bench password', displayName: 'Bench Learner' });
		if (!r.ok) throw new Error('could not create bench learner');
		const { token } = await createSession(r.user.id, 'bench');
		return { cookie: `session=${token}`, userId: r.user.id };
	}
};

const rows: { section: string; row: BenchRow }[] = [];
const files = fs
	.readdirSync(path.join(import.meta.dirname, 'bench'))
	.filter((f) => f.endsWith('.ts') && f !== 'lib.ts' && !f.endsWith('.test.ts'))
	.sort((a, b) => (a === 'foundation.ts' ? -1 : b === 'foundation.ts' ? 1 : a.localeCompare(b)));
try {
	for (const f of files) {
		const section = f.replace(/\.ts$/, '');
		if (only.length && !only.includes(section)) continue;
		process.stderr.write(`bench: ${section} …\n`);
		const mod = (await import(pathToFileURL(path.join(import.meta.dirname, 'bench', f)).href)) as { default: BenchFn };
		try {
			for (const row of await mod.default(ctx)) rows.push({ section, row });
		} catch (err) {
			rows.push({ section, row: { name: 'FAILED', value: String((err as Error).message ?? err) } });
		}
	}
} finally {
	await server.stop();
	await nginx.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}

const w1 = Math.max(...rows.map((r) => r.section.length), 7);
const w2 = Math.max(...rows.map((r) => r.row.name.length), 6);
const w3 = Math.max(...rows.map((r) => r.row.value.length), 5);
const line = (a: string, b: string, c: string, d: string) => `| ${a.padEnd(w1)} | ${b.padEnd(w2)} | ${c.padEnd(w3)} | ${d} |`;
console.log(`\nMitsprache benchmark (${new Date().toISOString()}, ${(await import('node:os')).cpus().length} cores, ${process.env.BENCH_DURATION || 5} s per load run, 50 connections unless noted)\n`);
console.log(line('section', 'figure', 'value', 'ratio'));
console.log(line('-'.repeat(w1), '-'.repeat(w2), '-'.repeat(w3), '-----'));
for (const { section, row } of rows) console.log(line(section, row.name, row.value, row.ratio ?? ''));
process.exit(0);
