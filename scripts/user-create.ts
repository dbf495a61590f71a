// `npm run user:create -- --email E --password P --role admin|trainer|learner [--name N]`
// Creates an account (the first admin, say) in the database named by DATABASE_URL, migrating it first.
// Exit codes: 0 created, 2 bad arguments (also a too short/long password), 3 email already taken, 1 other failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureMessages } from './paraglide.mjs';

const USAGE = 'usage: npm run user:create -- --email E --password P --role admin|trainer|learner [--name "Display Name"]';
const ROLES = ['learner', 'trainer', 'admin'];

function fail(code: number, message: string): never {
	console.error(`user:create: ${message}`);
	if (code === 2) console.error(USAGE);
	process.exit(code);
}

function readArgs() {
	try {
		const { values, positionals } = parseArgs({
			options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
			strict: true,
			allowPositionals: true
		});
		if (values.help) {
			console.log(USAGE);
			process.exit(0);
		}
		if (positionals.length) fail(2, `unexpected argument "${positionals[0]}"`);
		return values;
	} catch (err) {
		fail(2, (err as Error).message);
	}
}

async function main() {
	const args = readArgs();
	const email = args.email?.trim() ?? '';
	const password = args.password ?? '';
	const role = args.role ?? '';
	if (!email) fail(2, 'missing --email');
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) fail(2, `"${email}" is not a valid email address`);
	if (!args.password) fail(2, 'missing --password');
	if (!ROLES.includes(role)) fail(2, `--role must be one of ${ROLES.join(', ')}${role ? ` (got "${role}")` : ''}`);

	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	await ensureMessages();
	const { PASSWORD_MIN, PASSWORD_MAX } = await import('../src/lib/server/auth/password');
	if (password.length < PASSWORD_MIN) fail(2, `the password must be at least ${PASSWORD_MIN} characters long`);
	if (password.length > PASSWORD_MAX) fail(2, `the password must be at most ${PASSWORD_MAX} characters long`);
	const { cleanName, hasUnsafeChars } = await import('../src/lib/validation/names');
	if (args.name !== undefined && hasUnsafeChars(args.name)) fail(2, '--name must not contain control characters or bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069)');
	const displayName = cleanName(args.name ?? email.split('@')[0]).slice(0, 80) || email;

	const { migrateDb, closeDb } = await import('../src/lib/server/db');
	const { createUser } = await import('../src/lib/server/auth/accounts');
	const { audit } = await import('../src/lib/server/audit');
	try {
		await migrateDb();
		const result = await createUser({ email, password, displayName, role: role as 'learner' | 'trainer' | 'admin' });
		if (!result.ok) fail(3, `an account with the email ${email} already exists`);
		await audit(null, 'cli.user.create', `user:${result.user.id}`, { role });
		console.log(`created ${role} ${result.user.email} (id ${result.user.id})`);
	} finally {
		await closeDb();
	}
}

main().catch((err) => {
	console.error('user:create failed:', err instanceof Error ? err.message : err);
	process.exit(1);
});
