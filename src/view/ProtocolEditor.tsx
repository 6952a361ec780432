import { useState, type ChangeEvent } from 'react';
import { parseProtocolText, ProtocolError } from '../model/Protocol';
import { isScenarioName, scenarioProtocol, type ScenarioName } from '../model/scenarios';
import type { AppStore } from '../state/appState';
import { draftOf, draftProtocol, type ProtocolDraft } from '../state/protocolDraft';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { downloadText } from './downloadText';
import { ProtocolStrip } from './ProtocolStrip';
import { ScenarioOptions } from './ScenarioPicker';

/** Largest protocol file read (a protocol is a few kB; the model caps its lists). */
const MAX_PROTOCOL_BYTES = 1024 * 1024;

type ListName = 'stress' | 'ketamine' | 'ablations';

/**
 * The protocol editor: stress blocks, ketamine doses, deletions, imaging and behaviour sessions, checked
 * as they are typed by the model's own validator (the CLI's), shown on a timeline where each can be dragged
 * (ProtocolStrip), run in the page, exported as and imported from the JSON document the CLI's --protocol
 * reads. Presets are starting points.
 */
export function ProtocolEditor({ store, client }: { store: AppStore; client: SimulationClient }) {
  const scenario = useStore(store, (s) => s.scenario);
  const running = useStore(store, (s) => s.protocol);
  const neuronCount = useStore(store, (s) => s.neuronCount);
  const [start, setStart] = useState<ScenarioName>(scenario);
  const [draft, setDraft] = useState<ProtocolDraft>(() => draftOf(running ?? scenarioProtocol(scenario, neuronCount)));
  const [message, setMessage] = useState<string | null>(null);
  const result = draftProtocol(draft);
  const problem = 'problem' in result ? result.problem : null;
  const invalid = (field: string) => (problem?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': 'protocol-problem' } : {});

  const set = (change: Partial<ProtocolDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setMessage(null);
  };
  const setRow = <L extends ListName>(list: L, index: number, change: Partial<ProtocolDraft[L][number]>) =>
    set({ [list]: draft[list].map((row, i) => (i === index ? { ...row, ...change } : row)) } as Partial<ProtocolDraft>);
  const removeRow = (list: ListName, index: number) => set({ [list]: draft[list].filter((_, i) => i !== index) } as Partial<ProtocolDraft>);

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_PROTOCOL_BYTES) {
      setMessage(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a protocol file is at most 1 MB. Nothing was changed.`);
      return;
    }
    try {
      setDraft(draftOf(parseProtocolText(await file.text())));
      setMessage(`Read ${file.name}.`);
    } catch (error) {
      setMessage(`${file.name} is not a protocol SpineLab can use: ${error instanceof ProtocolError ? error.message : String(error)}. Nothing was changed.`);
    }
  };
  const runInPage = async () => {
    if (!('protocol' in result)) return;
    const refused = await client.setProtocol(result.protocol);
    setMessage(refused ? `The page could not run it: ${refused}` : `The page now runs "${result.protocol.name}" from day 0.`);
  };

  const timeField = (label: string, value: string, onChange: (text: string) => void, field: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="text" size={7} value={value} onChange={(e) => onChange(e.target.value)} data-testid={`protocol-${field}`} {...invalid(field)} />
    </label>
  );

  return (
    <div className="protocol-editor" data-testid="protocol-editor">
      <div className="button-row">
        <label className="field">
          <span>Start from</span>
          <select value={start} onChange={(e) => isScenarioName(e.target.value) && setStart(e.target.value)} data-testid="protocol-preset">
            <ScenarioOptions />
          </select>
        </label>
        <button type="button" onClick={() => set(draftOf(scenarioProtocol(start, neuronCount)))}>
          Load preset
        </button>
        <label className="file-button">
          <input type="file" accept=".json,application/json" onChange={(e) => void importFile(e)} data-testid="protocol-import" />
          <span>Import…</span>
        </label>
      </div>
      <label className="field">
        <span>Name</span>
        <input type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="protocol-name" {...invalid('name')} />
      </label>
      {timeField('Duration', draft.durationDays, (durationDays) => set({ durationDays }), 'durationDays')}
      <p className="hint">Times are days (31), a day and hours (31d 3h) or hours (747h).</p>

      <h3>Stress blocks</h3>
      {draft.stress.map((row, i) => (
        <div className="protocol-row" key={`s${i}`}>
          {timeField('From', row.startDay, (startDay) => setRow('stress', i, { startDay }), `stress.${i}.startDay`)}
          {timeField('to', row.endDay, (endDay) => setRow('stress', i, { endDay }), `stress.${i}.endDay`)}
          {timeField('intensity', row.intensity, (intensity) => setRow('stress', i, { intensity }), `stress.${i}.intensity`)}
          <button type="button" aria-label={`Remove stress block ${i + 1}`} onClick={() => removeRow('stress', i)}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set({ stress: [...draft.stress, { startDay: '10', endDay: '31', intensity: '1' }] })} data-testid="protocol-add-stress">
        + Stress block
      </button>

      <h3>Ketamine doses</h3>
      {draft.ketamine.map((row, i) => (
        <div className="protocol-row" key={`k${i}`}>
          {timeField('At', row.day, (day) => setRow('ketamine', i, { day }), `ketamine.${i}.day`)}
          {timeField('mg/kg', row.doseMgPerKg, (doseMgPerKg) => setRow('ketamine', i, { doseMgPerKg }), `ketamine.${i}.doseMgPerKg`)}
          <button type="button" aria-label={`Remove dose ${i + 1}`} onClick={() => removeRow('ketamine', i)}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set({ ketamine: [...draft.ketamine, { day: '31', doseMgPerKg: '10' }] })} data-testid="protocol-add-dose">
        + Dose
      </button>

      <h3>Deletions of the new spines</h3>
      {draft.ablations.map((row, i) => (
        <div className="protocol-row" key={`a${i}`}>
          {timeField('At', row.day, (day) => setRow('ablations', i, { day }), `ablations.${i}.day`)}
          <button type="button" aria-label={`Remove deletion ${i + 1}`} onClick={() => removeRow('ablations', i)}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set({ ablations: [...draft.ablations, { day: '33d 2h' }] })} data-testid="protocol-add-deletion">
        + Deletion
      </button>

      <label className="field stacked">
        <span>Imaging sessions (times, comma-separated)</span>
        <textarea rows={2} value={draft.imagingDays} onChange={(e) => set({ imagingDays: e.target.value })} data-testid="protocol-imagingDays" {...invalid('imagingDays')} />
      </label>
      <label className="field stacked">
        <span>Behaviour tests (times, comma-separated)</span>
        <textarea rows={2} value={draft.behaviourDays} onChange={(e) => set({ behaviourDays: e.target.value })} data-testid="protocol-behaviourDays" {...invalid('behaviourDays')} />
      </label>

      <ProtocolStrip
        draft={draft}
        problemField={problem?.field ?? null}
        onChange={(next) => {
          setDraft(next);
          setMessage(null);
        }}
      />
      {problem && (
        <p id="protocol-problem" className="problem" role="alert" data-testid="protocol-problem">
          {problem.message}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={problem !== null} onClick={() => void runInPage()} data-testid="protocol-run">
          Run in the page
        </button>
        <button
          type="button"
          disabled={problem !== null}
          onClick={() => 'protocol' in result && downloadText(`${result.protocol.name.replace(/[^A-Za-z0-9_-]+/g, '-') || 'protocol'}.protocol.json`, `${JSON.stringify(result.protocol, null, 2)}\n`, 'application/json')}
          data-testid="protocol-export"
        >
          Export JSON
        </button>
        {running && (
          <button type="button" onClick={() => void client.setProtocol(null).then((refused) => setMessage(refused ?? `The page runs the "${scenario}" preset again.`))}>
            Back to the preset
          </button>
        )}
      </div>
      {message && (
        <p className="hint" role="status" data-testid="protocol-message">
          {message}
        </p>
      )}
    </div>
  );
}
