// Doyensec's Electronegativity (the Electron security linter) over the app's own code. electron/ and
// renderer/ are scanned together, with package.json for the Electron version, because its global
// checks ask questions about the whole app ("is there a permission handler anywhere?"). Any finding
// fails, unless it is listed in SUPPRESSED with the reason it is a false positive here.
//
//   node_modules/.bin/node test/security/electronegativity.ts   (exits 1 on findings)
//
// test/integration/security-scan.test.ts runs the same scan under vitest. Electronegativity reads .js,
// .ts and .html files only: Svelte components are not scanned.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Finding {
  id: string;
  /** Relative to the repository, with forward slashes. */
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  description: string;
  sample: string;
}

interface Suppression {
  id: string;
  file: string;
  why: string;
}

/** Reviewed findings that are false positives here; each stays only as long as it still matches. */
export const SUPPRESSED: readonly Suppression[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    why: 'Raised for every preload ("review it"). Reviewed: electron/preload/index.ts exposes one function per contract channel, each bound to its channel, and no generic invoke; electron-wiring.test.ts proves it on the bundle.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why: "Only \"script-src 'self' can be problematic if you host JSONP, Angular or user uploaded files\": the page is a local file loading only its own bundled scripts; it serves no JSONP and no uploads.",
  },
];

/** Checks not run at all, by class name. */
const EXCLUDED_CHECKS: readonly { check: string; why: string }[] = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    why: "Downloads Electron's release list on every run: its answer changes with each Electron release and it needs the network, so it cannot gate a test. Electron updates are a dependency-update task.",
  },
  {
    check: 'ElectronVersionJSONCheck',
    why: 'Only feeds the check above (it reports the Electron version found in package.json as a finding).',
  },
];

interface RawIssue {
  id: string;
  file: string;
  location?: { line?: number; column?: number };
  severity?: { name?: string };
  confidence?: { name?: string };
  description?: string;
  sample?: string;
}

interface RunResult {
  issues: RawIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}

type Run = (options: Record<string, unknown>) => Promise<RunResult>;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['electron', 'renderer', 'package.json'];

export interface ScanOutcome {
  findings: Finding[];
  suppressed: Finding[];
  /** Suppressions that matched nothing: the false positive is gone, so is the entry. */
  staleSuppressions: Suppression[];
  /** Files Electronegativity could not parse (so did not check). */
  parseErrors: string[];
}

export async function scanElectronCode(): Promise<ScanOutcome> {
  const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
  const input = mkdtempSync(join(tmpdir(), 'loyalty-desk-electronegativity-'));
  try {
    for (const path of SCANNED) {
      cpSync(join(repoRoot, path), join(input, path), { recursive: true, filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source) });
    }
    const result = await run({
      input,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS.map((excluded) => excluded.check),
    });
    const all = result.issues.map(toFinding);
    const isSuppressed = (finding: Finding) => SUPPRESSED.some((entry) => entry.id === finding.id && entry.file === finding.file);
    return {
      findings: all.filter((finding) => !isSuppressed(finding)),
      suppressed: all.filter(isSuppressed),
      staleSuppressions: SUPPRESSED.filter((entry) => !all.some((finding) => finding.id === entry.id && finding.file === entry.file)),
      parseErrors: result.errors.map((error) => `${error.file.replace(input + sep, '')}: ${error.message}`),
    };
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

function toFinding(issue: RawIssue): Finding {
  return {
    id: issue.id,
    file: issue.file.split(sep).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? '?',
    confidence: issue.confidence?.name ?? '?',
    description: issue.description ?? '',
    sample: issue.sample ?? '',
  };
}

/** Everything that should fail the scan, as text; empty when the scan is clean. */
export function problemsOf(outcome: ScanOutcome): string {
  return [
    ...outcome.findings.map(
      (finding) =>
        `${finding.id} (${finding.severity}, ${finding.confidence}) ${finding.file}:${finding.line}:${finding.column}\n  ${finding.description}\n  ${finding.sample}`,
    ),
    ...outcome.staleSuppressions.map((entry) => `Stale suppression ${entry.id} in ${entry.file}: nothing matches it any more; remove it.`),
    ...outcome.parseErrors.map((error) => `Not scanned (parse error): ${error}`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = problemsOf(await scanElectronCode());
  if (problems) {
    console.error(`Electronegativity found problems:\n${problems}`);
    process.exitCode = 1;
  } else {
    console.log('Electronegativity: no findings.');
  }
}
