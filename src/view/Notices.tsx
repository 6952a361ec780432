import { useEffect, useRef, useState, type ReactNode } from 'react';
import { dismissAllNotices, dismissNotice, type AppStore, type Notice, type NoticeInput } from '../state/appState';
import { useStore } from '../state/useStore';

function NoticeRow({ store, notice, live, children }: { store: AppStore; notice: Notice; live: boolean; children?: ReactNode }) {
  return (
    <div className={`notice ${notice.tone}`} role={live ? (notice.tone === 'error' ? 'alert' : 'status') : undefined} data-testid={`notice-${notice.tone}`}>
      <span className="notice-text">
        {notice.text}
        {notice.input && <NoticeField input={notice.input} />}
        {notice.details && notice.details.length > 0 && (
          <details className="notice-details" data-testid="notice-details">
            <summary>{notice.details.length === 1 ? '1 note' : `${notice.details.length} notes`}</summary>
            <ul>
              {notice.details.map((detail, i) => (
                <li key={i}>{detail}</li>
              ))}
            </ul>
          </details>
        )}
      </span>
      <span className="notice-actions">
        {notice.actions?.map((action) => (
          <button type="button" key={action.label} onClick={action.run}>
            {action.label}
          </button>
        ))}
        {children}
        <button type="button" aria-label="Dismiss message" onClick={() => dismissNotice(store, notice.id)}>
          ×
        </button>
      </span>
    </div>
  );
}

/** A small form inside a message: one value and a button to apply it. */
function NoticeField({ input }: { input: NoticeInput }) {
  const [value, setValue] = useState(input.value);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="notice-field"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(input.submit(value));
      }}
    >
      <label>
        {input.label} <input type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} data-testid="notice-input" />
      </label>
      <button type="submit">{input.submitLabel}</button>
      {problem && <span className="notice-field-problem">{problem}</span>}
    </form>
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
  // A new message is brought into view (on a phone the strip can be scrolled away).
  const area = useRef<HTMLElement | null>(null);
  const newestId = notices.length > 0 ? notices[notices.length - 1].id : 0;
  useEffect(() => {
    const element = area.current;
    if (!element || newestId === 0) return;
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) element.scrollIntoView({ block: 'nearest' });
  }, [newestId]);
  // The container stays in the layout (a grid row) even when empty.
  if (notices.length === 0) return <div className="notices" data-testid="notices" />;
  const newest = notices[notices.length - 1];
  const earlier = notices.slice(0, -1).reverse();
  const showList = expanded && earlier.length > 0;
  return (
    <section className="notices" data-testid="notices" aria-label="Messages" ref={area}>
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
