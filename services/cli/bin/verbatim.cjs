#!/usr/bin/env node
// The installed `verbatim` command: runs the TypeScript entry through tsx, as `npm start` runs the service.
require('tsx/cjs/api').register();
require('../src/main.ts');
