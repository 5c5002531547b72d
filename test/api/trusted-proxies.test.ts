import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxiesFromEnv } from '../../infra/local/api-gateway';

/** A request as node's server hands it: the connection's peer and the headers. */
const request = (peer: string, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('the local API source IP (API Gateway requestContext.identity.sourceIp)', () => {
  it('is the connection peer; a forged X-Forwarded-For is ignored without the trusted-proxy setting', () => {
    expect(clientAddress(request('127.0.0.1', '24.1.2.3'))).toBe('127.0.0.1');
    expect(clientAddress(request('::ffff:127.0.0.1', '24.1.2.3'), trustedProxiesFromEnv(''))).toBe('127.0.0.1');
    expect(clientAddress(request('198.51.100.7', '24.1.2.3'), trustedProxiesFromEnv('127.0.0.1'))).toBe('198.51.100.7');
  });

  it('behind a trusted proxy: the right-most address the proxy did not add itself, IPv4 or IPv6', () => {
    const trusted = trustedProxiesFromEnv('127.0.0.1, ::1, 10.0.0.5, nonsense');
    expect([...trusted]).toEqual(['127.0.0.1', '::1', '10.0.0.5']);
    expect(clientAddress(request('127.0.0.1', '24.1.2.3'), trusted)).toBe('24.1.2.3');
    expect(clientAddress(request('::ffff:127.0.0.1', '2003::1'), trusted)).toBe('2003::1');
    // The client's own say (left of what the proxies appended) is not believed.
    expect(clientAddress(request('127.0.0.1', '175.45.176.1, 24.1.2.3, 10.0.0.5'), trusted)).toBe('24.1.2.3');
    expect(clientAddress(request('127.0.0.1', ['175.45.176.1', '24.1.2.3']), trusted)).toBe('24.1.2.3');
  });

  it('a garbage or missing header gives the peer', () => {
    const trusted = trustedProxiesFromEnv('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', 'not-an-address, <script>'), trusted)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', ''), trusted)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1'), trusted)).toBe('127.0.0.1');
  });
});
