// One line per event, JSON, never secrets or cookies.
type Fields = Record<string, string | number | boolean | null | undefined>;

export function log(event: string, fields: Fields = {}) {
	if (process.env.LOG_LEVEL === 'silent') return;
	process.stdout.write(JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + '\n');
}

export function logError(event: string, err: unknown, fields: Fields = {}) {
	const e = err instanceof Error ? err : new Error(String(err));
	process.stderr.write(
		JSON.stringify({ t: new Date().toISOString(), event, error: e.message, stack: e.stack?.split('\n').slice(0, 6).join(' | '), ...fields }) + '\n'
	);
}
