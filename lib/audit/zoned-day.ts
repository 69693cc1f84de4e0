// Moved to lib/time (one helper for dates in a time zone); kept so existing imports compile.
export { endOfZonedDay, safeTimeZone, startOfZonedDay } from '@/lib/time';
