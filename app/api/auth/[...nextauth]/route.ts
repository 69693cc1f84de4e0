import { handlers } from '@/lib/auth';
import { withSessionOutageAs503 } from '@/lib/auth/checked-session';
import { measured } from '@/lib/observability/measured-route';

export const runtime = 'nodejs';
export const GET = measured('/api/auth', withSessionOutageAs503(handlers.GET));
export const POST = measured('/api/auth', withSessionOutageAs503(handlers.POST));
