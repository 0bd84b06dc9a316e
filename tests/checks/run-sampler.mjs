// Watches a test run for secret-scan.sh, every 200 ms:
//  * command lines: /proc/<pid>/cmdline of each descendant of ROOT_PID, each
//    distinct one appended once (NULs and newlines as spaces) to
//    OUT/cmdlines;
//  * files: every regular file under WATCH_DIR that is new or changed since
//    the last look is copied to OUT/files/<look>/<its path under WATCH_DIR>,
//    so that files the tests delete again (their temporary HOMEs) can still
//    be scanned afterwards.
// OUT may lie inside WATCH_DIR; it is skipped. Bounded: at most 100,000 distinct command lines / 64 MiB, files up to
// 16 MiB each and 1 GiB in all; beyond that it only counts. Stops on
// SIGTERM/SIGINT or when ROOT_PID is gone, writing its figures to
// OUT/sampler-stats as "key value" lines. Whatever lives for less than one
// interval can be missed.
//
//   node run-sampler.mjs OUT ROOT_PID WATCH_DIR
import {
  appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const [out, rootArgument, watchDir] = process.argv.slice(2);
const root = Number(rootArgument);
if (!out || !watchDir || !Number.isInteger(root) || root <= 1) {
  process.stderr.write('usage: node run-sampler.mjs OUT ROOT_PID WATCH_DIR\n');
  process.exit(2);
}
const INTERVAL_MS = 200;
const MAX_LINES = 100000;
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_COPIED_BYTES = 1024 * 1024 * 1024;

const cmdlines = join(out, 'cmdlines');
const files = join(out, 'files');
const stats = {
  samples: 0, commandLines: 0, commandLinesDropped: 0,
  fileCopies: 0, copiedBytes: 0, filesDropped: 0,
};
const seenLines = new Set();
let lineBytes = 0;
const seenFiles = new Map(); // path -> "size:mtime"

function parentOf(pid) {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function sampleCommandLines() {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parents.set(Number(name), parentOf(name));
    } catch {
      // gone meanwhile
    }
  }
  const descends = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 128; p = parents.get(p) ?? 0, ++hops) {
      if (p === root) return true;
    }
    return false;
  };
  const lines = [];
  for (const pid of parents.keys()) {
    if (pid === process.pid || !descends(pid)) continue;
    let raw;
    try {
      raw = readFileSync(`/proc/${pid}/cmdline`);
    } catch {
      continue;
    }
    if (raw.length === 0) continue; // kernel threads, zombies
    const line = raw.toString('utf8').replace(/\0+$/, '').replace(/[\0\r\n]/g, ' ');
    if (seenLines.has(line)) continue;
    if (seenLines.size >= MAX_LINES || lineBytes + line.length + 1 > MAX_LINE_BYTES) {
      ++stats.commandLinesDropped;
      continue;
    }
    seenLines.add(line);
    lineBytes += line.length + 1;
    lines.push(`${line}\n`);
  }
  if (lines.length) appendFileSync(cmdlines, lines.join(''), { mode: 0o600 });
  stats.commandLines = seenLines.size;
  return parents.has(root);
}

function sampleFiles(directory) {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return; // removed meanwhile, or not readable
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (resolve(path) !== resolve(out)) sampleFiles(path); // never our own records
      continue;
    }
    if (!entry.isFile()) continue; // sockets, fifos, symlinks
    let info;
    try {
      info = statSync(path);
    } catch {
      continue;
    }
    const state = `${info.size}:${info.mtimeMs}`;
    if (seenFiles.get(path) === state) continue;
    seenFiles.set(path, state);
    if (info.size > MAX_FILE_BYTES || stats.copiedBytes + info.size > MAX_COPIED_BYTES) {
      ++stats.filesDropped;
      continue;
    }
    const copy = join(files, String(stats.samples).padStart(6, '0'), relative(watchDir, path));
    try {
      mkdirSync(dirname(copy), { recursive: true, mode: 0o700 });
      copyFileSync(path, copy);
      ++stats.fileCopies;
      stats.copiedBytes += info.size;
    } catch {
      // deleted between the look and the copy
    }
  }
}

function sample() {
  const rootAlive = sampleCommandLines();
  sampleFiles(watchDir);
  ++stats.samples;
  if (!rootAlive) finish();
}

function finish() {
  writeFileSync(join(out, 'sampler-stats'),
    Object.entries(stats).map(([key, value]) => `${key} ${value}\n`).join(''));
  process.exit(0);
}

process.on('SIGTERM', finish);
process.on('SIGINT', finish);
mkdirSync(files, { recursive: true, mode: 0o700 });
writeFileSync(cmdlines, '', { mode: 0o600 });
sample();
setInterval(sample, INTERVAL_MS);
