// What the settings and the screen's IPC reach of the till's own services (the other half of issue 14 wires
// them): the log, the crash watch (the screen to restore), the updater (status, "restart to update"), the
// window (kiosk mode, window-state.ts's setKiosk).
// Filled in by index.ts as the app starts; a module of its own so that ipc.ts can import it without a cycle.

import type { BrowserWindow } from 'electron';
import type { FileLog } from '../logging/log.ts';
import type { UpdateService } from '../updates/service.ts';
import type { CrashWatch } from './crash.ts';

export const tillServices: {
  log?: FileLog;
  crash?: CrashWatch;
  updates?: UpdateService;
  mainWindow?: () => BrowserWindow | undefined;
} = {};
