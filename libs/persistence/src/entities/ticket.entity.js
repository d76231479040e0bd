var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn } from 'typeorm';
/**
 * The ticket row. Writes that decide ownership or append events go through `TicketStore`'s
 * conditional SQL, never `save()`: TypeORM's save does not guard concurrent changes.
 */
let TicketEntity = class TicketEntity {
    id;
    code;
    trackingTokenHash;
    subject;
    description;
    channel;
    kind;
    priority;
    tier;
    status;
    teamId;
    customerId;
    ownerId;
    firstResponderId;
    pendingHandoffToId;
    handoffNote;
    repeatOfTicketId;
    offeredToId;
    createdAt;
    firstResponseAt;
    lastCustomerVisibleUpdateAt;
    resolvedAt;
    closedAt;
    firstResponseDueAt;
    nextUpdateDueAt;
    resolutionDueAt;
    escalationLevel;
    reopenCount;
    transferCount;
    tags;
    csatRating;
    csatComment;
    resolution;
    lastSeq;
    updatedAt;
};
__decorate([
    PrimaryColumn('uuid'),
    __metadata("design:type", String)
], TicketEntity.prototype, "id", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "code", void 0);
__decorate([
    Column('text', { name: 'tracking_token_hash', select: false }),
    __metadata("design:type", String)
], TicketEntity.prototype, "trackingTokenHash", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "subject", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "description", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "channel", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "kind", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "priority", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "tier", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEntity.prototype, "status", void 0);
__decorate([
    Column('uuid', { name: 'team_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "teamId", void 0);
__decorate([
    Column('uuid', { name: 'customer_id' }),
    __metadata("design:type", String)
], TicketEntity.prototype, "customerId", void 0);
__decorate([
    Column('uuid', { name: 'owner_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "ownerId", void 0);
__decorate([
    Column('uuid', { name: 'first_responder_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "firstResponderId", void 0);
__decorate([
    Column('uuid', { name: 'pending_handoff_to_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "pendingHandoffToId", void 0);
__decorate([
    Column('text', { name: 'handoff_note', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "handoffNote", void 0);
__decorate([
    Column('uuid', { name: 'repeat_of_ticket_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "repeatOfTicketId", void 0);
__decorate([
    Column('uuid', { name: 'offered_to_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "offeredToId", void 0);
__decorate([
    Column('timestamptz', { name: 'created_at' }),
    __metadata("design:type", Date)
], TicketEntity.prototype, "createdAt", void 0);
__decorate([
    Column('timestamptz', { name: 'first_response_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "firstResponseAt", void 0);
__decorate([
    Column('timestamptz', { name: 'last_customer_visible_update_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "lastCustomerVisibleUpdateAt", void 0);
__decorate([
    Column('timestamptz', { name: 'resolved_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "resolvedAt", void 0);
__decorate([
    Column('timestamptz', { name: 'closed_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "closedAt", void 0);
__decorate([
    Column('timestamptz', { name: 'first_response_due_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "firstResponseDueAt", void 0);
__decorate([
    Column('timestamptz', { name: 'next_update_due_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "nextUpdateDueAt", void 0);
__decorate([
    Column('timestamptz', { name: 'resolution_due_at', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "resolutionDueAt", void 0);
__decorate([
    Column('smallint', { name: 'escalation_level' }),
    __metadata("design:type", Number)
], TicketEntity.prototype, "escalationLevel", void 0);
__decorate([
    Column('integer', { name: 'reopen_count' }),
    __metadata("design:type", Number)
], TicketEntity.prototype, "reopenCount", void 0);
__decorate([
    Column('integer', { name: 'transfer_count' }),
    __metadata("design:type", Number)
], TicketEntity.prototype, "transferCount", void 0);
__decorate([
    Column('text', { array: true }),
    __metadata("design:type", Array)
], TicketEntity.prototype, "tags", void 0);
__decorate([
    Column('smallint', { name: 'csat_rating', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "csatRating", void 0);
__decorate([
    Column('text', { name: 'csat_comment', nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "csatComment", void 0);
__decorate([
    Column('text', { nullable: true }),
    __metadata("design:type", Object)
], TicketEntity.prototype, "resolution", void 0);
__decorate([
    Column('integer', { name: 'last_seq' }),
    __metadata("design:type", Number)
], TicketEntity.prototype, "lastSeq", void 0);
__decorate([
    Column('timestamptz', { name: 'updated_at' }),
    __metadata("design:type", Date)
], TicketEntity.prototype, "updatedAt", void 0);
TicketEntity = __decorate([
    Entity({ name: 'tickets' })
], TicketEntity);
export { TicketEntity };
//# sourceMappingURL=ticket.entity.js.map