import { HttpProblem } from '../../http/problem.js';

/** 409 for an erased customer (or one being erased): nothing of theirs is exported, merged or changed any more. */
export const customerErased = (): HttpProblem =>
  new HttpProblem(409, 'customer-erased', 'Customer erased', "This customer's data was erased (or is being erased): the record takes no export, merge or change.");
