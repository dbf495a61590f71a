// Starts the built server (scripts/server.mjs, which runs build/index.js) on a free port with its own database, for e2e tests and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	url: string;
	port: number;
	dir: string;
	env: Record<string, string>;
	proc: ChildProcess;
	/** the last 1,000,000 characters the server printed (its log lines with LOG_REQUESTS=1) */
	output(): string;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export function tempDir(prefix = 'mitsprache-e2e-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts the built server as `npm start` does, with a fresh database in `dir` (or the given one); resolves once /healthz answers. */
export async function startServer(opts: { dir?: string; env?: Record<string, string>; port?: number; quiet?: boolean; nodeArgs?: string[] } = {}): Promise<RunningServer> {
	const dir = opts.dir ?? tempDir();
	const port = opts.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATABASE_URL: 'file:' + path.join(dir, 'mitsprache.db'),
		MEDIA_DIR: path.join(dir, 'media'),
		LOG_REQUESTS: '0',
		// every e2e registration comes from 127.0.0.1
		RATE_LIMIT_REGISTER_PER_HOUR: '10000',
		...opts.env
	};
	// as `npm start` does: adapter-node must accept uploads up to MAX_UPLOAD_MB (its default is 512 kB)
	if (!env.BODY_SIZE_LIMIT) env.BODY_SIZE_LIMIT = `${Number(env.MAX_UPLOAD_MB || 500) + 1}M`;
	const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'scripts/server.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const keep = (d: Buffer) => {
		output = (output + d.toString()).slice(-1_000_000);
		if (!opts.quiet && process.env.E2E_SERVER_LOG) process.stderr.write(d);
	};
	proc.stdout!.on('data', keep);
	proc.stderr!.on('data', keep);
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${output}`);
		try {
			const r = await fetch(url + '/healthz');
			if (r.ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) {
			proc.kill('SIGKILL');
			throw new Error('server did not become healthy:\n' + output);
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	return {
		url,
		port,
		dir,
		env,
		proc,
		output: () => output,
		stop: (signal = 'SIGTERM') =>
			new Promise<void>((resolve) => {
				if (proc.exitCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill(signal);
				setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
			})
	};
}

/** Packaging runs in the background after start: resolves once the feed lists `episodes` enclosures. */
export async function waitForEpisodes(server: RunningServer, episodes = 2, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const xml = await fetch(server.url + '/podcast/feed.xml').then((r) => (r.ok ? r.text() : ''));
		if ((xml.match(/<enclosure /g) ?? []).length === episodes) return;
		if (Date.now() > deadline) throw new Error('ingest did not finish');
		await new Promise((r) => setTimeout(r, 250));
	}
}
