import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { sendMail, redactSecrets } from './mail';
import { db, schema } from './db';

describe('mail without SMTP', () => {
	it('keeps the mail in the outbox and logs it without the one-time link', async () => {
		process.env.LOG_LEVEL = '';
		const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		try {
			await sendMail({ to: 'mail-test@example.org', subject: 'Reset', body: 'Link: http://localhost:3000/reset/abcdefghijklmnopqrstuvwxyz234567' });
			const line = out.mock.calls.map((c) => String(c[0])).find((l) => l.includes('mail-test@example.org'))!;
			expect(JSON.parse(line)).toMatchObject({ event: 'mail', to: 'mail-test@example.org', subject: 'Reset' });
			expect(line).not.toContain('abcdefghijklmnopqrstuvwxyz234567');
		} finally {
			out.mockRestore();
			process.env.LOG_LEVEL = 'silent';
		}
		const row = (await db().select().from(schema.outbox).where(eq(schema.outbox.to, 'mail-test@example.org')))[0];
		expect(row.body).toContain('/reset/abcdefghijklmnopqrstuvwxyz234567');
	});
	it('redacts reset tokens only', () => {
		expect(redactSecrets('see /reset/abcdefghijklmnopqrstuvwxyz and /courses/x')).toBe('see /reset/[redacted] and /courses/x');
	});
});
