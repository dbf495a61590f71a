// Translated names for roles and memberships, shared by the admin pages (audit actions: server/admin/audit-sentences.ts).
import * as m from '$lib/paraglide/messages';

export function roleLabel(role: string): string {
	if (role === 'admin') return m.admin_role_admin();
	if (role === 'trainer') return m.admin_role_trainer();
	return m.admin_role_learner();
}

export function membershipLabel(role: string): string {
	return role === 'trainer' ? m.admin_membership_trainer() : m.admin_membership_member();
}
