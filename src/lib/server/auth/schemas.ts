// The account forms' schemas; messages are keys of messages/*/auth.json.
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './password';
import { LOCALES } from '../i18n';
import { nameField } from '../../validation/names';

const email = z.string().trim().max(254, 'error_email_invalid').email('error_email_invalid');
const password = z.string().min(PASSWORD_MIN, 'error_password_short').max(PASSWORD_MAX, 'error_password_long');
const displayName = nameField({ min: 1, max: 80, lengthKey: 'error_name_required' });
const locale = z.enum(LOCALES as unknown as [string, ...string[]], { message: 'error_language' });

export const registerSchema = z.object({
	email,
	password,
	displayName,
	locale,
	consent: z.literal('on', { message: 'error_consent' })
});
export const loginSchema = z.object({ email: z.string().trim().min(1, 'error_email_invalid').max(254, 'error_email_invalid'), password: z.string().min(1, 'error_password_short').max(PASSWORD_MAX, 'error_password_long') });
export const profileSchema = z.object({ displayName, locale });
export const passwordChangeSchema = z.object({ current: z.string().min(1, 'error_password_wrong').max(PASSWORD_MAX, 'error_password_long'), next: password });
export const resetRequestSchema = z.object({ email });
export const resetSchema = z.object({ password });
export const deleteSchema = z.object({ password: z.string().min(1, 'error_password_wrong').max(PASSWORD_MAX, 'error_password_long') });
