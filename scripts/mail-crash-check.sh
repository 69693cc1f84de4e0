#!/bin/bash
# Issue 8 §3 fault check: a forgot-password request answers, the server is SIGKILLed at that
# moment, then restarted. Is the reset email delivered, and only once?
# Needs a production build (npm run build), /usr/bin/chromium and a Postgres server:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/mail-crash-check.sh [trials]
# It creates (and drops) its own database; PORT (3701) and RESEND_PORT (3791) are configurable.
set -u
cd "$(dirname "$0")/.."
TRIALS=${1:-3}
PORT=${PORT:-3701}
RESEND_PORT=${RESEND_PORT:-3791}
WORK=$(mktemp -d)
NAME=mail_crash_$$
DB=$(npx tsx scripts/db-create-test.ts "$NAME" | tail -1)
export DATABASE_URL=$DB RESEND_API_KEY=re_crash_check RESEND_BASE_URL=http://127.0.0.1:$RESEND_PORT
export EMAIL_FROM='Tessera <hello@tessera.test>' APP_URL=http://localhost:$PORT SEED_DEMO=1 LOG_LEVEL=warn
touch "$WORK/resend.log"
node scripts/mail-crash/fake-resend.mjs "$RESEND_PORT" "$WORK/resend.log" &
FAKE=$!
trap 'kill "$FAKE" 2> /dev/null; [ -f "$WORK/server.pid" ] && kill -9 -- "-$(cat "$WORK/server.pid")" 2> /dev/null' EXIT
q() { psql -qtA "$DB" -c "$1"; }
start() {
  setsid npx next start -p "$PORT" > "$WORK/server-$1.log" 2>&1 &
  echo $! > "$WORK/server.pid"
  for _ in $(seq 1 240); do curl -sf "http://localhost:$PORT/api/health" > /dev/null && return; sleep 0.5; done
  echo "server did not start (see $WORK/server-$1.log)"; exit 1
}
stop() { kill -9 -- "-$(cat "$WORK/server.pid")" 2> /dev/null; sleep 1; }
requests() { wc -l < "$WORK/resend.log"; }
queued() { q "select count(*) from email_outbox where template = 'password-reset' and status = 'queued'"; }
survived=0
for trial in $(seq 1 "$TRIALS"); do
  start "$trial-a"
  answer=$(node scripts/mail-crash/submit.mjs "http://localhost:$PORT" demo@tessera.local "$(cat "$WORK/server.pid")")
  stop
  at_kill="requests=$(requests) queued=$(queued)"
  start "$trial-b"
  for waited in $(seq 1 150); do [ "$(queued)" = 0 ] && break; sleep 1; done
  echo "{\"trial\":$trial,\"answer\":$answer,\"atKill\":\"$at_kill\",\"afterRestart\":\"requests=$(requests) queued=$(queued)\",\"deliveredWithinS\":$waited}"
  stop
done
sent=$(q "select count(*) from email_outbox where template = 'password-reset' and status = 'sent'")
keys=$(grep -o '"key":"[^"]*"' "$WORK/resend.log" | sort -u | wc -l)
echo "{\"name\":\"mail_crash_delivered\",\"value\":$sent,\"of\":$TRIALS,\"resendRequests\":$(requests),\"distinctMessages\":$keys}"
psql -qtA "${DB%/*}/postgres" -c "drop database $NAME" > /dev/null
