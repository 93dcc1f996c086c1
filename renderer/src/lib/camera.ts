import type jsQRType from 'jsqr';

/**
 * Webcam scanning for desks without a USB scanner: getUserMedia for the picture, jsQR for the code.
 * Frames are scaled down before decoding (a badge QR code held up to a webcam stays large enough),
 * which keeps one decode well under the frame interval on an old desk PC.
 */

type Decoder = typeof jsQRType;
let decoder: Promise<Decoder> | null = null;

/** The QR decoder is loaded the first time a camera opens (it stays out of the desk's main bundle). */
export function loadDecoder(): Promise<Decoder> {
  decoder ??= import('jsqr').then((m) => m.default);
  return decoder;
}

export type CameraProblem = 'none' | 'denied' | 'failed';

export class CameraError extends Error {
  readonly problem: CameraProblem;
  readonly detail: string;
  constructor(problem: CameraProblem, detail = '') {
    super(`camera ${problem}${detail ? `: ${detail}` : ''}`);
    this.name = 'CameraError';
    this.problem = problem;
    this.detail = detail;
  }
}

export async function openCamera(): Promise<MediaStream> {
  const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!devices?.getUserMedia) throw new CameraError('none');
  try {
    return await devices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') throw new CameraError('denied');
    if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') throw new CameraError('none');
    throw new CameraError('failed', error instanceof Error ? error.message || name : String(error));
  }
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Longest side of the picture handed to the decoder. */
const DECODE_SIZE = 800;

/** The text of a QR code in the video's current frame, or null. */
export function decodeFrame(jsQR: Decoder, video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  const scale = Math.min(1, DECODE_SIZE / Math.max(vw, vh));
  const w = Math.round(vw * scale);
  const h = Math.round(vh * scale);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, w, h);
  const image = context.getImageData(0, 0, w, h);
  const found = jsQR(image.data, w, h, { inversionAttempts: 'attemptBoth' });
  const text = found?.data.trim();
  return text ? text : null;
}
