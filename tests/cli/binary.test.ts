// The built command as a user runs it: `npm run build` output in a process of its own, for what
// only a real process shows (exit codes, stdout versus stderr, standard input, a closed pipe).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as clean from '../../bin/commands/clean.js';
import { PROJECT_ROOT, runCommand } from './run-command.js';

/** Built here, not in dist/: `npm start` in another test file may be rebuilding dist/ meanwhile. */
const OUT_DIR = join('node_modules', '.cache', `scrape-dedup-cli-test-${process.pid}`);
const CLI = join(PROJECT_ROOT, OUT_DIR, 'scrape-dedup.js');
const EXAMPLES = join(PROJECT_ROOT, 'examples', 'scrapes');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'build-cli.js'), OUT_DIR], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);

afterAll(() => rm(join(PROJECT_ROOT, OUT_DIR), { recursive: true, force: true }));

describe('the built scrape-dedup command', () => {
  it('--version prints the package version; --help lists the commands but not the developer-only fixture', async () => {
    const { version } = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['clean', 'ingest', 'list', 'show', 'export', 'report']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(help.stdout).not.toContain('fixture');
    expect(help.stderr).toBe('');
  });

  it('gives every command a --help and -h on stdout with exit 0, and `help <command>` too', async () => {
    // One form per command (a process each; the in-process tests try every form on the parser).
    const forms = [(c: string) => [c, '--help'], (c: string) => [c, '-h'], (c: string) => ['help', c]];
    const commands = ['clean', 'ingest', 'list', 'show', 'export', 'report', 'fixture'];
    for (const [i, command] of commands.entries()) {
      const args = forms[i % forms.length]!(command);
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: scrape-dedup ${command} `));
      expect(run.stderr).toBe('');
    }
  });

  it('usage errors go to stderr with exit 2 and say where the help is', async () => {
    const runs = new Map<string, Run>();
    for (const args of [[], ['clen'], ['clean'], ['clean', '--jsn', 'a.txt'], ['list', 'extra']]) {
      const run = await cli(args);
      runs.set(args.join(' '), run);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr, args.join(' ')).toMatch(/scrape-dedup/);
    }
    expect(runs.get('clen')!.stderr).toContain('(Did you mean clean?)');
    expect(runs.get('clean --jsn a.txt')!.stderr).toContain('`scrape-dedup clean --help`');
  });

  it('cleans exactly as the sources do (the build precomputes the tokenizer tables): examples and mixed scripts', async () => {
    // Characters whose class or lower case the tables decide: CJK, final sigma, accents (composed
    // and combining), full-width letters, a ligature, Cyrillic and Arabic capitals.
    const scratch = await mkdtemp(join(tmpdir(), 'scrape-dedup-built-'));
    const lines = [
      'ΟΔΟΣ ΚΑΙ ΠΟΛΙΣ: Ο ΔΡΌΜΟΣ ΤΗΣ ΠΌΛΗΣ ΞΑΝΑΝΟΊΓΕΙ ΜΕΤΆ ΑΠΌ ΔΈΚΑ ΧΡΌΝΙΑ ΕΡΓΑΣΙΏΝ ΣΤΟ ΛΙΜΆΝΙ ΤΗΣ ΠΌΛΗΣ.',
      '港口渡轮恢复冬季时刻表，这是十年来首次在冬季提供夜航服务，末班船将于晚上十点四十分从大陆出发。',
      'Ｆｕｌｌ-ｗｉｄｔｈ ＡＢＣ and the ﬁnal ﬂight of the Cafe\u0301 Müller ÉCOLE at Ⅻ o’clock — Ünïcödé everywhere in this line.',
      'ГОРОДСКОЙ ПАРОМ ВОЗВРАЩАЕТСЯ К ЗИМНЕМУ РАСПИСАНИЮ ПОСЛЕ ДЕСЯТИЛЕТНЕГО ПЕРЕРЫВА, СООБЩИЛИ В ПОРТУ.',
    ];
    const mixed = join(scratch, 'mixed.txt');
    await writeFile(mixed, ['Mixed scripts', ...lines].join('\n\n'));
    try {
      const args = ['--json', '--jobs', '1', EXAMPLES, mixed];
      const built = await cli(['clean', ...args]);
      const sources = await runCommand(clean.run, args);
      expect(built.code).toBe(sources.code);
      expect(built.stdout.split('\n').length).toBeGreaterThan(6);
      expect(built.stdout).toBe(sources.stdout);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('clean - reads standard input', async () => {
    const text = await readFile(join(EXAMPLES, '01-ferry-timetable.txt'), 'utf8');
    const run = await cli(['clean', '-', '--json'], text);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: '-', title: expect.stringMatching(/ferry/i) });
  });

  it('ends quietly, with exit 0, when the reader of its output goes away (| head)', async () => {
    // Enough output to fill the pipe many times over: the examples folder named 60 times.
    const child = spawn(process.execPath, [CLI, 'clean', '--json', '--jobs', '1', ...Array<string>(60).fill(EXAMPLES)], { cwd: PROJECT_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
