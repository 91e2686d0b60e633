// The till's keyboard shortcuts in one place, so that the keys printed on the buttons are the keys the
// handlers accept. Function keys first (one press on a POS keyboard); Alt/Ctrl chords for keyboards whose
// function keys the till software already uses. Chords compare `code`, not `key`, so that they work
// whatever the keyboard layout or a Vietnamese input method turns the letter into.

export type ShortcutAction = 'redeem' | 'add' | 'print' | 'reprint' | 'journal' | 'settings' | 'lock';

interface Shortcut {
  /** Printed on the button. */
  label: string;
  /** For `aria-keyshortcuts`. */
  aria: string;
  matches: (event: KeyboardEvent) => boolean;
}

const SHORTCUTS: Record<ShortcutAction, Shortcut> = {
  redeem: {
    label: 'F2',
    aria: 'F2 Alt+R',
    matches: (event) => event.key === 'F2' || (event.altKey && !event.ctrlKey && event.code === 'KeyR'),
  },
  add: {
    label: 'F3',
    aria: 'F3 Alt+A',
    matches: (event) => event.key === 'F3' || (event.altKey && !event.ctrlKey && event.code === 'KeyA'),
  },
  print: {
    label: 'F6',
    aria: 'F6 Alt+P',
    matches: (event) => event.key === 'F6' || (event.altKey && !event.ctrlKey && event.code === 'KeyP'),
  },
  /** The last slip printed at this till, again: for the customer who lost it. */
  reprint: {
    label: 'F7',
    aria: 'F7 Alt+L',
    matches: (event) => event.key === 'F7' || (event.altKey && !event.ctrlKey && event.code === 'KeyL'),
  },
  journal: {
    label: 'F4',
    aria: 'F4 Alt+J',
    matches: (event) => (event.key === 'F4' && !event.altKey) || (event.altKey && !event.ctrlKey && event.code === 'KeyJ'),
  },
  settings: {
    label: 'F9',
    aria: 'F9 Control+Comma',
    matches: (event) => event.key === 'F9' || (event.ctrlKey && event.code === 'Comma'),
  },
  /** Ends a manager's unlock at once, before it times out. */
  lock: {
    label: 'Ctrl+L',
    aria: 'Control+L',
    matches: (event) => event.ctrlKey && !event.altKey && event.code === 'KeyL',
  },
};

export const shortcutLabel = (action: ShortcutAction): string => SHORTCUTS[action].label;
export const shortcutAria = (action: ShortcutAction): string => SHORTCUTS[action].aria;
export const isShortcut = (event: KeyboardEvent, action: ShortcutAction): boolean => SHORTCUTS[action].matches(event);
