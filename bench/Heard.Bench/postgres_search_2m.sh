#!/usr/bin/env bash
# PostgreSQL comment search at 2,000,000 comments (docs/performance.md, "Comment search on PostgreSQL").
#   bench/Heard.Bench/postgres_search_2m.sh build   # new database, migrated by ./heard, filled by postgres_search_2m.sql
#   bench/Heard.Bench/postgres_search_2m.sh time    # CommentSearch.RunAsync for each case (Release build of Heard.Bench)
#   bench/Heard.Bench/postgres_search_2m.sh drop    # the database takes about 2 GB: drop it when done
# PGHOST/PGUSER/PGPASSWORD as for psql (default localhost, postgres, heard-ci); ROWS sets the size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PGHOST="${PGHOST:-localhost}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-heard-ci}"
db="${BENCH_DB:-heard_bench_search_2m}"
rows="${ROWS:-2000000}"
target="postgres:Host=$PGHOST;Database=$db;Username=$PGUSER;Password=$PGPASSWORD"
case "${1:-}" in
  build)
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    "$root/heard" migrate --database "$target"
    uptime
    time psql -q -d "$db" -v rows="$rows" -f "$root/bench/Heard.Bench/postgres_search_2m.sql"
    psql -d "$db" -c "SELECT pg_size_pretty(pg_database_size('$db')) AS size, (SELECT count(*) FROM feedback_answer) AS comments"
    ;;
  time)
    dotnet build "$root/bench/Heard.Bench" -c Release -nologo -v quiet -clp:ErrorsOnly
    dotnet "$root/bench/Heard.Bench/bin/Release/net10.0/Heard.Bench.dll" search-timing "$target" "${RUNS:-10}"
    ;;
  drop)
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"
    ;;
  *) echo "usage: $0 build|time|drop" >&2; exit 2 ;;
esac
