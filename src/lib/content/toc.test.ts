import { describe, expect, it } from 'vitest';
import { renderDocument } from './markdown';
import { tableOfContents } from './toc';

describe('tableOfContents', () => {
	it('lists h2 and h3 with their ids, in order, without markup, entities decoded', () => {
		const { html } = renderDocument('# Titel\n\n## Rechte & Pflichten\n\nText\n\n### Das *Rederecht*\n\nText\n\n#### zu tief\n\n## Rechte & Pflichten\n');
		expect(tableOfContents(html)).toEqual([
			{ id: 'rechte-pflichten', text: 'Rechte & Pflichten', level: 2 },
			{ id: 'das-rederecht', text: 'Das Rederecht', level: 3 },
			{ id: 'rechte-pflichten-1', text: 'Rechte & Pflichten', level: 2 }
		]);
	});
	it('leaves out the hidden footnotes label', () => {
		const { html } = renderDocument('## Abschnitt\n\nText[^1]\n\n[^1]: Eine Fußnote.\n');
		expect(tableOfContents(html).map((e) => e.id)).toEqual(['abschnitt']);
	});
});
