// HLS helpers: read a VOD media playlist and write the master playlist with measured peak and average bandwidth.
import fs from 'node:fs';
import path from 'node:path';

export interface MediaPlaylist {
	targetDuration: number;
	segments: { duration: number; uri: string }[];
	ended: boolean;
	map: string | null;
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
	const lines = text.split('\n').map((l) => l.trim());
	const out: MediaPlaylist = { targetDuration: 0, segments: [], ended: false, map: null };
	let pending: number | null = null;
	for (const line of lines) {
		if (line.startsWith('#EXT-X-TARGETDURATION:')) out.targetDuration = Number(line.split(':')[1]);
		else if (line.startsWith('#EXT-X-MAP:')) out.map = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
		else if (line.startsWith('#EXTINF:')) pending = Number(line.slice(8).split(',')[0]);
		else if (line === '#EXT-X-ENDLIST') out.ended = true;
		else if (line && !line.startsWith('#') && pending !== null) {
			out.segments.push({ duration: pending, uri: line });
			pending = null;
		}
	}
	return out;
}

/**
 * BANDWIDTH must be the peak segment bit rate (RFC 8216 4.3.4.2), which ffmpeg 5.1 only estimates, so it is
 * measured here from the written segments. The init segment is counted with the first segment.
 */
export function buildMasterPlaylist(dir: string, renditions: string[]): string {
	const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
	for (const name of renditions) {
		const pl = parseMediaPlaylist(fs.readFileSync(path.join(dir, name, 'index.m3u8'), 'utf8'));
		const initBytes = pl.map ? fs.statSync(path.join(dir, name, pl.map)).size : 0;
		let peak = 0;
		let total = initBytes;
		let seconds = 0;
		pl.segments.forEach((s, i) => {
			const bytes = fs.statSync(path.join(dir, name, s.uri)).size + (i === 0 ? initBytes : 0);
			total += i === 0 ? bytes - initBytes : bytes;
			seconds += s.duration;
			if (s.duration > 0.5 || pl.segments.length === 1) peak = Math.max(peak, (bytes * 8) / s.duration);
		});
		const average = seconds > 0 ? (total * 8) / seconds : 0;
		peak = Math.max(peak, average);
		lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${Math.ceil(peak)},AVERAGE-BANDWIDTH=${Math.ceil(average)},CODECS="mp4a.40.2"`, `${name}/index.m3u8`);
	}
	return lines.join('\n') + '\n';
}
