// Everything the course analytics page shows, with the spoken summaries of its charts, in the viewer's language.
// The caller has already checked that the viewer may read this course (courseForAnalytics).
import { t } from '../i18n';
import { formatNumber, formatShortDate } from '../../i18n/locales';
import { shownCount } from '../../i18n/plural';
import type { AnalyticsCourse, Viewer } from './access';
import { courseSummary, enrolmentsByWeek, lessonFunnel, type FunnelRow, type WeekRow } from './course-stats';
import { quizQuestionStats, type QuestionStats } from './quiz-stats';
import { courseLearners, LEARNER_LIMIT } from './learners';
import { funnelTable, learnersTable, pct, quizTable, weeksTable, type Table } from './tables';

const DAY = 86_400_000;

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * A duration as people say it: days from a day on, hours from an hour on, minutes below (a median of "0 hours" said
 * nothing), "under 1 minute" below that; "–" when there is nothing to measure.
 */
export function formatDuration(ms: number | null, locale: string): string {
	if (ms === null) return '–';
	if (ms < MINUTE) return t(locale, 'tf_under_minute');
	const [key, value] = ms >= DAY ? ['analytics_days', ms / DAY] : ms >= HOUR ? ['analytics_hours', ms / HOUR] : ['tf_minutes', Math.round(ms / MINUTE)];
	return t(locale, key, { n: formatNumber(value, locale), count: shownCount(value) });
}

/** The one way analytics pages write a day, in every table, chart and sentence: "30.11.2026", "11/30/2026", … */
const shortDate = (d: string | number, locale: string) => formatShortDate(d, locale);
const formatDate = shortDate;
const share = (s: number, locale: string) => t(locale, 'analytics_percent', { n: formatNumber(pct(s), locale) });

function weeksSummary(weeks: WeekRow[], locale: string): string {
	if (!weeks.length) return '';
	const top = weeks.reduce((a, b) => (b.enrolled > a.enrolled ? b : a));
	const last = weeks[weeks.length - 1];
	const enrolments = t(locale, 'analytics_count_enrolments', { n: last.enrolledTotal });
	const completions = t(locale, 'analytics_count_completions', { n: last.completedTotal });
	return t(locale, 'analytics_weeks_summary', { from: formatDate(weeks[0].week, locale), enrolments, completions, max: top.enrolled, maxWeek: formatDate(top.week, locale) });
}

function funnelSummary(funnel: FunnelRow[], enrolled: number, locale: string): string {
	if (!funnel.length) return '';
	let at = -1;
	let drop = 0;
	for (let i = 1; i < funnel.length; i++) {
		const d = funnel[i - 1].completed - funnel[i].completed;
		if (d > drop) [at, drop] = [i, d];
	}
	// one count per sentence, so that each sentence can take the plural form its own number needs
	const sentences = [
		t(locale, 'analytics_funnel_lessons', { n: funnel.length }),
		t(locale, 'analytics_funnel_completed', { first: funnel[0].completed, enrolled, last: funnel[funnel.length - 1].completed })
	];
	if (at >= 0) sentences.push(t(locale, 'analytics_funnel_drop', { at: funnel[at].position, drop, title: funnel[at].title }));
	return sentences.join(' ');
}

function quizSummary(quiz: QuestionStats[], locale: string): string {
	const answered = quiz.filter((q) => q.answered > 0);
	if (!answered.length) return '';
	const hardest = answered.reduce((a, b) => (b.share < a.share ? b : a));
	return t(locale, 'analytics_quiz_summary', { questions: quiz.length, hardest: hardest.question, share: share(hardest.share, locale) });
}

export interface Chart<T> {
	summary: string;
	data: T;
	table: Table;
}

export async function courseView(viewer: Viewer, course: AnalyticsCourse, locale: string) {
	const [weeks, funnel, summary, quiz, learners] = await Promise.all([
		enrolmentsByWeek(course.id),
		lessonFunnel(course.id),
		courseSummary(course.id),
		quizQuestionStats(course.id),
		courseLearners(viewer, course.id)
	]);
	return {
		course,
		figures: { enrolled: summary.enrolled, completed: summary.completed, median: formatDuration(summary.medianMs, locale) },
		weeks: {
			summary: weeksSummary(weeks, locale),
			data: {
				labels: weeks.map((w) => shortDate(w.week, locale)),
				series: [
					{ name: t(locale, 'analytics_series_enrolled'), values: weeks.map((w) => w.enrolled) },
					{ name: t(locale, 'analytics_series_completed'), values: weeks.map((w) => w.completed) }
				]
			},
			table: weeksTable(weeks, locale, (d) => shortDate(d, locale))
		},
		funnel: {
			summary: funnelSummary(funnel, summary.enrolled, locale),
			data: funnel.map((f) => ({ label: `${f.position}. ${f.title}`, share: f.share, text: share(f.share, locale) })),
			table: funnelTable(funnel, locale)
		},
		quiz: {
			summary: quizSummary(quiz, locale),
			data: quiz.filter((q) => q.answered > 0).map((q) => ({ label: q.question, share: q.share, text: share(q.share, locale) })),
			table: quizTable(quiz.filter((q) => q.answered > 0), locale),
			questions: quiz.length
		},
		learners: { rows: learners.named.map((l) => ({ ...l, percent: l.total ? Math.floor((100 * l.done) / l.total) : 0 })), table: learnersTable(learners.named, locale, (d) => shortDate(d, locale)), others: learners.others, limit: LEARNER_LIMIT }
	};
}
