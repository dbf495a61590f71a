import { describe, expect, it } from 'vitest';
import { checkPlainLanguage, describePlainWarning, type PlainRule } from './leichte-sprache';

const rules = (md: string) => checkPlainLanguage(md).map((w) => w.rule);
const only = (md: string, rule: PlainRule) => checkPlainLanguage(md).filter((w) => w.rule === rule);

describe('Leichte Sprache checker', () => {
	it('is quiet about a text written by the rules', () => {
		const md = [
			'## Was ist ein Bei·rat?',
			'',
			'Ein Bei·rat ist eine Gruppe von Menschen.',
			'Die Menschen sprechen für Migranten.',
			'Der Bei·rat hat 12 Mit·glieder.',
			'',
			'- Der Bei·rat trifft sich 4 Mal im Jahr.',
			'- Sie können zu den Sitzungen kommen.',
			'',
			'> [!TIP]',
			'> Fragen Sie im Rat·haus nach.',
			'',
			'Mehr Infos gibt es beim [Bundes·zuwanderungs-Rat](https://www.bundeszuwanderungsundintegrationsrat.de/).'
		].join('\n');
		expect(checkPlainLanguage(md)).toEqual([]);
	});

	it('warns about sentences over 12 words, at the line where the sentence starts', () => {
		const md = 'Kurzer Satz.\n\nDer Beirat berät den Gemeinderat in allen Fragen, die Menschen mit Migrations·geschichte\nin der Stadt betreffen, und er stellt Anträge.';
		const w = only(md, 'sentence_long');
		expect(w).toHaveLength(1);
		expect(w[0]).toMatchObject({ line: 3, words: 20 });
		expect(w[0].excerpt).toMatch(/^Der Beirat berät/);
		// twelve words are fine; a list item is its own sentence; "z. B." does not end one
		expect(only('Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf.'.replace(/\S+/g, 'Wort'), 'sentence_long')).toEqual([]);
		expect(only('- Punkt eins ist kurz\n- Punkt zwei auch', 'sentence_long')).toEqual([]);
		expect(only('Sie können z. B. im Rat·haus fragen oder im Büro vom Bei·rat oder bei der Stadt anrufen.', 'sentence_long')).toHaveLength(1);
	});

	it('warns about long words without a middle dot or hyphen, once per word', () => {
		const w = only('Die Integrationsbeiräte tagen. Die Integrationsbeiräte beraten. Der Integrations·beirat und die Geschäfts-ordnung sind gut.', 'word_long');
		expect(w.map((x) => x.excerpt)).toEqual(['Integrationsbeiräte']);
		// 14 letters are fine
		expect(only('Das Wort Verwaltungsrat hat vierzehn.'.replace('vierzehn', '14'), 'word_long')).toEqual([]);
	});

	it('finds passive voice, and not the future tense', () => {
		expect(only('Der Bei·rat wird alle 5 Jahre gewählt.', 'passive')).toHaveLength(1);
		expect(only('Die Anträge wurden abgelehnt.', 'passive')).toHaveLength(1);
		expect(only('Der Antrag ist beschlossen worden.', 'passive')).toHaveLength(1);
		expect(only('Die Menschen werden informiert.', 'passive')).toHaveLength(1);
		expect(only('Die Unter·lagen werden vorher verschickt.', 'passive')).toHaveLength(1);
		expect(only('Der Antrag wurde beschlossen.', 'passive')).toHaveLength(1);
		expect(only('Der Bei·rat wird von der Stadt unterstützt.', 'passive')).toHaveLength(1);
		expect(only('Sie werden morgen gehen.', 'passive')).toEqual([]);
		expect(only('Sie werden bestimmt kommen.', 'passive')).toEqual([]);
		expect(only('Wir werden den Antrag besprechen.', 'passive')).toEqual([]);
		expect(only('Sie wählen den Bei·rat.', 'passive')).toEqual([]);
	});

	it('finds the genitive', () => {
		expect(only('Die Sitzung des Beirats ist öffentlich.', 'genitive').map((w) => w.excerpt)).toEqual(['des Beirats']);
		expect(only('Das ist der Text eines neuen Antrags.', 'genitive')).toHaveLength(1);
		expect(only('Wegen der Wahl fällt die Sitzung aus.', 'genitive')).toHaveLength(1);
		expect(only('Die Vorsitzende, deren Amt endet, spricht.', 'genitive')).toHaveLength(1);
		expect(only('Die Sitzung vom Bei·rat ist öffentlich.', 'genitive')).toEqual([]);
		expect(only('Das ist eines von vielen Themen.', 'genitive')).toEqual([]);
	});

	it('finds the subjunctive', () => {
		expect(only('Das wäre gut. Sie könnten fragen. Ich würde kommen. Sie hätten Zeit.', 'subjunctive').map((w) => w.excerpt)).toEqual(['wäre', 'könnten', 'würde', 'hätten']);
		expect(only('Sie können fragen. Sie möchten kommen.', 'subjunctive')).toEqual([]);
	});

	it('finds numbers written as words', () => {
		expect(only('Der Bei·rat hat zwölf Mit·glieder und trifft sich vier Mal. Es gibt dreiundzwanzig Anträge.', 'number_word').map((w) => w.excerpt)).toEqual(['zwölf', 'vier', 'dreiundzwanzig']);
		expect(only('Der Bei·rat hat 12 Mit·glieder. Ein Mitglied spricht.', 'number_word')).toEqual([]);
		expect(only('Achtung: Die Sitzung beginnt um 18 Uhr.', 'number_word')).toEqual([]);
	});

	it('skips code, links and URLs, and counts lines from firstLine', () => {
		const md = 'Text.\n\n```\nDie Integrationsbeiräte wurden gewählt.\n```\n\nSiehe https://example.org/ein-sehr-langes-wortohnepunkt.\n\nDie Sitzung des Beirats.';
		const w = checkPlainLanguage(md, 10);
		expect(w).toEqual([{ line: 18, rule: 'genitive', excerpt: 'des Beirats' }]);
	});

	it('checks quiz questions and options as sentences of their own', () => {
		const md = '## Quiz\n\n### Was würde der Bei·rat tun?\n\n- [x] Er würde beraten\n- [ ] zwei Sachen\n';
		expect(rules(md)).toEqual(['subjunctive', 'subjunctive', 'number_word']);
	});

	it('describes each warning in English for the import', () => {
		const all = checkPlainLanguage('Die Sitzung des Beirats wird von zwei Integrationsbeauftragten geleitet, die dafür extra aus der Landeshauptstadt anreisen würden.');
		const text = all.map(describePlainWarning).join('\n');
		expect(text).toContain('sentence has 17 words (at most 12)');
		expect(text).toContain('long word "Integrationsbeauftragten"');
		expect(text).toContain('passive voice');
		expect(text).toContain('genitive "des Beirats"');
		expect(text).toContain('subjunctive "würden"');
		expect(text).toContain('number written as a word "zwei"');
	});
});
