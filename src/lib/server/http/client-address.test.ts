import { describe, expect, it } from 'vitest';
import { addressConfig, clientAddress, NO_ADDRESS } from './client-address';

function event(headers: Record<string, string>, socket: string | null = '127.0.0.1') {
	return {
		request: new Request('http://localhost/', { headers }),
		getClientAddress: () => {
			// as adapter-node does when ADDRESS_HEADER is set and the header is missing
			if (socket === null) throw new Error('Address header was specified but is absent from request');
			return socket;
		}
	};
}

describe('clientAddress', () => {
	it('without ADDRESS_HEADER: the socket address; a client cannot choose its own with X-Forwarded-For', () => {
		const cfg = addressConfig({});
		expect(clientAddress(event({ 'x-forwarded-for': '203.0.113.9' }), cfg)).toBe('127.0.0.1');
	});

	it('X-Forwarded-For is read from the right: entries the client sent itself are ignored', () => {
		const one = addressConfig({ ADDRESS_HEADER: 'X-Forwarded-For' });
		expect(one).toEqual({ header: 'x-forwarded-for', depth: 1 });
		expect(clientAddress(event({ 'x-forwarded-for': '198.51.100.7' }, null), one)).toBe('198.51.100.7');
		expect(clientAddress(event({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7' }, null), one)).toBe('198.51.100.7');
		const two = addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' });
		expect(clientAddress(event({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' }, null), two)).toBe('198.51.100.7');
	});

	it('a missing or short header gives one shared bucket instead of an error (adapter-node would throw: a 500)', () => {
		const two = addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' });
		expect(clientAddress(event({}, null), two)).toBe(NO_ADDRESS);
		expect(clientAddress(event({ 'x-forwarded-for': '198.51.100.7' }, null), two)).toBe(NO_ADDRESS);
		expect(clientAddress(event({ 'x-forwarded-for': ' , ' }, null), addressConfig({ ADDRESS_HEADER: 'x-forwarded-for' }))).toBe(NO_ADDRESS);
		expect(clientAddress(event({}, null), addressConfig({}))).toBe(NO_ADDRESS);
	});

	it('another header (X-Real-IP, CF-Connecting-IP) is taken as it is; a bad XFF_DEPTH means 1', () => {
		expect(clientAddress(event({ 'x-real-ip': ' 198.51.100.8 ' }, null), addressConfig({ ADDRESS_HEADER: 'X-Real-IP' }))).toBe('198.51.100.8');
		expect(addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'zwei' }).depth).toBe(1);
		expect(addressConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' }).depth).toBe(1);
	});
});
