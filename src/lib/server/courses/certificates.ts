// Certificates of participation: issued once per learner and course with a snapshot of what must not change later;
// verified publicly by an unguessable code; revoked by admins; withdrawn when the account is deleted.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db, schema, write, type Db, type Tx } from '../db';
import { newId, randomToken } from '../ids';
import { audit } from '../audit';
import { config } from '../config';
import { t } from '../i18n';
import { logError } from '../log';
import { sendMail } from '../mail';

export type CertificateView = typeof schema.certificates.$inferSelect;

/**
 * The live lessons of a course whose quiz is graded (front matter `quiz:`, else the course's setting) and that this
 * learner has not passed in a graded attempt, in reading order. The certificate waits for these.
 */
export async function missingGradedQuizzes(userId: string, courseId: string, q: Db | Tx = db()): Promise<{ id: string; slug: string; title: string }[]> {
	return q.all<{ id: string; slug: string; title: string }>(sql`
		select l.id, l.slug, l.title from lessons l join courses c on c.id = l.course_id
		where l.course_id = ${courseId} and l.archived_at is null and l.published_revision_id is not null and l.has_quiz = 1
		  and coalesce(l.quiz_mode, c.quiz_mode) = 'graded'
		  and not exists (select 1 from quiz_attempts a where a.user_id = ${userId} and a.lesson_id = l.id and a.graded = 1 and a.passed = 1)
		order by l.position`);
}

/**
 * Issues the certificate for a completed course unless it exists or the course gives none. Returns its code.
 * Refused (null) while a graded quiz of the course is not passed under the quiz policy: completing its lesson some
 * other way (an old attempt, a quiz that was practice then) is not enough.
 */
export async function issueCertificate(tx: Tx, userId: string, courseId: string, now: number): Promise<string | null> {
	const existing = (await tx.select({ code: schema.certificates.code }).from(schema.certificates).where(and(eq(schema.certificates.userId, userId), eq(schema.certificates.courseId, courseId))).limit(1))[0];
	if (existing) return existing.code;
	const course = (await tx.select().from(schema.courses).where(eq(schema.courses.id, courseId)).limit(1))[0];
	const user = (await tx.select({ displayName: schema.users.displayName }).from(schema.users).where(eq(schema.users.id, userId)).limit(1))[0];
	// a draft course (never published, or withdrawn) issues no certificates
	if (!course?.certificate || course.draft || !user) return null;
	if ((await missingGradedQuizzes(userId, courseId, tx)).length) return null;
	// 20 random bytes = 160 bits, base32
	const code = randomToken(20);
	await tx.insert(schema.certificates).values({
		id: newId(), code, userId, courseId, displayName: user.displayName, courseTitle: course.title, hours: course.hours, language: course.language, issuedAt: now
	});
	return code;
}

/** Public lookup by code: only the snapshot and its state. */
export async function certificateByCode(code: string): Promise<CertificateView | null> {
	if (!/^[a-z2-7]{16,64}$/.test(code)) return null;
	return (await db().select().from(schema.certificates).where(eq(schema.certificates.code, code)).limit(1))[0] ?? null;
}

/** A certificate only if it belongs to `userId` (the PDF download). */
export async function ownCertificate(userId: string, code: string): Promise<CertificateView | null> {
	const c = await certificateByCode(code);
	return c && c.userId === userId ? c : null;
}

export async function certificatesOf(userId: string): Promise<CertificateView[]> {
	return db().select().from(schema.certificates).where(eq(schema.certificates.userId, userId)).orderBy(desc(schema.certificates.issuedAt));
}

/** For the admin area: the verification page then says "revoked". Returns false for an unknown or already revoked code. */
export async function revokeCertificate(code: string, adminId: string): Promise<boolean> {
	const done = await write(async (tx) => {
		const rows = await tx
			.update(schema.certificates)
			.set({ revokedAt: Date.now(), revokedBy: adminId })
			.where(and(eq(schema.certificates.code, code), isNull(schema.certificates.revokedAt)))
			.returning({ id: schema.certificates.id });
		if (rows.length) await audit(adminId, 'certificate.revoked', code, {}, tx);
		return rows.length > 0;
	});
	return done;
}

/**
 * Account deletion: the certificate stays verifiable as "withdrawn" but no longer points at or names a person
 * (the name snapshot is emptied; the verification page shows no name for withdrawn certificates).
 */
export async function withdrawCertificatesTx(tx: Tx, userId: string) {
	await tx.update(schema.certificates).set({ userId: null, withdrawn: true, displayName: '' }).where(eq(schema.certificates.userId, userId));
}

/**
 * After a completion: when it finished a course and a certificate was issued, the learner gets a mail in their
 * language (the account's) with where to download it and where anyone can verify it. A failed mail never undoes
 * the completion: it is logged.
 */
export async function notifyCertificate(result: { courseCompletedNow: boolean; certificateCode: string | null }): Promise<void> {
	if (!result.courseCompletedNow || !result.certificateCode) return;
	try {
		const row = (
			await db()
				.select({ email: schema.users.email, locale: schema.users.locale, name: schema.users.displayName, course: schema.certificates.courseTitle })
				.from(schema.certificates)
				.innerJoin(schema.users, eq(schema.users.id, schema.certificates.userId))
				.where(eq(schema.certificates.code, result.certificateCode))
				.limit(1)
		)[0];
		if (!row) return;
		await sendMail({
			to: row.email,
			subject: t(row.locale, 'reach_mail_cert_subject', { course: row.course }),
			body: t(row.locale, 'reach_mail_cert_body', { name: row.name, course: row.course, link: `${config.origin}/me`, verify: `${config.origin}/verify/${result.certificateCode}` })
		});
	} catch (err) {
		logError('certificate_mail_failed', err, { code: result.certificateCode.slice(0, 6) });
	}
}
