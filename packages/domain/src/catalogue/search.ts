import type { Item } from './schema';

/**
 * Kiosk search: a query in Chinese matches names, a query in latin letters matches the
 * pinyin initials (`lnz` finds 老年证办理) or the English name. Best matches first.
 */
export function searchCatalogue(items: readonly Item[], query: string): Item[] {
  const q = query.trim().toLowerCase().slice(0, 40);
  if (q === '') return [...items];
  const scored: { item: Item; score: number }[] = [];
  for (const item of items) {
    let score = 0;
    if (item.pinyinInitials.startsWith(q)) score = 4;
    else if (item.name.zh.includes(query.trim())) score = 3;
    else if (item.pinyinInitials.includes(q)) score = 2;
    else if (item.name.en.toLowerCase().includes(q)) score = 1;
    if (score > 0) scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.item.code.localeCompare(b.item.code)).map((s) => s.item);
}
