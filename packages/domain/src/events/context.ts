import { chinaCalendar, type HolidayCalendar } from '../calendar';
import type { Item } from '../catalogue/schema';
import { demoCatalogue } from '../catalogue/demo';

/** What the fold and the append check need besides the events. Defaults: the demo catalogue, the shipped calendar. */
export interface CaseContext {
  catalogue?: readonly Item[];
  calendar?: HolidayCalendar;
}

export interface ResolvedContext {
  item(code: string): Item | undefined;
  calendar: HolidayCalendar;
}

const indexes = new WeakMap<readonly Item[], Map<string, Item>>();

export function resolveContext(ctx: CaseContext | undefined): ResolvedContext {
  const catalogue = ctx?.catalogue ?? demoCatalogue;
  let index = indexes.get(catalogue);
  if (!index) {
    index = new Map(catalogue.map((item) => [item.code, item]));
    indexes.set(catalogue, index);
  }
  const map = index;
  return { item: (code) => map.get(code), calendar: ctx?.calendar ?? chinaCalendar };
}
