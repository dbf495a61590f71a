// Account deletion leaves nothing that names the person, and the export lists everything that does (issue 8, item 7).
// A person leaves traces in every domain, then the whole database is scanned: every table in sqlite_master, every
// column of every row, for their address and display name.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db, schema, write } from './db';
import { newId } from './ids';
import { createUser, deleteAccount, registerUser, requestPasswordReset } from './auth/accounts';
import { createSession } from './auth/session';
import { changeRole, sendPasswordReset } from './admin/users';
import { addMember, createCouncil } from './admin/councils';
import { importCourses } from './courses/import';
import { copyFixture, FIXTURE_COURSE } from './courses/test-helpers';
import { courseOutline, quizForGrading } from './courses/catalogue';
import { completeLesson } from './courses/progress';
import { submitQuiz } from './courses/quiz-attempts';
import { certificateByCode, certificatesOf } from './courses/certificates';
import { saveListening } from './podcast/listening';
import { studioCourse, text } from './studio/test-helpers';
import { saveDraft } from './studio/drafts';
import { addCoOwner } from './studio/courses';
import { addEpisodeCoOwner } from './studio-episodes/ownership';
import { createEpisode, metaSchema } from './studio-episodes/episodes';
import { sendMail } from './mail';
import { exportUserData } from './privacy';
import { inviteToCouncil } from './admin/invitations';

const PASSWORD = 'ein langes Passwort';

/** Every table and column holding one of `needles` (case-insensitive), as "table.column". */
async function placesNaming(needles: string[]): Promise<string[]> {
	const lower = needles.map((n) => n.toLowerCase());
	const tables = await db().all<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`);
	expect(tables.length).toBeGreaterThan(20);
	const found = new Set<string>();
	for (const { name } of tables) {
		const rows = await db().all<Record<string, unknown>>(sql.raw(`select * from "${name.replace(/"/g, '""')}"`));
		for (const row of rows) {
			for (const [column, v] of Object.entries(row)) {
				const s = typeof v === 'string' ? v : v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? Buffer.from(v as ArrayBuffer).toString('utf8') : null;
				if (s && lower.some((n) => s.toLowerCase().includes(n))) found.add(`${name}.${column}`);
			}
		}
	}
	return [...found].sort();
}

