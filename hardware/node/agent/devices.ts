// What the agent needs from each kind of device. Adapters (scanner-device, idcard-device,
// printer-device) wrap the drivers and simulators behind these; tests can pass fakes.
import type { DeviceHealth, DeviceKind, ScanEvent } from '../../common/agent/health';
import type { CardEvent, PrintedReceipt, PrintOutcome, PrinterStatusView } from '../../common/agent/protocol';

export interface ManagedDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): DeviceHealth;
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  /** Where a simulator sits, for the start-up banner (e.g. the pty a person may open). */
  readonly simulatorPort?: string;
}

export interface CardReaderDevice extends ManagedDevice {
  readonly kind: 'idcard';
  onCard(listener: (event: CardEvent) => void): () => void;
  onRemoved(listener: () => void): () => void;
  readonly demo?: { place(card?: number): void; lift(): void };
}

export interface PrinterDevice extends ManagedDevice {
  readonly kind: 'printer';
  status(): Promise<PrinterStatusView>;
  print(document: unknown): Promise<PrintOutcome>;
  onStatus(listener: (status: PrinterStatusView) => void): () => void;
  readonly demo?: {
    set(state: { paper?: 'ok' | 'nearEnd' | 'out'; coverOpen?: boolean }): Promise<void>;
    printed(): PrintedReceipt[];
  };
}

export interface ScannerDevice extends ManagedDevice {
  readonly kind: 'scanner';
  onScan(listener: (event: ScanEvent) => void): () => void;
  readonly demo?: { scan(code: string): Promise<void> };
}

export interface DeviceSet {
  idcard?: CardReaderDevice;
  printer?: PrinterDevice;
  scanners: ScannerDevice[];
}
