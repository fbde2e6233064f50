import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAppend, demoCatalogue, foldCase, type Actor, type CaseEvent, type CaseState } from '@onetrip/domain';
import { applicantPayload, demoActors, eventBuilder } from '@onetrip/domain/testing';
import { actionEvent, availableActions, collectPlaces, forwardTarget, type DeskAction } from './actions';

const item = (code: string) => demoCatalogue.find((i) => i.code === code);
const db = item('MZ-DB-01');

function chain(steps: [CaseEvent['type'], Actor, Record<string, unknown>][]) {
  const b = eventBuilder({ itemCode: 'MZ-DB-01' });
  const events: CaseEvent[] = [b.make('submitted', demoActors.clerk, applicantPayload())];
  for (const [type, actor, payload] of steps) events.push(b.make(type, actor, payload as never));
  return { b, events, state: foldCase(events) as CaseState };
}

describe('availableActions (低保, village → township)', () => {
  it('offers the village clerk accept, 补正, reject and withdraw on a new proxy case, never approve', () => {
    const { state } = chain([]);
    expect(availableActions(state, demoActors.clerk, db)).toEqual(['accept', 'requestMaterials', 'reject', 'withdraw']);
    // township staff may withdraw a proxy application in their township (jurisdiction), nothing else
    expect(availableActions(state, demoActors.staff, db)).toEqual(['withdraw']);
    expect(availableActions(state, demoActors.otherClerk, db)).toEqual([]);
  });

  it('lets the clerk forward an accepted case to the township, where township staff may approve', () => {
    const accepted = chain([['accepted', demoActors.clerk, {}]]);
    expect(availableActions(accepted.state, demoActors.clerk, db)).toContain('forward');
    expect(availableActions(accepted.state, demoActors.clerk, db)).not.toContain('approve');
    const target = forwardTarget(accepted.state, demoActors.clerk, db);
    expect(target).toEqual({ toLevel: 'township', toRegionCode: '430182104000' });
    const at = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, { ...target, note: 'n' }], ['accepted', demoActors.staff, {}]]);
    expect(availableActions(at.state, demoActors.staff, db)).toEqual(['requestMaterials', 'approve', 'reject', 'withdraw']);
    expect(forwardTarget(at.state, demoActors.staff, db)).toBeNull();
  });

  it('after approval offers issue, and after issue at the village, collection to the clerk', () => {
    const approved = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: 'n' }],
      ['accepted', demoActors.staff, {}], ['approved', demoActors.staff, {}]]);
    expect(availableActions(approved.state, demoActors.staff, db)).toEqual(['issue']);
    const places = collectPlaces(approved.state);
    expect(places[0]).toEqual({ level: 'township', regionCode: '430182104000', siteId: 'site-430182104000-centre' });
    const issued = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: 'n' }],
      ['accepted', demoActors.staff, {}], ['approved', demoActors.staff, {}], ['issued', demoActors.staff, { collectAt: places[1] }]]);
    expect(availableActions(issued.state, demoActors.clerk, db)).toEqual(['collect']);
    expect(availableActions(issued.state, demoActors.staff, db)).toEqual([]);
  });

  it('agrees with checkAppend: every offered action is accepted by the domain (property)', () => {
    const actors = Object.values(demoActors).filter((a) => a.role !== 'kiosk' && a.role !== 'admin');
    const builder = fc.array(fc.tuple(fc.constantFrom(...actors), fc.constantFrom<DeskAction>('accept', 'forward', 'approve', 'reject', 'issue', 'collect', 'requestMaterials')), { maxLength: 8 });
    fc.assert(fc.property(builder, (steps) => {
      const b = eventBuilder({ itemCode: 'MZ-DB-01' });
      const events: CaseEvent[] = [b.make('submitted', demoActors.clerk, applicantPayload())];
      for (const [actor, action] of steps) {
        const state = foldCase(events) as CaseState;
        if (!availableActions(state, actor, db).includes(action)) continue;
        const payload = action === 'forward' ? { ...forwardTarget(state, actor, db), note: 'n' }
          : action === 'issue' ? { collectAt: collectPlaces(state)[0] } : action === 'requestMaterials' ? { materialCodes: ['hukou'], note: 'n' } : {};
        const event = b.make(actionEvent[action], actor, payload as never);
        expect(checkAppend(state, event).ok).toBe(true);
        events.push(event);
      }
    }), { numRuns: 200 });
  });
});
