// One MCP session through a stdio server (our bridge, or mcp-remote's
// proxy) or straight over Streamable HTTP, timed from the inside: prints
// one JSON line {startupMs, rssKiB, p50Ms, p99Ms, calls}. Used by
// bench/run.sh (benchmark 6); never part of the tests.
//
//   node bridge-driver.mjs [--calls N] -- COMMAND [ARGS...]   # stdio
//   node bridge-driver.mjs [--calls N] --direct URL            # HTTP; the token
//                                                              # in MCP_ACCESS_TOKEN
// startupMs: from spawning the server to the answer of the first tools/list.
// rssKiB: the stdio server's resident set after 100 tool calls.
// p50Ms/p99Ms: of N further echo calls, one at a time.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from '../tests/fixtures/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js';
import { StdioClientTransport } from '../tests/fixtures/node_modules/@modelcontextprotocol/sdk/dist/esm/client/stdio.js';
import { StreamableHTTPClientTransport } from '../tests/fixtures/node_modules/@modelcontextprotocol/sdk/dist/esm/client/streamableHttp.js';

const argv = process.argv.slice(2);
let calls = 1000;
let direct = null;
let command = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--calls') calls = Number(argv[++i]);
  else if (argv[i] === '--direct') direct = argv[++i];
  else if (argv[i] === '--') { command = argv.slice(i + 1); break; }
  else { process.stderr.write(`bridge-driver: unknown option ${argv[i]}\n`); process.exit(2); }
}
if (!direct && command.length === 0) {
  process.stderr.write('bridge-driver: give -- COMMAND or --direct URL\n');
  process.exit(2);
}

const rssOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

const start = performance.now();
const transport = direct
  ? new StreamableHTTPClientTransport(new URL(direct), {
    requestInit: { headers: { Authorization: `Bearer ${process.env.MCP_ACCESS_TOKEN ?? ''}` } },
  })
  : new StdioClientTransport({ command: command[0], args: command.slice(1), env: process.env, stderr: 'ignore' });
const client = new Client({ name: 'mcp-accounts-bench', version: '1' });
await client.connect(transport);
await client.listTools();
const startupMs = performance.now() - start;

const echo = async (i) => {
  const result = await client.callTool({ name: 'echo', arguments: { text: `t${i}` } });
  if (result.content?.[0]?.text !== `t${i}`) throw new Error(`call ${i}: wrong answer`);
};
for (let i = 0; i < 100; i++) await echo(i);
const pid = direct ? null : transport._process?.pid;
const rssKiB = pid ? rssOf(pid) : null;

const times = [];
for (let i = 0; i < calls; i++) {
  const t = performance.now();
  await echo(i);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
await client.close();
const round = (x) => (x === null ? null : Math.round(x * 1000) / 1000);
process.stdout.write(`${JSON.stringify({
  startupMs: round(startupMs), rssKiB, p50Ms: round(percentile(times, 0.5)), p99Ms: round(percentile(times, 0.99)), calls,
})}\n`);
