var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
let AgentEntity = class AgentEntity {
    id;
    name;
    email;
    passwordHash;
    role;
    teamId;
    presence;
    active;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], AgentEntity.prototype, "id", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], AgentEntity.prototype, "name", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], AgentEntity.prototype, "email", void 0);
__decorate([
    Column('text', { name: 'password_hash', select: false }),
    __metadata("design:type", String)
], AgentEntity.prototype, "passwordHash", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], AgentEntity.prototype, "role", void 0);
__decorate([
    Column('uuid', { name: 'team_id', nullable: true }),
    __metadata("design:type", Object)
], AgentEntity.prototype, "teamId", void 0);
__decorate([
    Column('text', { default: 'offline' }),
    __metadata("design:type", String)
], AgentEntity.prototype, "presence", void 0);
__decorate([
    Column('boolean', { default: true }),
    __metadata("design:type", Boolean)
], AgentEntity.prototype, "active", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], AgentEntity.prototype, "createdAt", void 0);
AgentEntity = __decorate([
    Entity({ name: 'agents' })
], AgentEntity);
export { AgentEntity };
//# sourceMappingURL=agent.entity.js.map