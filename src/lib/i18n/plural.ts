// Plural messages pick their form (one, few, many, …) by Intl.PluralRules, which needs the number as it is shown:
// 1.04 hours shown as "1" must read "1 Stunde", not "1 Stunden". Shared by the components and the server.

/** `n` rounded to the digits it is displayed with (one fraction digit by default): the number a plural message selects by. */
export function shownCount(n: number, fractionDigits = 1): number {
	const f = 10 ** fractionDigits;
	return Math.round(n * f) / f;
}
