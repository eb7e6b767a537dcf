import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** A PNG whose header declares `width`×`height` pixels (an image bomb) with a valid CRC, and no pixels. */
export function pngDeclaring(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width >>> 0, 0); ihdr.writeUInt32BE(height >>> 0, 4); ihdr.writeUInt8(8, 8); ihdr.writeUInt8(2, 9);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

export interface ImageSeed { name: string; bytes: Uint8Array }

/** Small real images in every accepted format, plus files that only pretend to be images. */
export async function imageSeeds(): Promise<ImageSeed[]> {
  const base = sharp({ create: { width: 12, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } });
  const encoded = await Promise.all([
    base.clone().png().toBuffer().then((bytes) => ({ name: 'red.png', bytes })),
    base.clone().jpeg().toBuffer().then((bytes) => ({ name: 'blue.jpg', bytes })),
    base.clone().gif().toBuffer().then((bytes) => ({ name: 'anim.gif', bytes })),
    base.clone().webp().toBuffer().then((bytes) => ({ name: 'photo.webp', bytes })),
    base.clone().tiff().toBuffer().then((bytes) => ({ name: 'scan.tif', bytes })),
  ]);
  return [
    ...encoded,
    { name: 'bomb.png', bytes: pngDeclaring(100_000, 100_000) },
    { name: 'wide.png', bytes: pngDeclaring(0xffffffff, 1) },
    { name: 'zero.png', bytes: pngDeclaring(0, 0) },
    { name: 'evil.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>') },
    { name: 'page.jpg', bytes: Buffer.from('<!doctype html><html><script>alert(1)</script></html>') },
    { name: 'svg-as.png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>') },
    { name: 'empty.png', bytes: new Uint8Array() },
  ];
}
