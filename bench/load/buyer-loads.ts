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
  connections: number;
  rate: number;
  maxSeconds: number;
  maxRequests: number;
}

/** Requests per second offered by loads of `connections` per customer and kind at `rate` each. */
export const offeredRate = (connections: number, rate: number): number => CUSTOMERS.length * KINDS.length * connections * rate;

export function startBuyerLoads(o: BuyerLoadsInput): RunningLoad[] {
  return CUSTOMERS.flatMap((customer, c) => {
    const traffic = trafficFor(customer, { demoCategories: o.categories[customer], shared: o.shared }, o.seed + c);
    return KINDS.map((kind) => startLoad({
      origin: o.origin, cookies: o.sessions[customer], customer, kind, next: traffic[kind], oracle: o.oracle,
      connections: o.connections, rate: o.rate, maxSeconds: o.maxSeconds, maxRequests: o.maxRequests,
    }));
  });
}
