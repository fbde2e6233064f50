// Photos of an item's materials at the desk: each taken with the desk's camera or chosen from a
// file, stored through the replica's blob store (encrypted on this device, uploaded before the
// case event that references it), and shown as a thumbnail. Used by 代办 and by 补齐材料.
import { useEffect, useRef, useState } from 'react';
import type { BlobRef } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { fileToJpeg, useCamera } from '../hooks/useCamera';
import { toDeskError } from '../lib/desk-replica';
import { ui, useLang, type Bilingual } from '../lib/i18n';
import { checkChosenFile, FILE_TYPES, withPhoto, type MaterialToPhotograph } from '../lib/photos';

export function MaterialCapture({ replica, materials, value, onChange }: {
  replica: Replica; materials: MaterialToPhotograph[]; value: BlobRef[]; onChange(next: BlobRef[]): void;
}) {
  const lang = useLang();
  const camera = useCamera();
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Bilingual | null>(null);
  const made = useRef<string[]>([]);
  useEffect(() => () => { for (const u of made.current) URL.revokeObjectURL(u); }, []);

  const keep = async (code: string, bytes: () => Promise<Uint8Array>) => {
    setBusy(code);
    setError(null);
    try {
      const jpeg = await bytes();
      const stored = await replica.blobs.put(jpeg, 'image/jpeg');
      const url = URL.createObjectURL(new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }));
      made.current.push(url);
      setPreviews((p) => ({ ...p, [code]: url }));
      onChange(withPhoto(value, { sha256: stored.sha256, mediaType: 'image/jpeg', size: stored.size, materialCode: code }));
    } catch (e) {
      const err = e as { zh?: string; en?: string; code?: string };
      setError(typeof err.zh === 'string' && typeof err.en === 'string' ? { zh: err.zh, en: err.en } : toDeskError(e).message);
    } finally {
      setBusy(null);
    }
  };
  const choose = (code: string, file: File | undefined) => {
    if (!file) return;
    const wrong = checkChosenFile(file);
    if (wrong) { setError(wrong); return; }
    void keep(code, () => fileToJpeg(file));
  };
  if (materials.length === 0) return null;
  const taken = new Set(value.map((r) => r.materialCode));
  return (
    <fieldset className="capture" aria-label={ui.photos[lang]}>
      <legend>{ui.photos[lang]}</legend>
      <video ref={camera.videoRef} className="camera" muted playsInline hidden={camera.state !== 'on'} aria-label={ui.cameraPreview[lang]} />
      {camera.state !== 'on' && (
        <button type="button" onClick={() => void camera.start()} disabled={camera.state === 'starting'}>{ui.openCamera[lang]}</button>
      )}
      <ul className="capture-list">
        {materials.map((m) => (
          <li key={m.code} data-material={m.code}>
            <span>{m.name[lang]}{m.required ? '' : lang === 'zh' ? '（可选）' : ' (optional)'}</span>
            {taken.has(m.code) && <span className="taken">✔ {ui.photoTaken[lang]}</span>}
            {previews[m.code] && <img src={previews[m.code]} alt={m.name[lang]} className="thumb" />}
            <button type="button" onClick={() => void keep(m.code, camera.capture)} disabled={camera.state !== 'on' || busy !== null}>
              {ui.takePhoto[lang]}: {m.name[lang]}
            </button>
            <label className="file">{ui.chooseFile[lang]}
              <input type="file" accept={FILE_TYPES.join(',')} disabled={busy !== null} aria-label={`${ui.chooseFile[lang]}: ${m.name[lang]}`}
                onChange={(e) => { choose(m.code, e.target.files?.[0]); e.target.value = ''; }} />
            </label>
          </li>
        ))}
      </ul>
      {camera.error && <p role="alert" className="error">{camera.error.zh} / {camera.error.en}</p>}
      {error && <p role="alert" className="error">{error.zh} / {error.en}</p>}
    </fieldset>
  );
}
