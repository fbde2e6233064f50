import { useCallback, useEffect, useRef, useState } from 'react';
import { compressToJpeg, cropFrame, openPreferredCamera } from '@onetrip/hardware/browser';
import type { Bilingual } from '../lib/i18n';
import { PHOTO_MAX_BYTES } from '../lib/photos';

export type CameraState = 'off' | 'starting' | 'on' | 'failed';

/**
 * The desk's camera (a document camera when one is attached, else the first webcam), opened on
 * request and closed when the screen goes: a live preview in `videoRef`, and `capture()` for
 * a JPEG of the current frame under PHOTO_MAX_BYTES.
 */
export function useCamera() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('off');
  const [error, setError] = useState<Bilingual | null>(null);
  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setState('off');
  }, []);
  useEffect(() => () => { stream.current?.getTracks().forEach((t) => t.stop()); }, []);
  const start = useCallback(async () => {
    setState('starting');
    setError(null);
    try {
      if (!navigator.mediaDevices) throw new Error('no mediaDevices');
      const opened = await openPreferredCamera(navigator.mediaDevices, { width: { ideal: 1920 }, height: { ideal: 1080 } });
      stream.current = opened.stream;
      if (videoRef.current) { videoRef.current.srcObject = opened.stream; await videoRef.current.play(); }
      setState('on');
    } catch (e) {
      const err = e as { zh?: string; en?: string };
      setError({ zh: err.zh ?? '摄像头不可用，可选择文件', en: err.en ?? 'The camera is not available; choose a file instead' });
      setState('failed');
    }
  }, []);
  const capture = useCallback(async (): Promise<Uint8Array> => {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) throw Object.assign(new Error('no frame'), { zh: '摄像头尚未就绪', en: 'The camera is not ready yet' });
    const photo = await compressToJpeg(cropFrame(video), { maxBytes: PHOTO_MAX_BYTES });
    return new Uint8Array(await photo.blob.arrayBuffer());
  }, []);
  return { videoRef, state, error, start, stop, capture };
}

/** A chosen image file re-encoded as a JPEG under PHOTO_MAX_BYTES (so every stored photo has one shape and bound). */
export async function fileToJpeg(file: Blob): Promise<Uint8Array> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (_undecodable) {
    throw Object.assign(new Error('undecodable image'), { zh: '无法读取该图片', en: 'This image cannot be read' });
  }
  try {
    const photo = await compressToJpeg(cropFrame(bitmap), { maxBytes: PHOTO_MAX_BYTES });
    return new Uint8Array(await photo.blob.arrayBuffer());
  } finally {
    bitmap.close();
  }
}
