// Reading the audit log for /admin/audit: newest first, paged, filtered by action prefix,
// with the people and councils it mentions resolved to names (a deleted account stays an id).
import { asc, count, desc, inArray, sql, type SQL } from 'drizzle-orm';
import { db, schema } from '../db';
import { AUDIT_PER_PAGE, paged, prefixPattern, type Paged } from './paging';

export interface AuditEntry {
	id: number;
	createdAt: number;
	action: string;
	actor: Label | null;
	target: Label | null;
	/** The raw target when it is not a user or council (courses, episodes, …). */
	targetText: string;
	detail: Record<string, unknown>;
	/** People named in the detail (`user`), resolved. */
	detailUser: Label | null;
}
export interface Label {
	kind: 'user' | 'council';
	id: string;
	name: string | null;
	href: string;
}

function parseDetail(text: string): Record<string, unknown> {
	try {
		const v = JSON.parse(text);
		return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
	} catch {
		return {};
	}
}

function splitTarget(target: string): { kind: 'user' | 'council'; id: string } | null {
	const m = /^(user|council):(.+)$/.exec(target);
	return m ? { kind: m[1] as 'user' | 'council', id: m[2] } : null;
}

export async function listAudit(opts: { prefix?: string; page?: number } = {}): Promise<Paged<AuditEntry>> {
	const prefix = (opts.prefix ?? '').trim().slice(0, 100);
	const page = opts.page ?? 1;
	const where: SQL | undefined = prefix ? sql`${schema.auditLog.action} like ${prefixPattern(prefix)} escape '\\'` : undefined;
	const [{ n }] = await db().select({ n: count() }).from(schema.auditLog).where(where);
	const rows = await db()
		.select()
		.from(schema.auditLog)
		.where(where)
		.orderBy(desc(schema.auditLog.createdAt), desc(schema.auditLog.id))
		.limit(AUDIT_PER_PAGE)
		.offset((page - 1) * AUDIT_PER_PAGE);

	const parsed = rows.map((r) => ({ ...r, detailObj: parseDetail(r.detail), targetRef: splitTarget(r.target) }));
	const userIds = new Set<string>();
	const councilIds = new Set<string>();
	for (const r of parsed) {
		if (r.actorId) userIds.add(r.actorId);
		if (r.targetRef?.kind === 'user') userIds.add(r.targetRef.id);
		if (r.targetRef?.kind === 'council') councilIds.add(r.targetRef.id);
		if (typeof r.detailObj.user === 'string') userIds.add(r.detailObj.user);
	}
	const names = new Map<string, string>();
	if (userIds.size) {
		const us = await db().select({ id: schema.users.id, email: schema.users.email }).from(schema.users).where(inArray(schema.users.id, [...userIds]));
		for (const u of us) names.set('user:' + u.id, u.email);
	}
	if (councilIds.size) {
		const os = await db().select({ id: schema.organisations.id, name: schema.organisations.name }).from(schema.organisations).where(inArray(schema.organisations.id, [...councilIds]));
		for (const o of os) names.set('council:' + o.id, o.name);
	}
	const label = (kind: 'user' | 'council', id: string): Label => ({
		kind,
		id,
		name: names.get(`${kind}:${id}`) ?? null,
		href: kind === 'user' ? `/admin/users/${id}` : `/admin/councils/${id}`
	});

	const entries: AuditEntry[] = parsed.map((r) => {
		const { user, ...detail } = r.detailObj;
		return {
			id: r.id,
			createdAt: r.createdAt,
			action: r.action,
			actor: r.actorId ? label('user', r.actorId) : null,
			target: r.targetRef ? label(r.targetRef.kind, r.targetRef.id) : null,
			targetText: r.targetRef ? '' : r.target,
			detail: typeof user === 'string' ? detail : r.detailObj,
			detailUser: typeof user === 'string' ? label('user', user) : null
		};
	});
	return paged(entries, n, page, AUDIT_PER_PAGE);
}

/** The distinct actions logged so far, offered as suggestions in the filter. */
export async function knownActions(): Promise<string[]> {
	const rows = await db().selectDistinct({ action: schema.auditLog.action }).from(schema.auditLog).orderBy(asc(schema.auditLog.action)).limit(200);
	return rows.map((r) => r.action);
}
