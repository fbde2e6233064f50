// The resident ID-card reader, Node layer: driver, transports, simulators. Names carry
// "IdCard" because the hardware/node index re-exports every device side by side.
export { createIdCardReader } from './driver';
export type { IdCardReader, IdCardReaderEvents, IdCardReaderOptions, ReaderStatus as IdCardReaderStatus } from './driver';
export { serialTransport as idCardSerialTransport, USB_BULK_PACKET_SIZE as ID_CARD_USB_PACKET_SIZE } from './transport';
export type {
  ReaderConnection as IdCardConnection, ReaderTransport as IdCardTransport, SerialOptions as IdCardSerialOptions,
  UsbBulkEndpoints as IdCardUsbBulkEndpoints,
} from './transport';
export { startIdCardSimulator } from './simulator';
export type { IdCardSimulator, IdCardSimulatorOptions } from './simulator';
export { createMemorySimulator as createIdCardMemorySimulator } from './memory-transport';
export type { MemorySimulator as IdCardMemorySimulator, MemorySimulatorOptions as IdCardMemorySimulatorOptions } from './memory-transport';
export type { SimulatorFault as IdCardSimulatorFault, SimulatorStats as IdCardSimulatorStats } from './simulated-reader';
export type { Clock as IdCardClock } from './clock';
export type { CardSpec as IdCardSpec, IdCardError, Identity as IdCardIdentity } from '../../common/idcard';
export { DEMO_CARDS as DEMO_ID_CARDS } from '../../common/idcard';
