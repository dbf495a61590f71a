// Feedback from the accessibility statement's form: validated, rate limited per address, stored, mailed to every admin.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, schema, write } from '../db';
import { newId } from '../ids';
import { config } from '../config';
import { sendMail } from '../mail';
import { t } from '../i18n';
import { audit } from '../audit';
import { consume, limitKey, type Limit } from '../auth/rate-limit';

export const FEEDBACK_MESSAGE_MAX = 5000;

/** Messages are keys of messages/<locale>/a11y.json. */
export const feedbackSchema = z.object({
	message: z.string().trim().min(10, 'a11y_error_message_short').max(FEEDBACK_MESSAGE_MAX, 'a11y_error_message_long'),
	page: z.string().trim().max(300, 'a11y_error_page_long').default(''),
	name: z.string().trim().max(100, 'a11y_error_name_long').default(''),
	email: z
		.string()
		.trim()
		.max(254, 'a11y_error_email')
		.refine((v) => v === '' || z.email().safeParse(v).success, 'a11y_error_email')
		.default('')
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export function feedbackLimit(): Limit {
	return { max: Number(process.env.RATE_LIMIT_FEEDBACK_PER_HOUR || 10), windowMs: 60 * 60 * 1000 };
}

/** Each language named in itself, for the admins' mail. */
const LANGUAGE_NAMES: Record<string, string> = { de: 'Deutsch', en: 'English', ar: 'العربية', fa: 'فارسی', tr: 'Türkçe', uk: 'Українська', ru: 'Русский' };

export async function submitFeedback(input: FeedbackInput, locale: string, clientAddress: string): Promise<{ ok: true; id: string } | { ok: false; retryAt: number }> {
	const limited = await consume(limitKey('a11y-feedback', clientAddress), feedbackLimit());
	if (!limited.ok) return { ok: false, retryAt: limited.retryAt };
	const id = newId();
	const row = { id, message: input.message, page: input.page, name: input.name, email: input.email, locale, createdAt: Date.now() };
	await write((tx) => tx.insert(schema.accessibilityFeedback).values(row));
	const admins = await db()
		.select({ email: schema.users.email, locale: schema.users.locale })
		.from(schema.users)
		.where(and(eq(schema.users.role, 'admin'), isNull(schema.users.disabledAt)));
	for (const admin of admins) {
		const none = t(admin.locale, 'a11y_mail_none');
		await sendMail({
			to: admin.email,
			subject: t(admin.locale, 'a11y_mail_subject'),
			body: t(admin.locale, 'a11y_mail_body', {
				url: `${config.origin}/barrierefreiheit`,
				message: row.message,
				page: row.page || none,
				name: row.name || none,
				email: row.email || none,
				language: LANGUAGE_NAMES[locale] ?? locale,
				admin: `${config.origin}/admin/feedback`
			})
		});
	}
	return { ok: true, id };
}

export async function listFeedback(limit = 200) {
	return db().select().from(schema.accessibilityFeedback).orderBy(desc(schema.accessibilityFeedback.createdAt)).limit(limit);
}

export async function countFeedback(): Promise<number> {
	const r = await db().select({ n: sql<number>`count(*)` }).from(schema.accessibilityFeedback);
	return Number(r[0]?.n ?? 0);
}

export async function deleteFeedback(id: string, adminId: string): Promise<boolean> {
	return write(async (tx) => {
		const gone = await tx.delete(schema.accessibilityFeedback).where(eq(schema.accessibilityFeedback.id, id)).returning({ id: schema.accessibilityFeedback.id });
		if (!gone.length) return false;
		await audit(adminId, 'admin.feedback.delete', `feedback:${id}`, {}, tx);
		return true;
	});
}
