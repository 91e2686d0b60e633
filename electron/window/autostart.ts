// Start at login on Linux, where Electron's login items do nothing: an XDG autostart entry
// (~/.config/autostart/loyalty-desk.desktop) that desktops run when the till's user logs in.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUTOSTART_FILE = 'loyalty-desk.desktop';

/** Writes or removes the entry in `configHome` (XDG_CONFIG_HOME, else ~/.config); `program` is what to run. */
export function setLinuxAutostart(configHome: string, enabled: boolean, program: string): void {
  const file = join(configHome, 'autostart', AUTOSTART_FILE);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(configHome, 'autostart'), { recursive: true });
  writeFileSync(
    file,
    ['[Desktop Entry]', 'Type=Application', 'Name=Loyalty Desk', `Exec=${quoted(program)}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n'),
  );
}

/** The desktop entry spec's quoting: the path in double quotes, with ", `, $ and \ escaped (an install path may hold spaces). */
function quoted(path: string): string {
  return `"${path.replace(/[\\"`$]/g, (character) => `\\${character}`)}"`;
}
