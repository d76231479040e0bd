var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
let SlaPolicyEntity = class SlaPolicyEntity {
    priority;
    tier;
    firstResponseMinutes;
    updateCadenceMinutes;
    resolutionMinutes;
    updatedAt;
};
__decorate([
    PrimaryColumn('text'),
    __metadata("design:type", String)
], SlaPolicyEntity.prototype, "priority", void 0);
__decorate([
    PrimaryColumn('text'),
    __metadata("design:type", String)
], SlaPolicyEntity.prototype, "tier", void 0);
__decorate([
    Column('integer', { name: 'first_response_minutes' }),
    __metadata("design:type", Number)
], SlaPolicyEntity.prototype, "firstResponseMinutes", void 0);
__decorate([
    Column('integer', { name: 'update_cadence_minutes' }),
    __metadata("design:type", Number)
], SlaPolicyEntity.prototype, "updateCadenceMinutes", void 0);
__decorate([
    Column('integer', { name: 'resolution_minutes' }),
    __metadata("design:type", Number)
], SlaPolicyEntity.prototype, "resolutionMinutes", void 0);
__decorate([
    UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], SlaPolicyEntity.prototype, "updatedAt", void 0);
SlaPolicyEntity = __decorate([
    Entity({ name: 'sla_policies' })
], SlaPolicyEntity);
export { SlaPolicyEntity };
//# sourceMappingURL=sla-policy.entity.js.map