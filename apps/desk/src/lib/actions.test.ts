import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAppend, demoCatalogue, foldCase, type Actor, type CaseEvent, type CaseState } from '@onetrip/domain';
import { applicantPayload, demoActors, eventBuilder } from '@onetrip/domain/testing';
import { actionEvent, availableActions, collectPlaces, forwardTarget, type DeskAction } from './actions';

const item = (code: string) => demoCatalogue.find((i) => i.code === code);
const tk = item('MZ-TK-01'); // 特困供养: decided at the township
const db = item('MZ-DB-01'); // 低保: decided by the city's 民政局

function chain(steps: [CaseEvent['type'], Actor, Record<string, unknown>][], itemCode = 'MZ-TK-01') {
  const b = eventBuilder({ itemCode });
  const events: CaseEvent[] = [b.make('submitted', demoActors.clerk, applicantPayload())];
  for (const [type, actor, payload] of steps) events.push(b.make(type, actor, payload as never));
  return { b, events, state: foldCase(events) as CaseState };
}

describe('availableActions (特困供养, village → township)', () => {
  it('offers the village clerk accept, 补正, reject and withdraw on a new proxy case, never approve', () => {
    const { state } = chain([]);
    expect(availableActions(state, demoActors.clerk, tk)).toEqual(['accept', 'requestMaterials', 'reject', 'withdraw']);
    // township staff may withdraw a proxy application in their township (jurisdiction), nothing else
    expect(availableActions(state, demoActors.staff, tk)).toEqual(['withdraw']);
    expect(availableActions(state, demoActors.otherClerk, tk)).toEqual([]);
  });

  it('offers 补齐材料 to the clerk and the township (jurisdiction) once materials were requested', () => {
    const { state } = chain([['accepted', demoActors.clerk, {}], ['materialsRequested', demoActors.clerk, { materialCodes: ['incomeAuthorisation'], note: 'n' }]]);
    expect(availableActions(state, demoActors.clerk, tk)).toEqual(['supply', 'reject', 'withdraw']);
    expect(availableActions(state, demoActors.staff, tk)).toEqual(['supply', 'withdraw']);
    expect(availableActions(state, demoActors.reviewer, tk)).toEqual([]);
  });

  it('lets the clerk forward an accepted case to the township, where township staff may approve', () => {
    const accepted = chain([['accepted', demoActors.clerk, {}]]);
    expect(availableActions(accepted.state, demoActors.clerk, tk)).toContain('forward');
    expect(availableActions(accepted.state, demoActors.clerk, tk)).not.toContain('approve');
    const target = forwardTarget(accepted.state, demoActors.clerk, tk);
    expect(target).toEqual({ toLevel: 'township', toRegionCode: '430182104000' });
    const at = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, { ...target, note: 'n' }], ['accepted', demoActors.staff, {}]]);
    expect(availableActions(at.state, demoActors.staff, tk)).toEqual(['requestMaterials', 'approve', 'reject', 'withdraw']);
    expect(forwardTarget(at.state, demoActors.staff, tk)).toBeNull();
  });

  it('after approval offers issue, and after issue at the village, collection to the clerk', () => {
    const approved = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: 'n' }],
      ['accepted', demoActors.staff, {}], ['approved', demoActors.staff, {}]]);
    expect(availableActions(approved.state, demoActors.staff, tk)).toEqual(['issue']);
    const places = collectPlaces(approved.state);
    expect(places[0]).toEqual({ level: 'township', regionCode: '430182104000', siteId: 'site-430182104000-centre' });
    const issued = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: 'n' }],
      ['accepted', demoActors.staff, {}], ['approved', demoActors.staff, {}], ['issued', demoActors.staff, { collectAt: places[1] }]]);
    expect(availableActions(issued.state, demoActors.clerk, tk)).toEqual(['collect']);
    expect(availableActions(issued.state, demoActors.staff, tk)).toEqual([]);
  });
});

