/** A local S3-compatible server (s3rver) on a random port, with one bucket, for the s3 blob store tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../../src/server/platform/config.ts';

export class S3Sink {
  private constructor(
    private readonly server: S3rver,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(bucket = 'luoshi'): Promise<S3Sink> {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
    const address = await server.run();
    return new S3Sink(server, dir, address.port);
  }

  config(prefix = ''): S3Config {
    // s3rver accepts the fixed key pair S3RVER/S3RVER.
    return { endpoint: `http://127.0.0.1:${this.port}`, bucket: 'luoshi', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix };
  }

  env(): Record<string, string> {
    const c = this.config();
    return {
      LUOSHI_S3_ENDPOINT: c.endpoint!,
      LUOSHI_S3_BUCKET: c.bucket,
      LUOSHI_S3_REGION: c.region,
      LUOSHI_S3_ACCESS_KEY_ID: c.accessKeyId!,
      LUOSHI_S3_SECRET_ACCESS_KEY: c.secretAccessKey!,
      LUOSHI_S3_FORCE_PATH_STYLE: 'true',
    };
  }

  async stop(): Promise<void> {
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
