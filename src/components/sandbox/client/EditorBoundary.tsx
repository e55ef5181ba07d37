/**
 * What happens when the live editor itself fails: the boundary catches a
 * render exception (and anything handed to `useCrash`), and `onCrash` takes
 * the editor down so the server-rendered code and a notice come back, with
 * Run to start it again. The reader's edits are saved as the editor unmounts.
 */
import { Component, useCallback, useState, type ErrorInfo, type ReactNode } from 'react';

interface BoundaryProps {
  onCrash: (error: unknown) => void;
  children: ReactNode;
}

export class EditorBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    this.props.onCrash(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * Hands an exception thrown outside rendering (a message handler, a promise)
 * to the nearest boundary, which error boundaries do not see by themselves.
 */
export function useCrash(): (error: unknown) => void {
  const [, setFailure] = useState<undefined>(undefined);
  return useCallback((error: unknown) => {
    setFailure(() => {
      throw error;
    });
  }, []);
}

/** The notice for an editor that failed: what failed, briefly, and the way on. */
export function crashMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const short = detail.length > 120 ? `${detail.slice(0, 119)}…` : detail;
  return `The editor stopped working${short ? ` (${short})` : ''}. Press Run to start it again.`;
}
