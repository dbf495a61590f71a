// Mails in the person's language: the certificate mail when a course is finished, and the password reset mail,
// both in the language of the account, whatever page the request came from.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { importCourses } from './import';
import { copyFixture, FIXTURE_COURSE } from './test-helpers';
import { completeLesson } from './progress';
import { courseOutline, quizForGrading, type CourseOutline } from './catalogue';
import { submitQuiz } from './quiz-attempts';
import { certificatesOf } from './certificates';
import { createUser, requestPasswordReset, setUserLocale } from '../auth/accounts';
import { t } from '../i18n';

let course: CourseOutline;
beforeAll(async () => {
	await importCourses(copyFixture());
	course = (await courseOutline(FIXTURE_COURSE))!;
});

let n = 0;
async function person(locale: string, name: string) {
	const email = `mail-${process.pid}-${n++}@example.org`;
	const r = await createUser({ email, password: 'ein langes Passwort', displayName: name, locale });
	if (!r.ok) throw new Error(r.reason);
	return { ...r.user, email };
}
const mailsTo = (to: string) => db().select().from(schema.outbox).where(eq(schema.outbox.to, to));

async function finishCourse(userId: string) {
	for (const l of course.lessons.filter((x) => !x.hasQuiz)) await completeLesson(userId, l.id, 'manual');
	for (const l of course.lessons.filter((x) => x.hasQuiz)) {
		const rev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, l.id)))[0].publishedRevisionId!;
		const quiz = (await quizForGrading(l.id, rev))!;
		await submitQuiz(userId, l.id, rev, Object.fromEntries(quiz.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])));
	}
}

describe('mails in the person’s language', () => {
	it('the certificate mail goes out once, when the course is finished, in the account’s language', async () => {
		const u = await person('ar', 'أمينة يلماز');
		await completeLesson(u.id, course.lessons.find((l) => !l.hasQuiz)!.id, 'manual');
		expect(await mailsTo(u.email)).toEqual([]);
		await finishCourse(u.id);
		const [cert] = await certificatesOf(u.id);
		const mails = await mailsTo(u.email);
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toBe(t('ar', 'reach_mail_cert_subject', { course: cert.courseTitle }));
		expect(mails[0].body).toContain('أمينة يلماز');
		expect(mails[0].body).toContain(`/verify/${cert.code}`);
		expect(mails[0].body).toContain('/me');
		// a replayed completion sends nothing more
		await finishCourse(u.id);
		expect(await mailsTo(u.email)).toHaveLength(1);
	});

	it('each of the seven languages has its own certificate mail', async () => {
		const subjects = new Set(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru'].map((l) => t(l, 'reach_mail_cert_subject', { course: 'X' })));
		expect(subjects.size).toBe(7);
	});

	it('the reset mail is in the account’s language, even when asked for from a German page', async () => {
		const u = await person('uk', 'Олена Коваленко');
		await requestPasswordReset(u.email, '198.51.100.77', 'de');
		const [mail] = await mailsTo(u.email);
		expect(mail.subject).toBe(t('uk', 'mail_reset_subject'));
		expect(mail.body).toBe(t('uk', 'mail_reset_body', { name: 'Олена Коваленко', link: mail.body.match(/https?:\/\/\S+\/reset\/\S+/)![0] }));
		// a changed language is the next mail's
		await setUserLocale(u.id, 'tr');
		await requestPasswordReset(u.email, '198.51.100.78', 'de');
		const mails = await mailsTo(u.email);
		expect(mails.map((m) => m.subject)).toContain(t('tr', 'mail_reset_subject'));
	});
});
