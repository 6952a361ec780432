import { useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { draftProtocol, formatDays, parseTime, type ProtocolDraft } from '../state/protocolDraft';
import { moveEvent, stripEvents, type StripEvent, type StripTarget } from '../state/protocolTimeline';

/**
 * Sessions come by the dozen (every two days, say): too many and too close together for a keyboard stop
 * or a finger each. Their ticks are dragged with the pointer; from the keyboard, their list field above is
 * the way to move them (an equivalent control).
 */
const LANES = [
  { kinds: ['stress'], name: 'Stress', focusable: true },
  { kinds: ['ketamine'], name: 'Ketamine', focusable: true },
  { kinds: ['ablations'], name: 'Deletions', focusable: true },
  { kinds: ['imaging'], name: 'Imaging', focusable: false },
  { kinds: ['behaviour'], name: 'Behaviour', focusable: false },
] as const;

/**
 * The protocol on a timeline you can edit: every stress block, dose, deletion, imaging session and
 * behaviour test is a handle to drag with the pointer; stress blocks, doses and deletions can also be
 * focused and moved with the arrow keys (an hour; with Shift or Page Up/Down, a day). Stress blocks move as a whole and stretch by their ends. Moves snap to
 * whole hours and go through the same draft and validator as the fields (protocolTimeline.ts), so a field
 * and its handle show the same problem. A drag moves a preview and hands the draft over once, on release:
 * the editor's problem is an alert, and a screen reader would announce it again at every pointer move.
 */
export function ProtocolStrip({ draft, problemField, onChange }: { draft: ProtocolDraft; problemField: string | null; onChange: (draft: ProtocolDraft) => void }) {
  const lanes = useRef<HTMLDivElement>(null);
  const drag = useRef<{ target: StripTarget; pointerX: number; hours: number; width: number; preview: ProtocolDraft | null } | null>(null);
  const [preview, setPreview] = useState<ProtocolDraft | null>(null);
  const duration = parseTime(draft.durationDays);
  if (duration === undefined || duration <= 0) return null;
  const shown = preview ?? draft;
  const previewResult = preview && draftProtocol(preview);
  const invalidField = previewResult ? ('problem' in previewResult ? previewResult.problem.field : null) : problemField;
  const events = stripEvents(shown);
  const at = (hours: number) => `${(100 * Math.min(1, Math.max(0, hours / duration))).toFixed(3)}%`;
  const move = (target: StripTarget, hours: number) => onChange(moveEvent(draft, target, hours, duration));

  const onPointerDown = (event: PointerEvent<HTMLElement>, item: StripEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.currentTarget.tabIndex >= 0) event.currentTarget.focus();
    event.currentTarget.setPointerCapture(event.pointerId);
    const width = lanes.current?.querySelector('.strip-track')?.getBoundingClientRect().width ?? 1;
    drag.current = { target: item.target, pointerX: event.clientX, hours: item.hours, width: Math.max(1, width), preview: null };
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const active = drag.current;
    if (!active || !event.currentTarget.hasPointerCapture(event.pointerId)) return;
    active.preview = moveEvent(draft, active.target, active.hours + ((event.clientX - active.pointerX) / active.width) * duration, duration);
    setPreview(active.preview);
  };
  /** Release hands the previewed draft over; a cancelled drag (the browser took the pointer) leaves the draft as it was. */
  const endDrag = (commit: boolean) => {
    const moved = drag.current?.preview;
    drag.current = null;
    setPreview(null);
    if (commit && moved) onChange(moved);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, item: StripEvent) => {
    const day = 24;
    const step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -day, PageUp: day }[event.key];
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? duration : step === undefined ? undefined : item.hours + step * (event.shiftKey && Math.abs(step) === 1 ? day : 1);
    if (target === undefined) return;
    // The page's own arrow shortcuts (seek the clock) must not act on the same key press.
    event.preventDefault();
    event.stopPropagation();
    move(item.target, target);
  };

  const handle = (item: StripEvent, className: string, style: CSSProperties, focusable: boolean) => (
    <div
      key={`${item.target.kind}-${item.target.index}-${'part' in item.target ? item.target.part : ''}`}
      className={`strip-handle ${className}`}
      style={style}
      {...(focusable
        ? {
            role: 'slider',
            tabIndex: 0,
            'aria-label': item.label,
            'aria-valuemin': 0,
            'aria-valuemax': duration,
            'aria-valuenow': item.hours,
            'aria-valuetext': item.valueText,
            'aria-invalid': invalidField === item.field || undefined,
            'aria-describedby': problemField === item.field ? 'protocol-problem' : undefined,
          }
        : { 'aria-hidden': true, 'data-invalid': invalidField === item.field || undefined })}
      title={`${item.label}: ${item.valueText}`}
      data-testid={`strip-${item.target.kind}-${item.target.index}${'part' in item.target ? `-${item.target.part}` : ''}`}
      onPointerDown={(e) => onPointerDown(e, item)}
      onPointerMove={onPointerMove}
      onPointerUp={() => endDrag(true)}
      onPointerCancel={() => endDrag(false)}
      onKeyDown={(e) => onKeyDown(e, item)}
    />
  );

  return (
    <div className="protocol-strip" ref={lanes} role="group" aria-label={`Timeline of the protocol, day 0 to day ${formatDays(duration)}: drag an event, or focus it and use the arrow keys`} data-testid="protocol-strip">
      {LANES.map((lane) => {
        const items = events.filter((e) => (lane.kinds as readonly string[]).includes(e.target.kind));
        return (
          <div className="strip-lane" key={lane.name} {...(lane.focusable ? { role: 'group', 'aria-label': lane.name } : {})}>
            <span className="strip-name" aria-hidden={lane.focusable || undefined}>
              {lane.name}
            </span>
            <div className="strip-track">
              {items.map((item) => {
                if (item.target.kind === 'stress' && item.target.part === 'block') {
                  return handle(item, 'strip-block', { left: at(item.hours), width: `calc(${at(item.endHours ?? item.hours)} - ${at(item.hours)})` }, lane.focusable);
                }
                const kind = item.target.kind === 'stress' ? `strip-end strip-${item.target.part}` : `strip-${item.target.kind}`;
                return handle(item, `strip-point ${kind}`, { left: at(item.hours) }, lane.focusable);
              })}
            </div>
          </div>
        );
      })}
      <div className="strip-scale" aria-hidden="true">
        <span>day 0</span>
        <span>day {formatDays(duration)}</span>
      </div>
    </div>
  );
}
