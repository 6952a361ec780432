import { forwardRef } from 'react';
import { shortcutList } from './useKeyboardShortcuts';

/** The key-help dialog (opened with ?): a native modal dialog, so Escape closes it and focus comes back. */
export const KeyHelp = forwardRef<HTMLDialogElement, { onClose: () => void }>(function KeyHelp({ onClose }, ref) {
  return (
    <dialog ref={ref} className="key-help" aria-labelledby="key-help-title" data-testid="key-help">
      <h2 id="key-help-title">Keyboard</h2>
      <dl>
        {shortcutList.map(([keys, meaning]) => (
          <div key={keys}>
            <dt>{keys}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="primary" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
});
