// Sizes for people, in the page's language (pack sizes, episode files, the storage estimate).
/** "1,2 MB" */
export function formatBytes(bytes: number, locale: string): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let v = bytes;
	let i = 0;
	while (v >= 1000 && i < units.length - 1) {
		v /= 1000;
		i++;
	}
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: v < 10 && i > 0 ? 1 : 0 }).format(v)} ${units[i]}`;
}
