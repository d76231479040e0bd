import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller.js';
import { ChangeCustomerTier } from './use-cases/change-customer-tier.use-case.js';
import { MergeCustomers } from './use-cases/merge-customers.use-case.js';

@Module({ controllers: [CustomersController], providers: [ChangeCustomerTier, MergeCustomers] })
export class CustomersModule {}
