// The German interface speaks with one voice: the gender colon ("Trainer:innen", "Inhaber:in") rather than a mix of
// slash forms and pairs, and one word for the certificate, "Teilnahmebescheinigung". Scans every German message file
// (also ones added later), the components and pages, and the content format guide, so the old forms do not come back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

function files(dir: string, ext: RegExp): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return e.name === 'paraglide' ? [] : files(p, ext);
		return ext.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
	});
}

/** every string of a message file, complex (plural) messages included */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

function hits(text: string, rules: [RegExp, string][]): string[] {
	return rules.flatMap(([re, why]) => [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))].map((m) => `${why}: “${m[0]}”`));
}

// what the interface must not say, and why
const EVERYWHERE: [RegExp, string][] = [
	[/[A-Za-zäöüß]\/innen\b/, 'slash form, use the colon (Trainer:innen)'],
	[/Trainerinnen und Trainer|Trainerin oder (eines )?Trainers?/, 'pair form, use the colon (Trainer:innen)'],
	[/Zertifikat/, 'the certificate is called Teilnahmebescheinigung']
];
const MESSAGES_ONLY: [RegExp, string][] = [
	...EVERYWHERE,
	[/[A-Za-zäöüß]\/(in|r|n)\b/, 'slash form, use the colon (Inhaber:in, eine:n)'],
	[/\bjede und jeder\b/, 'pair form, use the colon (jede:r)'],
	[/(?<!Teilnahme)[Bb]escheinigung/, 'the certificate is called Teilnahmebescheinigung in full'],
	[/\bAdmins?\b/, 'Administrator:innen']
];

describe('German wording', () => {
	it('the German messages use the colon and one word for the certificate', () => {
		const dir = path.join(ROOT, 'messages/de');
		const found = fs.readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.flatMap((f) => strings(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))).flatMap((s) => hits(s, MESSAGES_ONLY).map((h) => `${f}: ${h}`)));
		expect(found).toEqual([]);
	});

	it('so do the components, pages, server texts (mails, PDF) and the content format guide', () => {
		const sources = [...files(path.join(ROOT, 'src'), /\.(svelte|ts)$/), path.join(ROOT, 'content/README.md')];
		const found = sources.flatMap((f) => hits(fs.readFileSync(f, 'utf8'), EVERYWHERE).map((h) => `${path.relative(ROOT, f)}: ${h}`));
		expect(found).toEqual([]);
	});

	it('the certificate is a Teilnahmebescheinigung wherever German names it', () => {
		const courses = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/de/courses.json'), 'utf8'));
		const admin = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/de/admin.json'), 'utf8'));
		expect(courses.course_fact_certificate).toBe('Teilnahmebescheinigung');
		expect(admin.admin_revoke_code).toBe('Code der Teilnahmebescheinigung');
		// the PDF's heading and document title come from this message (certificate-pdf.ts)
		const reach = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/de/reach.json'), 'utf8'));
		expect(reach.reach_cert_title).toBe('Teilnahmebescheinigung');
		expect(fs.readFileSync(path.join(ROOT, 'src/lib/server/courses/certificate-pdf.ts'), 'utf8')).toContain("tr('reach_cert_title')");
	});
});
