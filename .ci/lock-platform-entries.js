#!/usr/bin/env node
// Keeps package-lock.json installable with `npm ci` everywhere.
//
// Why: the npm registry mirror this project is developed against does not serve every platform
// build of some native packages (e.g. @swc/core-darwin-arm64@1.16.22 answers 404 here while the
// linux builds are served). `npm install` then quietly leaves those optional packages out of the
// lockfile, and `npm ci` refuses the lockfile on every machine ("Missing: @swc/core-darwin-arm64@
// from lock file"), including CI and `docker build`.
//
// What: for every optional dependency whose name states a platform (…-darwin-arm64,
// …-linux-arm-gnueabihf, …-win32-x64-msvc) and that has no lock entry, add one with the version its
// parent pins and the os / cpu / libc its name states. npm skips such entries on other platforms
// without fetching them; on their own platform it fetches them by that exact version.
//
//   node .ci/lock-platform-entries.js          # lists what is missing; exits 1 if anything is
//   node .ci/lock-platform-entries.js --fix    # adds the entries (run after `npm install …`)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.resolve(__dirname, '..', 'package-lock.json');
const PLATFORM =
  /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|ppc64|s390x|loong64|riscv64)(?:-(gnu|gnueabihf|musl|musleabihf|eabi|msvc))?$/;
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' };

const text = fs.readFileSync(lockPath, 'utf8');
const lock = JSON.parse(text);
const packages = lock.packages;

/** Where npm would place `name` for the package at `parentKey` (nested first, then hoisted). */
function resolvedKey(parentKey, name) {
  let dir = parentKey;
  for (;;) {
    const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[key]) return key;
    if (!dir) return null;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at === -1 ? '' : dir.slice(0, at);
  }
}

const missing = new Map();
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const match = PLATFORM.exec(name);
    if (!match || resolvedKey(key, name)) continue;
    const [, os, cpu, abi] = match;
    const added = { version, cpu: [cpu] };
    if (entry.dev) added.dev = true;
    if (LIBC[abi]) added.libc = [LIBC[abi]];
    added.optional = true;
    added.os = [os];
    missing.set(`node_modules/${name}`, added);
  }
}

if (missing.size === 0) {
  console.log('package-lock.json: every optional platform package has an entry');
  process.exit(0);
}
if (!process.argv.includes('--fix')) {
  for (const [key, entry] of missing) console.log(`missing: ${key.slice('node_modules/'.length)}@${entry.version}`);
  console.log(`package-lock.json lacks ${missing.size} optional platform entries: run node .ci/lock-platform-entries.js --fix`);
  process.exit(1);
}

// npm keeps the keys sorted; insert each new one before the first existing key that sorts after it.
const pending = [...missing.keys()].sort((a, b) => a.localeCompare(b, 'en'));
const sorted = {};
for (const [key, entry] of Object.entries(packages)) {
  while (key !== '' && pending.length && pending[0].localeCompare(key, 'en') < 0) {
    const next = pending.shift();
    sorted[next] = missing.get(next);
  }
  sorted[key] = entry;
}
for (const key of pending) sorted[key] = missing.get(key);
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${missing.size} optional platform entries`);
