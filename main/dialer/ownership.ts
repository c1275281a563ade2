import { hostname } from 'node:os';
import { newId } from '../db/ids';

/** Dialers alive in this process (tests and tools may run several on one database). */
const liveHere = new Set<string>();
const HOST = hostname();

/** A name for one running dialer: host/pid/instance. Call rows carry it so a restart knows whose calls it may settle. */
export function registerDialer(): { owner: string; release(): void } {
  const owner = `${HOST}/${process.pid}/${newId('dlr')}`;
  liveHere.add(owner);
  return { owner, release: () => liveHere.delete(owner) };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the dialer that placed a call may still be running it. A call with no owner, or owned by a
 * dialer of this process that has stopped, or by a dead process on this host, is orphaned. A dialer on
 * another host is taken as alive (a shared-server store would lease instead).
 */
export function ownerAlive(owner: string | null): boolean {
  if (!owner) return false;
  const [host, pid] = owner.split('/');
  if (host !== HOST) return true;
  if (Number(pid) === process.pid) return liveHere.has(owner);
  return processAlive(Number(pid));
}
