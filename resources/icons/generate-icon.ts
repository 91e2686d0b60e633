// Draws resources/icons/icon.png (512×512: a white points coin with a star on a teal rounded square)
// with Node alone, so the icon can be remade without an image editor:
//
//   node_modules/.bin/node resources/icons/generate-icon.ts

import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
const SUBSAMPLES = 4; // per axis: smooth edges
const TEAL_TOP = [20, 184, 166];
const TEAL_BOTTOM = [15, 118, 110];
const WHITE = [255, 255, 255];

const center = SIZE / 2;
const star = starPolygon(center, center + 6, 118, 50);

function starPolygon(cx: number, cy: number, outer: number, inner: number): [number, number][] {
  return Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  });
}

function inPolygon(x: number, y: number, polygon: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x: number, y: number, margin: number, radius: number): boolean {
  const low = margin + radius;
  const high = SIZE - margin - radius;
  const dx = Math.max(low - x, 0, x - high);
  const dy = Math.max(low - y, 0, y - high);
  return x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin && dx * dx + dy * dy <= radius * radius;
}

/** Colour and coverage of one sample point. */
function sample(x: number, y: number): [number[], number] {
  if (!inRoundedSquare(x, y, 16, 96)) return [WHITE, 0];
  const distance = Math.hypot(x - center, y - center);
  const teal = TEAL_TOP.map((top, k) => top + ((TEAL_BOTTOM[k]! - top) * y) / SIZE);
  if (distance <= 176 && !(distance >= 150 && distance <= 158) && !inPolygon(x, y, star)) return [WHITE, 1];
  return [teal, 1];
}

const rows: Buffer[] = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SUBSAMPLES; sy++) {
      for (let sx = 0; sx < SUBSAMPLES; sx++) {
        const [colour, alpha] = sample(px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES);
        for (let k = 0; k < 3; k++) sum[k]! += colour[k]! * alpha;
        sum[3]! += alpha;
      }
    }
    const coverage = sum[3]!;
    const offset = 1 + px * 4;
    for (let k = 0; k < 3; k++) row[offset + k] = coverage ? Math.round(sum[k]! / coverage) : 0;
    row[offset + 3] = Math.round((255 * coverage) / SUBSAMPLES ** 2);
  }
  rows.push(row);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`icon.png: ${png.length} bytes`);
