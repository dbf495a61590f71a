// Form parsing with one zod schema per form; errors come back as message keys, translated by the caller.
import { z } from 'zod';
import { t } from './i18n';

export type FieldErrors = Record<string, string>;

/** Parses FormData with `schema`; returns the data or translated per-field errors plus the submitted values. */
export function parseForm<S extends z.ZodType>(form: FormData, schema: S, locale: string, omitFromValues: string[] = ['password', 'current', 'next']) {
	const raw: Record<string, unknown> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') raw[k] = v;
	const values: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) if (!omitFromValues.includes(k) && typeof v === 'string') values[k] = v.slice(0, 500);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true as const, data: parsed.data as z.infer<S>, values };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= t(locale, issue.message);
	}
	return { ok: false as const, errors, values };
}
