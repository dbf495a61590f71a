// The courses part of a person's data export and of account deletion.
import { eq } from 'drizzle-orm';
import { db, schema, type Tx } from '../db';
import { withdrawCertificatesTx } from './certificates';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function exportCourseData(userId: string) {
	const enrolments = await db()
		.select({ course: schema.courses.slug, title: schema.courses.title, enrolledAt: schema.enrolments.enrolledAt, completedAt: schema.enrolments.completedAt })
		.from(schema.enrolments)
		.innerJoin(schema.courses, eq(schema.courses.id, schema.enrolments.courseId))
		.where(eq(schema.enrolments.userId, userId));
	const progress = await db()
		.select({ lesson: schema.lessons.identity, startedAt: schema.lessonProgress.startedAt, completedAt: schema.lessonProgress.completedAt, completedBy: schema.lessonProgress.completedBy })
		.from(schema.lessonProgress)
		.innerJoin(schema.lessons, eq(schema.lessons.id, schema.lessonProgress.lessonId))
		.where(eq(schema.lessonProgress.userId, userId));
	const attempts = await db()
		.select({ lesson: schema.lessons.identity, answers: schema.quizAttempts.answers, score: schema.quizAttempts.score, passed: schema.quizAttempts.passed, createdAt: schema.quizAttempts.createdAt })
		.from(schema.quizAttempts)
		.innerJoin(schema.lessons, eq(schema.lessons.id, schema.quizAttempts.lessonId))
		.where(eq(schema.quizAttempts.userId, userId));
	const certificates = await db().select().from(schema.certificates).where(eq(schema.certificates.userId, userId));
	return {
		enrolments: enrolments.map((e) => ({ ...e, enrolledAt: iso(e.enrolledAt), completedAt: iso(e.completedAt) })),
		lessonProgress: progress.map((p) => ({ ...p, startedAt: iso(p.startedAt), completedAt: iso(p.completedAt) })),
		quizAttempts: attempts.map((a) => ({ ...a, answers: JSON.parse(a.answers) as unknown, createdAt: iso(a.createdAt) })),
		certificates: certificates.map((c) => ({ code: c.code, displayName: c.displayName, courseTitle: c.courseTitle, hours: c.hours, issuedAt: iso(c.issuedAt), revokedAt: iso(c.revokedAt) }))
	};
}

/** Progress, attempts and enrolments go; certificates stay verifiable as "withdrawn", without the person. */
export async function deleteCourseData(tx: Tx, userId: string) {
	await tx.delete(schema.quizAttempts).where(eq(schema.quizAttempts.userId, userId));
	await tx.delete(schema.lessonProgress).where(eq(schema.lessonProgress.userId, userId));
	await tx.delete(schema.enrolments).where(eq(schema.enrolments.userId, userId));
	await withdrawCertificatesTx(tx, userId);
}
