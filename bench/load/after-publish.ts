// Once the new list is live: Globex (whose view includes Fasteners 2027) finds one of its new
// SKUs by search; Initech (whose views do not) gets no hit and no leak for the same search.
import type { Customer, LeakOracle } from './leak-oracle.ts';

export async function checkAfterPublish(origin: string, cookies: Record<Customer, string>, oracle: LeakOracle): Promise<{ sku: string; globexFinds: boolean; initechFinds: boolean }> {
  const sku = 'AF-0001234';
  const finds = async (customer: Customer) => {
    const res = await fetch(`${origin}/search?q=${sku}`, { headers: { cookie: cookies[customer] } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`after publish: ${customer}'s search answered ${res.status}`);
    return body.includes(`/products/fasteners-2027/${sku}"`) || oracle.leaks(customer, body, sku).length > 0;
  };
  return { sku, globexFinds: await finds('globex'), initechFinds: await finds('initech') };
}
