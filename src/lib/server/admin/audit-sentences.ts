// The audit log in words: every action code written by audit() gets a translated sentence ("Amina Yılmaz hat die
// Folge „…“ veröffentlicht") whose people, councils, courses and episodes are links while they exist, a label for the
// filter, and its details as readable fields. An unknown code still reads as a sentence.
import { t } from '../i18n';
import { formatDateTime } from '../format';
import { formatNumber } from '../../i18n/locales';
import { ENDONYMS, isVariantTag } from '../../content/languages';

/** What a sentence mentions; `href` while it still exists. */
export interface Ref {
	text: string;
	href?: string;
}
export type Part = Ref;

/** The kinds of thing an action's target names. */
export type TargetKind = 'user' | 'council' | 'course' | 'lesson' | 'variant' | 'episode' | 'certificate' | 'none';

/**
 * Every action code the code base writes (grep `audit(` in src and scripts), in the filter's groups and order,
 * with what its target names. A new code: add it here and give it `audit_said_*` and `audit_label_*` messages.
 */
export const AUDIT_ACTIONS: { group: string; actions: [code: string, target: TargetKind][] }[] = [
	{
		group: 'accounts',
		actions: [
			['admin.user.role', 'user'],
			['admin.user.disable', 'user'],
			['admin.user.enable', 'user'],
			['admin.user.reset', 'user'],
			['cli.user.create', 'user'],
			['account.deleted', 'none']
		]
	},
	{
		group: 'councils',
		actions: [
			['admin.council.create', 'council'],
			['admin.council.update', 'council'],
			['admin.council.member.add', 'council'],
			['admin.council.member.remove', 'council'],
			['admin.invitation.create', 'council'],
			['admin.invitation.revoke', 'council'],
			['admin.invitation.accept', 'council']
		]
	},
	{
		group: 'courses',
		actions: [
			['studio.course.create', 'course'],
			['studio.course.update', 'course'],
			['studio.course.publish', 'course'],
			['studio.course.unpublish', 'course'],
			['studio.course.import_zip', 'course'],
			['studio.course.owner_add', 'course'],
			['studio.course.owner_remove', 'course'],
			['course.visibility', 'course'],
			['studio.module.create', 'course'],
			['studio.module.rename', 'course'],
			['studio.module.archive', 'course'],
			['studio.module.restore', 'course'],
			['studio.lesson.create', 'course'],
			['studio.lesson.archive', 'course'],
			['studio.lesson.restore', 'lesson'],
			['studio.lesson.publish', 'lesson'],
			['studio.variant.publish', 'variant'],
			['studio.variant.restore', 'variant'],
			['studio.reorder', 'course']
		]
	},
	{
		group: 'episodes',
		actions: [
			['studio.episode.create', 'episode'],
			['studio.episode.update', 'episode'],
			['studio.episode.upload', 'episode'],
			['studio.episode.retry', 'episode'],
			['studio.episode.cover', 'episode'],
			['studio.episode.transcript', 'episode'],
			['studio.episode.publish', 'episode'],
			['studio.episode.unpublish', 'episode'],
			['studio.episode.owner_add', 'episode'],
			['studio.episode.owner_remove', 'episode']
		]
	},
	{
		group: 'other',
		actions: [
			['certificate.revoked', 'certificate'],
			['admin.feedback.delete', 'none']
		]
	}
];

const TARGETS = new Map(AUDIT_ACTIONS.flatMap((g) => g.actions));
const GROUPS = new Map(AUDIT_ACTIONS.map((g) => [g.group, g.actions.map(([code]) => code)]));

export function isKnownAction(code: string): boolean {
	return TARGETS.has(code);
}

/** The codes a filter value stands for: one action, a group (`group:courses`), or null for anything else. */
export function actionsOfFilter(value: string): string[] | null {
	if (value.startsWith('group:')) return GROUPS.get(value.slice('group:'.length)) ?? null;
	return TARGETS.has(value) ? [value] : null;
}

/**
 * What the target of an entry names. `studio.lesson.restore` is two things: restoring an earlier version of a lesson
 * (its detail names the revision, the target is the lesson) and taking a lesson out of the archive (target: course).
 */
export function targetKind(action: string, detail: Record<string, unknown>): TargetKind {
	if (action === 'studio.lesson.restore' && detail.revision === undefined) return 'course';
	return TARGETS.get(action) ?? 'none';
}

/** `admin.council.member.add` → `council_member_add` (the message keys drop the `admin.` every admin action has). */
function slug(action: string): string {
	return action.replace(/^admin\./, '').replace(/[^a-z0-9]+/gi, '_');
}

export function actionLabel(locale: string, action: string): string {
	return isKnownAction(action) ? t(locale, `audit_label_${slug(action)}`) : t(locale, 'audit_label_unknown');
}

export function groupLabel(locale: string, group: string): string {
	return t(locale, `audit_group_${group}`);
}

