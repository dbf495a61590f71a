// The registry mirror here lacks some platform builds of optional dependencies; npm then leaves them out of the
// lock file and `npm ci` refuses it. Record each missing optional edge as an optional entry so the lock is complete.
import fs from 'node:fs';
const file = process.argv[2] || 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pk = lock.packages;
let added = 0;
for (const [loc, entry] of Object.entries(pk)) {
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		// resolution: nested node_modules first, then hoisted
		const nested = `${loc ? loc + '/' : ''}node_modules/${name}`;
		if (pk[nested] || pk[`node_modules/${name}`]) continue;
		const key = `node_modules/${name}`;
		pk[key] = { version: range, optional: true, ...(entry.dev ? { dev: true } : {}) };
		added++;
	}
}
fs.writeFileSync(file, JSON.stringify(lock, null, '\t') + '\n');
console.log(`lock: added ${added} optional entries missing from the registry`);
