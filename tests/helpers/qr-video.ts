import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

/**
 * A YUV4MPEG2 (4:2:0) clip of identical 640×480 frames: the QR code of `text`, centred on white.
 * Chromium's fake camera plays it in a loop.
 */
export async function qrVideo(text: string, file: string, frames = 5): Promise<void> {
  const W = 640;
  const H = 480;
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 400 }));
  const y = Buffer.alloc(W * H, 235);
  const ox = Math.floor((W - png.width) / 2);
  const oy = Math.floor((H - png.height) / 2);
  for (let row = 0; row < png.height; row++) {
    for (let col = 0; col < png.width; col++) {
      const i = (row * png.width + col) * 4;
      const luma = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
      y[(oy + row) * W + ox + col] = Math.round(16 + (luma * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420\n`)];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), y, chroma, chroma);
  writeFileSync(file, Buffer.concat(parts));
}
