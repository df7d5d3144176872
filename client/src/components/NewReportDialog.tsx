/**
 * "New report": title, original language, target languages, symbol, and a blank body or one
 * read from a file — a `.txt` in the samples' format, Markdown, or `.docx` (sent as base64) —
 * which the server parses.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/http';
import { readReportFile } from '../api/importApi';
import { languageName, OFFICIAL_LANGUAGES } from '../../../shared/src/rooms';
import { Modal } from './Modal';

/**
 * The file as the API takes it: text for .txt and .md, base64 for .docx. The server reads it
 * first, so a file it cannot take is refused saying what it is, before anything is created.
 */
async function encodeReportFile(file: File): Promise<{ text: string; format: 'txt' | 'md' | 'docx' }> {
  const { format } = await readReportFile(file);
  if (format === 'docx') {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { text: btoa(binary), format: 'docx' };
  }
  return { text: await file.text(), format };
}

export function NewReportDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [original, setOriginal] = useState('en');
  const [targets, setTargets] = useState<string[]>(['fr']);
  const [source, setSource] = useState<'blank' | 'file'>('blank');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggleTarget = (lang: string) =>
    setTargets((current) => (current.includes(lang) ? current.filter((l) => l !== lang) : [...current, lang]));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get('title') ?? '').trim();
    const symbol = String(form.get('symbol') ?? '').trim();
    setError(null);
    if (source === 'file' && !file) return setError('Choose a .txt, .md or .docx file, or start from a blank report.');
    if (source === 'blank' && !title) return setError('Give the report a title.');
    setBusy(true);
    try {
      const upload = source === 'file' && file ? await encodeReportFile(file) : undefined;
      const created = await api.createReport({
        title,
        originalLanguage: original,
        languages: targets.filter((l) => l !== original),
        ...(symbol ? { symbol } : {}),
        ...(upload ?? {}),
      });
      navigate(`/reports/${created.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The report could not be created.');
      setBusy(false);
    }
  }

  return (
    <Modal title="New report" onClose={onClose}>
      <form className="stack-form" onSubmit={submit}>
        <label>
          <span>Title</span>
          <input name="title" placeholder={source === 'file' ? 'Taken from the file when left empty' : 'Report of the Working Group on…'} maxLength={500} />
        </label>
        <label>
          <span>Document symbol</span>
          <input name="symbol" placeholder="e.g. CTOC/COP/WG.7/2012/4" maxLength={100} />
        </label>
        <div className="form-row">
          <label>
            <span>Original language</span>
            <select name="originalLanguage" value={original} onChange={(e) => setOriginal(e.target.value)}>
              {OFFICIAL_LANGUAGES.map((lang) => (
                <option key={lang} value={lang}>
                  {languageName(lang)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>Translations</legend>
          <div className="chip-toggles">
            {OFFICIAL_LANGUAGES.filter((l) => l !== original).map((lang) => (
              <label key={lang} className={`chip-toggle${targets.includes(lang) ? ' on' : ''}`}>
                <input type="checkbox" name="languages" value={lang} checked={targets.includes(lang)} onChange={() => toggleTarget(lang)} />
                {languageName(lang)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Start from</legend>
          <div className="segmented">
            <label className={source === 'blank' ? 'on' : ''}>
              <input type="radio" name="source" value="blank" checked={source === 'blank'} onChange={() => setSource('blank')} />
              Blank report
            </label>
            <label className={source === 'file' ? 'on' : ''}>
              <input type="radio" name="source" value="file" checked={source === 'file'} onChange={() => setSource('file')} />
              A file (.txt, .md, .docx)
            </label>
          </div>
          {source === 'file' && (
            <label className="file-drop">
              <input
                type="file"
                name="file"
                accept=".txt,.md,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <span>{file ? file.name : 'Choose a report: plain text in the samples’ format, Markdown or Word'}</span>
            </label>
          )}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create report'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
