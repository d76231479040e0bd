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
let TicketWatcherEntity = class TicketWatcherEntity {
    ticketId;
    agentId;
    reason;
    addedAt;
};
__decorate([
    PrimaryColumn('uuid', { name: 'ticket_id' }),
    __metadata("design:type", String)
], TicketWatcherEntity.prototype, "ticketId", void 0);
__decorate([
    PrimaryColumn('uuid', { name: 'agent_id' }),
    __metadata("design:type", String)
], TicketWatcherEntity.prototype, "agentId", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], TicketWatcherEntity.prototype, "reason", void 0);
__decorate([
    Column('timestamptz', { name: 'added_at' }),
    __metadata("design:type", Date)
], TicketWatcherEntity.prototype, "addedAt", void 0);
TicketWatcherEntity = __decorate([
    Entity({ name: 'ticket_watchers' })
], TicketWatcherEntity);
export { TicketWatcherEntity };
//# sourceMappingURL=ticket-watcher.entity.js.map