import { useEffect } from 'react';
import type { AppStore, LessonPlace } from '../../state/appState';
import type { SimulationClient } from '../../state/SimulationClient';
import { formatClock } from '../../state/formatClock';
import { useStore } from '../../state/useStore';
import { requestView } from '../CameraButtons';
import { chapterAfter, chapterById, chapterHours, chapters, type Chapter } from './chapters';

/** Resolves once the store satisfies `done` (a new run has been built, say). */
function until(store: AppStore, done: (s: ReturnType<AppStore['getState']>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(store.getState())) return resolve();
    const stop = store.subscribe(() => {
      if (!done(store.getState())) return;
      stop();
      resolve();
    });
  });
}

/** Jumps to a chapter's moment: its preset (kept when it is already running), its time, paused, its view. */
export async function goToChapter(store: AppStore, client: SimulationClient, chapter: Chapter): Promise<void> {
  store.setState({ lesson: chapter.id });
  client.pause();
  if (store.getState().scenario !== chapter.scenario) {
    client.setScenario(chapter.scenario);
    await until(store, (s) => s.playback.kind !== 'starting' && s.scene?.protocol.name === chapter.scenario);
    client.pause();
  }
  client.seek(chapterHours(chapter));
  requestView(store, chapter.view);
}

/** Next (1) or previous (−1) chapter: what PageDown and PageUp (a presenter's clicker) do. */
export function stepChapter(store: AppStore, client: SimulationClient, step: 1 | -1): void {
  const next = chapterAfter(store.getState().lesson, step);
  if (next) void goToChapter(store, client, next);
  else if (step === -1 && store.getState().lesson !== null) store.setState({ lesson: 'intro' });
}

function openLesson(store: AppStore, place: LessonPlace | null) {
  store.setState({ lesson: place });
}

/**
 * The guided lesson: a short introduction (skippable), then the paper's story in chapters. Each chapter
 * jumps to its moment, pauses, frames the view and asks one question; its numbers come from the run.
 */
export function Lesson({ store, client }: { store: AppStore; client: SimulationClient }) {
  const place = useStore(store, (s) => s.lesson);
  const protocol = useStore(store, (s) => s.scene?.protocol ?? null);
  const sessions = useStore(store, (s) => s.series.sessions);
  const behaviour = useStore(store, (s) => s.series.behaviour);
  const scene = useStore(store, (s) => s.scene !== null);

  // A link with `chapter=` opens the lesson there once the first run is built.
  useEffect(() => {
    const linked = store.getState().lesson;
    if (!scene || linked === null || linked === 'intro') return;
    void goToChapter(store, client, chapterById(linked));
    // Only the first scene: later chapters are chosen by the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene]);

  if (place === null) {
    return (
      <section className="panel lesson closed" aria-label="Guided lesson" data-testid="lesson">
        <button type="button" className="primary" onClick={() => openLesson(store, 'intro')} data-testid="lesson-start">
          Start the guided lesson
        </button>
        <span className="hint inline"> 7 short chapters</span>
      </section>
    );
  }

  const chapter = place === 'intro' ? null : chapterById(place);
  const index = chapter ? chapters.indexOf(chapter) : -1;
  const onItsRun = chapter && protocol?.name === chapter.scenario;
  const caption = chapter && onItsRun ? chapter.caption({ protocol: protocol!, sessions, behaviour }) : null;
  const next = chapterAfter(place, 1);
  return (
    <section className="panel lesson" aria-label="Guided lesson" data-testid="lesson" data-chapter={place}>
      <div className="lesson-head">
        <h2>{chapter ? `${index + 1}/${chapters.length} · ${chapter.title}` : 'Before we start'}</h2>
        <button type="button" className="close" onClick={() => openLesson(store, null)} aria-label="Close the lesson">
          ✕
        </button>
      </div>
      {chapter ? (
        <>
          <p className="lesson-caption" data-testid="lesson-caption">
            {caption ?? `The numbers appear when the run reaches ${formatClock(chapterHours(chapter))}.`}
          </p>
          <p className="lesson-question">
            <strong>Think:</strong> {chapter.question}
          </p>
        </>
      ) : (
        <div className="lesson-intro" data-testid="lesson-intro">
          <p>
            A <strong>dendritic spine</strong> is a tiny bump on a neuron’s branch, about a micrometre long. Almost every spine holds one
            synapse: the contact where another neuron passes on its signal.
          </p>
          <p>Spines are how circuits are wired. When they are lost, neurons fall out of step, and the circuits behind mood and motivation work less well.</p>
          <p>
            In mice, weeks of stress remove spines and the mice stop trying to escape. One dose of ketamine brings behaviour back within hours, and new
            spines a day later. The chapters show each step.
          </p>
        </div>
      )}
      <div className="button-row lesson-nav">
        <button type="button" disabled={place === 'intro'} onClick={() => stepChapter(store, client, -1)} title="Previous chapter (Page Up)">
          ← Previous
        </button>
        <button type="button" className={next ? 'primary' : undefined} disabled={!next} onClick={() => stepChapter(store, client, 1)} title="Next chapter (Page Down)" data-testid="lesson-next">
          {place === 'intro' ? 'Begin →' : 'Next →'}
        </button>
        {place === 'intro' && (
          <button type="button" onClick={() => void goToChapter(store, client, chapters[0])}>
            Skip the introduction
          </button>
        )}
      </div>
      <details className="lesson-list">
        <summary>All chapters</summary>
        <ol>
          {chapters.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" aria-current={c.id === place ? 'step' : undefined} onClick={() => void goToChapter(store, client, c)}>
                {c.title}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
