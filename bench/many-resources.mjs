// A loopback HTTP server with many protected MCP resources for bench/run.sh:
// /mcp/0 ... /mcp/<count-1> answer every request with 401 and a
// WWW-Authenticate challenge, exactly like an MCP server that needs sign-in
// (what `mcp-accounts-cli status` probes for). Also serves each resource's
// protected resource metadata, a small sign-in page at /signin for the web
// view benchmark, and counters at /admin/stats (requests, 401 answers, open
// connections and the most open at once: the client's parallelism).
//
//   node many-resources.mjs [--count N]     (default 200)
//
// Prints "READY http://127.0.0.1:<port>" on stdout once listening; logs
// nothing else. Exits when stdin closes, or on SIGTERM/SIGINT.
import http from 'node:http';

const countFlag = process.argv.indexOf('--count');
const count = countFlag > 0 ? Number(process.argv[countFlag + 1]) : 200;
if (!Number.isInteger(count) || count < 1 || count > 100000) {
    console.error('many-resources: --count takes a whole number from 1 to 100000');
    process.exit(2);
}

const stats = { requests: 0, unauthorized: 0, connections: 0, maxConnections: 0 };
let origin = '';

const signinPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in</h1>
<form method="post" action="/signin"><label>User <input name="login" id="login"></label>
<label>Password <input type="password" name="password" id="password"></label>
<button id="submit">Sign in</button></form></body></html>
`;

function send(response, status, type, body, headers = {}) {
    response.writeHead(status, {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        ...headers,
    });
    response.end(body);
}

function resourceIndex(path, prefix) {
    if (!path.startsWith(prefix))
        return -1;
    const rest = path.slice(prefix.length);
    if (!/^(0|[1-9][0-9]*)$/.test(rest))
        return -1;
    const index = Number(rest);
    return index < count ? index : -1;
}

const server = http.createServer((request, response) => {
    stats.requests += 1;
    const path = new URL(request.url, origin).pathname;
    request.resume(); // drain any body
    request.on('end', () => {
        const mcp = resourceIndex(path, '/mcp/');
        if (mcp >= 0) {
            stats.unauthorized += 1;
            const metadata = `${origin}/.well-known/oauth-protected-resource/mcp/${mcp}`;
            send(response, 401, 'application/json',
                JSON.stringify({ error: 'invalid_token', error_description: 'Missing Authorization header' }),
                { 'WWW-Authenticate': `Bearer resource_metadata="${metadata}", scope="mcp:read"` });
            return;
        }
        const prm = resourceIndex(path, '/.well-known/oauth-protected-resource/mcp/');
        if (prm >= 0) {
            send(response, 200, 'application/json', JSON.stringify({
                resource: `${origin}/mcp/${prm}`,
                authorization_servers: [`${origin}/`],
                scopes_supported: ['mcp:read'],
            }));
            return;
        }
        if (path === '/signin') {
            send(response, 200, 'text/html; charset=utf-8', signinPage);
            return;
        }
        if (path === '/admin/stats') {
            send(response, 200, 'application/json', JSON.stringify(stats));
            return;
        }
        if (path === '/admin/reset-stats' && request.method === 'POST') {
            stats.requests = 0;
            stats.unauthorized = 0;
            stats.maxConnections = stats.connections;
            send(response, 200, 'application/json', '{"ok":true}');
            return;
        }
        send(response, 404, 'text/plain', 'not found\n');
    });
});

// The client's parallelism: the most connections open at once (a request is
// answered within one turn of the event loop, so requests never overlap here).
server.on('connection', (socket) => {
    stats.connections += 1;
    stats.maxConnections = Math.max(stats.maxConnections, stats.connections);
    socket.on('close', () => { stats.connections -= 1; });
});

server.listen(0, '127.0.0.1', () => {
    origin = `http://127.0.0.1:${server.address().port}`;
    process.stdout.write(`READY ${origin}\n`);
});

const stop = () => process.exit(0);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
