// The app needs no browser permission (camera, notifications, clipboard reading, geolocation…), so
// every request and every check is refused.

import type { Session } from 'electron';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
