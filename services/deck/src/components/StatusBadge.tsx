/** The tones a status badge can take; each pairs a colour with the text, never colour alone. */
export type StatusTone = 'up' | 'down' | 'unknown' | 'pending' | 'running' | 'warning';

/** Props of {@link StatusBadge}. */
export interface StatusBadgeProps {
  tone: StatusTone;
  label: string;
}

/** A compact status label (UP, DOWN, UNREACHABLE…) coloured by tone. */
export function StatusBadge({ tone, label }: StatusBadgeProps) {
  return <span className={`status-badge status-badge--${tone}`}>{label}</span>;
}
