// Reading the audit log for /admin/audit: newest first, paged, filtered by action (one, or a group) or by code
// prefix, each entry told as a sentence in the reader's language with links to what still exists.
import { asc, count, desc, inArray, or, sql, type SQL } from 'drizzle-orm';
import { db, schema } from '../db';
import { t } from '../i18n';
import { AUDIT_PER_PAGE, paged, prefixPattern, type Paged } from './paging';
import { actionLabel, actionsOfFilter, details, sentence, targetKind, type Field, type Part, type Ref } from './audit-sentences';

export interface AuditEntry {
	id: number;
	createdAt: number;
	action: string;
	/** The action in words, e.g. "Rolle geändert". */
	label: string;
	/** Who did what to whom, as text and links. */
	parts: Part[];
	details: Field[];
}

interface Row {
	id: number;
	createdAt: number;
	action: string;
	actorId: string | null;
	target: string;
	detail: Record<string, unknown>;
}

function parseDetail(text: string): Record<string, unknown> {
	try {
		const v = JSON.parse(text);
		return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
	} catch {
		return {};
	}
}

/** The bare identity in a target: `user:ID` → ID, `course:ID` → ID, `identity de-x-ls` → identity. */
function targetKey(r: Row): string {
	const kind = targetKind(r.action, r.detail);
	const bare = r.target.replace(/^(user|council|course):/, '');
	return kind === 'variant' ? bare.split(' ')[0] : bare;
}

async function resolve(rows: Row[], locale: string): Promise<(r: Row) => { actor: Ref; target: Ref; person: Ref | null; councils: Ref[] }> {
	const ids = { user: new Set<string>(), council: new Set<string>(), course: new Set<string>(), lesson: new Set<string>(), episode: new Set<string>() };
	for (const r of rows) {
		if (r.actorId) ids.user.add(r.actorId);
		if (typeof r.detail.user === 'string') ids.user.add(r.detail.user);
		if (Array.isArray(r.detail.councils)) for (const c of r.detail.councils) if (typeof c === 'string') ids.council.add(c);
		const kind = targetKind(r.action, r.detail);
		const key = targetKey(r);
		if (key && kind !== 'none' && kind !== 'certificate') ids[kind === 'variant' ? 'lesson' : kind].add(key);
	}
	const list = (s: Set<string>) => [...s].slice(0, 500);
	const [users, councils, courses, lessons, episodes] = await Promise.all([
		ids.user.size ? db().select({ id: schema.users.id, name: schema.users.displayName }).from(schema.users).where(inArray(schema.users.id, list(ids.user))) : [],
		ids.council.size ? db().select({ id: schema.organisations.id, name: schema.organisations.name }).from(schema.organisations).where(inArray(schema.organisations.id, list(ids.council))) : [],
		ids.course.size
			? db()
					.select({ id: schema.courses.id, slug: schema.courses.slug, title: schema.courses.title })
					.from(schema.courses)
					.where(or(inArray(schema.courses.id, list(ids.course)), inArray(schema.courses.slug, list(ids.course))))
			: [],
		ids.lesson.size
			? db()
					.select({ identity: schema.lessons.identity, slug: schema.lessons.slug, title: schema.lessons.title, course: schema.courses.slug })
					.from(schema.lessons)
					.innerJoin(schema.courses, sql`${schema.courses.id} = ${schema.lessons.courseId}`)
					.where(inArray(schema.lessons.identity, list(ids.lesson)))
			: [],
		ids.episode.size
			? db()
					.select({ id: schema.episodes.id, slug: schema.episodes.slug, title: schema.episodes.title })
					.from(schema.episodes)
					.where(or(inArray(schema.episodes.id, list(ids.episode)), inArray(schema.episodes.slug, list(ids.episode))))
			: []
	]);
	const found = new Map<string, Ref>();
	for (const u of users) found.set(`user:${u.id}`, { text: u.name, href: `/admin/users/${u.id}` });
	for (const c of councils) found.set(`council:${c.id}`, { text: c.name, href: `/admin/councils/${c.id}` });
	for (const c of courses) {
		const ref = { text: t(locale, 'audit_quoted', { title: c.title }), href: `/studio/courses/${c.slug}` };
		found.set(`course:${c.id}`, ref);
		found.set(`course:${c.slug}`, ref);
	}
	for (const l of lessons) found.set(`lesson:${l.identity}`, { text: t(locale, 'audit_quoted', { title: l.title }), href: `/studio/courses/${l.course}/lessons/${l.slug}` });
	for (const e of episodes) {
		const ref = { text: t(locale, 'audit_quoted', { title: e.title }), href: `/studio/episodes/${e.slug}` };
		found.set(`episode:${e.id}`, ref);
		found.set(`episode:${e.slug}`, ref);
	}
	const gone: Record<string, string> = {
		user: 'audit_gone_user',
		council: 'audit_gone_council',
		course: 'audit_gone_course',
		lesson: 'audit_gone_lesson',
		episode: 'audit_gone_episode'
	};
	// what no longer exists: its name when the entry kept one (a council's name, a slug), else what it was
	const lookup = (kind: string, key: string, fallback?: unknown): Ref =>
		found.get(`${kind}:${key}`) ?? { text: typeof fallback === 'string' && fallback ? fallback : t(locale, gone[kind] ?? 'audit_someone') };

	return (r) => {
		const kind = targetKind(r.action, r.detail);
		const key = targetKey(r);
		let target: Ref;
		if (kind === 'none') target = { text: '' };
		else if (kind === 'certificate') target = { text: r.target, href: `/verify/${r.target}` };
		else {
			const lk = kind === 'variant' ? 'lesson' : kind;
			// a slug or an identity reads better than "a deleted course"; an id does not
			const readable = r.action === 'admin.council.create' ? r.detail.name : lk !== 'user' && lk !== 'council' && /[-/]/.test(key) ? key : undefined;
			target = lookup(lk, key, readable);
		}
		return {
			actor: r.actorId ? lookup('user', r.actorId) : { text: t(locale, 'audit_system') },
			target,
			person: typeof r.detail.user === 'string' ? lookup('user', r.detail.user) : null,
			councils: Array.isArray(r.detail.councils) ? r.detail.councils.filter((c): c is string => typeof c === 'string').map((c) => lookup('council', c)) : []
		};
	};
}

