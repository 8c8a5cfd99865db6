import { Component, type ReactNode } from 'react';
import { testIds } from '../test-ids.js';

/** Keeps one broken page from blanking the whole app: the navigation stays, the page says what went wrong (React logs the error itself). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="notice error" role="alert" data-testid={testIds.notice.error}>
          This page could not be shown: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
