// Test helper: users inserted straight into the test database (no argon2), for admin module tests.
import { write, schema } from '../db';
import type { Role, User } from '../db/schema';
import { newId } from '../ids';

export async function insertUser(fields: { email?: string; displayName?: string; role?: Role; disabledAt?: number | null } = {}): Promise<User> {
	const id = newId();
	const email = fields.email ?? `u-${id}@example.org`;
	const user: User = {
		id,
		email,
		emailKey: email.toLowerCase(),
		displayName: fields.displayName ?? 'Test ' + id.slice(0, 5),
		passwordHash: 'not-a-hash',
		locale: 'de',
		plainLanguage: false,
		role: fields.role ?? 'learner',
		disabledAt: fields.disabledAt ?? null,
		privacyAcceptedAt: Date.now(),
		createdAt: Date.now()
	};
	await write((tx) => tx.insert(schema.users).values(user));
	return user;
}
