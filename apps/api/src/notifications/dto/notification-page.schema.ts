import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { NotificationItem, NotificationPage, NotificationRetryAnswer, TicketNotificationList } from '@firsthand/http-contracts';
import { integer, oneOf, optionalInteger, optionalText, optionalTime, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'NotificationItem' })
class NotificationSchema implements NotificationItem {
  @ApiProperty(uuid) id: string;
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(text) ticketCode: string;
  @ApiProperty({ ...optionalInteger, description: 'The ticket event it tells about' }) eventSeq: number | null;
  @ApiProperty({ ...text, example: 'agent_replied' }) kind: string;
  @ApiProperty(oneOf(['customer', 'agent', 'endpoint'])) recipientType: NotificationItem['recipientType'];
  @ApiProperty(text) recipientName: string;
  @ApiProperty(oneOf(['email', 'sms', 'webhook'])) channel: NotificationItem['channel'];
  @ApiProperty(text) address: string;
  @ApiProperty({ ...oneOf(['pending', 'sending', 'sent', 'failed', 'suppressed', 'refused']), description: 'failed = dead-lettered after its last attempt; refused = held back by an SMS budget, never sent' }) status: NotificationItem['status'];
  @ApiProperty(integer) attempts: number;
  @ApiProperty(integer) maxAttempts: number;
  @ApiProperty(integer) retryRound: number;
  @ApiProperty(optionalText) lastError: string | null;
  @ApiProperty(optionalTime) nextAttemptAt: string | null;
  @ApiProperty(optionalTime) sentAt: string | null;
  @ApiProperty(time) createdAt: string;
}

@ApiSchema({ name: 'NotificationPage' })
export class NotificationPageSchema implements NotificationPage {
  @ApiProperty({ type: () => [NotificationSchema] }) items: NotificationSchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

@ApiSchema({ name: 'TicketNotificationList' })
export class TicketNotificationListSchema implements TicketNotificationList {
  @ApiProperty({ type: () => [NotificationSchema] }) items: NotificationSchema[];
}

@ApiSchema({ name: 'NotificationRetryAnswer' })
export class NotificationRetryAnswerSchema implements NotificationRetryAnswer {
  @ApiProperty({ type: () => NotificationSchema }) notification: NotificationSchema;
  @ApiProperty({ type: Boolean, description: 'false when the delivery job could not be queued within a second' }) queued: boolean;
}
