#!/usr/bin/env node
// The conformance suite's client under test: drives mcp-accounts-cli the
// way a person would for each scenario (which tool to call, with which
// arguments; the client details a person would enter). The suite appends
// the server URL as the last argument and names the scenario in
// MCP_CONFORMANCE_SCENARIO; MCP_CONFORMANCE_CONTEXT holds the client
// details some scenarios hand out. MCPA_CLI is the mcp-accounts-cli to run.
//
// Nothing secret goes on a command line: a client secret reaches the CLI on
// its standard input (--client-secret-stdin).
import { spawn } from 'node:child_process';

const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT || '{}');
const url = process.argv.at(-1);
const cli = process.env.MCPA_CLI;
if (!cli || !url) {
    console.error('adapter: MCPA_CLI and a server URL are needed');
    process.exit(2);
}

// What a person would ask of each scenario's server: the tool calls, in
// order, made in one session. Unlisted scenarios use the auth scenarios'
// server, whose one tool is test-tool.
const calls = {
    initialize: [],
    tools_call: [['add_numbers', { a: 5, b: 3 }]],
    'elicitation-sep1034-client-defaults': [['test_client_elicitation_defaults', {}]],
    'sse-retry': [['test_reconnection', {}]],
    'json-schema-ref-no-deref': [],
    'json-schema-2020-12-preservation': [],
    // Both listed tools; the second name has a hyphen (Mcp-Name as is).
    'http-standard-headers': [['test_headers', {}], ['my-hyphenated-tool', {}]],
    // The one tool left after the client drops those with invalid x-mcp-header.
    'http-invalid-tool-headers': [['valid_tool', { region: 'us-west1' }]],
    // SEP-2322: two tools that answer input_required (with and without
    // requestState), one called after them that must carry neither, and one
    // whose result has no resultType (complete).
    'sep-2322-client-request-state': [
        ['test_mrtr_echo_state', {}],
        ['test_mrtr_no_state', {}],
        ['test_mrtr_unrelated', {}],
        ['test_mrtr_no_result_type', {}],
    ],
};
// Some scenarios hand out the calls to make (the values a person would enter).
const fromContext = (context.toolCalls ?? []).map((call) => [call.name, call.arguments ?? {}]);
const toolCalls = calls[scenario] ?? (fromContext.length ? fromContext : [['test-tool', {}]]);

const args = ['call', url, '--browser', 'none', '--timeout', '60', '--verbose'];
for (const [tool, toolArgs] of toolCalls)
    args.push('--tool', tool, '--args', JSON.stringify(toolArgs));

if (scenario === 'elicitation-sep1034-client-defaults')
    // The person accepts the server's form as it comes: its defaults.
    args.push('--input', '{}');
if (scenario === 'sep-2322-client-request-state')
    // Both input_required tools ask "Confirm?"; the person confirms.
    args.push('--input', '{"confirmed":true}');

let stdin = '';
if (context.client_id) {
    // A pre-registered client, entered by the person for this issuer.
    args.push('--client-id', context.client_id);
    if (context.issuer)
        args.push('--issuer', context.issuer);
    if (context.client_secret) {
        args.push('--client-secret-stdin');
        stdin = context.client_secret + '\n';
    }
}
if (scenario === 'auth/basic-cimd')
    // The person configured this app's Client ID Metadata Document URL.
    args.push('--client-metadata-url', 'https://conformance-test.local/client-metadata.json');

console.error(`adapter: ${scenario}: mcp-accounts-cli ${args.join(' ')}`);
const child = spawn(cli, args, { stdio: ['pipe', 'inherit', 'inherit'] });
child.stdin.end(stdin);
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
