import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** A file download: its own type, inline for raster images, an attachment otherwise. */
export const ApiFileDownload = () =>
  applyDecorators(
    ApiProduces('application/octet-stream'),
    ApiOkResponse({
      description:
        'The bytes, typed as sniffed at upload, with X-Content-Type-Options: nosniff, Content-Security-Policy: default-src \'none\'; sandbox, and Content-Disposition: attachment (inline for PNG, JPEG, GIF, WebP)',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    }),
  );
