// The studio's form schemas; messages are keys of messages/*/studio.json.
import { z } from 'zod';
import { SLUG_RE } from '../../content/lesson';
import { QUIZ_MODES } from '../db/schema';
import { nameField } from '../../validation/names';

const title = nameField({ min: 2, max: 200, lengthKey: 'studio_error_title' });

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/**
 * A decimal number as people type it: "1,5" (German and most of our locales) and "1.5" both mean one and a half.
 * Anything else (thousands separators, two separators, letters) is NaN, so the field is refused, never changed silently.
 */
export function parseDecimal(v: unknown): number {
	if (typeof v === 'number') return v;
	if (typeof v !== 'string') return NaN;
	const s = v.trim().replace(/\u066B/g, '.').replace(/\u066C/g, '');
	if (!/^\d+(?:[.,]\d+)?$/.test(s)) return NaN;
	return Number(s.replace(',', '.'));
}

/** The stored hours as the form shows them: the locale's decimal comma where it has one ("1,5"), which parseDecimal reads back. */
export function formatHoursInput(hours: number, locale: string): string {
	const comma = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';
	return comma ? String(hours).replace('.', ',') : String(hours);
}

export const courseSchema = z.object({
	title,
	slug: z
		.string()
		.trim()
		.max(80, 'studio_error_slug')
		.refine((v) => v === '' || SLUG_RE.test(v), 'studio_error_slug')
		.default(''),
	summary: z.string().trim().min(2, 'studio_error_summary').max(1000, 'studio_error_summary'),
	summaryEn: z.string().trim().max(1000, 'studio_error_summary').default(''),
	description: z.string().max(20_000, 'studio_error_body_long').default(''),
	language: z.enum(['de', 'en'], { message: 'studio_error_language' }),
	level: z.enum(['beginner', 'intermediate', 'advanced'], { message: 'studio_error_level' }),
	topics: z
		.string()
		.max(500, 'studio_error_topics')
		.default('')
		.transform((v) =>
			v
				.split(',')
				.map((t) => t.trim())
				.filter(Boolean)
		),
	hours: z.preprocess(parseDecimal, z.number({ message: 'studio_error_hours' }).gt(0, 'studio_error_hours').lt(1000, 'studio_error_hours')),
	passScore: z.coerce.number({ message: 'studio_error_pass_score' }).int('studio_error_pass_score').min(0, 'studio_error_pass_score').max(100, 'studio_error_pass_score'),
	certificate: checkbox,
	featured: checkbox,
	// the quiz policy (content/README.md "Quiz")
	quizMode: z.enum(QUIZ_MODES, { message: 'hardening_data_error_quiz_mode' }).default('graded'),
	quizAttempts: z.coerce.number({ message: 'hardening_data_error_quiz_attempts' }).int('hardening_data_error_quiz_attempts').min(1, 'hardening_data_error_quiz_attempts').max(20, 'hardening_data_error_quiz_attempts').default(3),
	quizWait: z.coerce.number({ message: 'hardening_data_error_quiz_wait' }).int('hardening_data_error_quiz_wait').min(0, 'hardening_data_error_quiz_wait').max(3600, 'hardening_data_error_quiz_wait').default(30),
	visibility: z.enum(['public', 'councils'], { message: 'studio_error_visibility' })
});
export type CourseInput = z.infer<typeof courseSchema>;

export const titleSchema = z.object({ title });

export const newLessonSchema = z.object({
	moduleId: z.string().min(1, 'studio_error_module').max(64, 'studio_error_module'),
	title,
	slug: z
		.string()
		.trim()
		.max(80, 'studio_error_slug')
		.refine((v) => v === '' || SLUG_RE.test(v), 'studio_error_slug')
		.default('')
});

export const idSchema = z.object({ id: z.string().min(1, 'studio_error_not_found').max(64, 'studio_error_not_found') });
export const moveSchema = idSchema.extend({ direction: z.enum(['up', 'down'], { message: 'studio_error_not_found' }) });
export const orderSchema = z.object({
	ids: z
		.string()
		.max(10_000)
		.transform((v) => v.split(',').filter(Boolean))
});
export const ownerSchema = z.object({ email: z.string().trim().min(3, 'studio_error_owner_email').max(254, 'studio_error_owner_email').email('studio_error_owner_email') });
