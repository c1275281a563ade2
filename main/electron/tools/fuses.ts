// electron-builder's afterPack hook (electron-builder.yml): flips the packaged Electron binary's fuses
// before it is signed. Anyone who can start an app can also start it with ELECTRON_RUN_AS_NODE,
// NODE_OPTIONS or --inspect, and so run any code of theirs as Dialwell, with the trust the person and the
// system give Dialwell; these switches are compiled out of the shipped binary.
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';
import { Arch, type AfterPackContext, type LinuxPackager } from 'electron-builder';

/** The fuses of a Dialwell build for one platform and architecture. */
export function dialwellFuses(platform: string, arch: Arch): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // flipping a fuse breaks the ad-hoc signature Apple silicon needs to start the app at all
    resetAdHocDarwinSignature: platform === 'darwin' && (arch === Arch.arm64 || arch === Arch.universal),
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // the app keeps no cookies of its own, so none is lost by encrypting them at rest from the first start
    [FuseV1Options.EnableCookieEncryption]: true,
    // the code run is the app.asar electron-builder wrote, checked against the hash it embedded
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // left on: the window loads its ES-module bundle from file://, which a browser's plain file:// rules refuse
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
  };
}

/** Where the fuse wire of a packed app is: the executable, or the .app bundle on macOS. */
export function packedElectronBinary(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${product}.exe`);
  // the Linux packager names the executable itself (the lower-case package name unless configured)
  return join(appOutDir, (packager as LinuxPackager).executableName);
}

export default async function flipDialwellFuses(context: AfterPackContext): Promise<void> {
  await flipFuses(packedElectronBinary(context), dialwellFuses(context.electronPlatformName, context.arch));
}
