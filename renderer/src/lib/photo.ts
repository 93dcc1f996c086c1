/**
 * A small proof photo of the recipient from the desk's webcam: one frame, centre-cropped to 4:3,
 * 320×240, JPEG. About 15–30 KB; quality steps down if a noisy frame would pass the contract's limit.
 */

export const PHOTO_WIDTH = 320;
export const PHOTO_HEIGHT = 240;
/** Data URL length the desk accepts (shared/api.ts handOver.photo), with room to spare. */
export const PHOTO_MAX_LENGTH = 110_000;

/** The crop of a `vw`×`vh` frame that fills a 4:3 picture (x, y, width, height in frame pixels). */
export function cropTo43(vw: number, vh: number): [number, number, number, number] {
  const target = PHOTO_WIDTH / PHOTO_HEIGHT;
  if (vw / vh > target) {
    const w = Math.round(vh * target);
    return [Math.round((vw - w) / 2), 0, w, vh];
  }
  const h = Math.round(vw / target);
  return [0, Math.round((vh - h) / 2), vw, h];
}

/** The video's current frame as 'data:image/jpeg;base64,…', or null when there is no frame yet. */
export function captureJpeg(video: HTMLVideoElement, canvas: HTMLCanvasElement = document.createElement('canvas')): string | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  canvas.width = PHOTO_WIDTH;
  canvas.height = PHOTO_HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) return null;
  const [sx, sy, sw, sh] = cropTo43(vw, vh);
  context.drawImage(video, sx, sy, sw, sh, 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  for (const quality of [0.7, 0.55, 0.4, 0.3]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (!url.startsWith('data:image/jpeg;base64,')) return null;
    if (url.length <= PHOTO_MAX_LENGTH) return url;
  }
  return null;
}
