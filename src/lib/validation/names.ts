// Names and titles people type (display names, course/module/lesson/episode/chapter titles, council names, guests):
// no control characters and no bidi overrides or isolates, which can make "Admin\u202EnimdA" read as something else
// or hide text; stored in Unicode NFC so that a decomposed "é" and a composed one are the same name.
// Right-to-left scripts themselves are welcome, and so are the joiners they need (ZWNJ U+200C, ZWJ U+200D) and the
// direction marks LRM/RLM/ALM, which change no order of strong characters.
import { z } from 'zod';

/** C0 controls (incl. tab, newline, NUL), DEL, C1 controls, bidi embeddings/overrides (U+202A–E) and isolates (U+2066–9). */
export const UNSAFE_TEXT_RE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** The message key (messages/<locale>/hardening-data.json) for a name or title with such characters. */
export const UNSAFE_TEXT_KEY = 'hardening_data_error_name_controls';

export function hasUnsafeChars(s: string): boolean {
	return UNSAFE_TEXT_RE.test(s);
}

/** Trimmed and NFC-normalised; callers check hasUnsafeChars first (or use nameField). */
export function cleanName(s: string): string {
	return s.normalize('NFC').trim();
}

/** The content import's reason (its messages are English and name file and line). */
export const UNSAFE_TEXT_REASON = 'must not contain control characters or bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069)';

/**
 * The one zod field for a name or title: trimmed, NFC, `min`–`max` characters (message `lengthKey`), and refused
 * with UNSAFE_TEXT_KEY (or `unsafeKey`) when it contains a control or bidi override/isolate. Length is counted after NFC.
 */
export function nameField(opts: { min: number; max: number; lengthKey: string; maxKey?: string; unsafeKey?: string }) {
	return z
		.string()
		.transform(cleanName)
		.pipe(
			z
				.string()
				.refine((v) => !hasUnsafeChars(v), opts.unsafeKey ?? UNSAFE_TEXT_KEY)
				.pipe(z.string().min(opts.min, opts.lengthKey).max(opts.max, opts.maxKey ?? opts.lengthKey))
		);
}

/** For names outside a zod schema (repeatable form rows, the content import): null when fine, else the message key. */
export function nameProblem(s: string): string | null {
	return hasUnsafeChars(s) ? UNSAFE_TEXT_KEY : null;
}
