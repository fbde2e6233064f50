// Migration functions per collection and schema version. RxDB runs them when a replica
// opens data written by an older release (a kiosk that was offline through an upgrade),
// before replication starts. Each function maps one old document to its new shape and
// must be total: old data that is kept must never make opening fail.
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from './collections';

type Doc = Record<string, unknown>;

/**
 * caseEvents v0 → v1: release 0 stored the writing device as `device` and had no
 * `pendingPush` marker (it counted pending events from the replication state instead);
 * v1 names it `deviceId` like the domain's CaseEvent and marks unacknowledged events.
 */
function caseEventsV1(doc: Doc): Doc {
  const { device, acknowledged, ...rest } = doc;
  const next: Doc = { ...rest, deviceId: rest.deviceId ?? device };
  if (acknowledged === false) next.pendingPush = true;
  return next;
}

export const migrationStrategies: Partial<Record<CollectionName, MigrationStrategies>> = {
  caseEvents: { 1: caseEventsV1 },
};
