import { z } from 'zod';
import pkg from '@/package.json';

const version = z.object({ version: z.string() }).parse(pkg).version;

export function appVersion(): string {
  return version;
}
