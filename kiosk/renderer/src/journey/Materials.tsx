import { useEffect, useRef, useState } from 'react';
import type { Item } from '@onetrip/domain';
import { compressToJpeg, cropFrame, openPreferredCamera } from '@onetrip/hardware/browser';
import { pick, t, type Lang } from '../lib/i18n';
import type { Journey } from './state';

/** Largest photo kept per material: a legible A4 page in JPEG. */
export const PHOTO_MAX_BYTES = 600 * 1024;
export const FACE_PHOTO = 'facePhoto';

/** The materials to photograph here: those shared data does not replace, less the ID card
 *  (it was just read), plus a live face photo where the item needs one. */
export function photosNeeded(item: Item): { code: string; name: { zh: string; en: string }; required: boolean }[] {
  const list = item.materials.filter((m) => !m.waivedBy && m.code !== 'idCard').map((m) => ({ code: m.code, name: m.name, required: m.required }));
  return item.livePhotoRequired ? [{ code: FACE_PHOTO, name: { zh: '现场人像照片', en: 'live photo of your face' }, required: true }, ...list] : list;
}

export function Materials({ lang, item, photos, onPhoto, onNext }: {
  lang: Lang; item: Item; photos: Journey['photos'];
  onPhoto: (code: string, bytes: Uint8Array) => Promise<void>; onNext: () => void;
}) {
  const needed = photosNeeded(item);
  const video = useRef<HTMLVideoElement>(null);
  const [current, setCurrent] = useState(needed.find((n) => !photos[n.code])?.code ?? null);
  const [problem, setProblem] = useState<{ zh: string; en: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [cameraReady, setCameraReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    openPreferredCamera(navigator.mediaDevices, { width: { ideal: 1920 }, height: { ideal: 1080 } })
      .then((opened) => {
        stream = opened.stream;
        if (cancelled) { stream.getTracks().forEach((tr) => tr.stop()); return; }
        if (video.current) { video.current.srcObject = stream; void video.current.play(); }
      })
      .catch((err: { zh?: string; en?: string }) => setProblem({ zh: err.zh ?? '摄像头不可用，请联系工作人员', en: err.en ?? 'The camera is not available; please ask staff' }));
    return () => { cancelled = true; stream?.getTracks().forEach((tr) => tr.stop()); };
  }, []);

  const capture = async () => {
    if (!current || !video.current || video.current.videoWidth === 0) return;
    setBusy(true);
    try {
      const photo = await compressToJpeg(cropFrame(video.current), { maxBytes: PHOTO_MAX_BYTES });
      await onPhoto(current, new Uint8Array(await photo.blob.arrayBuffer()));
      setProblem(null);
      setCurrent(needed.find((n) => n.code !== current && !photos[n.code])?.code ?? null);
    } catch (err) {
      const e = err as { zh?: string; en?: string };
      setProblem({ zh: e.zh ?? '拍照失败，请重试', en: e.en ?? 'The photo failed; please try again' });
    } finally { setBusy(false); }
  };

  const missing = needed.filter((n) => n.required && !photos[n.code]);
  return (
    <main className="materials-step">
      <h2>{t('photoMaterials', lang)}</h2>
      <video ref={video} className="camera" muted playsInline aria-label={t('cameraPreview', lang)} onPlaying={() => setCameraReady(true)} />
      <ul className="photo-list">
        {needed.map((n) => (
          <li key={n.code} className={n.code === current ? 'current' : undefined}>
            <button type="button" onClick={() => setCurrent(n.code)} aria-pressed={n.code === current}>
              {pick(n.name, lang)}{n.required ? ' *' : ''} {photos[n.code] ? `✓ ${t('taken', lang)}` : ''}
            </button>
          </li>
        ))}
      </ul>
      {problem && <p role="alert" className="problem">{problem[lang]}</p>}
      <div className="actions">
        <button type="button" onClick={() => void capture()} disabled={!current || busy || !cameraReady}>{t('takePhoto', lang)}</button>
        <button type="button" className="primary" onClick={onNext} disabled={missing.length > 0}>{t('next', lang)}</button>
      </div>
    </main>
  );
}
