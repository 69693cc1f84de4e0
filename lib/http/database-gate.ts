import { databaseAvailableForRequest } from '@/db/tenant';
import { servesWithoutDatabase } from './gate';

export { isDatabaseUnavailable } from '@/db/tenant';

/**
 * Whether the request gate should answer 503 before any work: the database is known to be down
 * and the path needs it. Costs nothing while the database is up.
 */
export async function refuseForDatabaseOutage(pathname: string): Promise<boolean> {
  if (servesWithoutDatabase(pathname)) return false;
  return !(await databaseAvailableForRequest());
}
