// CPU time and memory of a process together with the processes it started (the server's
// primary and its serving and jobs processes), read from /proc.
import { readdirSync, readFileSync } from 'node:fs';

/** The process and its descendants, by pid. */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch { return []; } // ended
  return [pid, ...children.flatMap(processTree)];
}

/** A process's or thread's stat file, read once: field `n` as numbered in proc(5) (14 user time, 15 system time, 41 scheduling policy). */
function statFields(statFile: string): (n: number) => number {
  const stat = readFileSync(statFile, 'utf8');
  // The fields after the command name, which may itself hold ") ".
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (n) => Number(fields[n - 3]);
}

/** CPU time (user + system) used so far, in ms (Linux clock ticks of 10 ms); 0 for an ended process. */
export function cpuMsOf(pid: number): number {
  try {
    const field = statFields(`/proc/${pid}/stat`);
    return (field(14) + field(15)) * 10;
  } catch { return 0; }
}

export const treeCpuMs = (pid: number): number => processTree(pid).reduce((sum, p) => sum + cpuMsOf(p), 0);

/** A process's role as the server started it (VITRINE_ROLE), `primary` or `single` otherwise. */
export function roleOf(pid: number, rootPid: number): string {
  try {
    const role = /(?:^|\0)VITRINE_ROLE=(\w+)/.exec(readFileSync(`/proc/${pid}/environ`, 'latin1'))?.[1];
    return role ?? (pid === rootPid && processTree(rootPid).length > 1 ? 'primary' : 'single');
  } catch { return 'ended'; }
}

const POLICY_NAMES: Record<number, string> = { 0: 'normal', 1: 'fifo', 2: 'round-robin', 3: 'batch', 5: 'idle', 6: 'deadline' };

/** How many of a process's threads run under each Linux scheduling policy (field 41 of each thread's stat), e.g. "12 normal, 1 batch". */
export function threadSchedulingOf(pid: number): string {
  const counts = new Map<string, number>();
  let tids: string[] = [];
  try { tids = readdirSync(`/proc/${pid}/task`); } catch { return 'ended'; }
  for (const tid of tids) {
    try {
      const policy = statFields(`/proc/${pid}/task/${tid}/stat`)(41);
      const name = POLICY_NAMES[policy] ?? `policy ${policy}`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    } catch { /* the thread ended meanwhile */ }
  }
  return [...counts].map(([name, n]) => `${n} ${name}`).join(', ');
}

/** Peak resident memory so far (VmHWM), in MB; NaN once ended. */
export function peakRssMbOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
  } catch { return NaN; }
}

/** Samples the peak RSS of every process of the tree each second until stopped (replaced processes count too). */
export function watchPeakRss(rootPid: number): { stop(): Array<{ pid: number; role: string; peakMb: number }> } {
  const seen = new Map<number, { role: string; peakMb: number }>();
  const sample = () => {
    for (const pid of processTree(rootPid)) {
      const peakMb = peakRssMbOf(pid);
      if (Number.isNaN(peakMb)) continue;
      const known = seen.get(pid);
      seen.set(pid, { role: known?.role ?? roleOf(pid, rootPid), peakMb: Math.max(peakMb, known?.peakMb ?? 0) });
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return { stop() { sample(); clearInterval(timer); return [...seen].map(([pid, v]) => ({ pid, ...v })); } };
}

/**
 * Resolves once the process tree has been idle for a moment (under 5% of a core over 1 s), or
 * after `maxMs`: a server just started reads its search index ahead in the background, and a
 * sample taken meanwhile would charge that work to the requests measured.
 */
export async function waitUntilIdle(rootPid: number, maxMs = 60_000): Promise<number> {
  const started = performance.now();
  let before = treeCpuMs(rootPid);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = treeCpuMs(rootPid);
    if (now - before < 50 || performance.now() - started > maxMs) return performance.now() - started;
    before = now;
  }
}
