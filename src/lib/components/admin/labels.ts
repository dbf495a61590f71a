// Translated names for roles and audit actions, shared by the admin pages.
import * as m from '$lib/paraglide/messages';

export function roleLabel(role: string): string {
	if (role === 'admin') return m.admin_role_admin();
	if (role === 'trainer') return m.admin_role_trainer();
	return m.admin_role_learner();
}

export function membershipLabel(role: string): string {
	return role === 'trainer' ? m.admin_membership_trainer() : m.admin_membership_member();
}

/** `admin.user.role` → its message `admin_action_admin_user_role`, when there is one. */
export function actionLabel(action: string): string | null {
	const key = 'admin_action_' + action.replace(/[^a-z0-9]+/gi, '_');
	const fn = (m as unknown as Record<string, (() => string) | undefined>)[key];
	return typeof fn === 'function' ? fn() : null;
}
