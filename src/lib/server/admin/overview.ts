// The figures on the admin start page.
import { count } from 'drizzle-orm';
import { db, schema } from '../db';

export async function adminOverview() {
	const [[{ users }], [{ councils }], [{ courses }]] = await Promise.all([
		db().select({ users: count() }).from(schema.users),
		db().select({ councils: count() }).from(schema.organisations),
		db().select({ courses: count() }).from(schema.courses)
	]);
	return { users, councils, courses };
}
