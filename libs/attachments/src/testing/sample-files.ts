/** Small real files for tests: each one's bytes are what its type's magic number says. */
export const SAMPLE_FILES = {
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(32, 7), Buffer.from([0xff, 0xd9])]),
  gif: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  zip: Buffer.from(
    'UEsDBBQAAAAAAMcTg12GphA2BQAAAAUAAAAFAAAAYS50eHRoZWxsb1BLAQIUAxQAAAAAAMcTg12GphA2BQAAAAUAAAAFAAAAAAAAAAAAAACAAQAAAABhLnR4dFBLBQYAAAAAAQABADMAAAAoAAAAAAA=',
    'base64',
  ),
  exe: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(120)]),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(60)]),
  svg: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  html: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
  text: Buffer.from('订单号 12345 的退款还没有到账。\nRefund for order 12345 not received.\n'),
  csv: Buffer.from('order,amount\n12345,99.00\n'),
};

/** `size` bytes of a PNG: a real header, then padding (file-type reads the header only). */
export function pngOfSize(size: number): Buffer {
  return Buffer.concat([SAMPLE_FILES.png, Buffer.alloc(Math.max(0, size - SAMPLE_FILES.png.length), 1)]);
}
