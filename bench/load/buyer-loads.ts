// Every customer's buyers at once, one load per customer and kind of request (bench/load/run.ts
// and capacity.ts), each with its own deterministic traffic.
import { startLoad, type RunningLoad } from './buyer-load.ts';
import { CUSTOMERS, type Customer, type LeakOracle, type SharedItem } from './leak-oracle.ts';
import { KINDS, trafficFor } from './traffic.ts';

export interface BuyerLoadsInput {
  origin: string;
  sessions: Record<Customer, string[]>;
  categories: Record<Customer, string[]>;
  shared: readonly SharedItem[];
  oracle: LeakOracle;
  /** Traffic seed: the customers' seeds follow it. */
  seed: number;
  /** Requests per second offered in all, shared equally by the customers and kinds. */
  rate: number;
  maxSeconds: number;
  maxRequests: number;
}

export function startBuyerLoads(o: BuyerLoadsInput): RunningLoad[] {
  return CUSTOMERS.flatMap((customer, c) => {
    const traffic = trafficFor(customer, { demoCategories: o.categories[customer], shared: o.shared }, o.seed + c);
    return KINDS.map((kind, k) => startLoad({
      origin: o.origin, cookies: o.sessions[customer], customer, kind, next: traffic[kind], oracle: o.oracle,
      rate: o.rate / (CUSTOMERS.length * KINDS.length), seed: o.seed * 31 + c * KINDS.length + k, maxSeconds: o.maxSeconds, maxRequests: o.maxRequests,
    }));
  });
}
