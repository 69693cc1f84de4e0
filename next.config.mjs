/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM drivers must not be bundled: they load files relative to their package.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pino', 'prom-client', 'ioredis', '@node-rs/argon2'],
};

export default nextConfig;
