// Lighthouse (pinned 12.2.3, the last major that runs on Node 20) against a running server with Debian's Chromium.
// Used by `npm run bench -- --lighthouse` (all four categories, mobile) and by tests/e2e/lighthouse.spec.ts
// (accessibility only: the suite fails below 100).
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from './chromium';

export type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
export const ALL_CATEGORIES: Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];

export interface LighthouseResult {
	url: string;
	/** 0–100 per category */
	scores: Partial<Record<Category, number>>;
	/** audits that scored below 1 in the requested categories: id and title */
	failing: { id: string; title: string; category: Category }[];
}

/** Runs Lighthouse's default (mobile, simulated throttling) configuration on each URL in one Chromium. */
export async function runLighthouse(urls: string[], categories: Category[] = ALL_CATEGORIES): Promise<LighthouseResult[]> {
	const chrome = await launch({
		chromePath: chromiumPath(),
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
		logLevel: 'silent'
	});
	const results: LighthouseResult[] = [];
	try {
		for (const url of urls) {
			const r = await lighthouse(url, { port: chrome.port, onlyCategories: categories, logLevel: 'error', output: 'json' });
			if (!r) throw new Error(`Lighthouse returned nothing for ${url}`);
			const lhr = r.lhr;
			if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
			const scores: LighthouseResult['scores'] = {};
			const failing: LighthouseResult['failing'] = [];
			for (const c of categories) {
				const cat = lhr.categories[c];
				scores[c] = Math.round((cat?.score ?? 0) * 100);
				for (const ref of cat?.auditRefs ?? []) {
					const a = lhr.audits[ref.id];
					if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push({ id: a.id, title: a.title, category: c });
				}
			}
			results.push({ url, scores, failing });
		}
	} finally {
		chrome.kill();
	}
	return results;
}
