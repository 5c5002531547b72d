import { createServer, type AddressInfo } from 'node:net';

/** A TCP port free on this machine right now (the OS picks it): for DynamoDB Local and the runtime's servers. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
