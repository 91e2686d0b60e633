// Electronegativity over electron/ and renderer/: no finding beyond the reviewed false positives
// listed (with their reasons) in test/security/electronegativity.ts.

import { expect, it } from 'vitest';
import { problemsOf, scanElectronCode } from '../security/electronegativity.ts';

it('Electronegativity finds nothing in the Electron and renderer code', async () => {
  const problems = problemsOf(await scanElectronCode());
  if (problems) console.error(`Electronegativity found problems:\n${problems}`);
  expect(problems).toBe('');
}, 30_000);
