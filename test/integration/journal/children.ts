// Runs test/journal/replay-child.ts as a real child process (Node 22 from node_modules, as the app's
// scripts run), so tests can kill it with SIGKILL or run several at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EntryState } from '../../../electron/journal/types.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const NODE = `${root}node_modules/.bin/node`;
const CHILD = `${root}test/journal/replay-child.ts`;

export interface ChildArguments {
  journal: string;
  url: string;
  token: string;
  till?: string;
  settleMs?: number;
  drainPerSecond?: number;
  concurrency?: number;
  /** This till's wall clock set off by this much. */
  wallClockOffsetMs?: number;
  /** A folder for V8's compile cache, so that restarts after a kill start faster. */
  compileCache?: string;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The journal's counts as the child printed them when it finished (absent if it was killed). */
  counts?: Record<EntryState, number>;
  stderr: string;
}

export interface ReplayChild {
  process: ChildProcess;
  /** Resolves when the child has opened its journal (or exited first). */
  ready: Promise<void>;
  exited: Promise<ChildExit>;
}

export function startReplayChild(args: ChildArguments): ReplayChild {
  const argv = ['--disable-warning=ExperimentalWarning', CHILD, '--journal', args.journal, '--url', args.url, '--token', args.token];
  if (args.till) argv.push('--till', args.till);
  if (args.settleMs !== undefined) argv.push('--settle-ms', String(args.settleMs));
  if (args.drainPerSecond !== undefined) argv.push('--drain-per-second', String(args.drainPerSecond));
  if (args.concurrency !== undefined) argv.push('--concurrency', String(args.concurrency));
  if (args.wallClockOffsetMs !== undefined) argv.push(`--wall-clock-offset-ms=${args.wallClockOffsetMs}`);
  const env = args.compileCache ? { ...process.env, NODE_COMPILE_CACHE: args.compileCache } : process.env;
  const child = spawn(NODE, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.includes('ready\n')) markReady();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<ChildExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      markReady();
      const summary = stdout.split('\n').find((line) => line.startsWith('{'));
      resolve({ code, signal, stderr, counts: summary ? (JSON.parse(summary) as { counts: Record<EntryState, number> }).counts : undefined });
    });
  });
  return { process: child, ready, exited };
}
