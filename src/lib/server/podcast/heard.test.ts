import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { importCourses } from '../courses/import';
import { courseOutline } from '../courses/catalogue';
import { lessonState } from '../courses/progress';
import { copyFixture, FIXTURE_COURSE, learner } from '../courses/test-helpers';
import { onEpisodeHeard } from './heard';

describe('a heard episode', () => {
	it('completes the lessons that embed it, but not one whose quiz is still open', async () => {
		const dir = copyFixture();
		const mod = path.join(dir, 'courses', FIXTURE_COURSE, '02-praxis');
		// two lessons embed the episode: one plain, one with a quiz
		fs.writeFileSync(path.join(mod, '03-hoeren.md'), '---\ntitle: Hören\nduration: 4\nepisode: erste-folge\n---\n\nHören Sie die Folge.\n');
		fs.writeFileSync(
			path.join(mod, '04-hoeren-quiz.md'),
			'---\ntitle: Hören mit Quiz\nduration: 4\nepisode: erste-folge\n---\n\nText.\n\n## Quiz\n\n### Frage?\n\n- [x] Ja\n- [ ] Nein\n'
		);
		const report = await importCourses(dir);
		expect(report.errors).toEqual([]);
		const course = (await courseOutline(FIXTURE_COURSE))!;
		const plain = course.lessons.find((l) => l.slug === 'hoeren')!;
		const withQuiz = course.lessons.find((l) => l.slug === 'hoeren-quiz')!;
		const user = await learner();

		await onEpisodeHeard(user.id, 'erste-folge');
		expect((await lessonState(user.id, course.id, plain.id)).done).toBeTruthy();
		expect((await lessonState(user.id, course.id, withQuiz.id)).done).toBeFalsy();
		// someone else's listening changes nothing for this learner
		const other = await learner();
		expect((await lessonState(other.id, course.id, plain.id)).done).toBeFalsy();
	});
});
