import type { APIRoute } from 'astro';
import { getApp } from '../app.server.ts';

// Liveness: 200 while the database answers, 503 otherwise.
export const GET: APIRoute = async () => {
  try {
    const { database } = await getApp();
    await database.client.execute('SELECT 1');
    return Response.json({ status: 'ok', database: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    console.error('healthz: database check failed', e);
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
