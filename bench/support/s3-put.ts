import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';

/**
 * A bare S3 PutObject over keep-alive HTTP, signed with SigV4 (UNSIGNED-PAYLOAD, as SDKs sign
 * streamed bodies). The generator threads upload through this: the AWS SDK spends a few
 * milliseconds of CPU per request, which over thousands of files is seconds the generator needs.
 */
export class S3Putter {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly url: URL;
  private signingKey?: { date: string; key: Buffer };

  constructor(
    endpoint: string,
    private readonly credentials = { accessKeyId: 'AKIABENCHLOCALAWS', secretAccessKey: 'bench' },
    private readonly region = 'us-east-1',
  ) {
    this.url = new URL(endpoint);
  }

  put(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void> {
    const path = `/${bucket}/${key.split('/').map(encodeSegment).join('/')}`;
    const now = new Date();
    const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const date = amzDate.slice(0, 8);
    const host = this.url.host;
    const headers: Record<string, string> = {
      'content-length': String(body.byteLength),
      'content-type': contentType,
      host,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-amz-date': amzDate,
    };
    const signed = Object.keys(headers).sort();
    const canonicalHeaders = signed.map((h) => `${h}:${headers[h]}\n`).join('');
    const canonical = `PUT\n${path}\n\n${canonicalHeaders}\n${signed.join(';')}\nUNSIGNED-PAYLOAD`;
    const scope = `${date}/${this.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const signature = createHmac('sha256', this.key(date)).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${this.credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
    return new Promise((resolve, reject) => {
      const request = http.request({ host: this.url.hostname, port: this.url.port, method: 'PUT', path, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode === 200) resolve();
          else reject(new Error(`PutObject ${bucket}/${key}: HTTP ${response.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }

  private key(date: string): Buffer {
    if (this.signingKey?.date === date) return this.signingKey.key;
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const key = hmac(hmac(hmac(hmac(`AWS4${this.credentials.secretAccessKey}`, date), this.region), 's3'), 'aws4_request');
    this.signingKey = { date, key };
    return key;
  }
}

/** S3's URI encoding of one key segment (RFC 3986 unreserved characters stay as they are). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
