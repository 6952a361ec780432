import { useState, type ReactNode } from 'react';
import { dismissAllNotices, dismissNotice, type AppStore, type Notice } from '../state/appState';
import { useStore } from '../state/useStore';

function NoticeRow({ store, notice, live, children }: { store: AppStore; notice: Notice; live: boolean; children?: ReactNode }) {
  return (
    <div className={`notice ${notice.tone}`} role={live ? (notice.tone === 'error' ? 'alert' : 'status') : undefined} data-testid={`notice-${notice.tone}`}>
      <span className="notice-text">{notice.text}</span>
      <span className="notice-actions">
        {children}
        <button type="button" aria-label="Dismiss message" onClick={() => dismissNotice(store, notice.id)}>
          ×
        </button>
      </span>
    </div>
  );
}

/**
 * Messages the user must see (bad link values, a restarted simulation, refused commands), in one area
 * of bounded height: the newest in full, the earlier ones behind a count beside it. However many arrive,
 * they cannot cover the page.
 */
export function Notices({ store }: { store: AppStore }) {
  const notices = useStore(store, (s) => s.notices);
  const [expanded, setExpanded] = useState(false);
  // The container stays in the layout (a grid row) even when empty.
  if (notices.length === 0) return <div className="notices" data-testid="notices" />;
  const newest = notices[notices.length - 1];
  const earlier = notices.slice(0, -1).reverse();
  const showList = expanded && earlier.length > 0;
  return (
    <section className="notices" data-testid="notices" aria-label="Messages">
      <NoticeRow key={newest.id} store={store} notice={newest} live>
        {earlier.length > 0 && (
          <button
            type="button"
            className="notice-count"
            aria-expanded={showList}
            aria-controls="earlier-notices"
            aria-label={`${showList ? 'Hide' : 'Show'} ${earlier.length} earlier ${earlier.length === 1 ? 'message' : 'messages'}`}
            data-testid="notices-toggle"
            onClick={() => setExpanded(!showList)}
          >
            {showList ? 'Hide ▴' : `${earlier.length} more ▾`}
          </button>
        )}
      </NoticeRow>
      {showList && (
        <div id="earlier-notices" className="notice-list" data-testid="earlier-notices">
          <button type="button" className="link-button" onClick={() => dismissAllNotices(store)}>
            Dismiss all {notices.length} messages
          </button>
          {earlier.map((notice) => (
            <NoticeRow key={notice.id} store={store} notice={notice} live={false} />
          ))}
        </div>
      )}
    </section>
  );
}
