// Prepared statements kept per connection of the embedded database. @libsql/client prepares every statement anew on
// each call (SQLite parses and plans it again) and asks for its columns twice: in a CPU profile of the logged-in
// lesson page that was 11 % of the server's time (issue 11). Here `prepare` returns the connection's statement for
// the same SQL text when it has one; libSQL resets a statement before each run, also after one that failed.
// Only plain data statements are kept. Anything else on the connection (a migration's DDL, a PRAGMA, `exec`) empties
// its cache first, so that no statement or column list outlives a change of the schema it was made for.
import Database from 'libsql';

const CACHE = Symbol('mitsprache.statements');
const MAX = 256;
const DATA = /^\s*(select|insert|update|delete|with)\b/i;

interface Statement {
	columns(): unknown[];
}
type Connection = { [CACHE]?: Map<string, Statement>; prepare(sql: string): Statement; exec(sql: string): unknown };

let installed = false;
export const statementStats = { prepared: 0, reused: 0 };

/**
 * Installs the statement cache on libSQL's connections (idempotent). `perConnection` runs once on each connection
 * the client opens, before its first statement: settings SQLite keeps per connection (`PRAGMA synchronous`).
 */
export function cacheStatements(perConnection: string[] = []) {
	if (installed) return;
	installed = true;
	const proto = Database.prototype as unknown as Connection;
	const prepare = proto.prepare;
	const exec = proto.exec;
	proto.prepare = function (this: Connection, sql: string) {
		let cache = this[CACHE];
		if (!cache) {
			cache = this[CACHE] = new Map();
			for (const s of perConnection) exec.call(this, s);
		}
		if (!DATA.test(sql)) {
			cache.clear();
			return prepare.call(this, sql);
		}
		const kept = cache.get(sql);
		if (kept) {
			statementStats.reused++;
			// most recently used last: the first key is the one to drop
			cache.delete(sql);
			cache.set(sql, kept);
			return kept;
		}
		statementStats.prepared++;
		const stmt = prepare.call(this, sql);
		// the result's columns do not change while the schema does not (a `*` would follow a change made elsewhere)
		if (!sql.includes('*')) {
			let columns: unknown[] | undefined;
			const ask = stmt.columns.bind(stmt);
			stmt.columns = () => (columns ??= ask());
		}
		cache.set(sql, stmt);
		if (cache.size > MAX) cache.delete(cache.keys().next().value!);
		return stmt;
	};
	proto.exec = function (this: Connection, sql: string) {
		this[CACHE]?.clear();
		return exec.call(this, sql);
	};
}
