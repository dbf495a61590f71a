// Outgoing mail: always recorded in the outbox table; sent by SMTP when SMTP_URL is set, else written to the log.
import { asc, eq, sql } from 'drizzle-orm';
import { db, write, schema, type Tx } from './db';
import { config } from './config';
import { log, logError } from './log';

export interface Mail {
	to: string;
	subject: string;
	body: string;
}

export async function sendMail(mail: Mail): Promise<void> {
	const [row] = await write((tx) =>
		tx.insert(schema.outbox).values({ ...mail, createdAt: Date.now() }).returning({ id: schema.outbox.id })
	);
	const smtp = config.smtpUrl;
	if (!smtp) {
		// Without SMTP the log is the delivery, but a log must not hold secrets: one-time links are
		// masked here and stay readable in full in the outbox table.
		log('mail', { id: row.id, to: mail.to, subject: mail.subject, body: redactSecrets(mail.body), note: `full text in outbox id ${row.id}` });
		return;
	}
	try {
		const nodemailer = await import('nodemailer');
		const transport = nodemailer.createTransport(smtp);
		await transport.sendMail({ from: process.env.MAIL_FROM || 'Mitsprache <noreply@localhost>', ...{ to: mail.to, subject: mail.subject, text: mail.body } });
		await write((tx) => tx.update(schema.outbox).set({ sentAt: Date.now() }).where(eq(schema.outbox.id, row.id)));
	} catch (err) {
		logError('mail_failed', err, { id: row.id });
		await write((tx) => tx.update(schema.outbox).set({ error: String(err) }).where(eq(schema.outbox.id, row.id)));
	}
}

/** Masks one-time tokens in links (password resets, invitations). */
export function redactSecrets(text: string): string {
	return text.replace(/(\/(?:reset|invite)\/)[A-Za-z0-9_-]{16,}/g, '$1[redacted]');
}

// The outbox names people (address, name, links): a person's export lists the mails to their address, and deleting
// the account deletes them. Addresses compare like account emails: trimmed and case-insensitive.
const toAddress = (email: string) => sql`lower(trim(${schema.outbox.to})) = ${email.trim().toLowerCase()}`;

/** For the data export; one-time links are masked (they are secrets, and spent or expired by now anyway). */
export async function mailsTo(email: string) {
	const rows = await db().select().from(schema.outbox).where(toAddress(email)).orderBy(asc(schema.outbox.id));
	return rows.map((r) => ({ to: r.to, subject: r.subject, body: redactSecrets(r.body), createdAt: new Date(r.createdAt).toISOString(), sentAt: r.sentAt === null ? null : new Date(r.sentAt).toISOString() }));
}

export async function deleteMailsToTx(tx: Tx, email: string) {
	await tx.delete(schema.outbox).where(toAddress(email));
}
