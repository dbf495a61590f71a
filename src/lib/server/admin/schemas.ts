// The admin forms' schemas; messages are keys of messages/*/admin.json.
import { z } from 'zod';
import { ROLES } from '../db/schema';
import { MEMBERSHIP_ROLES } from './councils';
import { nameField } from '../../validation/names';
import { LOCALES } from '../i18n';

export const roleSchema = z.object({ role: z.enum(ROLES, { message: 'admin_error_role_invalid' }) });
export const roleConfirmSchema = roleSchema.extend({ from: z.enum(ROLES, { message: 'admin_error_role_invalid' }) });

export const inviteSchema = z.object({
	email: z.string().trim().min(3, 'admin_error_member_email').max(254, 'admin_error_member_email').email('admin_error_member_email'),
	role: z.enum(MEMBERSHIP_ROLES, { message: 'admin_error_member_role' }),
	locale: z.enum(LOCALES as unknown as [string, ...string[]], { message: 'error_language' })
});
export const revokeInvitationSchema = z.object({ id: z.string().min(1, 'invite_error_not_found').max(64, 'invite_error_not_found') });

export const councilSchema = z.object({
	name: nameField({ min: 2, max: 120, lengthKey: 'admin_error_council_name' }),
	city: nameField({ min: 0, max: 80, lengthKey: 'admin_error_council_city' }).default('')
});

export const memberSchema = z.object({
	email: z.string().trim().min(3, 'admin_error_member_email').max(254, 'admin_error_member_email').email('admin_error_member_email'),
	role: z.enum(MEMBERSHIP_ROLES, { message: 'admin_error_member_role' })
});

export const removeMemberSchema = z.object({ userId: z.string().min(1, 'admin_error_member_not_found').max(64, 'admin_error_member_not_found') });
