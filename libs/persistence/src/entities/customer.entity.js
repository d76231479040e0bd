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
let CustomerEntity = class CustomerEntity {
    id;
    name;
    email;
    phone;
    tier;
    locale;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], CustomerEntity.prototype, "id", void 0);
__decorate([
    Column('text'),
    __metadata("design:type", String)
], CustomerEntity.prototype, "name", void 0);
__decorate([
    Column('text', { nullable: true }),
    __metadata("design:type", Object)
], CustomerEntity.prototype, "email", void 0);
__decorate([
    Column('text', { nullable: true }),
    __metadata("design:type", Object)
], CustomerEntity.prototype, "phone", void 0);
__decorate([
    Column('text', { default: 'standard' }),
    __metadata("design:type", String)
], CustomerEntity.prototype, "tier", void 0);
__decorate([
    Column('text', { default: 'en' }),
    __metadata("design:type", String)
], CustomerEntity.prototype, "locale", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], CustomerEntity.prototype, "createdAt", void 0);
CustomerEntity = __decorate([
    Entity({ name: 'customers' })
], CustomerEntity);
export { CustomerEntity };
//# sourceMappingURL=customer.entity.js.map