// Test helpers: a copy of the fixture content in a temp dir, and learners in the test database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser } from '../auth/accounts';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../tests/fixtures/content');
export const FIXTURE_COURSE = 'testkurs-beirat';

export function copyFixture(from = FIXTURE_DIR): string {
	const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), 'content-'));
	fs.cpSync(from, dir, { recursive: true });
	return dir;
}

/** A course whose lessons have variants (Leichte Sprache, Arabic, Turkish): tests/fixtures/variants. */
export const VARIANT_FIXTURE_DIR = path.resolve(FIXTURE_DIR, '../variants');
export const VARIANT_COURSE = 'varianten-kurs';

let n = 0;
export async function learner(name = 'Lerner Test') {
	const r = await createUser({ email: `learner-${process.pid}-${n++}@example.org`, password: 'ein langes Passwort', displayName: name });
	if (!r.ok) throw new Error(r.reason);
	return r.user;
}
