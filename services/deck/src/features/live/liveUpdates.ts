import {
  ExecutionLiveEventSchema,
  InfrastructureLiveEventSchema,
  LiveEventNames,
  LiveEventPaths,
  type ExecutionLiveEvent,
  type InfrastructureLiveEvent,
} from '@genoa/shared';
import { GATE_BASE_URL } from '../../api/gate-client.js';

/** The part of the browser's `EventSource` the client uses (a stand-in in unit tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/** How deck currently learns about changes: gate's SSE stream, or polling while it is absent or broken. */
export type LiveMode = 'connecting' | 'live' | 'polling';

/** Timers, injectable so tests control time. */
export interface LiveTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link startLiveUpdates}. */
export interface LiveUpdatesOptions {
  application: string;
  /** An execution changed: refetch it. */
  onExecution?(event: ExecutionLiveEvent): void;
  /** Infrastructure changed: refetch the view. */
  onInfrastructure?(event: InfrastructureLiveEvent): void;
  /** Refetch everything shown: at start, on every (re)connect, and on every poll while polling. */
  onResync(): void;
  onModeChange?(mode: LiveMode): void;
  /** Opens the stream; undefined when the browser has no EventSource (then deck only polls). */
  openStream?: ((url: string) => EventSourceLike) | undefined;
  /** Poll period while the stream is absent or broken (default 5 s). */
  pollMs?: number;
  /** Delay before opening a new stream after the browser gave up on one (default 15 s). */
  reopenMs?: number;
  timers?: LiveTimers;
  /**
   * Runs `open` once the page has loaded (default: after the window's load event). A stream opened
   * earlier would keep the page "loading" for as long as it stays open.
   */
  whenLoaded?(open: () => void): void;
}

/** EventSource.CLOSED: the browser will not reconnect by itself. */
const CLOSED = 2;

const browserTimers: LiveTimers = {
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (handle) => window.clearInterval(handle as number),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

const browserStream =
  typeof EventSource === 'undefined'
    ? undefined
    : (url: string): EventSourceLike => new EventSource(url, { withCredentials: true });

const afterPageLoad = (open: () => void): void => {
  if (typeof document === 'undefined' || document.readyState === 'complete') open();
  else window.addEventListener('load', open, { once: true });
};

/** The stream URL through deck's gate proxy. */
export const liveEventsUrl = (application: string): string =>
  `${GATE_BASE_URL}${LiveEventPaths.application(application)}`;

/**
 * Follows an application's live events from gate (`GET /events/applications/{app}`, SSE) with a
 * polling fallback. It resyncs at start and each time the stream (re)opens (events missed while
 * disconnected are not replayed), forwards each valid event to `onExecution`/`onInfrastructure`,
 * and polls (`onResync` every `pollMs`) whenever the stream is not open — before it first opens,
 * while the browser reconnects, and when gate has no stream at all (then a new stream is tried
 * every `reopenMs`). Returns a function that stops everything.
 */
export function startLiveUpdates(options: LiveUpdatesOptions): () => void {
  const timers = options.timers ?? browserTimers;
  const openStream = 'openStream' in options ? options.openStream : browserStream;
  const pollMs = options.pollMs ?? 5_000;
  const reopenMs = options.reopenMs ?? 15_000;
  let mode: LiveMode | undefined;
  let poller: unknown;
  let reopen: unknown;
  let stream: EventSourceLike | undefined;
  let stopped = false;

  const setMode = (next: LiveMode) => {
    if (mode === next) return;
    mode = next;
    options.onModeChange?.(next);
  };
  const startPolling = () => {
    if (poller === undefined) poller = timers.setInterval(() => options.onResync(), pollMs);
  };
  const stopPolling = () => {
    if (poller !== undefined) timers.clearInterval(poller);
    poller = undefined;
  };
  const parse = (data: string): unknown => {
    try {
      return JSON.parse(data) as unknown;
    } catch {
      return undefined;
    }
  };

  const connect = () => {
    if (stopped || !openStream) return;
    const source = openStream(liveEventsUrl(options.application));
    stream = source;
    source.onopen = () => {
      if (stream !== source) return;
      stopPolling();
      setMode('live');
      options.onResync();
    };
    source.onerror = () => {
      if (stream !== source) return;
      setMode('polling');
      startPolling();
      if (source.readyState === CLOSED) {
        source.close();
        stream = undefined;
        reopen = timers.setTimeout(connect, reopenMs);
      }
    };
    source.addEventListener(LiveEventNames.execution, (event) => {
      const parsed = ExecutionLiveEventSchema.safeParse(parse(event.data));
      if (parsed.success && parsed.data.application === options.application)
        options.onExecution?.(parsed.data);
    });
    source.addEventListener(LiveEventNames.infrastructure, (event) => {
      const parsed = InfrastructureLiveEventSchema.safeParse(parse(event.data));
      if (parsed.success && parsed.data.application === options.application) {
        options.onInfrastructure?.(parsed.data);
      }
    });
  };

  options.onResync();
  startPolling();
  setMode(openStream ? 'connecting' : 'polling');
  (options.whenLoaded ?? afterPageLoad)(connect);

  return () => {
    stopped = true;
    stopPolling();
    if (reopen !== undefined) timers.clearTimeout(reopen);
    stream?.close();
    stream = undefined;
  };
}
