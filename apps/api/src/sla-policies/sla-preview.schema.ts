import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { SlaMomentView, SlaPreview } from '@firsthand/http-contracts';
import { optionalUuid, text, time, uuid } from '../http/dto/response-fields.js';

@ApiSchema({ name: 'SlaMoment' })
class SlaMomentSchema implements SlaMomentView {
  @ApiProperty(time) at: string;
  @ApiProperty({ type: String, description: "The same instant in the calendar's zone, with its offset", example: '2026-02-24T10:00:00+08:00' }) local: string;
}

@ApiSchema({ name: 'SlaPreviewCalendar' })
class SlaPreviewCalendarSchema {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(text) zone: string;
  @ApiProperty({ type: Boolean }) alwaysOpen: boolean;
  @ApiProperty({ type: String, enum: ['policy', 'team', 'default'], description: "Where it came from: the policy's override, the team's calendar, or the default" }) source: 'policy' | 'team' | 'default';
}

@ApiSchema({ name: 'SlaPreview' })
export class SlaPreviewSchema implements SlaPreview {
  @ApiProperty(text) priority: string;
  @ApiProperty(text) tier: string;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty({ type: () => SlaPreviewCalendarSchema }) calendar: SlaPreviewCalendarSchema;
  @ApiProperty({ type: () => SlaMomentSchema }) openedAt: SlaMomentSchema;
  @ApiProperty({ type: () => SlaMomentSchema }) firstResponseDue: SlaMomentSchema;
  @ApiProperty({ type: () => SlaMomentSchema }) nextUpdateDue: SlaMomentSchema;
  @ApiProperty({ type: () => SlaMomentSchema }) resolutionDue: SlaMomentSchema;
}