export async function listAudit(opts: { action?: string; prefix?: string; page?: number; locale?: string } = {}): Promise<Paged<AuditEntry>> {
	const locale = opts.locale ?? 'de';
	const prefix = (opts.prefix ?? '').trim().slice(0, 100);
	const codes = opts.action ? actionsOfFilter(opts.action) : null;
	const page = opts.page ?? 1;
	let where: SQL | undefined;
	if (codes) where = inArray(schema.auditLog.action, codes);
	else if (prefix) where = sql`${schema.auditLog.action} like ${prefixPattern(prefix)} escape '\\'`;
	const [{ n }] = await db().select({ n: count() }).from(schema.auditLog).where(where);
	const raw = await db()
		.select()
		.from(schema.auditLog)
		.where(where)
		.orderBy(desc(schema.auditLog.createdAt), desc(schema.auditLog.id))
		.limit(AUDIT_PER_PAGE)
		.offset((page - 1) * AUDIT_PER_PAGE);
	const rows: Row[] = raw.map((r) => ({ id: r.id, createdAt: r.createdAt, action: r.action, actorId: r.actorId, target: r.target, detail: parseDetail(r.detail) }));
	const refsOf = await resolve(rows, locale);
	const entries = rows.map((r) => {
		const variant = targetKind(r.action, r.detail) === 'variant' ? r.target.split(' ')[1] : undefined;
		const detail = { ...r.detail, variant, code: targetKind(r.action, r.detail) === 'certificate' ? r.target : undefined };
		return {
			id: r.id,
			createdAt: r.createdAt,
			action: r.action,
			label: actionLabel(locale, r.action),
			parts: sentence(locale, r.action, detail, refsOf(r)),
			details: details(locale, r.action, r.detail)
		};
	});
	return paged(entries, n, page, AUDIT_PER_PAGE);
}

/** The distinct actions logged so far (the filter offers every known action anyway; this finds the unknown ones). */
export async function knownActions(): Promise<string[]> {
	const rows = await db().selectDistinct({ action: schema.auditLog.action }).from(schema.auditLog).orderBy(asc(schema.auditLog.action)).limit(200);
	return rows.map((r) => r.action);
}
