// Resend's send endpoint on 127.0.0.1 for scripts/mail-crash-check.sh: answers like Resend
// (the same message id for a repeated Idempotency-Key) and logs one JSON line per request.
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';

const [, , port, log] = process.argv;
const seen = new Map();
createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const key = req.headers['idempotency-key'];
    const body = JSON.parse(raw || '{}');
    if (!seen.has(key)) seen.set(key, `msg-${seen.size + 1}`);
    appendFileSync(log, JSON.stringify({ at: new Date().toISOString(), key, to: body.to, subject: body.subject }) + '\n');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: seen.get(key) }));
  });
}).listen(Number(port), '127.0.0.1');
