import type { DeclineClass } from '../types';
import { DEFAULT_FILTER_SETTINGS, type FilterSettings } from './settings';

// Decline velocity (reference "Filters → Decline velocity"): a slow slide is where a martingale
// averages down; a fast one is where it gets stuck. Score steps are the original's fixed ones;
// the class boundaries come from the settings (70 / 40 / 20 by default).

type ClassScores = Pick<FilterSettings, 'declineCrashScore' | 'declineFastScore' | 'declineModerateScore'>;

/** roc5 in percent, smoothness = |roc5/roc15|, volume ratio = recent ÷ earlier mean volume. Capped at 100. */
export function scoreDecline(roc5: number, smoothness: number, volumeRatio: number): number {
  let score = 0;
  if (roc5 < -5) score += 40;
  else if (roc5 < -3) score += 25;
  else if (roc5 < -1) score += 10;
  if (smoothness > 2.5) score += 30;
  else if (smoothness > 1.5) score += 15;
  if (volumeRatio > 3) score += 30;
  else if (volumeRatio > 2) score += 15;
  return Math.min(100, score);
}

export function declineClass(score: number, settings: ClassScores = DEFAULT_FILTER_SETTINGS): DeclineClass {
  if (score >= settings.declineCrashScore) return 'CRASH';
  if (score >= settings.declineFastScore) return 'FAST_DECLINE';
  if (score >= settings.declineModerateScore) return 'MODERATE_DECLINE';
  return 'SLOW_DECLINE';
}

/** The original's smoothness: |roc5 / roc15|, 1.0 when roc15 is 0. */
export function declineSmoothness(roc5: number, roc15: number): number {
  return roc15 === 0 ? 1 : Math.abs(roc5 / roc15);
}

export const isDangerousDecline = (cls: DeclineClass): boolean => cls === 'FAST_DECLINE' || cls === 'CRASH';

/** No adds (nor safety orders, nor opening) in FAST_DECLINE or CRASH, nor while the class is unknown. Never when the filter is off. */
export function declineBlocksAdds(cls: DeclineClass | null, settings: Pick<FilterSettings, 'declineEnabled'> = DEFAULT_FILTER_SETTINGS): boolean {
  if (!settings.declineEnabled) return false;
  return cls === null || isDangerousDecline(cls);
}

/**
 * SLOW or MODERATE decline: the original then allows adds up to 1.5 × its position limit even in
 * high volatility. An allowance of the filter, so off (and unknown) means no allowance.
 */
export function declineIsSafe(cls: DeclineClass | null, settings: Pick<FilterSettings, 'declineEnabled'> = DEFAULT_FILTER_SETTINGS): boolean {
  if (!settings.declineEnabled || cls === null) return false;
  return cls === 'SLOW_DECLINE' || cls === 'MODERATE_DECLINE';
}
