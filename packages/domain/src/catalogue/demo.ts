import type { Item } from './schema';
import { villageItems } from './village-items';
import { townshipItems } from './township-items';
import { cityItems } from './city-items';

/** The demo catalogue of 宁乡市 (invented content modelled on real items; not official). */
export const demoCatalogue: Item[] = [...villageItems, ...townshipItems, ...cityItems];
