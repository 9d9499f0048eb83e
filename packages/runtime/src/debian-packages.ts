import { spawnSync, type StdioOptions } from 'node:child_process';

/** Is `command` on PATH? */
export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

/** May this process install Debian packages itself (root, with apt-get)? */
export function canInstallDebianPackages(): boolean {
  return process.getuid?.() === 0 && commandExists('apt-get');
}

/**
 * Installs Debian packages when this process may (root with apt-get), after refreshing the package lists.
 * False when it may not, or when the install failed.
 */
export function installDebianPackages(packages: string[], stdio: StdioOptions = 'ignore'): boolean {
  if (!canInstallDebianPackages()) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio, env });
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio, env }).status === 0;
}
