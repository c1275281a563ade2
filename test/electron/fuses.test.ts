import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Arch, type AfterPackContext } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import flipDialwellFuses, { dialwellFuses } from '../../main/electron/tools/fuses';
import { tempFile } from '../support/tempFiles';

/** How Electron marks its fuse wire in the binary: a sentinel, the wire's version and length, one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped defaults, plus a ninth fuse newer than this @electron/fuses knows. */
const SHIPPED_WIRE = '101100011';

function fakeElectron(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, SHIPPED_WIRE.length]), Buffer.from(SHIPPED_WIRE)]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
}

function packContext(platform: string, arch: Arch): AfterPackContext {
  const appOutDir = dirname(tempFile('unpacked'));
  const packager = { appInfo: { productFilename: 'Dialwell' }, executableName: 'dialwell' };
  return { appOutDir, electronPlatformName: platform, arch, packager, outDir: appOutDir, targets: [] } as unknown as AfterPackContext;
}

/** What a packaged Dialwell runs with; the window's module scripts load from file://, hence the last. */
const EXPECTED: [FuseV1Options, boolean][] = [
  [FuseV1Options.RunAsNode, false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  [FuseV1Options.EnableCookieEncryption, true],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, true],
];

/** How the wire stores a fuse: the character '1' or '0'. */
const state = (on: boolean) => (on ? '1' : '0').charCodeAt(0);

describe('the fuses of a packaged Dialwell', () => {
  it('turns off running as Node, NODE_OPTIONS and the inspector; loads only the integrity-checked app.asar', () => {
    const fuses = dialwellFuses('linux', Arch.x64);
    for (const [fuse, on] of EXPECTED) expect(fuses[fuse], FuseV1Options[fuse]).toBe(on);
    // untouched: needs a snapshot of its own
    expect(fuses[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBeUndefined();
  });

  it('resets the ad-hoc signature only where macOS needs one to start the app (Apple silicon, universal)', () => {
    expect(dialwellFuses('darwin', Arch.arm64).resetAdHocDarwinSignature).toBe(true);
    expect(dialwellFuses('darwin', Arch.universal).resetAdHocDarwinSignature).toBe(true);
    expect(dialwellFuses('darwin', Arch.x64).resetAdHocDarwinSignature).toBe(false);
    expect(dialwellFuses('linux', Arch.arm64).resetAdHocDarwinSignature).toBe(false);
    expect(dialwellFuses('win32', Arch.x64).resetAdHocDarwinSignature).toBe(false);
  });

  for (const [platform, binary] of [['linux', 'dialwell'], ['win32', 'Dialwell.exe'], ['darwin', 'Dialwell.app/Contents/Frameworks/Electron Framework.framework/Electron Framework']] as const) {
    it(`flips the wire in the packed ${platform} binary and leaves fuses it does not know as shipped`, async () => {
      const context = packContext(platform, Arch.x64);
      const path = join(context.appOutDir, binary);
      fakeElectron(path);
      await flipDialwellFuses(context);

      const wire = await getCurrentFuseWire(platform === 'darwin' ? join(context.appOutDir, 'Dialwell.app') : path);
      for (const [fuse, on] of EXPECTED) expect(wire[fuse], FuseV1Options[fuse]).toBe(state(on));
      expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(state(false));
      const bytes = readFileSync(path);
      expect(String.fromCharCode(bytes[bytes.indexOf(SENTINEL) + SENTINEL.length + 2 + 8])).toBe(SHIPPED_WIRE[8]);
    });
  }

  it('is the afterPack hook electron-builder loads from its config, as npm run package runs it (under tsx)', () => {
    const hook = readFileSync('electron-builder.yml', 'utf8').match(/^afterPack:\s*(\S+)$/m)?.[1];
    expect(hook).toBe('./main/electron/tools/fuses.ts');
    const loaded = execFileSync(
      process.execPath,
      ['--import', 'tsx', '-e', `require('app-builder-lib/out/util/resolve').resolveFunction(undefined, ${JSON.stringify(hook)}, 'afterPack', process.cwd()).then((f) => process.stdout.write(f.name))`],
      { encoding: 'utf8' },
    );
    expect(loaded).toBe(flipDialwellFuses.name);
  });
});
