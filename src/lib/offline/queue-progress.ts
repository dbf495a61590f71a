// A lesson completion or quiz answer made without a connection (issue 12), loaded only when a form's request
// failed offline: kept in the outbox, and the learner told in their language that it will be sent.
import * as m from '$lib/paraglide/messages';
import { eventId, queue } from './outbox-store';

export async function queueCompletion(course: string, lesson: string, title: string): Promise<string> {
	await queue({ kind: 'complete', id: eventId(), at: Date.now(), course, lesson, title });
	return m.offline_queued();
}

/** The quiz form's fields as the server's form action reads them (`answer-<question>`, `revision`). */
export async function queueQuiz(course: string, lesson: string, title: string, form: FormData): Promise<string> {
	const answers: Record<string, string[]> = {};
	for (const [k, v] of form.entries()) if (k.startsWith('answer-') && typeof v === 'string') (answers[k.slice('answer-'.length)] ??= []).push(v);
	await queue({ kind: 'quiz', id: eventId(), at: Date.now(), course, lesson, title, revision: String(form.get('revision') ?? ''), answers });
	return m.offline_queued();
}
