// Runs a CLI command in this process and captures what it prints, or spawns the real
// `scrape-dedup` binary; both return the exit code and the output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/** The project root (tests/cli/ is two levels down). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a command printed and returned. */
export interface CommandOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Calls a command's `run(args)` with stdout and stderr captured.
 *
 * @example
 * const { code, stdout } = await runCommand(ingest.run, ['examples/scrapes', '--json']);
 */
export async function runCommand(run: (args: string[]) => Promise<number>, args: string[]): Promise<CommandOutput> {
  let stdout = '';
  let stderr = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  });
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

/**
 * Spawns a command (e.g. `npm start`) in the project root with extra environment.
 *
 * @example
 * const { code, stdout } = await spawnCommand('npm', ['start', '--', '--json'], { SCRAPE_DEDUP_STATE: dir });
 */
export function spawnCommand(command: string, args: string[], env: Record<string, string>): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Parses JSON-lines output. */
export function jsonLines<T>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as T);
}
