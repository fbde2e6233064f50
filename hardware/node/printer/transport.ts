// One interface for every way to reach a receipt printer: serial, USB printer device file,
// TCP 9100. The driver receives a transport; nothing opens hardware on import.
export interface PrinterTransport {
  /** for logs and errors: "tcp 127.0.0.1:9100", "serial /dev/ttyUSB0" … */
  readonly description: string;
  open(): Promise<void>;
  isOpen(): boolean;
  /** resolves when the bytes have been handed to the OS */
  write(data: Uint8Array): Promise<void>;
  /** bytes from the printer (status answers) */
  onData(listener: (data: Uint8Array) => void): () => void;
  /** the connection dropped (cable pulled, printer switched off, socket closed) */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

/** Listener bookkeeping shared by the transports. */
export class TransportEvents {
  private readonly data = new Set<(d: Uint8Array) => void>();
  private readonly closed = new Set<(e?: Error) => void>();

  onData(listener: (data: Uint8Array) => void): () => void {
    this.data.add(listener);
    return () => this.data.delete(listener);
  }
  onClose(listener: (error?: Error) => void): () => void {
    this.closed.add(listener);
    return () => this.closed.delete(listener);
  }
  emitData(d: Uint8Array): void {
    for (const l of this.data) l(d);
  }
  emitClose(e?: Error): void {
    for (const l of this.closed) l(e);
  }
}
