import { createServer } from 'node:net';

/** Resolves when 127.0.0.1:port can be bound; rejects with the owner hint otherwise. */
export function assertPortFree(port: number, owner: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(
          `port ${port} (${owner}) is already in use: is another Genoa stack running? ` +
            'Stop it, or start this one with GENOA_PORT_OFFSET=<n> to shift every port.',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
