// Runs the real CLI with tsx against its own temporary database and looks at the row it wrote.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb, schema } from '../src/lib/server/db';
import { verifyPassword } from '../src/lib/server/auth/password';

const dbUrl = 'file:' + path.join(process.env.TEST_TMP_DIR!, 'cli.db');
const tsx = path.resolve('node_modules/.bin/tsx');

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(tsx, ['scripts/user-create.ts', ...args], { env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }, timeout: 120_000 });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

async function usersByEmail(email: string) {
	const h = openDb(dbUrl);
	try {
		return await h.db.select().from(schema.users).where(eq(schema.users.emailKey, email.toLowerCase()));
	} finally {
		h.client.close();
	}
}

describe('npm run user:create', { timeout: 120_000 }, () => {
	it('migrates a fresh database and creates the user with the given role', async () => {
		const r = await run('--email', 'First.Admin@example.org', '--password', 'ein langes Passwort', '--role', 'admin', '--name', 'Erste Verwaltung');
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/created admin First\.Admin@example\.org/);
		const [user] = await usersByEmail('first.admin@example.org');
		expect(user).toMatchObject({ email: 'First.Admin@example.org', role: 'admin', displayName: 'Erste Verwaltung', disabledAt: null });
		expect(await verifyPassword(user.passwordHash, 'ein langes Passwort')).toBe(true);
	});

	it('refuses a duplicate email (any case) with exit code 3 and keeps the first account', async () => {
		const r = await run('--email', 'FIRST.ADMIN@example.org', '--password', 'ein anderes Passwort', '--role', 'learner');
		expect(r.code).toBe(3);
		expect(r.err).toMatch(/already exists/);
		const rows = await usersByEmail('first.admin@example.org');
		expect(rows).toHaveLength(1);
		expect(rows[0].role).toBe('admin');
	});

	it('refuses bad arguments with exit code 2 and a message that says what is wrong', async () => {
		const cases: [string[], RegExp][] = [
			[['--email', 'kurz@example.org', '--password', 'kurz', '--role', 'trainer'], /at least 8 characters/],
			[['--email', 'rolle@example.org', '--password', 'ein langes Passwort', '--role', 'boss'], /--role must be one of learner, trainer, admin/],
			[['--email', 'not-an-email', '--password', 'ein langes Passwort', '--role', 'learner'], /not a valid email/],
			[['--password', 'ein langes Passwort', '--role', 'learner'], /missing --email/],
			[['--email', 'x@example.org', '--pasword', 'typo', '--role', 'learner'], /Unknown option '--pasword'/]
		];
		// in parallel: each run is mostly tsx starting up
		const results = await Promise.all(cases.map(([args]) => run(...args)));
		for (const [i, [args, message]] of cases.entries()) {
			const r = results[i];
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.err).toMatch(message);
			expect(r.err).toMatch(/usage: npm run user:create/);
		}
		expect(await usersByEmail('kurz@example.org')).toEqual([]);
		expect(await usersByEmail('rolle@example.org')).toEqual([]);
	});
});
