// The CSV downloads: which datasets exist and how each is computed for one course the viewer may read.
import type { AnalyticsCourse, Viewer } from './access';
import { enrolmentsByWeek, lessonFunnel } from './course-stats';
import { quizQuestionStats } from './quiz-stats';
import { courseLearners } from './learners';
import { funnelTable, learnersTable, quizTable, weeksTable, type Table } from './tables';

export const COURSE_DATASETS = ['enrolments', 'funnel', 'quiz', 'learners'] as const;
export type CourseDataset = (typeof COURSE_DATASETS)[number];

export function isCourseDataset(name: string): name is CourseDataset {
	return (COURSE_DATASETS as readonly string[]).includes(name);
}

export async function courseDataset(viewer: Viewer, course: AnalyticsCourse, name: CourseDataset, locale: string): Promise<Table> {
	switch (name) {
		case 'enrolments':
			return weeksTable(await enrolmentsByWeek(course.id), locale);
		case 'funnel':
			return funnelTable(await lessonFunnel(course.id), locale);
		case 'quiz':
			return quizTable((await quizQuestionStats(course.id)).filter((q) => q.answered > 0), locale);
		case 'learners':
			return learnersTable((await courseLearners(viewer, course.id, { all: true })).named, locale);
	}
}
