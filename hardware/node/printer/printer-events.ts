// Events of the printer driver, for the agent (status lights, staff alerts).
import type { PrinterError, PrinterStatus } from '../../common/printer';

export interface PrinterEventMap {
  status: PrinterStatus;
  printed: { jobId: string };
  queued: { jobId: string; error: PrinterError };
}

export class PrinterEvents {
  private readonly listeners = new Map<keyof PrinterEventMap, Set<(e: never) => void>>();

  on<K extends keyof PrinterEventMap>(event: K, listener: (e: PrinterEventMap[K]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (e: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (e: never) => void);
  }

  emit<K extends keyof PrinterEventMap>(event: K, payload: PrinterEventMap[K]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (e: PrinterEventMap[K]) => void)(payload);
      } catch {
        // A listener's bug must not stop a print.
      }
    }
  }
}
