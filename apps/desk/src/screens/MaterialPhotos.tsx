// Material photos from the replica's blob store (on the device, else fetched from the server).
import { useEffect, useState } from 'react';
import type { CaseState } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import { ui, useLang } from '../lib/i18n';
import { useNames } from '../lib/names';

export function MaterialPhotos({ state, replica }: { state: CaseState; replica: Replica }) {
  const lang = useLang();
  const { findItem } = useNames();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const images = state.materials.filter((m) => m.mediaType.startsWith('image/'));
  const key = images.map((m) => m.sha256).join(',');
  useEffect(() => {
    let alive = true;
    const made: string[] = [];
    void (async () => {
      for (const m of images) {
        try {
          const bytes = await replica.blobs.get(m.sha256);
          const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: m.mediaType }));
          made.push(url);
          if (alive) setUrls((u) => ({ ...u, [m.sha256]: url }));
        } catch (_unavailable) {
          // offline and not on this device yet: the placeholder stays
        }
      }
    })();
    return () => { alive = false; for (const u of made) URL.revokeObjectURL(u); };
  }, [key, replica]);
  if (images.length === 0) return null;
  const label = (code: string) => findItem(state.itemCode)?.materials.find((m) => m.code === code)?.name[lang] ?? code;
  return (
    <section aria-label={ui.photos[lang]}>
      <h2>{ui.photos[lang]}</h2>
      <div className="photos">
        {images.map((m) => (
          <figure key={m.sha256}>
            {urls[m.sha256] ? <img src={urls[m.sha256]} alt={label(m.materialCode)} /> : <div className="placeholder">…</div>}
            <figcaption>{label(m.materialCode)}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
