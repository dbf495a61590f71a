// The admin forms' schemas; messages are keys of messages/*/admin.json.
import { z } from 'zod';
import { ROLES } from '../db/schema';
import { MEMBERSHIP_ROLES } from './councils';

export const roleSchema = z.object({ role: z.enum(ROLES, { message: 'admin_error_role_invalid' }) });

export const councilSchema = z.object({
	name: z.string().trim().min(2, 'admin_error_council_name').max(120, 'admin_error_council_name'),
	city: z.string().trim().max(80, 'admin_error_council_city').default('')
});

export const memberSchema = z.object({
	email: z.string().trim().min(3, 'admin_error_member_email').max(254, 'admin_error_member_email').email('admin_error_member_email'),
	role: z.enum(MEMBERSHIP_ROLES, { message: 'admin_error_member_role' })
});

export const removeMemberSchema = z.object({ userId: z.string().min(1, 'admin_error_member_not_found').max(64, 'admin_error_member_not_found') });
