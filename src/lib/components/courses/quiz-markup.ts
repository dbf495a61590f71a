// The quiz rendered to HTML on the server, for QuizIsland.svelte (imported there with `?server-only`: the browser's
// bundle has none of this; it loads Quiz.svelte itself).
import { render } from 'svelte/server';
import type { ComponentProps } from 'svelte';
import Quiz from './Quiz.svelte';

export type QuizProps = ComponentProps<typeof Quiz>;

export default function quizMarkup(props: QuizProps): string {
	return render(Quiz, { props }).body;
}
