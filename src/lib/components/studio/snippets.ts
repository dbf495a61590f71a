// Snippet texts for the editor's buttons, in the course language's words.
export function snippets(lang: string) {
	const de = lang !== 'en';
	return {
		quiz: de
			? '## Quiz\n\n### Ihre Frage?\n\n- [x] Richtige Antwort\n- [ ] Falsche Antwort\n\n> Erklärung, die Lernende nach dem Absenden sehen.\n'
			: '## Quiz\n\n### Your question?\n\n- [x] Right answer\n- [ ] Wrong answer\n\n> Explanation learners see after answering.\n',
		question: de ? '### Noch eine Frage?\n\n- [x] Richtig\n- [ ] Falsch\n' : '### Another question?\n\n- [x] Right\n- [ ] Wrong\n',
		callout: de ? '> [!TIP]\n> Ein Tipp aus der Praxis.\n' : '> [!TIP]\n> A tip from practice.\n',
		episode: (slug: string) => (de ? `[Zur Podcast-Folge](/podcast/${slug || 'folgen-adresse'})\n` : `[Listen to the episode](/podcast/${slug || 'episode-address'})\n`)
	};
}
