import type { LiveMode } from '../live/liveUpdates.js';

const text: Record<LiveMode, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live',
  polling: 'Refreshing every 5 s (live updates unavailable)',
};

/** Says how the page stays current: gate's live stream or the polling fallback. */
export function LiveIndicator({ mode }: { mode: LiveMode }) {
  return (
    <span className={`live-indicator live-indicator--${mode}`} data-testid="live-mode" data-mode={mode}>
      {text[mode]}
    </span>
  );
}
