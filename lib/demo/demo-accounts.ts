// Zero-config demo sign-in, printed at start-up and in the README. Never seeded in production.
export const DEMO_USER = { email: 'demo@tessera.local', password: 'tessera-demo', name: 'Dana Demo' } as const;
export const DEMO_TEAMMATE = { email: 'alex@tessera.local', name: 'Alex Rivera' } as const;
export const DEMO_WORKSPACES = [
  { slug: 'demo', name: 'Demo Household & Trading', timezone: 'Europe/London', currency: 'GBP' },
  { slug: 'atlas-store', name: 'Atlas Store', timezone: 'Asia/Riyadh', currency: 'SAR' },
] as const;
