// The member directory as the settings show it: what it is doing, and how far its first sync has got.

import type { DirectoryView } from '../../electron/ipc/contract.ts';
import { formatCount, formatDuration } from './format.ts';
import { t } from './i18n.svelte.ts';

export function phaseText(view: Pick<DirectoryView, 'phase' | 'complete'>): string {
  if (view.phase === 'initial') return t('directory.phase.initial');
  if (view.phase === 'incremental') return t('directory.phase.incremental');
  return view.complete ? t('directory.phase.idleComplete') : t('directory.phase.idleIncomplete');
}

/** The total as known: "≈5.000" while it is an estimate. */
function totalText(progress: DirectoryView['progress']): string | undefined {
  if (progress.total === null) return undefined;
  return `${progress.totalIsEstimate ? '≈' : ''}${formatCount(progress.total)}`;
}

/** "1.250/≈5.000 thành viên · còn khoảng 3 phút", as far as it is known. */
export function progressText(progress: DirectoryView['progress']): string {
  const total = totalText(progress);
  const count = total === undefined
    ? t('directory.progressNoTotal', { synced: formatCount(progress.synced) })
    : t('directory.progress', { synced: formatCount(progress.synced), total });
  if (progress.secondsRemaining === null || progress.secondsRemaining <= 0) return count;
  return `${count} · ${t('directory.remaining', { time: formatDuration(progress.secondsRemaining) })}`;
}

/** For a <progress>: no `max` (an indeterminate bar) until the total is known. */
export function progressBar(progress: DirectoryView['progress']): { value: number; max: number } | undefined {
  if (progress.total === null || progress.total <= 0) return undefined;
  return { value: Math.min(progress.synced, progress.total), max: progress.total };
}

/** "(1.250/≈5.000)" for a lookup that found nothing while the first sync runs, as far as it is known. */
export function syncingNote(view: DirectoryView | undefined): string {
  if (!view) return t('directorySyncingNoCount');
  const synced = formatCount(view.progress.synced);
  const total = totalText(view.progress);
  if (total !== undefined) return t('directorySyncing', { synced, total });
  return view.progress.synced > 0 ? t('directorySyncingSoFar', { synced }) : t('directorySyncingNoCount');
}
