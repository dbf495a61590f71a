// Prepared statements kept per connection of the embedded database. @libsql/client prepares every statement anew on
// each call (SQLite parses and plans it again) and asks for its columns twice: in a CPU profile of the logged-in
// lesson page that was 11 % of the server's time, in one of 2,000 learners marking a lesson done at once 20 % (issue 11).
// Here `prepare` returns the connection's statement for the same SQL text when it has one; libSQL resets a statement
// before each run, also after one that failed. Kept: data statements and transaction control (BEGIN, COMMIT,
// SAVEPOINT, …, which every write runs). A change of the schema on the connection (CREATE, DROP, ALTER, or a script
// through `exec`, as migrations run) empties its cache first, so that no statement or column list outlives it.
import Database from 'libsql';

const CACHE = Symbol('mitsprache.statements');
const MAX = 256;
const KEPT = /^\s*(select|insert|update|delete|with|begin|commit|end|rollback|savepoint|release)\b/i;
const SCHEMA = /^\s*(create|drop|alter)\b/i;
const STAR = /(select|,)\s*\*|\.\*/i;

interface Statement {
	columns(): unknown[];
	raw(on?: boolean): Statement;
	safeIntegers(on?: boolean): Statement;
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
		if (!KEPT.test(sql)) {
			if (SCHEMA.test(sql)) cache.clear();
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
		// the result's columns do not change while the schema does not (a `*` would follow a change made elsewhere;
		// `count(*)` names one column whatever happens)
		if (!STAR.test(sql)) {
			let columns: unknown[] | undefined;
			const ask = stmt.columns.bind(stmt);
			stmt.columns = () => (columns ??= ask());
		}
		// @libsql/client sets these two on every run, and raw() throws for a statement that returns no rows: the same
		// answer each time for one statement, so the native call (and the exception it builds) is made once
		const raw = stmt.raw.bind(stmt);
		let rawMode: boolean | undefined;
		let notReader: unknown;
		stmt.raw = (on?: boolean) => {
			const want = on ?? true;
			if (notReader !== undefined && want) throw notReader;
			if (rawMode !== want) {
				try {
					raw(want);
				} catch (err) {
					notReader = err;
					throw err;
				}
				rawMode = want;
			}
			return stmt;
		};
		const safeIntegers = stmt.safeIntegers.bind(stmt);
		let safe: boolean | undefined;
		stmt.safeIntegers = (on?: boolean) => {
			const want = on ?? true;
			if (safe !== want) safeIntegers(want);
			safe = want;
			return stmt;
		};
		cache.set(sql, stmt);
		if (cache.size > MAX) cache.delete(cache.keys().next().value!);
		return stmt;
	};
	proto.exec = function (this: Connection, sql: string) {
		this[CACHE]?.clear();
		return exec.call(this, sql);
	};
}
