/**
 * A TCP proxy the test controls, between the gateway and PostgreSQL: `cut()` drops every
 * connection and refuses new ones, `restore()` accepts again on the same port.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Keeps connections open but stops passing bytes: a server that no longer answers. */
  stall(): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  let stalled = false;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (stalled) return; // accept, then say nothing
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    pairs.add([client, upstream]);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      stalled = false;
      pairs.clear();
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  const stall = () => {
    stalled = true;
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
    }
  };
  return { port, stall, cut: stop, restore: () => listen(port), close: stop };
}
