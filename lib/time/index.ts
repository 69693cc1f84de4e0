// Instants are timestamptz in UTC; people see them in their time zone (DESIGN.md §6). Pure.
export { DEFAULT_DATE_LOCALE, type DateStyle, dateFormatter, formatInZone } from './format-in-zone';
export { isTimeZone, safeTimeZone } from './time-zone';
export { endOfZonedDay, startOfZonedDay, zonedDay } from './zoned-day';
