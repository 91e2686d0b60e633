// Start at login on Linux: the XDG autostart entry written with the program's path quoted, and removed again.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTOSTART_FILE, setLinuxAutostart } from '../../electron/window/autostart.ts';

let home: string;
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('start at login on Linux', () => {
  it('writes an autostart entry that runs the program, quoted, and removes it when turned off', () => {
    home = mkdtempSync(join(tmpdir(), 'loyalty-desk-autostart-'));
    const file = join(home, 'autostart', AUTOSTART_FILE);
    setLinuxAutostart(home, true, '/opt/Loyalty Desk/loyalty-desk');
    expect(readFileSync(file, 'utf8')).toBe(
      '[Desktop Entry]\nType=Application\nName=Loyalty Desk\nExec="/opt/Loyalty Desk/loyalty-desk"\nX-GNOME-Autostart-enabled=true\nTerminal=false\n',
    );
    setLinuxAutostart(home, true, '/home/thu ngân/Loyalty "Desk" $1.AppImage');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/thu ngân/Loyalty \\"Desk\\" \\$1.AppImage"');
    setLinuxAutostart(home, false, '/opt/Loyalty Desk/loyalty-desk');
    expect(existsSync(file)).toBe(false);
    // Turning off what is already off changes nothing.
    setLinuxAutostart(home, false, '/opt/Loyalty Desk/loyalty-desk');
  });
});
