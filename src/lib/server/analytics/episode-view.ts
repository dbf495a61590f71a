// What the episode analytics page shows and the episode CSVs contain (plays per day, retention curve).
// Kept apart from the course analytics so the podcast part can be reviewed and merged on its own.
import { t } from '../i18n';
import { formatNumber, formatShortDate } from '../../i18n/locales';
import type { Viewer } from './access';
import { episodeForAnalytics, heardShareOf, playsPerDay, retention, type DayRow, type EpisodeRow, type RetentionRow } from './episodes';
import { ISO_DAY, pct, type DayFormat, type Table } from './tables';

export const EPISODE_DATASETS = ['plays', 'retention'] as const;
export type EpisodeDataset = (typeof EPISODE_DATASETS)[number];
export const isEpisodeDataset = (name: string): name is EpisodeDataset => (EPISODE_DATASETS as readonly string[]).includes(name);

export function playsTable(days: DayRow[], locale: string, day: DayFormat = ISO_DAY): Table {
	return { columns: [t(locale, 'analytics_col_day'), t(locale, 'analytics_col_plays'), t(locale, 'analytics_col_heard')], rows: days.map((d) => [day(d.day), d.plays, d.heard]), numeric: [false, true, true] };
}

export function retentionTable(curve: RetentionRow[], locale: string): Table {
	return {
		columns: [t(locale, 'analytics_col_minute'), t(locale, 'analytics_col_still'), t(locale, 'analytics_col_still_share')],
		rows: curve.map((r) => [r.minute, r.listeners, pct(r.share)]),
		numeric: [true, true, true]
	};
}

export async function episodeDataset(episode: EpisodeRow, name: EpisodeDataset, locale: string): Promise<Table> {
	return name === 'plays' ? playsTable(await playsPerDay(episode.id), locale) : retentionTable(await retention(episode.id, episode.durationMs), locale);
}

const percent = (share: number, locale: string) => t(locale, 'analytics_percent', { n: formatNumber(pct(share), locale) });

function playsSummary(days: DayRow[], top: DayRow, locale: string): string {
	const span = t(locale, 'analytics_days', { n: days.length, count: days.length });
	const plays = t(locale, 'analytics_count_plays', { n: days.reduce((s, d) => s + d.plays, 0) });
	return t(locale, 'analytics_plays_summary', { days: span, from: formatShortDate(days[0].day, locale), plays, max: top.plays, maxDay: formatShortDate(top.day, locale) });
}

/** The episode page's data, or null when the viewer may not read this episode (or it does not exist). */
export async function episodeView(viewer: Viewer, episodeId: string, locale: string) {
	const episode = await episodeForAnalytics(viewer, episodeId);
	if (!episode) return null;
	const [days, curve] = await Promise.all([playsPerDay(episode.id), retention(episode.id, episode.durationMs)]);
	const heardShare = heardShareOf(episode);
	const top = days.reduce<DayRow | null>((a, b) => (!a || b.plays > a.plays ? b : a), null);
	const half = curve.find((r) => r.share < 0.5);
	return {
		episode,
		heardShare: percent(heardShare, locale),
		plays: {
			summary: top ? playsSummary(days, top, locale) : '',
			labels: days.map((d) => formatShortDate(d.day, locale)),
			series: [{ name: t(locale, 'analytics_col_plays'), values: days.map((d) => d.plays) }],
			table: playsTable(days, locale, (d) => formatShortDate(d, locale))
		},
		retention: {
			summary: [
				t(locale, 'analytics_retention_listeners', { n: episode.listeners }),
				half ? t(locale, 'analytics_retention_half', { n: half.minute }) : '',
				t(locale, 'analytics_retention_heard', { heard: percent(heardShare, locale) })
			].filter(Boolean).join(' '),
			values: curve.map((r) => r.share),
			table: retentionTable(curve, locale)
		}
	};
}
