// The numbers behind each chart as columns and rows: shown as the chart's table and downloaded as its CSV,
// so both always say the same. Dates are ISO (YYYY-MM-DD), shares are percentages with one decimal.
import { t } from '../i18n';
import type { WeekRow, FunnelRow } from './course-stats';
import type { QuestionStats } from './quiz-stats';
import type { LearnerRow } from './learners';
import type { Cell } from './csv';

export interface Table {
	columns: string[];
	rows: Cell[][];
	numeric: boolean[];
}

export const pct = (share: number) => Math.round(share * 1000) / 10;
/** How a table writes a calendar day: ISO for the CSV, the viewer's short date on the page (formatShortDate). */
export type DayFormat = (isoDay: string) => string;
export const ISO_DAY: DayFormat = (d) => d;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function weeksTable(weeks: WeekRow[], locale: string, day: DayFormat = ISO_DAY): Table {
	return {
		columns: ['analytics_col_week', 'analytics_series_enrolled', 'analytics_series_completed', 'analytics_col_enrolled_total', 'analytics_col_completed_total'].map((k) => t(locale, k)),
		rows: weeks.map((w) => [day(w.week), w.enrolled, w.completed, w.enrolledTotal, w.completedTotal]),
		numeric: [false, true, true, true, true]
	};
}

export function funnelTable(funnel: FunnelRow[], locale: string): Table {
	return {
		columns: ['analytics_col_position', 'analytics_col_lesson', 'analytics_col_started', 'analytics_col_completed', 'analytics_col_share'].map((k) => t(locale, k)),
		rows: funnel.map((f) => [f.position, f.title, f.started, f.completed, pct(f.share)]),
		numeric: [true, false, true, true, true]
	};
}

export function quizTable(quiz: QuestionStats[], locale: string): Table {
	return {
		columns: ['analytics_col_question', 'analytics_col_lesson', 'analytics_col_answered', 'analytics_col_right', 'analytics_col_right_share', 'analytics_col_wrong_option', 'analytics_col_wrong_count'].map((k) =>
			t(locale, k)
		),
		rows: quiz.map((q) => [q.question, q.lessonTitle, q.answered, q.right, pct(q.share), q.wrongOption ?? '', q.wrongCount]),
		numeric: [false, false, true, true, true, false, true]
	};
}

export function learnersTable(rows: LearnerRow[], locale: string, day: DayFormat = ISO_DAY): Table {
	return {
		columns: ['analytics_col_name', 'analytics_col_progress', 'analytics_col_enrolled_on', 'analytics_col_completed_on', 'analytics_col_last'].map((k) => t(locale, k)),
		rows: rows.map((l) => [l.name, t(locale, 'analytics_of', { done: l.done, total: l.total }), day(isoDay(l.enrolledAt)), l.completedAt === null ? '' : day(isoDay(l.completedAt)), day(isoDay(l.lastActivity))]),
		numeric: [false, true, false, false, false]
	};
}