export function roleName(locale: string, role: unknown): string {
	if (role === 'admin') return t(locale, 'admin_role_admin');
	if (role === 'trainer') return t(locale, 'admin_role_trainer');
	return t(locale, 'admin_role_learner');
}

export function membershipName(locale: string, role: unknown): string {
	return role === 'trainer' ? t(locale, 'admin_membership_trainer') : t(locale, 'admin_membership_member');
}

/** The message key of an entry's sentence: some codes read differently by what their detail says. */
function sentenceKey(action: string, detail: Record<string, unknown>): string {
	if (!isKnownAction(action)) return 'audit_said_unknown';
	if (action === 'admin.council.member.add' && typeof detail.from === 'string') return 'audit_said_council_member_change';
	if (action === 'studio.lesson.restore' && detail.revision === undefined) return 'audit_said_studio_lesson_unarchive';
	if (action === 'course.visibility') return detail.visibility === 'councils' ? 'audit_said_course_visibility_councils' : 'audit_said_course_visibility_public';
	return `audit_said_${slug(action)}`;
}

/** Sentinels stand in for the mentioned things while translating; the sentence is then cut into text and links. */
const MARK = '\u0000';

/**
 * The sentence of one entry as parts (plain text, or a link). `refs` are the things it may mention: actor,
 * target, person (detail.user), councils (course visibility).
 */
export function sentence(locale: string, action: string, detail: Record<string, unknown>, refs: { actor: Ref; target: Ref; person: Ref | null; councils: Ref[] }): Part[] {
	const linked: Ref[] = [];
	const mark = (r: Ref) => {
		linked.push(r);
		return `${MARK}${linked.length - 1}${MARK}`;
	};
	const params: Record<string, string> = {
		actor: mark(refs.actor),
		target: mark(refs.target),
		person: mark(refs.person ?? { text: t(locale, 'audit_someone') }),
		role: action === 'cli.user.create' ? roleName(locale, detail.role) : membershipName(locale, detail.role),
		from: action === 'admin.user.role' ? roleName(locale, detail.from) : membershipName(locale, detail.from),
		to: action === 'admin.user.role' ? roleName(locale, detail.to) : membershipName(locale, detail.to),
		variant: typeof detail.variant === 'string' && isVariantTag(detail.variant) ? ENDONYMS[detail.variant] : String(detail.variant ?? ''),
		code: mark({ text: String(detail.code ?? ''), href: detail.code ? `/verify/${detail.code}` : undefined }),
		councils: refs.councils.length ? refs.councils.map(mark).join(', ') : '–'
	};
	const text = t(locale, sentenceKey(action, detail), params);
	const parts: Part[] = [];
	text.split(MARK).forEach((piece, i) => {
		if (i % 2 === 0) {
			if (piece) parts.push({ text: piece });
		} else {
			const r = linked[Number(piece)];
			if (r) parts.push(r.href ? { text: r.text, href: r.href } : { text: r.text });
		}
	});
	return parts;
}

export interface Field {
	term: string;
	value: string;
}

/** The details worth reading, as fields; ids, job numbers and file paths are left out. */
export function details(locale: string, action: string, detail: Record<string, unknown>): Field[] {
	const out: Field[] = [];
	const add = (key: string, value: string) => out.push({ term: t(locale, key), value });
	const num = (v: unknown) => formatNumber(Number(v), locale, { maximumFractionDigits: 0 });
	const place = (v: unknown) => {
		const o = (v ?? {}) as { name?: unknown; city?: unknown };
		return [o.name, o.city].filter((x) => typeof x === 'string' && x).join(', ') || '–';
	};
	if (action === 'admin.council.update') {
		add('audit_detail_before', place(detail.from));
		add('audit_detail_after', place(detail.to));
	}
	if (action === 'admin.council.create' && typeof detail.city === 'string' && detail.city) add('audit_detail_city', detail.city);
	if (typeof detail.sessionsEnded === 'number') add('audit_detail_sessions', num(detail.sessionsEnded));
	if (typeof detail.bytes === 'number' && detail.bytes > 0)
		add('audit_detail_size', t(locale, 'audit_detail_megabytes', { n: formatNumber(detail.bytes / 1_000_000, locale, { maximumFractionDigits: 1 }) }));
	if (typeof detail.at === 'string' && !Number.isNaN(Date.parse(detail.at))) add('audit_detail_at', formatDateTime(Date.parse(detail.at), locale));
	if (typeof detail.imported === 'number') add('audit_detail_imported', num(detail.imported));
	if (typeof detail.unchanged === 'number') add('audit_detail_unchanged', num(detail.unchanged));
	if (detail.force === true) add('audit_detail_force', t(locale, 'audit_detail_yes'));
	if (detail.bulk === true) add('audit_detail_bulk', t(locale, 'audit_detail_yes'));
	if (detail.reason === 'ffmpeg_missing') add('audit_detail_note', t(locale, 'audit_detail_ffmpeg_missing'));
	return out;
}
