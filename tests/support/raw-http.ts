import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';

/**
 * Raw HTTP for the tests that must send what no SDK will: malformed XML, broken signatures,
 * hand-built aws-chunked bodies, garbage request lines. Nothing here normalises the path or
 * adds headers the caller did not ask for.
 */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RawRequestOptions {
  method?: string;
  /** Sent exactly as given (still percent-encoded, never normalised). */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

export function rawRequest(port: number, options: RawRequestOptions): Promise<RawResponse> {
  // A fresh connection per request, so one test's broken body cannot poison the next; keep-alive
  // as every SDK and the CLI send it, so a server that answers before the body is in (413, a bad
  // chunk) drains the rest instead of closing on a client that is still writing.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<RawResponse>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString('utf8') });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  }).finally(() => agent.destroy());
}

/** Writes bytes to a fresh TCP connection and returns everything the server sends back before closing. */
export function rawSocket(port: number, payload: string | Buffer, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(payload));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, timeoutMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * A well-formed SigV4 Authorization header. Local AWS has no IAM and does not verify signatures,
 * only their shape and scope, so a fixed signature is enough to route a raw request.
 */
export function fakeAuthorization(service: string, region = 'us-east-1'): Record<string, string> {
  return {
    authorization:
      `AWS4-HMAC-SHA256 Credential=AKIATESTLOCALAWS/20260101/${region}/${service}/aws4_request, ` +
      `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'x-amz-date': '20260101T000000Z',
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
  };
}

/**
 * An HTTP agent that resolves every `*.localhost` name to 127.0.0.1, as browsers and systemd do but
 * glibc on this machine does not, so the SDK's virtual-host style (`bucket.localhost:port`) can be
 * exercised for real.
 */
export function localhostSubdomainAgent(): http.Agent {
  return new http.Agent({
    keepAlive: true,
    lookup: ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
        if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
        else callback(null, '127.0.0.1', 4);
        return;
      }
      dns.lookup(hostname, options, callback as never);
    }) as never,
  });
}
