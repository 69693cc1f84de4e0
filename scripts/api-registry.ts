import { writeFileSync } from 'node:fs';
import { apiRouteFiles, registrySource, REGISTRY_FILE } from '@/lib/api/route-files';

// Regenerates app/api/v1/routes.generated.ts so the OpenAPI spec lists every route file.
writeFileSync(REGISTRY_FILE, registrySource(apiRouteFiles()));
console.log(`${REGISTRY_FILE}: ${apiRouteFiles().length} route files`);
