import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

/** Token authentication for `startDockerRegistry`: a token server that accepts these credentials. */
export interface RegistryTokenAuth {
  username: string;
  password: string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A token server for the distribution registry's `auth.token` config: a self-signed certificate (made
 * with `openssl`) and RS256 JWTs carrying it in `x5c`, issued to callers presenting the Basic
 * credentials, with the `access` the `scope` parameters ask for.
 */
export async function startTokenServer(
  dir: string,
  auth: RegistryTokenAuth,
  service: string,
  issuer: string,
) {
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.crt');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=genoa-test-token'].concat([
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'ignore' },
  );
  const key = readFileSync(keyFile, 'utf8');
  const certDer = readFileSync(certFile, 'utf8')
    .replace(/-----[A-Z ]+-----/g, '')
    .replace(/\s+/g, '');
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  let issued = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const access = url.searchParams.getAll('scope').flatMap((scope) => {
      const [type, ...rest] = scope.split(':');
      const actions = rest.pop() ?? '';
      return type ? [{ type, name: rest.join(':'), actions: actions.split(',').filter(Boolean) }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDer] }));
    const claims = b64url(
      JSON.stringify({
        iss: issuer,
        sub: auth.username,
        aud: url.searchParams.get('service') ?? service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    const token = `${header}.${claims}.${b64url(signature)}`;
    issued += 1;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/token`, certFile, server, issued: () => issued };
}
