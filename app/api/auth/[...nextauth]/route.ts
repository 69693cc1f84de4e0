import { handlers } from '@/lib/auth';
import { measured } from '@/lib/observability/measured-route';

export const runtime = 'nodejs';
export const GET = measured('/api/auth', handlers.GET);
export const POST = measured('/api/auth', handlers.POST);
