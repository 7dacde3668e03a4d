#!/usr/bin/env node
// The `scrape-dedup` command. The CLI is written in TypeScript (bin/cli.ts);
// tsx compiles it on load so `npx scrape-dedup` works straight after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
