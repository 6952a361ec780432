import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("The 3D view", "SpineLab"). */
  readonly what: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** Catches rendering errors and says so in plain words, with a way to try again, instead of a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`${this.props.what} failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="failure">
        <p>
          <strong>{this.props.what} ran into a problem and stopped.</strong> The simulation itself may still be running.
        </p>
        <p className="failure-detail">{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>{' '}
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
