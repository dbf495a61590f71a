import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { createUser } from '../auth/accounts';
import { parseForm } from '../forms';
import { countFeedback, deleteFeedback, feedbackSchema, listFeedback, submitFeedback } from './feedback';

function form(values: Record<string, string>) {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.set(k, v);
	return f;
}
async function outboxTo(email: string) {
	return db().select().from(schema.outbox).where(eq(schema.outbox.to, email));
}

describe('accessibility feedback', () => {
	it('validates with translated messages, stores nothing for bad input', async () => {
		const bad = parseForm(form({ message: 'kurz', email: 'keine-adresse', page: 'x'.repeat(301), name: 'y'.repeat(101) }), feedbackSchema, 'tr');
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		expect(bad.errors).toEqual({
			message: 'Lütfen en az 10 karakterlik bir mesaj yazın.',
			email: 'Lütfen geçerli bir e-posta adresi girin ya da alanı boş bırakın.',
			page: 'Sayfa bilgisi çok uzun (en fazla 300 karakter).',
			name: 'Ad çok uzun (en fazla 100 karakter).'
		});
		const long = parseForm(form({ message: 'a'.repeat(5001) }), feedbackSchema, 'uk');
		expect(long.ok ? null : long.errors).toEqual({ message: 'Повідомлення задовге. Будь ласка, напишіть не більше 5000 символів.' });
		expect(await countFeedback()).toBe(0);
		// optional fields may be missing or empty (whitespace counts as empty)
		const ok = parseForm(form({ message: '  Der Kontrast der Buttons ist zu schwach.  ', email: '  ' }), feedbackSchema, 'de');
		expect(ok.ok && ok.data).toEqual({ message: 'Der Kontrast der Buttons ist zu schwach.', page: '', name: '', email: '' });
	});

	it('stores the message and mails every active admin in the admin’s language', async () => {
		const admin = await createUser({ email: 'a11y-admin@example.org', password: 'ein langes Passwort', displayName: 'Admin', role: 'admin', locale: 'en' });
		const gone = await createUser({ email: 'a11y-disabled@example.org', password: 'ein langes Passwort', displayName: 'Alt', role: 'admin' });
		await createUser({ email: 'a11y-learner@example.org', password: 'ein langes Passwort', displayName: 'Lerner' });
		if (!admin.ok || !gone.ok) throw new Error('users');
		await write((tx) => tx.update(schema.users).set({ disabledAt: Date.now() }).where(eq(schema.users.id, gone.user.id)));

		const r = await submitFeedback({ message: 'Das Video hat keine Untertitel.', page: '/podcast/folge-1', name: 'Samira', email: 'samira@example.org' }, 'ar', '203.0.113.7');
		expect(r.ok).toBe(true);
		const [stored] = await listFeedback();
		expect(stored).toMatchObject({ message: 'Das Video hat keine Untertitel.', page: '/podcast/folge-1', name: 'Samira', email: 'samira@example.org', locale: 'ar' });
		const mails = await outboxTo('a11y-admin@example.org');
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toBe('New accessibility feedback');
		expect(mails[0].body).toContain('Das Video hat keine Untertitel.');
		expect(mails[0].body).toContain('Page: /podcast/folge-1');
		expect(mails[0].body).toContain('Language: العربية');
		expect(mails[0].body).toMatch(/All feedback: http:\/\/[^\s]+\/admin\/feedback/);
		expect(await outboxTo('a11y-disabled@example.org')).toHaveLength(0);
		expect(await outboxTo('a11y-learner@example.org')).toHaveLength(0);
	});

	it('limits messages per address (RATE_LIMIT_FEEDBACK_PER_HOUR), other addresses still get through', async () => {
		process.env.RATE_LIMIT_FEEDBACK_PER_HOUR = '2';
		try {
			const input = { message: 'Noch eine Rückmeldung zum Test.', page: '', name: '', email: '' };
			expect((await submitFeedback(input, 'de', '198.51.100.1')).ok).toBe(true);
			expect((await submitFeedback(input, 'de', '198.51.100.1')).ok).toBe(true);
			const third = await submitFeedback(input, 'de', '198.51.100.1');
			expect(third).toEqual({ ok: false, retryAt: expect.any(Number) });
			expect((await submitFeedback(input, 'de', '198.51.100.2')).ok).toBe(true);
			expect(await countFeedback()).toBe(4);
		} finally {
			delete process.env.RATE_LIMIT_FEEDBACK_PER_HOUR;
		}
	});

	it('an admin deletes feedback, with an audit entry', async () => {
		const [latest] = await listFeedback(1);
		const admin = (await db().select().from(schema.users).where(eq(schema.users.email, 'a11y-admin@example.org')))[0];
		expect(await deleteFeedback(latest.id, admin.id)).toBe(true);
		expect(await deleteFeedback(latest.id, admin.id)).toBe(false);
		expect((await listFeedback()).some((f) => f.id === latest.id)).toBe(false);
		const entries = await db().all<{ n: number }>(sql`select count(*) as n from audit_log where action = 'admin.feedback.delete' and target = ${'feedback:' + latest.id}`);
		expect(Number(entries[0].n)).toBe(1);
	});
});