describe('account deletion and export', () => {
	it('after deletion no row in any table holds the address or the display name; before, the export lists every place that does', async () => {
		const tag = newId().slice(0, 10).toLowerCase();
		const email = `Zofia.Loesch-${tag}@Example.ORG`;
		const name = `Zofia Löschtest ${tag}`;
		// typed decomposed; stored (and searched) as NFC, and the NFD spelling is searched too
		const needles = [email, name, name.normalize('NFD'), email.toLowerCase()];

		// invited to a council before they registered on their own: the invitation names them by address
		const inviter = await createUser({ email: `inviter-${tag}@example.org`, password: PASSWORD, displayName: 'Einladende Person', role: 'admin' });
		if (!inviter.ok) throw new Error(inviter.reason);
		const invCouncil = await createCouncil(inviter.user.id, { name: 'Beirat Einladung', city: '' });
		if (!invCouncil.ok) throw new Error('council');
		expect((await inviteToCouncil(inviter.user.id, invCouncil.id, { email, role: 'member', locale: 'de' })).ok).toBe(true);

		const reg = await registerUser({ email, password: PASSWORD, displayName: name.normalize('NFD'), locale: 'de' }, '203.0.113.77');
		if (!reg.ok) throw new Error(reg.reason);
		const u = reg.user;
		expect(u.displayName).toBe(name);
		const admin = await createUser({ email: `admin-${tag}@example.org`, password: PASSWORD, displayName: 'Admin Prüfer', role: 'admin' });
		if (!admin.ok) throw new Error(admin.reason);
		const other = await createUser({ email: `other-${tag}@example.org`, password: PASSWORD, displayName: 'Andere Person' });
		if (!other.ok) throw new Error(other.reason);

		// sessions, two reset mails (one asked for, one sent by an admin), a mail to the address in other spelling
		await createSession(u.id, 'Mozilla/5.0 (X11; Linux x86_64)');
		await requestPasswordReset(email, '203.0.113.77', 'de');
		await changeRole(admin.user.id, u.id, 'trainer');
		await sendPasswordReset(admin.user.id, u.id);
		await sendMail({ to: `  ${email.toUpperCase()} `, subject: 'Hinweis', body: `Hallo ${name}` });
		await sendMail({ to: other.user.email, subject: 'Für jemand anderen', body: 'Hallo Andere Person' });

		// a council, a course done with its certificate, a studio course with a draft, co-ownerships, listening
		const council = await createCouncil(admin.user.id, { name: 'Beirat Löschstadt', city: 'Löschstadt' });
		if (!council.ok) throw new Error('council');
		expect((await addMember(admin.user.id, council.id, email, 'member')).ok).toBe(true);
		await importCourses(copyFixture());
		const course = (await courseOutline(FIXTURE_COURSE))!;
		for (const l of course.lessons.filter((x) => !x.hasQuiz)) await completeLesson(u.id, l.id, 'manual');
		for (const l of course.lessons.filter((x) => x.hasQuiz)) {
			const rev = (await db().select().from(schema.lessons).where(sql`${schema.lessons.id} = ${l.id}`))[0].publishedRevisionId!;
			const quiz = (await quizForGrading(l.id, rev))!;
			const r = await submitQuiz(u.id, l.id, rev, Object.fromEntries(quiz.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])));
			expect(r).toMatchObject({ ok: true, passed: true });
		}
		const [cert] = await certificatesOf(u.id);
		expect(cert.displayName).toBe(name);
		const trainerUser = { ...u, role: 'trainer' as const };
		const studio = await studioCourse(trainerUser, `loesch-${tag}`);
		await saveDraft(studio.lesson.id, u.id, { ...text(`Ein Entwurf von ${name}.`), baseRevisionId: null });
		const otherCourse = await studioCourse({ ...admin.user }, `fremd-${tag}`);
		expect((await addCoOwner(admin.user.id, otherCourse.course.id, email)).ok).toBe(true);
		const ep = await createEpisode(admin.user.id, metaSchema.parse({ title: 'Folge zum Löschen', slug: `folge-${tag}`, date: '2026-01-01', season: '1', number: '7', type: 'full' }));
		if (!ep.ok) throw new Error('episode');
		expect((await addEpisodeCoOwner(admin.user.id, ep.id, email)).ok).toBe(true);
		const assetId = newId();
		await write(async (tx) => {
			await tx.insert(schema.mediaAssets).values({ id: assetId, hash: `a${tag}`.padEnd(32, '0'), sourceHash: 'x', durationMs: 600_000, mp3Bytes: 1, hlsBytes: 1, sourceBytes: 1, createdAt: 1 });
			await tx.insert(schema.episodes).values({ id: newId(), slug: `hoeren-${tag}`, guid: newId(), title: 'Zum Hören', date: '2025-01-01', publishedAt: 1, number: 99, contentHash: 'x', mediaAssetId: assetId, createdAt: 1, updatedAt: 1 });
		});
		expect(await saveListening(u.id, { episode: `hoeren-${tag}`, position: 12, at: Date.now() })).toMatchObject({ ok: true });

		// the scanner finds the person where they are named
		const before = await placesNaming(needles);
		expect(before).toEqual(expect.arrayContaining(['users.email', 'users.display_name', 'outbox.to', 'outbox.body', 'certificates.display_name', 'lesson_drafts.body', 'invitations.email']));

		// every place that names them is in the export
		const exported = await exportUserData(u.id);
		const json = JSON.stringify(exported);
		const sections: Record<string, unknown> = {
			users: (exported as { account: unknown }).account,
			outbox: (exported as { mails: unknown }).mails,
			certificates: (exported as { courses: { certificates: unknown } }).courses.certificates,
			lesson_drafts: (exported as { studio: { drafts: unknown } }).studio.drafts,
			invitations: (exported as { invitations: unknown }).invitations
		};
		for (const place of before) {
			const table = place.split('.')[0];
			expect(Object.keys(sections), `${place} names the person but the export has no section for it`).toContain(table);
			expect(JSON.stringify(sections[table]).toLowerCase()).toMatch(new RegExp(`${tag}`));
		}
		const mails = (exported as { mails: { to: string; subject: string; body: string }[] }).mails;
		// the invitation, two reset mails, the notice, and the mail that sent the certificate
		expect(mails.map((m) => m.subject)).toEqual(['Mitsprache: Einladung in den Beirat Beirat Einladung', 'Mitsprache: Passwort zurücksetzen', 'Mitsprache: Passwort zurücksetzen', 'Hinweis', 'Ihre Teilnahmebescheinigung: Testkurs Beiratsarbeit']);
		expect(mails.every((m) => !/\/(reset|invite)\/[A-Za-z0-9_-]{16,}/.test(m.body))).toBe(true);
		expect((exported as { invitations: { council: string; state: string }[] }).invitations).toEqual([expect.objectContaining({ council: 'Beirat Einladung', state: 'open' })]);
		expect(json).toContain(name);
		expect((exported as { auditLog: { action: string }[] }).auditLog.map((a) => a.action)).toEqual(expect.arrayContaining(['admin.user.role', 'admin.user.reset']));

		expect(await deleteAccount(u.id, PASSWORD)).toBe(true);

		expect(await placesNaming(needles)).toEqual([]);
		// what had to stay, stays: the certificate verifiable as withdrawn (without a name), others' mail
		expect(await certificateByCode(cert.code)).toMatchObject({ withdrawn: true, userId: null, displayName: '' });
		expect(await placesNaming([other.user.email])).toEqual(expect.arrayContaining(['outbox.to', 'users.email']));
	});
});
