// Drag and drop for reordering lists in the studio, on top of "move up/down" forms that work without it.
// The new order is posted to the page's ?/order action; the page reloads its data afterwards.
import { deserialize } from '$app/forms';
import { invalidateAll } from '$app/navigation';

export function moveItem<T extends { id: string }>(list: T[], fromId: string, toId: string): T[] {
	const from = list.findIndex((x) => x.id === fromId);
	const to = list.findIndex((x) => x.id === toId);
	if (from < 0 || to < 0 || from === to) return list;
	const next = [...list];
	const [item] = next.splice(from, 1);
	next.splice(to, 0, item);
	return next;
}

export async function postOrder(kind: 'module' | 'lesson', ids: string[], moduleId = ''): Promise<boolean> {
	const body = new FormData();
	body.set('kind', kind);
	body.set('ids', ids.join(','));
	body.set('moduleId', moduleId);
	const res = await fetch('?/order', { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
	const result = deserialize(await res.text());
	await invalidateAll();
	return result.type === 'success';
}
