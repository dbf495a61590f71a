// Where someone lands after login when nothing asked to come back somewhere: each role's own start page.
// Learners: /me (their courses). Trainers: /studio (their courses to write). Admins: /admin (users, roles,
// councils), which links on to the studio; an admin who wants the studio logs in from a studio link (redirectTo).
import type { Role } from '../db/schema';

export function landingPath(role: Role | string): string {
	if (role === 'admin') return '/admin';
	if (role === 'trainer') return '/studio';
	return '/me';
}
