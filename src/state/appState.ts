import type { Protocol } from '../model/Protocol';
import type { ParameterChange } from '../../workers/RunHistory';
import type { ScenarioName } from '../model/scenarios';
import type { SceneInfo, SeriesUpdate, SpineDetails, SwcSource } from '../../workers/simulationApi';
import { initialPlayback, type PlaybackState } from '../runtime/playbackMachine';
import { createStore, type Store } from './createStore';
import { linkProblemNotice, type UrlSettings } from './urlSettings';
import type { SavedSettings } from './savedSettings';
import type { PreviousRun } from './previousRun';
import type { ChapterId, ConditionPairIndices } from './urlSettings';
import type { CameraPose } from '../view/scene/cameraPoses';

export type LessonPlace = 'intro' | ChapterId;

/** What the clock and counters show; refreshed from frames at most ten times a second. */
export interface ClockState {
  readonly timeHours: number;
  readonly durationHours: number;
  readonly finished: boolean;
  /** Speed in force (slowed around a dose when story pacing is on). */
  readonly speedHoursPerSecond: number;
  readonly liveSpines: number;
  readonly visibleSpines: number;
  readonly escapeIndex: number;
}

/** The chart series the view holds: what the worker's `series` call sends, accumulated. */
export type SeriesState = SeriesUpdate;

export interface Notice {
  readonly id: number;
  readonly tone: 'error' | 'info';
  readonly text: string;
  /** Supporting points (an importer's warnings, say), listed under the message when the user opens them. */
  readonly details?: readonly string[];
  /** What the user can do about it, as buttons. */
  readonly actions?: readonly NoticeAction[];
  /** A value the user can change from the message (an imported file's scale, say). */
  readonly input?: NoticeInput;
}

export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface NoticeInput {
  readonly label: string;
  readonly value: string;
  readonly submitLabel: string;
  /** Applies the value; returns a problem to show beside the field, or null. */
  readonly submit: (value: string) => string | null;
}

/** The optional parts of a notice. */
export type NoticeExtras = Pick<Notice, 'details' | 'actions' | 'input'>;

export type CameraView = 'all' | 'neuron' | 'tuft' | 'microscope';

export interface AppState {
  readonly scenario: ScenarioName;
  readonly seed: string;
  readonly speedHoursPerSecond: number;
  readonly storyPacing: boolean;
  /** Playing, paused, finished, (re)starting or failed: see playbackMachine. */
  readonly playback: PlaybackState;
  /** Parameter overrides relative to the defaults. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly neuronCount: number;
  /** This run's mid-run parameter changes (time and overrides), marked on the charts' time axes. */
  readonly parameterChanges: readonly ParameterChange[];
  /** The run before the last change, drawn faintly on the charts until cleared (see previousRun.ts), or null. */
  readonly previousRun: PreviousRun | null;
  /** A protocol built in the editor (or imported) that replaces the scenario's; null for the scenario's own. */
  readonly protocol: Protocol | null;
  /** An imported reconstruction to grow spines on instead of the procedural neurons. */
  readonly swc: SwcSource | null;
  readonly testMode: boolean;
  readonly projector: boolean;
  /** The lesson: null when closed, 'intro' on its introduction, or the chapter shown. */
  readonly lesson: LessonPlace | null;
  /** The user (or the system setting prefers-reduced-motion) asks for no animation: no autoplay, no camera flights. */
  readonly reducedMotion: boolean;
  readonly clock: ClockState;
  readonly scene: SceneInfo | null;
  readonly series: SeriesState;
  readonly notices: readonly Notice[];
  readonly selectedSlot: number;
  readonly details: SpineDetails | null;
  /**
   * The camera: the view last asked for (`request` counts the asks), and `pose`, the exact pose once the
   * user has turned or zoomed it by hand (set when it comes to rest; absent while the view's framing holds).
   */
  readonly camera: { readonly view: CameraView; readonly request: number; readonly pose?: CameraPose };
  /** The 3D view shows these two conditions of the bench side by side (null: the page's one run). */
  readonly compare: ConditionPairIndices | null;
}

export type AppStore = Store<AppState>;

/**
 * `reducedMotion` (the system's prefers-reduced-motion): the run opens paused, whatever the link says,
 * and the camera jumps instead of flying. A link's `projector` overrides the saved setting for the visit.
 */
export function createAppStore(url: UrlSettings, saved: SavedSettings, reducedMotion = false): AppStore {
  const linkProblems = linkProblemNotice(url.problems);
  const notices: Notice[] = linkProblems ? [{ id: 1, tone: 'error', text: linkProblems }] : [];
  return createStore<AppState>({
    scenario: url.scenario,
    seed: url.seed,
    speedHoursPerSecond: url.speedHoursPerSecond,
    storyPacing: saved.storyPacing,
    playback: initialPlayback(!url.paused && !reducedMotion && url.chapter === null),
    parameters: url.bench?.parameters ?? {},
    neuronCount: url.neuronCount,
    parameterChanges: [],
    previousRun: null,
    protocol: url.bench?.protocol ?? null,
    swc: null,
    testMode: url.testMode,
    projector: url.projector ?? saved.projector,
    lesson: url.chapter,
    reducedMotion,
    clock: { timeHours: 0, durationHours: 1, finished: false, speedHoursPerSecond: url.speedHoursPerSecond, liveSpines: 0, visibleSpines: 0, escapeIndex: 1 },
    scene: null,
    series: { generation: 0, sessions: [], behaviour: [] },
    notices,
    selectedSlot: -1,
    details: null,
    camera: { view: url.view ?? 'all', request: 0, ...(url.cameraPose ? { pose: url.cameraPose } : {}) },
    compare: url.compare,
  });
}

let nextNoticeId = 1000;
/** Older notices beyond this many are dropped: the list is a log of what happened, not an archive. */
const MAX_NOTICES = 20;

/** Adds a notice (replacing an identical one, which moves to the end); returns its id. */
export function addNotice(store: AppStore, tone: Notice['tone'], text: string, extras: NoticeExtras = {}): number {
  const id = ++nextNoticeId;
  store.setState((s) => ({ notices: [...s.notices.filter((n) => n.text !== text), { id, tone, text, ...extras }].slice(-MAX_NOTICES) }));
  return id;
}

export function dismissNotice(store: AppStore, id: number): void {
  store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function dismissAllNotices(store: AppStore): void {
  store.setState({ notices: [] });
}
