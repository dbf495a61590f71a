// Adding many people to a council at once: addresses pasted (one per line, or separated by commas or semicolons) or a
// CSV file with an email column. All known addresses are added in one transaction; the summary says what happened to
// every line.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { write, schema } from '../db';
import { emailKey } from '../auth/accounts';
import { audit } from '../audit';
import { councilTarget } from './councils';

export const BULK_MAX_ENTRIES = 500;
export const BULK_MAX_CSV_BYTES = 256 * 1024;

const emailSchema = z.string().max(254).email();

export interface BulkSummary {
	added: string[];
	already: string[];
	unknown: string[];
	invalid: string[];
}

/** Entries of a pasted list: split at line breaks, commas and semicolons; `Name <a@b.de>` counts as its address. */
export function splitAddressList(text: string): string[] {
	return text
		.split(/[\r\n,;]+/)
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => /<([^<>]+)>\s*$/.exec(s)?.[1].trim() ?? s);
}

/** One CSV line into fields: quotes, doubled quotes, comma or semicolon as separator (spreadsheets in German use `;`). */
function csvFields(line: string, sep: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				cur += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cur += c;
		} else if (c === '"') quoted = true;
		else if (c === sep) {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	out.push(cur);
	return out.map((f) => f.trim());
}

const EMAIL_HEADERS = new Set(['email', 'e-mail', 'mail', 'e-mail-adresse', 'email address', 'e-mail address', 'emailadresse', 'adresse']);

/** The email column of a CSV file (found by its header), or null when there is none. */
export function emailsFromCsv(text: string): string[] | null {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
	if (lines.length === 0) return [];
	const header = lines[0];
	const sep = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
	const col = csvFields(header, sep).findIndex((h) => EMAIL_HEADERS.has(h.toLowerCase()));
	if (col < 0) return null;
	return lines.slice(1).map((l) => csvFields(l, sep)[col] ?? '').filter((v) => v !== '');
}

/**
 * Adds every entry that is a known account as a member (one transaction, one audit entry per person added).
 * Someone already in the council keeps their role. Duplicates count once.
 */
export async function bulkAddMembers(actorId: string, orgId: string, entries: string[]): Promise<{ ok: true; summary: BulkSummary } | { ok: false; error: 'admin_error_council_not_found' }> {
	const summary: BulkSummary = { added: [], already: [], unknown: [], invalid: [] };
	const seen = new Set<string>();
	const valid: string[] = [];
	for (const entry of entries) {
		if (!emailSchema.safeParse(entry).success) {
			summary.invalid.push(entry.slice(0, 254));
			continue;
		}
		const key = emailKey(entry);
		if (seen.has(key)) continue;
		seen.add(key);
		valid.push(entry);
	}
	return write(async (tx) => {
		const org = (await tx.select({ id: schema.organisations.id }).from(schema.organisations).where(eq(schema.organisations.id, orgId)).limit(1))[0];
		if (!org) return { ok: false as const, error: 'admin_error_council_not_found' as const };
		const keys = valid.map(emailKey);
		const users = keys.length ? await tx.select({ id: schema.users.id, emailKey: schema.users.emailKey }).from(schema.users).where(inArray(schema.users.emailKey, keys)) : [];
		const byKey = new Map(users.map((u) => [u.emailKey, u.id]));
		const members = users.length
			? await tx
					.select({ userId: schema.memberships.userId })
					.from(schema.memberships)
					.where(and(eq(schema.memberships.organisationId, orgId), inArray(schema.memberships.userId, users.map((u) => u.id))))
			: [];
		const isMember = new Set(members.map((m) => m.userId));
		const now = Date.now();
		for (const entry of valid) {
			const userId = byKey.get(emailKey(entry));
			if (!userId) summary.unknown.push(entry);
			else if (isMember.has(userId)) summary.already.push(entry);
			else {
				await tx.insert(schema.memberships).values({ organisationId: orgId, userId, role: 'member', createdAt: now });
				await audit(actorId, 'admin.council.member.add', councilTarget(orgId), { user: userId, role: 'member', bulk: true }, tx);
				summary.added.push(entry);
			}
		}
		return { ok: true as const, summary };
	});
}
