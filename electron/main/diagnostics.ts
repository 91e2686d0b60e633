// The Electron half of "Export diagnostics": the versions only the running app knows. The file itself is
// written by logging/diagnostics.ts (writeDiagnostics), called by the PIN-guarded handler.

import { arch, release, type } from 'node:os';
import { app } from 'electron';

export function appVersions(): Record<string, string> {
  return {
    app: app.getVersion(),
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    os: `${type()} ${release()} ${arch()}`,
    packaged: String(app.isPackaged),
  };
}
