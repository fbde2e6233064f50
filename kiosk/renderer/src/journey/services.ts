// What the kiosk's journeys need from outside the renderer's React state, injected so the
// screens are tested with real implementations in Chromium and nothing reaches a device directly.
import type { BlobRef, CaseState } from '@onetrip/domain';
import type { AgentEvent } from '@onetrip/hardware/common';
import type { MoreServices } from '../lib/more-services';

export interface PrintOutcome { state: 'printed' | 'queued'; error?: { code: string; message: { zh: string; en: string } } }

export interface KioskServices {
  /** Card, scanner and printer events from the hardware agent; returns an unsubscribe function. */
  subscribe(listener: (event: AgentEvent) => void): () => void;
  /** Print a receipt document (caseReceipt, oneTimeNotice, queueTicket). */
  print(document: Record<string, unknown>): Promise<PrintOutcome>;
  /** Keep a photo locally (the replica's blob store, uploaded when online) and return its reference. */
  storePhoto(bytes: Uint8Array, mediaType: 'image/jpeg', materialCode: string): Promise<BlobRef>;
  submit(input: {
    itemCode: string; regionCode: string; applicant: { name: string; idNumber: string; phone?: string; address?: string };
    form: Record<string, string | number | boolean>; materials: BlobRef[]; siteId: string;
  }): Promise<CaseState>;
  /** True while the sync server is reachable. */
  online(): boolean;
  /** Tickets, progress lookup, ratings and maintenance (lib/more-services.ts); absent before enrollment. */
  more?: MoreServices;
}
