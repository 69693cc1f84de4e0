/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM drivers must not be bundled: they load files relative to their package.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pino', 'prom-client', 'ioredis', '@node-rs/argon2'],
  experimental: {
    // Middleware counts every request body and answers 413 (lib/http/body-limit.ts). Next hands it a
    // copy cut at this size: keep it above every limit there (PROXY_BODY_CLONE_BYTES, 5 MiB).
    proxyClientMaxBodySize: 5 * 1024 * 1024,
    // Next's own check answers an oversized action with a 500; middleware's 1 MiB limit
    // (ACTION_BODY_LIMIT_BYTES) answers 413 first, so this is only a backstop above it.
    serverActions: { bodySizeLimit: 2 * 1024 * 1024 },
  },
};

export default nextConfig;
