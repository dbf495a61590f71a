// Shapes shared by the podcast server code and the player components (plain data, no imports).
export interface Chapter {
	/** seconds from the start */
	start: number;
	title: string;
}

/** What the player needs to play an episode; safe to send to the browser. */
export interface PlayerEpisode {
	slug: string;
	title: string;
	showTitle: string;
	cover: string | null;
	/** master playlist; null while the audio is not packaged yet */
	hls: string | null;
	mp3: string | null;
	/** seconds */
	duration: number;
	/** 0..1, for the waveform */
	peaks: number[];
	chapters: Chapter[];
	/** the show's language, which titles and chapters are written in */
	language: string;
}

export function clock(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds || 0));
	const h = Math.floor(s / 3600);
	const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
	const ss = String(s % 60).padStart(2, '0');
	return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export interface EpisodeListItem {
	slug: string;
	title: string;
	summary: string;
	date: string;
	season: number;
	number: number;
	type: string;
	/** seconds; null while not packaged */
	duration: number | null;
	demo: boolean;
	/** the packaged audio (null while not packaged): for the list's play button and download link */
	hls: string | null;
	mp3: string | null;
	mp3Bytes: number | null;
	/** the episode's own cover (a studio upload), else null: the show's */
	cover: string | null;
	chapters: Chapter[];
}

export interface ContinueItem {
	slug: string;
	title: string;
	position: number;
	duration: number;
}

/** An episode counts as heard to the end from 90 % of its length: server (account positions) and player (counters) alike. */
export const HEARD_RATIO = 0.9;
