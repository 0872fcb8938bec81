#!/bin/sh
# Five clients download unfiltered exports back to back while a sixth reads report pages:
# does the site stay up? (The issue's probe: five such downloads took the site down 30 s.)
#   LOAD_DB=lr_load bench/load/export_burst.sh [ROUNDS]     (an existing, loaded database)
set -eu
cd "$(dirname "$0")/../.."
ROUNDS=${1:-4}
PORT=${PORT:-8767}
WORK=$(mktemp -d)
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${LOAD_DB:-lr_load}"
export LAWREPORTS_PRODUCTION=1 SECRET_KEY="burst-$(date +%s)-not-a-real-secret-key-0000000000000"
export STATIC_ROOT="$WORK/static" GUNICORN_BIND="127.0.0.1:$PORT" DATASET_ROOT="$WORK/dataset"
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/gunicorn -c gunicorn.conf.py --access-logfile /dev/null lawreports.wsgi &  # 2 x cores + 1 workers
SERVER=$!
trap 'kill $SERVER; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
H="X-Forwarded-Proto: https"
until curl -sf -o /dev/null -H "$H" "$BASE/reports/"; do sleep 0.5; done
PAGES=$(psql -h 127.0.0.1 -U postgres -At "${LOAD_DB:-lr_load}" -c "SELECT id FROM reports_report ORDER BY md5(id::text) LIMIT 40")

probe() {  # one report page after another, every 0.2 s: "status seconds"
  while [ ! -e "$WORK/stop" ]; do
    for id in $PAGES; do
      curl -s -o /dev/null -H "$H" -m 60 -w "%{http_code} %{time_total}\n" "$BASE/reports/$id/" >>"$1"
      sleep 0.2
      [ -e "$WORK/stop" ] && break
    done
  done
}
summary() {  # FILE of "status seconds" lines → "n=… non200=… p50=… p95=… max=…"
  .venv/bin/python -c 'import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
t = sorted(float(s) for _, s in rows)
pick = lambda q: t[min(len(t) - 1, int(len(t) * q))]
bad = sum(code != "200" for code, _ in rows)
print(f"n={len(t)} non200={bad} p50={pick(0.5):.2f}s p95={pick(0.95):.2f}s max={t[-1]:.2f}s")' "$1"
}

probe "$WORK/quiet" & P=$!; sleep 10; touch "$WORK/stop"; wait $P; rm "$WORK/stop"
echo "report pages, quiet:        $(summary "$WORK/quiet")"
probe "$WORK/busy" & P=$!
started=$(date +%s.%N)
for client in 1 2 3 4 5; do
  (for round in $(seq "$ROUNDS"); do
     for table in issues plans figures reports; do
       curl -s -o /dev/null -H "$H" -m 120 -w "%{http_code} %{time_total}\n" "$BASE/export/$table.csv"
     done
   done >>"$WORK/exports") &
done
wait_exports() { while [ "$(wc -l <"$WORK/exports" 2>/dev/null || echo 0)" -lt $((5 * 4 * ROUNDS)) ]; do sleep 0.5; done; }
wait_exports
touch "$WORK/stop"; wait $P
echo "exports, 5 clients at once: $(summary "$WORK/exports") in $(echo "$(date +%s.%N) - $started" | bc)s"
echo "report pages meanwhile:     $(summary "$WORK/busy")"
