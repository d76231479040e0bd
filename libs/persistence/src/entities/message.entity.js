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
let MessageEntity = class MessageEntity {
    id;
    ticketId;
    eventSeq;
    authorType;
    authorId;
    visibility;
    body;
    createdAt;
};
__decorate([
    PrimaryColumn('uuid'),
    __metadata("design:type", String)
], MessageEntity.prototype, "id", void 0);
__decorate([
    Column('uuid', { name: 'ticket_id' }),
    __metadata("design:type", String)
], MessageEntity.prototype, "ticketId", void 0);
__decorate([
    Column('integer', { name: 'event_seq' }),
    __metadata("design:type", Number)
], MessageEntity.prototype, "eventSeq", void 0);
__decorate([
    Column('text', { name: 'author_type' }),
    __metadata("design:type", String)
], MessageEntity.prototype, "authorType", void 0);
__decorate([
    Column('uuid', { name: 'author_id' }),
    __metadata("design:type", String)
], MessageEntity.prototype, "authorId", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], MessageEntity.prototype, "visibility", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], MessageEntity.prototype, "body", void 0);
__decorate([
    Column('timestamptz', { name: 'created_at' }),
    __metadata("design:type", Date)
], MessageEntity.prototype, "createdAt", void 0);
MessageEntity = __decorate([
    Entity({ name: 'messages' })
], MessageEntity);
export { MessageEntity };
//# sourceMappingURL=message.entity.js.map