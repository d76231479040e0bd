var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
/** Append-only: rows are inserted by `TicketStore` with the seq it reserved, never updated. */
let TicketEventEntity = class TicketEventEntity {
    id;
    ticketId;
    seq;
    type;
    visibility;
    actorType;
    actorId;
    actorName;
    payload;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }),
    __metadata("design:type", String)
], TicketEventEntity.prototype, "id", void 0);
__decorate([
    Column('uuid', { name: 'ticket_id' }),
    __metadata("design:type", String)
], TicketEventEntity.prototype, "ticketId", void 0);
__decorate([
    Column('integer'),
    __metadata("design:type", Number)
], TicketEventEntity.prototype, "seq", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEventEntity.prototype, "type", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketEventEntity.prototype, "visibility", void 0);
__decorate([
    Column('text', { name: 'actor_type' }),
    __metadata("design:type", String)
], TicketEventEntity.prototype, "actorType", void 0);
__decorate([
    Column('uuid', { name: 'actor_id', nullable: true }),
    __metadata("design:type", Object)
], TicketEventEntity.prototype, "actorId", void 0);
__decorate([
    Column('text', { name: 'actor_name', nullable: true }),
    __metadata("design:type", Object)
], TicketEventEntity.prototype, "actorName", void 0);
__decorate([
    Column('jsonb'),
    __metadata("design:type", Object)
], TicketEventEntity.prototype, "payload", void 0);
__decorate([
    Column('timestamptz', { name: 'created_at' }),
    __metadata("design:type", Date)
], TicketEventEntity.prototype, "createdAt", void 0);
TicketEventEntity = __decorate([
    Entity({ name: 'ticket_events' })
], TicketEventEntity);
export { TicketEventEntity };
//# sourceMappingURL=ticket-event.entity.js.map