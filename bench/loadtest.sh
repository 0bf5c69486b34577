#!/usr/bin/env bash
# Load test: gunicorn on 127.0.0.1 only, against the PostgreSQL data set made by `danvan generate`,
# 50 simulated users (bench/locustfile.py) for 2 minutes; then a summary, also written into
# bench/RESULTS.md. Bounded in time; stops gunicorn on exit, whatever happens.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench bench/loadtest.sh
#
# Settings (environment): PORT (8108), WORKERS (4), USERS (50), SPAWN_RATE (10), RUN_TIME (2m).
# BACKGROUND=1 also runs the worker (`danvan db_worker`) with a 100,000-row import and the national
# report queued just before the users arrive: does the site keep answering meanwhile? Its result
# goes into its own block of bench/RESULTS.md; the imported rows are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL data set, e.g. postgres://postgres@127.0.0.1:5432/danvan_bench}"
PORT="${PORT:-8108}"
WORKERS="${WORKERS:-4}"
USERS="${USERS:-50}"
SPAWN_RATE="${SPAWN_RATE:-10}"
RUN_TIME="${RUN_TIME:-2m}"
OUT="${OUT:-var/loadtest}"
rm -rf "$OUT" && mkdir -p "$OUT"

uv sync --quiet
echo "== plan: sessions, units and URLs for the simulated users"
uv run danvan bench --prepare-load "$OUT/plan.json"

echo "== gunicorn: $WORKERS workers on 127.0.0.1:$PORT"
DEBUG=0 .venv/bin/gunicorn danvan.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
  --pid "$OUT/gunicorn.pid" --error-logfile "$OUT/gunicorn.log" --access-logfile /dev/null --timeout 60 &
gunicorn_pid=$!
worker_pid=""
stop() {
  kill -TERM "$gunicorn_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && kill -TERM "$worker_pid" 2>/dev/null || true
  wait "$gunicorn_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && wait "$worker_pid" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.5
done

if [ "${BACKGROUND:-0}" = "1" ]; then
  echo "== background: the worker, a 100,000-row import and the national report"
  DEBUG=0 .venv/bin/danvan db_worker > "$OUT/worker.log" 2>&1 &
  worker_pid=$!
  uv run danvan bench --start-background "$OUT/background.json"
fi

echo "== locust: $USERS users for $RUN_TIME"
status=0
LOAD_PLAN="$OUT/plan.json" .venv/bin/locust -f bench/locustfile.py --headless --users "$USERS" \
  --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" --stop-timeout 5 --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/locust" --only-summary --loglevel WARNING || status=$?

# Peak resident memory of the master and of each worker, read before they stop.
{
  grep VmHWM "/proc/$gunicorn_pid/status" || true
  for worker in $(pgrep -P "$gunicorn_pid"); do grep VmHWM "/proc/$worker/status" || true; done
} > "$OUT/memory.txt"
if [ -n "$worker_pid" ]; then
  echo "== background: waiting for the import and the report, then removing the imported rows"
  uv run danvan bench --finish-background "$OUT/background.json"
fi
stop
trap - EXIT

echo "== summary"
extra=""
[ -n "$worker_pid" ] && extra="; meanwhile the worker ran a 100,000-row import and the national report"
uv run danvan bench --load-summary "$OUT" \
  --load-settings "gunicorn $WORKERS sync workers, $USERS users (spawn $SPAWN_RATE/s), $RUN_TIME, 0.5–2 s between actions$extra" \
  || status=$?
exit "$status"
