// s3rver 3.7 ships no types; only what tests/helpers/local-s3.ts uses.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  type S3rverOptions = {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: Array<{ name: string }>;
  };
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
