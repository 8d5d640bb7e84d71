// Reads the PNGs rsvg-convert writes (8-bit greyscale, RGB or RGBA, not interlaced; PNG spec
// sections 11-12: IHDR, IDAT chunks inflated together, one filter byte a row) and compares two
// pictures pixel by pixel, and renders an SVG to PNG with rsvg-convert when it is installed.

import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

export interface Picture {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel. */
  readonly rgba: Uint8Array;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(png: Uint8Array): Picture {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      channels = CHANNELS[data[9]] ?? 0;
      if (channels === 0) throw new Error(`colour type ${data[9]} is not read here`);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? rows[y * stride + x - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      rows[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = rows.subarray(i * channels, (i + 1) * channels);
    const grey = channels <= 2;
    rgba.set([s[0], grey ? s[0] : s[1], grey ? s[0] : s[2], channels === 2 ? s[1] : channels === 4 ? s[3] : 255], i * 4);
  }
  return { width, height, rgba };
}

/** The share of pixels whose largest channel difference exceeds `threshold`, and the mean difference. */
export function difference(a: Picture, b: Picture, threshold = 48): { differing: number; mean: number } {
  if (a.width !== b.width || a.height !== b.height) return { differing: 1, mean: 255 };
  let differing = 0;
  let total = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    let worst = 0;
    for (let k = 0; k < 4; k++) worst = Math.max(worst, Math.abs(a.rgba[i * 4 + k] - b.rgba[i * 4 + k]));
    if (worst > threshold) differing++;
    total += worst;
  }
  const pixels = a.width * a.height;
  return { differing: differing / pixels, mean: total / pixels };
}

/** rsvg-convert's PNG of an SVG; null when the tool is not installed. */
export function rasterise(svg: string): Uint8Array | null {
  try {
    return new Uint8Array(execFileSync('rsvg-convert', ['--format', 'png', '--background-color', 'white'], { input: svg, maxBuffer: 64 << 20 }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
