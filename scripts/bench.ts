// `npm run bench`: builds, starts the server on a temporary database with the demo content, runs every
// scripts/bench/<domain>.ts and prints one table of figures and ratios. Not a test: nothing here fails on numbers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, tempDir } from '../tests/server';
import { AIMS, load, startNginx, type AimKey, type BenchContext, type BenchFn, type BenchRow } from './bench/lib';

const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
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
{
	// the server imports the demo content and packages its episodes (ffmpeg) after it starts answering: measuring
	// while that runs would measure the ingest, so wait for it (at most 10 minutes)
	const { db: readDb } = await import('../src/lib/server/db');
	const { sql } = await import('drizzle-orm');
	const t0 = Date.now();
	for (let quiet = 0; quiet < 3 && Date.now() - t0 < 600_000; ) {
		await new Promise((r) => setTimeout(r, 1000));
		const [{ busy, courses }] = await readDb().all<{ busy: number; courses: number }>(
			sql`select (select count(*) from ingest_jobs where status in ('queued', 'running')) as busy, (select count(*) from courses) as courses`
		);
		quiet = Number(busy) === 0 && Number(courses) > 0 ? quiet + 1 : 0;
	}
	process.stderr.write(`bench: server idle after ${((Date.now() - t0) / 1000).toFixed(0)} s (content imported, episodes packaged)\n`);
}
let n = 0;

const { createUser } = await import('../src/lib/server/auth/accounts');
const { createSession } = await import('../src/lib/server/auth/session');
const { db, write, schema } = await import('../src/lib/server/db');
const { newId } = await import('../src/lib/server/ids');

const ctx: BenchContext = {
	url: server.url,
	server,
	nginxPid: nginx.pid,
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
	},
	async newLearners(count) {
		const first = await ctx.newLearner();
		const { eq } = await import('drizzle-orm');
		const [template] = await db().select().from(schema.users).where(eq(schema.users.id, first.userId));
		const ids = Array.from({ length: count - 1 }, () => newId());
		await write(async (tx) => {
			for (const id of ids) await tx.insert(schema.users).values({ ...template, id, email: `bench-${id}@example.org`, emailKey: `bench-${id}@example.org` });
		});
		const sessions = await Promise.all(ids.map((id) => createSession(id, 'bench')));
		return [first, ...sessions.map((s, i) => ({ cookie: `session=${s.token}`, userId: ids[i] }))];
	},
	flags
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

// The aims of issue 11: the figures before (measured on main when the issue was written) next to this run's.
const measured = new Map<AimKey, NonNullable<BenchRow['aim']>>();
for (const { row } of rows) if (row.aim) measured.set(row.aim.key, row.aim);
const aimRows = (Object.keys(AIMS) as AimKey[]).map((k) => {
	const m = measured.get(k);
	return [AIMS[k].figure, AIMS[k].before, m?.now ?? 'not measured in this run', AIMS[k].aim, m ? (m.met ? 'met' : 'NOT met') : '–'];
});
const heads = ['aim (issue 11)', 'before', 'now', 'aim', ''];
const widths = heads.map((h, i) => Math.max(h.length, ...aimRows.map((r) => r[i].length)));
const aimLine = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log('\n' + aimLine(heads));
console.log(aimLine(widths.map((w) => '-'.repeat(w))));
for (const r of aimRows) console.log(aimLine(r));
process.exit(0);
