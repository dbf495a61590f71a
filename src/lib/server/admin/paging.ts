// Page numbers and LIKE patterns shared by the admin lists (users, councils, audit log).

export const USERS_PER_PAGE = 25;
export const AUDIT_PER_PAGE = 50;

export interface Paged<T> {
	rows: T[];
	total: number;
	page: number;
	pages: number;
	perPage: number;
}

/** A 1-based page number from a query parameter; anything odd becomes 1. */
export function pageParam(raw: string | null | undefined): number {
	const n = Number(raw);
	return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function paged<T>(rows: T[], total: number, page: number, perPage: number): Paged<T> {
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / perPage)), perPage };
}

/** `%text%` for LIKE … ESCAPE '\': the user's % and _ match themselves. */
export function containsPattern(text: string): string {
	return `%${escapeLike(text)}%`;
}

export function prefixPattern(text: string): string {
	return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
