#!/usr/bin/env node
// Entry of `npx onetrip-hw`: load the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../node/cli/main.ts');
