import { dismissNotice, type AppStore } from '../state/appState';
import { useStore } from '../state/useStore';

/** Messages the user must see: bad link values, a restarted simulation, refused commands. */
export function Notices({ store }: { store: AppStore }) {
  const notices = useStore(store, (s) => s.notices);
  // The container stays in the layout (a grid row) even when empty.
  return (
    <div className="notices" data-testid="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid={`notice-${notice.tone}`}>
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => dismissNotice(store, notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
