import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  items: readonly T[];
  /** Each item's height in px (rows of a kind share a height). */
  heightOf(item: T): number;
  keyOf(item: T): string;
  render(item: T): ReactNode;
  /** Extra px rendered above and below the viewport. */
  overscanPx?: number;
  label: string;
}

/**
 * The row at height `y`, from cumulative `offsets` (`[0, h0, h0+h1, …]`, one more than the rows):
 * the first row whose bottom is below `y`, clamped to the last row.
 */
export function indexAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = Math.max(0, offsets.length - 2);
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((offsets[mid + 1] ?? Infinity) <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A list that renders only the rows near the viewport (the page scrolls, the list holds the full
 * height), so thousands of pipelines and executions stay cheap to show and to scroll.
 */
export function VirtualList<T>({
  items,
  heightOf,
  keyOf,
  render,
  overscanPx = 800,
  label,
}: VirtualListProps<T>) {
  const container = useRef<HTMLDivElement>(null);
  const offsets: number[] = [0];
  for (const item of items) offsets.push((offsets.at(-1) ?? 0) + heightOf(item));
  const total = offsets.at(-1) ?? 0;
  const [range, setRange] = useState({
    top: 0,
    bottom: typeof window === 'undefined' ? 1000 : window.innerHeight,
  });

  const measure = () => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const top = Math.max(0, -box.top - overscanPx);
    const bottom = -box.top + window.innerHeight + overscanPx;
    setRange((r) => (Math.abs(r.top - top) < 50 && Math.abs(r.bottom - bottom) < 50 ? r : { top, bottom }));
  };
  useLayoutEffect(measure, [total]);
  useEffect(() => {
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  });

  const first = items.length === 0 ? 0 : indexAt(offsets, range.top);
  const last = items.length === 0 ? -1 : indexAt(offsets, range.bottom);
  const visible: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const item = items[i] as T;
    visible.push(
      <div
        key={keyOf(item)}
        role="listitem"
        className="virtual-list__row"
        style={{ top: offsets[i], height: heightOf(item) }}
      >
        {render(item)}
      </div>,
    );
  }
  return (
    <div ref={container} role="list" aria-label={label} className="virtual-list" style={{ height: total }}>
      {visible}
    </div>
  );
}
