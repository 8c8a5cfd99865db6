import { statusBadge, type Tone } from '../lib/session-status.js';

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const { label, tone } = statusBadge(status);
  return <Badge tone={tone} label={label} testId={testId} value={status} />;
}

export function Badge({ tone, label, testId, value }: { tone: Tone; label: string; testId?: string; value?: string }) {
  return (
    <span className={`badge tone-${tone}`} data-testid={testId} data-value={value}>
      {label}
    </span>
  );
}
