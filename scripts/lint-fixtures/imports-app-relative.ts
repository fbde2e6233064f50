import * as kiosk from '../../kiosk/renderer/src/App';

export const k = kiosk;
