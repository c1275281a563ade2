import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIPP = '/usr/bin/sipp';
const SCENARIOS = fileURLToPath(new URL('./scenarios/', import.meta.url));

export interface SippUas {
  /** Where SIPp takes SIP (on 127.0.0.1). */
  port: number;
  /** Its RTP echo port (with `rtpEcho`). */
  mediaPort: number;
  /** SIPp's exit code (0: every call passed its scenario) and the tail of what it printed. */
  exit: Promise<{ code: number | null; output: string }>;
  /** Ends SIPp (for runs without a call limit). */
  stop(): Promise<void>;
}

export interface SippOptions {
  transport?: 'udp' | 'tcp';
  /** Exit after this many calls; without it SIPp runs until stop(). */
  calls?: number;
  /** Values for {{name}} in the XML, for what SIPp cannot take as a variable (a status line). */
  fill?: Record<string, string>;
  rtpEcho?: boolean;
  /** SIPp gives up (and fails) after this long. */
  timeoutSeconds?: number;
}

/** A random even UDP port nobody holds now, with its +2 free too (SIPp's RTP echo binds both). */
async function freeUdpPort(): Promise<number> {
  for (;;) {
    const port = 20000 + 2 * Math.floor(Math.random() * 10000);
    const bound = await Promise.all([port, port + 2].map(canBindUdp));
    if (bound.every(Boolean)) return port;
  }
}

function canBindUdp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** Whether something listens on 127.0.0.1:port, read from the kernel's table (probing would race SIPp). */
function listening(transport: 'udp' | 'tcp', port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync(`/proc/net/${transport}`, 'utf8')
    .split('\n')
    .some((line) => {
      const [, local, , state] = line.trim().split(/\s+/);
      return local?.endsWith(`:${hex}`) && (transport === 'udp' || state === '0A');
    });
}

/** Starts SIPp as a UAS on 127.0.0.1 with `scenario` (a file in scenarios/) and waits until it listens. */
export async function startSippUas(scenario: string, options: SippOptions = {}): Promise<SippUas> {
  const transport = options.transport ?? 'udp';
  const port = await freeUdpPort();
  const mediaPort = await freeUdpPort();
  // the filled-in scenario, and any log SIPp writes, live in a folder removed when SIPp ends
  const workDir = mkdtempSync(join(tmpdir(), 'dialwell-sipp-'));
  const scenarioFile = join(workDir, scenario);
  const template = readFileSync(join(SCENARIOS, scenario), 'utf8');
  writeFileSync(scenarioFile, template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => options.fill?.[name] ?? `{{${name}}}`));
  const args = [
    '-sf', scenarioFile, '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-t', transport === 'tcp' ? 't1' : 'u1', '-nostdin', '-timeout', `${options.timeoutSeconds ?? 20}s`, '-timeout_error',
    ...(options.calls ? ['-m', String(options.calls)] : []),
    ...(options.rtpEcho ? ['-rtp_echo'] : []), 
  ];
  const child = spawn(SIPP, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => {
      rmSync(workDir, { recursive: true, force: true });
      resolve({ code, output });
    }),
  );
  let exited = false;
  void exit.then(() => (exited = true));
  const started = Date.now();
  while (!listening(transport, port)) {
    if (!exited && Date.now() - started > 5000) child.kill('SIGTERM');
    if (exited || Date.now() - started > 5000) throw new Error(`SIPp did not start: ${(await exit).output}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    port,
    mediaPort,
    exit,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
