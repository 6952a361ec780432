import { forwardRef, useEffect, useRef, useState, type RefObject } from 'react';
import { formatClock } from '../state/formatClock';
import type { Side } from '../state/SideBySideRuns';
import { useStore } from '../state/useStore';
import type { SideBySideLayout } from './scene/SideBySideScene';

/** One side's name, time and numbers, over its half of the 3D view. */
const SideLabel = forwardRef<HTMLDivElement, { side: Side; index: number }>(function SideLabel({ side, index }, ref) {
  const clock = useStore(side.store, (s) => s.clock);
  const playback = useStore(side.store, (s) => s.playback);
  const ready = useStore(side.store, (s) => s.scene !== null);
  const status =
    playback.kind === 'failed' ? `stopped (${playback.reason}); reload the page to try again`
    : playback.kind === 'restarting' ? 'restarting its simulation…'
    : !ready ? 'growing neurons…'
    : `${formatClock(clock.timeHours)} · ${clock.visibleSpines.toLocaleString('en')} spines visible · escape ${clock.escapeIndex.toFixed(2)}`;
  return (
    <div ref={ref} className={`side-label side-${index}`} data-testid={`side-label-${index}`} data-hours={clock.timeHours} data-visible={clock.visibleSpines} data-state={playback.kind}>
      <strong>{side.name}</strong>
      <span>{status}</span>
    </div>
  );
});

/**
 * The names and readouts of the two conditions shown side by side, and the line between them; reports the
 * height of a name bar (`onLabelHeight`), which each side's picture starts below.
 */
export function SideBySideLabels({ sides, arrangement, bottomPx, onLabelHeight }: { sides: readonly [Side, Side]; arrangement: SideBySideLayout['arrangement']; bottomPx: number; onLabelHeight: (px: number) => void }) {
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = first.current;
    if (!element) return;
    const observer = new ResizeObserver(() => onLabelHeight(Math.ceil(element.getBoundingClientRect().height)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [onLabelHeight]);
  return (
    <div className={`side-by-side-labels ${arrangement}`} style={{ bottom: bottomPx }} aria-live="off">
      <SideLabel side={sides[0]} index={0} ref={first} />
      <div className="side-divider" aria-hidden="true" />
      <SideLabel side={sides[1]} index={1} />
    </div>
  );
}

const NARROW = '(max-width: 700px)';

/** Side by side in columns; on a narrow screen (a phone) one above the other, each still wide enough to see. */
export function useSideBySideArrangement(): SideBySideLayout['arrangement'] {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow ? 'rows' : 'columns';
}

/**
 * How much of the bottom of the 3D view the key and the camera buttons take while two sides are shown
 * (CSS px; 0 otherwise), kept current as they resize: the sides' pictures end above it.
 */
export function useBottomStrip(active: boolean, ...overlays: RefObject<HTMLElement | null>[]): number {
  const [px, setPx] = useState(0);
  useEffect(() => {
    if (!active) return setPx(0);
    const measure = () => {
      let most = 0;
      for (const { current: element } of overlays) {
        if (element?.offsetParent instanceof HTMLElement) most = Math.max(most, Math.ceil(element.offsetParent.clientHeight - element.offsetTop));
      }
      setPx(most);
    };
    const observer = new ResizeObserver(measure);
    for (const { current: element } of overlays) if (element) observer.observe(element);
    const parent = overlays[0]?.current?.parentElement;
    if (parent) observer.observe(parent);
    measure();
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, ...overlays]);
  return px;
}
