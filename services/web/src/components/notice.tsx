import type { ReactNode } from 'react';
import { testIds } from '../test-ids.js';

export function ErrorNotice({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="notice error" role="alert" data-testid={testIds.notice.error}>
      {error}
    </div>
  );
}

/** The green notice that shows a secret once. */
export function SecretNotice({
  title,
  secret,
  onDismiss,
  testId,
  dismissTestId,
  children,
}: {
  title: string;
  secret: string;
  onDismiss: () => void;
  testId: string;
  dismissTestId: string;
  children?: ReactNode;
}) {
  return (
    <div className="notice success" role="status">
      <strong>{title}</strong>
      <p>Copy it now: it will not be shown again.</p>
      <div className="secret-row">
        <code className="secret" data-testid={testId}>
          {secret}
        </code>
        <button type="button" className="button small secondary" onClick={() => void navigator.clipboard?.writeText(secret)}>
          Copy
        </button>
        <button type="button" className="button small" onClick={onDismiss} data-testid={dismissTestId}>
          Done
        </button>
      </div>
      {children}
    </div>
  );
}
