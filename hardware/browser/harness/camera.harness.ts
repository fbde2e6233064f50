// Test page for the camera helpers in Chromium with its fake camera: open the preferred
// camera, take a frame, crop it and compress it under a bound; report what came out.
import { compressToJpeg, cropFrame } from '../camera/photo';
import { openPreferredCamera } from '../camera/select-device';

async function capture(maxBytes: number, crop?: { x: number; y: number; width: number; height: number }) {
  const { stream, device } = await openPreferredCamera(navigator.mediaDevices, { width: { ideal: 1280 }, height: { ideal: 720 } });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  if (video.videoWidth === 0) await new Promise((r) => video.addEventListener('resize', r, { once: true }));
  const canvas = cropFrame(video, crop);
  const photo = await compressToJpeg(canvas, { maxBytes });
  stream.getTracks().forEach((t) => t.stop());
  const head = new Uint8Array(await photo.blob.slice(0, 3).arrayBuffer());
  const decoded = await createImageBitmap(photo.blob);
  return {
    label: device.label, frame: [video.videoWidth, video.videoHeight], cropped: [canvas.width, canvas.height],
    size: photo.blob.size, type: photo.blob.type, width: photo.width, height: photo.height, quality: photo.quality, attempts: photo.attempts,
    magic: Array.from(head), decoded: [decoded.width, decoded.height],
  };
}

Object.assign(window, { harness: { capture } });
