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
let IdempotencyKeyEntity = class IdempotencyKeyEntity {
    scope;
    key;
    requestHash;
    ticketId;
    createdAt;
};
__decorate([
    PrimaryColumn('text'),
    __metadata("design:type", String)
], IdempotencyKeyEntity.prototype, "scope", void 0);
__decorate([
    PrimaryColumn('text'),
    __metadata("design:type", String)
], IdempotencyKeyEntity.prototype, "key", void 0);
__decorate([
    Column('text', { name: 'request_hash' }),
    __metadata("design:type", String)
], IdempotencyKeyEntity.prototype, "requestHash", void 0);
__decorate([
    Column('uuid', { name: 'ticket_id' }),
    __metadata("design:type", String)
], IdempotencyKeyEntity.prototype, "ticketId", void 0);
__decorate([
    Column('timestamptz', { name: 'created_at' }),
    __metadata("design:type", Date)
], IdempotencyKeyEntity.prototype, "createdAt", void 0);
IdempotencyKeyEntity = __decorate([
    Entity({ name: 'idempotency_keys' })
], IdempotencyKeyEntity);
export { IdempotencyKeyEntity };
//# sourceMappingURL=idempotency-key.entity.js.map