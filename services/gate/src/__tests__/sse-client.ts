/** One received SSE message (`comment` for `:` lines). */
export interface SseMessage {
  event?: string;
  data?: string;
  comment?: string;
  at: number;
}

/** A Server-Sent Events client over fetch that records every message and can wait for one. */
export interface SseClient {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  /** Resolves with the first message (already received or future) that matches, or rejects after `timeoutMs`. */
  next(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

/** Opens `url` as an event stream; resolves once the response headers arrived. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const client: SseClient = {
    status: res.status,
    headers: res.headers,
    messages,
    next(match, timeoutMs = 2_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching SSE message within ${timeoutMs} ms (got ${JSON.stringify(messages)})`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => abort.abort(),
  };
  if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return client;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) messages.push({ comment: line.slice(1).trim(), at: Date.now() });
          }
          const fields = block.split('\n').filter((l) => !l.startsWith(':') && l.includes(':'));
          if (fields.length > 0) {
            const m: SseMessage = { at: Date.now() };
            for (const line of fields) {
              const [name, ...rest] = line.split(':');
              const value = rest.join(':').replace(/^ /, '');
              if (name === 'event') m.event = value;
              if (name === 'data') m.data = m.data === undefined ? value : `${m.data}\n${value}`;
            }
            if (m.event || m.data !== undefined) messages.push(m);
          }
          for (const check of [...waiters]) check();
        }
      }
    } catch {
      // aborted
    }
  })();
  return client;
}
