// The messages between a desk's queue screen and the hall display on the same computer
// (BroadcastChannel, same origin only): the desk sends the calls; a hall display that opens
// later says hello and gets what is on now.
export const HALL_CHANNEL = 'onetrip-hall';

export interface HallCall { label: string; calledAt?: string; counter?: number }

export type HallMessage =
  /** `current`: the number being called now (announced when it changes); `recent`: called ones, latest first. */
  | { kind: 'calls'; siteId: string; current: HallCall | null; recent: HallCall[] }
  | { kind: 'hello' };
