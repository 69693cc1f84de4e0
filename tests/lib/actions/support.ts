import type { SessionUser } from '@/lib/tenancy/session';

/**
 * Test support for the action wrappers. Each test file mocks the request edges itself (vi.mock is
 * hoisted per file):
 *
 *   const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
 *   vi.mock('@/lib/tenancy/session', () => sessionModule(session));
 *   vi.mock('next/headers', () => headersModule());
 *   vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
 */
export type SessionHolder = { user: SessionUser | null };

export function sessionModule(holder: SessionHolder) {
  return {
    currentUser: async () => holder.user,
    requireUser: async () => {
      if (!holder.user) throw new Error('test: nobody is signed in');
      return holder.user;
    },
  };
}

export function headersModule() {
  return {
    // A fresh client IP per call keeps IP-counted limits out of the way unless a test wants them.
    headers: async () => new Headers({ 'x-forwarded-for': `10.${rand()}.${rand()}.${rand()}`, 'user-agent': 'vitest' }),
    cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  };
}

const rand = () => Math.floor(Math.random() * 250) + 1;

export function asSessionUser(user: { id: string; email: string; name: string | null }): SessionUser {
  return { id: user.id, email: user.email, name: user.name };
}

export function form(fields: Record<string, string | File | Array<string | File>>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
  return data;
}

/** What an action answered: its result, or the redirect / 404 Next would perform. */
export async function submit<R>(action: (state: null, formData: FormData) => Promise<R>, data: FormData) {
  try {
    return { result: await action(null, data) };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2] };
    if (typeof digest === 'string' && digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return { notFound: true as const };
    throw error;
  }
}
