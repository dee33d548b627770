import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Sends SIGTERM to a child process, and SIGKILL after `timeoutMs`, then
 * waits for it to exit. Returns at once when it already exited.
 */
export async function stopProcess(
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }

  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