describe('availableActions (低保, village → township → 民政局)', () => {
  const toTownship = { toLevel: 'township', toRegionCode: '430182104000', note: 'n' };
  const toCity = { toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'civilAffairs', note: 'n' };
  it('lets the township forward to 民政局 instead of approving', () => {
    const at = chain([['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, toTownship], ['accepted', demoActors.staff, {}]], 'MZ-DB-01');
    expect(availableActions(at.state, demoActors.staff, db)).toEqual(['requestMaterials', 'reject', 'forward', 'withdraw']);
    expect(forwardTarget(at.state, demoActors.staff, db)).toEqual({ toLevel: 'city', toRegionCode: '430182000000', toDepartmentCode: 'civilAffairs' });
  });

  it('has the reviewer accept and approve, issue for collection at the township first, and the township record it', () => {
    const steps: [CaseEvent['type'], Actor, Record<string, unknown>][] = [['accepted', demoActors.clerk, {}], ['forwarded', demoActors.clerk, toTownship],
      ['accepted', demoActors.staff, {}], ['forwarded', demoActors.staff, toCity]];
    expect(availableActions(chain(steps, 'MZ-DB-01').state, demoActors.reviewer, db)).toEqual(['accept', 'requestMaterials', 'reject']);
    expect(availableActions(chain(steps, 'MZ-DB-01').state, demoActors.staff, db)).toEqual(['withdraw']);
    steps.push(['accepted', demoActors.reviewer, {}]);
    expect(availableActions(chain(steps, 'MZ-DB-01').state, demoActors.reviewer, db)).toEqual(['requestMaterials', 'approve', 'reject']);
    steps.push(['approved', demoActors.reviewer, {}]);
    const approved = chain(steps, 'MZ-DB-01').state;
    expect(availableActions(approved, demoActors.reviewer, db)).toEqual(['issue']);
    expect(collectPlaces(approved)[0]).toEqual({ level: 'township', regionCode: '430182104000', siteId: 'site-430182104000-centre' });
    steps.push(['issued', demoActors.reviewer, { collectAt: collectPlaces(approved)[0] }]);
    const issued = chain(steps, 'MZ-DB-01').state;
    expect(availableActions(issued, demoActors.staff, db)).toEqual(['collect']);
    expect(availableActions(issued, demoActors.reviewer, db)).toEqual([]);
  });
});

describe('availableActions and the domain', () => {
  it('agrees with checkAppend: every offered action is accepted by the domain, for an item of each deciding level (property)', () => {
    const actors = Object.values(demoActors).filter((a) => a.role !== 'kiosk' && a.role !== 'admin');
    const builder = fc.array(fc.tuple(fc.constantFrom(...actors), fc.constantFrom<DeskAction>('accept', 'forward', 'approve', 'reject', 'issue', 'collect', 'requestMaterials', 'supply')), { maxLength: 10 });
    fc.assert(fc.property(fc.constantFrom('MZ-TK-01', 'MZ-DB-01', 'MZ-LNZ-01'), builder, (itemCode, steps) => {
      const target = item(itemCode);
      const b = eventBuilder({ itemCode });
      const events: CaseEvent[] = [b.make('submitted', demoActors.clerk, applicantPayload())];
      for (const [actor, action] of steps) {
        const state = foldCase(events) as CaseState;
        if (!availableActions(state, actor, target).includes(action)) continue;
        const payload = action === 'forward' ? { ...forwardTarget(state, actor, target), note: 'n' }
          : action === 'issue' ? { collectAt: collectPlaces(state)[0] } : action === 'requestMaterials' ? { materialCodes: ['hukou'], note: 'n' }
          : action === 'supply' ? { materials: [{ sha256: 'b'.repeat(64), mediaType: 'image/jpeg', size: 10, materialCode: 'hukou' }] } : {};
        const event = b.make(actionEvent[action], actor, payload as never);
        expect(checkAppend(state, event).ok).toBe(true);
        events.push(event);
      }
    }), { numRuns: 300 });
  });
});
