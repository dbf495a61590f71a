// The database handle: one libSQL client per process, reads in parallel, writes through one queue.
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../config';
import * as schema from './schema';
import { timedClient, timedFetch } from './unavailable';
import { createWriter } from './writer';
import { cacheStatements } from './statements';

export { schema };
export type Db = LibSQLDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
	client: Client;
	db: Db;
	url: string;
}

let handle: DbHandle | undefined;

export function openDb(url = config.databaseUrl, authToken = config.databaseAuthToken): DbHandle {
	if (url.startsWith('file:')) {
		const file = url.slice('file:'.length);
		if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	}
	// timeout: how long a connection waits for a lock held by another process (import CLI, backup)
	// a libSQL server that does not answer fails a request after DB_TIMEOUT_MS instead of holding it forever
	const remote = !url.startsWith('file:');
	// the embedded database: statements prepared once per connection, and every connection of the client's pool with
	// the same durability setting (PRAGMA synchronous is per connection; preparePragmas reaches only one of them)
	if (!remote) cacheStatements(['PRAGMA synchronous=NORMAL']);
	const created = createClient({ url, authToken, timeout: 10_000, concurrency: 8, ...(remote ? { fetch: timedFetch } : {}) } as Parameters<typeof createClient>[0]);
	const client = /^(ws|wss):/.test(url) ? timedClient(created) : created;
	const db = drizzle(client, { schema, casing: 'snake_case' });
	return { client, db, url };
}

export async function preparePragmas(h: DbHandle) {
	if (!h.url.startsWith('file:')) return;
	await h.client.execute('PRAGMA journal_mode=WAL');
	await h.client.execute('PRAGMA synchronous=NORMAL');
}

export function getDb(): DbHandle {
	if (!handle) handle = openDb();
	return handle;
}

/** The drizzle database, for reads. Writes go through `write()`. */
export function db(): Db {
	return getDb().db;
}

/**
 * Runs `fn` as a write transaction, after every earlier write of this process, and resolves once it is committed.
 * Writes waiting together share one commit (see writer.ts); `fn`'s changes are undone when it throws, and only its own.
 */
export function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
	return writer.enqueue(fn);
}

const writer = createWriter(() => getDb().db);

export function migrationsFolder(): string {
	const here = path.dirname(fileURLToPath(import.meta.url));
	// from src/lib/server/db (tsx, vitest) or build/server/chunks (adapter-node): find db/migrations upwards
	for (let dir = here; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'db', 'migrations');
		if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
		if (path.dirname(dir) === dir) break;
	}
	return path.resolve('db/migrations');
}

export async function migrateDb(h: DbHandle = getDb()) {
	await preparePragmas(h);
	// Several instances starting at once on one database server race to apply the same migrations: the loser's batch
	// fails ("table … already exists") because the winner's committed first. Asked again, the migrator finds them
	// recorded and has nothing left to do; a migration that really fails still fails after the last try.
	for (let attempt = 1; ; attempt++) {
		try {
			await migrate(h.db, { migrationsFolder: migrationsFolder() });
			return;
		} catch (err) {
			if (attempt >= 5 || !/already exists|SQLITE_BUSY|database is locked/i.test(String((err as Error)?.message ?? err) + String((err as { cause?: unknown })?.cause ?? ''))) throw err;
			await new Promise((r) => setTimeout(r, 200 * attempt + Math.random() * 300));
		}
	}
}

export async function closeDb() {
	if (handle) {
		await writer.idle();
		handle.client.close();
		handle = undefined;
	}
}

/** For tests and scripts that need their own database. */
export function setDb(h: DbHandle | undefined) {
	handle = h;
}
