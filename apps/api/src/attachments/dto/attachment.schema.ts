import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { AttachmentView, UploadedAttachment } from '@firsthand/http-contracts';
import { text, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'Attachment', description: 'A file a message carries; download it from the ticket\'s attachments route' })
export class AttachmentSchema implements AttachmentView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) filename: string;
  @ApiProperty({ type: String, description: 'Sniffed from the bytes, never taken from the name' }) contentType: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) sizeBytes: number;
  @ApiProperty({ type: Boolean, description: 'PNG, JPEG, GIF and WebP may be shown in the page' }) inline: boolean;
}

@ApiSchema({ name: 'UploadedAttachment' })
export class UploadedAttachmentSchema extends AttachmentSchema implements UploadedAttachment {
  @ApiProperty({ type: String, description: 'One-time token: send { id, uploadToken } in a message\'s attachments within 24 hours' }) uploadToken: string;
}
