// Which camera to use: a document camera (高拍仪) when one is attached, recognised by its
// label, else the first video input. Labels are empty until the page has camera permission,
// so openPreferredCamera() asks once, then re-opens the preferred device if it differs.

export interface VideoDeviceLike {
  kind: string;
  deviceId: string;
  label: string;
}

export const DOCUMENT_CAMERA_LABELS: readonly RegExp[] = [
  /document/i, /doc[\s-]?cam/i, /visuali[sz]er/i, /book\s?scan/i, /高拍仪/, /文档/, /展台/, /扫描/,
];

/** The device to use, or undefined when there is no video input at all. */
export function pickCamera(devices: readonly VideoDeviceLike[], preferred: readonly RegExp[] = DOCUMENT_CAMERA_LABELS): VideoDeviceLike | undefined {
  const video = devices.filter((d) => d.kind === 'videoinput');
  return video.find((d) => preferred.some((re) => re.test(d.label))) ?? video[0];
}

export interface MediaDevicesLike {
  enumerateDevices(): Promise<VideoDeviceLike[]>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export class CameraError extends Error {
  readonly code: 'CAMERA_MISSING' | 'CAMERA_DENIED';
  readonly zh: string;
  readonly en: string;
  constructor(code: 'CAMERA_MISSING' | 'CAMERA_DENIED', zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.code = code;
    this.zh = zh;
    this.en = en;
  }
}

/** Open the preferred camera. Throws CameraError with a bilingual message a person can act on. */
export async function openPreferredCamera(media: MediaDevicesLike, video: MediaTrackConstraints = {}): Promise<{ stream: MediaStream; device: VideoDeviceLike }> {
  let first: MediaStream;
  try {
    first = await media.getUserMedia({ video, audio: false });
  } catch (err) {
    const denied = err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
    throw denied
      ? new CameraError('CAMERA_DENIED', '无法使用摄像头，请联系工作人员', 'The camera may not be used; please ask staff')
      : new CameraError('CAMERA_MISSING', '未找到摄像头，请联系工作人员', 'No camera found; please ask staff');
  }
  const device = pickCamera(await media.enumerateDevices());
  const current = first.getVideoTracks()[0]?.getSettings().deviceId;
  if (!device) throw new CameraError('CAMERA_MISSING', '未找到摄像头，请联系工作人员', 'No camera found; please ask staff');
  if (device.deviceId === current) return { stream: first, device };
  first.getTracks().forEach((t) => t.stop());
  return { stream: await media.getUserMedia({ video: { ...video, deviceId: { exact: device.deviceId } }, audio: false }), device };
}
