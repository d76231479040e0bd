import { Module } from '@nestjs/common';
import { CustomerDataRightsController } from './customer-data-rights.controller.js';
import { CustomersController } from './customers.controller.js';
import { ChangeCustomerTier } from './use-cases/change-customer-tier.use-case.js';
import { CustomerDataRights } from './use-cases/customer-data-rights.use-case.js';
import { MergeCustomers } from './use-cases/merge-customers.use-case.js';

@Module({ controllers: [CustomersController, CustomerDataRightsController], providers: [ChangeCustomerTier, MergeCustomers, CustomerDataRights] })
export class CustomersModule {}
