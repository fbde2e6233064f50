import { eventTypes } from './events';
import { join } from './path/join';

export const both = [eventTypes, join];
