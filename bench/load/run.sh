#!/bin/sh
# Load test: gunicorn (2 sync workers, production settings) on PostgreSQL, wrk at 50 clients.
#   bench/load/run.sh [DURATION] [CONNECTIONS]     (defaults 60s 50; database lr_load)
# Rebuilds database lr_load (unless REUSE_DB=1): seeds + CORPUS (400) generated reports.
# Prints wrk's report and a SUMMARY. Loopback only; wrk from Debian (apt-get install wrk).
set -eu
cd "$(dirname "$0")/../.."
DURATION=${1:-60s}
CONNECTIONS=${2:-50}
PORT=${PORT:-8765}
DB=${LOAD_DB:-lr_load}
WORK=$(mktemp -d)
PY=.venv/bin/python
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export LAWREPORTS_PRODUCTION=1 SECRET_KEY="load-test-$(date +%s)-not-a-real-secret-key-000000000"
export STATIC_ROOT="$WORK/static" WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
export GUNICORN_BIND="127.0.0.1:$PORT" DATASET_ROOT="$WORK/dataset"
CORPUS=${CORPUS:-400}

if [ -z "${REUSE_DB:-}" ]; then  # REUSE_DB=1: keep the last run's database
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  $PY manage.py migrate -v0
  $PY bench/load/make_corpus.py "$WORK/corpus" "$CORPUS"
  $PY manage.py load_reports --workers 2 --no-dataset seeds "$WORK/corpus"
  # Fresh tables have no planner statistics: a search with a facet took 15 s instead of 0.4 s.
  psql -q -h 127.0.0.1 -U postgres "$DB" -c ANALYZE
fi
$PY manage.py check_integrity
$PY manage.py collectstatic --no-input -v0
$PY manage.py export_dataset >/dev/null  # what /data/ serves

# Search pages and API calls (9 queries x 5 variants each), 300 detail pages, exports of
# every table (unfiltered: a full part of EXPORT_MAX_ROWS rows; and narrowed), the other pages.
{
  for q in 行政复议 法治政府 执法 规范性文件 '"市人民政府"' 普法 執法 '法律顾问 -督查' '复议 OR 诉讼'; do
    for extra in "" "&year=2021" "&level=county" "&page=2" "&sort=date"; do
      echo "/reports/?q=$q$extra"
      echo "/api/reports?q=$q$extra"
    done
  done
  psql -h 127.0.0.1 -U postgres -At "$DB" -c "SELECT '/reports/' || id || '/' FROM reports_report ORDER BY md5(id::text) LIMIT 300"
  for table in reports issues plans figures; do
    for fmt in csv json; do
      for filter in "" "?year=2022" "?province=云南省" "?q=行政复议" "?province=云南省&year=2021"; do
        echo "/export/$table.$fmt$filter"
      done
    done
  done
  for page in / /reports/ "/reports/?year=2022&province=云南省" /stats/timeliness/ /data/ \
      /data/README.md /feeds/reports.atom "/feeds/reports.atom?q=执法" /sitemap.xml; do
    echo "$page"
  done
  echo "/api/reports?year=2022&province=云南省"
} | $PY -c 'import random, sys, urllib.parse as u
lines = [u.quote(line.strip(), safe="/?=&-") for line in sys.stdin if line.strip()]
random.Random(1).shuffle(lines)  # a fixed order that mixes the kinds (shuf on /dev/zero did not)
print("\n".join(lines))' >"$WORK/urls"

# ACCESS_LOG=FILE: one line per request (request line, status, bytes, seconds) for
# bench/load/access_summary.py.
.venv/bin/gunicorn -c gunicorn.conf.py --access-logfile "${ACCESS_LOG:-/dev/null}" \
  --access-logformat '%(s)s %(B)s %(L)s "%(r)s"' lawreports.wsgi &
SERVER=$!
trap 'kill $SERVER; rm -rf "$WORK"' EXIT
until curl -sf -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/reports/"; do sleep 0.5; done
# Warm each worker (segmenter dictionary, connection), then measure.
WRK_URLS="$WORK/urls" wrk -t2 -c4 -d5s -s bench/load/rotate.lua "http://127.0.0.1:$PORT" >/dev/null
echo "urls: $(wc -l <"$WORK/urls"), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
WRK_URLS="$WORK/urls" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout "${WRK_TIMEOUT:-10s}" --latency \
  -s bench/load/rotate.lua "http://127.0.0.1:$PORT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
