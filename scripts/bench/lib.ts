// Shared benchmark machinery: the built server on a temporary database, nginx as the static baseline, autocannon load.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, tempDir, type RunningServer } from '../../tests/server';

export interface LoadResult {
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	non2xx: number;
	requests: number;
}

export interface LoadOptions {
	url: string;
	connections?: number;
	duration?: number;
	headers?: Record<string, string>;
	method?: string;
	body?: string;
	/** per-request variation: returns headers/body for each request (e.g. a different learner per connection) */
	requests?: autocannon.Request[];
}

export interface BenchRow {
	name: string;
	value: string;
	ratio?: string;
}

export interface BenchContext {
	url: string;
	server: RunningServer;
	contentDir: string;
	/** Fetches `pathname` from the app anonymously and returns a URL where nginx serves the very same HTML. */
	staticBaseline(pathname: string, headers?: Record<string, string>): Promise<string>;
	load(opts: LoadOptions): Promise<LoadResult>;
	/** A fresh learner account with a session: the Cookie header value and the user id. */
	newLearner(): Promise<{ cookie: string; userId: string }>;
}

export type BenchFn = (ctx: BenchContext) => Promise<BenchRow[]>;

export const DEFAULT_DURATION = Number(process.env.BENCH_DURATION || 5);

export async function load(opts: LoadOptions): Promise<LoadResult> {
	const result = await autocannon({
		url: opts.url,
		connections: opts.connections ?? 50,
		duration: opts.duration ?? DEFAULT_DURATION,
		headers: opts.headers,
		method: (opts.method ?? 'GET') as autocannon.Request['method'],
		body: opts.body,
		requests: opts.requests
	});
	return {
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx,
		requests: result.requests.total
	};
}

export function fmtLoad(r: LoadResult): string {
	return `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`;
}

export function pct(part: number, whole: number): string {
	return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : 'n/a';
}

export interface Nginx {
	url: string;
	root: string;
	stop(): Promise<void>;
}

/** nginx-light on a free port serving files from a temporary root, with settings comparable to the app's. */
export async function startNginx(): Promise<Nginx> {
	const dir = tempDir('mitsprache-nginx-');
	const root = path.join(dir, 'root');
	fs.mkdirSync(root);
	// nginx workers run as an unprivileged user: they must be able to read the files
	fs.chmodSync(dir, 0o755);
	fs.chmodSync(root, 0o755);
	fs.mkdirSync(path.join(dir, 'tmp'));
	const port = await freePort();
	const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  types { text/html html; }
  default_type text/html;
  keepalive_requests 100000;
  server { listen 127.0.0.1:${port}; root ${root}; }
}`;
	fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
	const nginxBin = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
	const proc: ChildProcess = spawn(nginxBin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			await fetch(url + '/');
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	return {
		url,
		root,
		stop: () =>
			new Promise((resolve) => {
				if (proc.exitCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill('SIGTERM');
			})
	};
}
