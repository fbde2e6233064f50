// The one place the server imports the domain from, so the names it relies on are visible
// at a glance: schemas, the fold and permission check, scope rules, region codes, demo data.
export {
  type Role, Item, Region, Ticket, Rating, Device, User, CaseEvent, AuditEntry,
  type CaseState, type CaseContext,
  foldCase, checkAppend, isCaseVisibleTo,
  isWithinRegion, significantLength, townshipCodeOf,
  hashAuditEntry, AUDIT_GENESIS_HASH, stableStringify,
  COUNTY_CODE, demoRegions, demoDepartments, demoCatalogue,
  type CaseStatus, Ulid, CheckCode, caseNumberOf, caseStatusNames, validateIdNumber,
} from '@onetrip/domain';
