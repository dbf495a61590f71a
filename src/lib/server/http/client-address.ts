// The client's address for throttling and once-per-client counting. Behind a reverse proxy every connection comes
// from the proxy, so the address is read from the header the proxy sets (ADDRESS_HEADER, as adapter-node reads it).
import type { RequestEvent } from '@sveltejs/kit';

/** The bucket for requests that lack the configured header: they did not come through the proxy. */
export const NO_ADDRESS = 'unknown';

export interface AddressConfig {
	/** lower-case header name, e.g. `x-forwarded-for`; empty: the socket's address */
	header: string;
	/** X-Forwarded-For only: how many trusted proxies append to it (the client is that many entries from the right) */
	depth: number;
}

export function addressConfig(env: Record<string, string | undefined> = process.env): AddressConfig {
	const depth = Number.parseInt(env.XFF_DEPTH ?? '', 10);
	return { header: (env.ADDRESS_HEADER ?? '').trim().toLowerCase(), depth: Number.isInteger(depth) && depth > 0 ? depth : 1 };
}

/**
 * The address from the configured header, or `null` when it is missing or malformed. Only the entries the trusted
 * proxies appended count: with X-Forwarded-For the client may send its own list, so it is read from the right.
 */
export function addressFromHeaders(headers: Headers, cfg: AddressConfig): string | null {
	const value = headers.get(cfg.header);
	if (value === null) return null;
	if (cfg.header !== 'x-forwarded-for') return value.trim() || null;
	const entries = value.split(',').map((s) => s.trim());
	if (entries.length < cfg.depth) return null;
	return entries[entries.length - cfg.depth] || null;
}

/** Never throws: adapter-node's getClientAddress does when ADDRESS_HEADER is set and the header is missing. */
export function clientAddress(event: Pick<RequestEvent, 'request' | 'getClientAddress'>, cfg = addressConfig()): string {
	if (cfg.header) return (addressFromHeaders(event.request.headers, cfg) ?? NO_ADDRESS).slice(0, 100);
	try {
		return event.getClientAddress();
	} catch {
		return NO_ADDRESS;
	}
}
