#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the fleet tests and benchmark (issue 8).
#
#   scripts/postgres-test-server.sh start    install Debian's postgresql if missing, initdb into a temp
#                                            dir, start on a loopback port, create the database, print the URL
#   scripts/postgres-test-server.sh stop     stop the server and delete its data
#   scripts/postgres-test-server.sh pause    stop the server, keeping its data (tests: central outage)
#   scripts/postgres-test-server.sh resume   start it again on the same port
#   scripts/postgres-test-server.sh url      print the URL (postgres://gridwatch@127.0.0.1:PORT/gridwatch_test)
#
# GRIDWATCH_PG_DIR (default /tmp/gridwatch-pg-test) and GRIDWATCH_PG_PORT (default 55432) choose where.
set -euo pipefail

DIR="${GRIDWATCH_PG_DIR:-/tmp/gridwatch-pg-test}"
PORT="${GRIDWATCH_PG_PORT:-55432}"
URL="postgres://gridwatch@127.0.0.1:${PORT}/gridwatch_test?sslmode=disable"

bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Runs a server binary as the owner of the data directory (PostgreSQL refuses to run as root).
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_if_missing() {
    [ -n "$(bindir)" ] && return
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "installing Debian package postgresql" >&2
    $sudo apt-get update -qq
    $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# The server is started without the caller's open descriptors (beyond 0-2): a daemon holding one keeps
# the caller waiting, e.g. Foundation's Process on Linux notices the end of a child only when a socket
# it passed down is closed by every process that inherited it.
start_server() {
    (
        for fd in /proc/"$BASHPID"/fd/*; do
            fd="${fd##*/}"
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
        done
        as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
            -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=200" start >&2
    )
}

case "${1:-}" in
start)
    install_if_missing
    if [ -f "$DIR/data/postmaster.pid" ]; then "$0" stop; fi
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$(bindir)/initdb" -D "$DIR/data" -U gridwatch -A trust -E UTF8 --no-sync >/dev/null
    start_server
    as_owner "$(bindir)/createdb" -h 127.0.0.1 -p "$PORT" -U gridwatch gridwatch_test
    echo "$URL"
    ;;
stop)
    if [ -f "$DIR/data/postmaster.pid" ]; then
        as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$DIR"
    ;;
pause)
    as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
    ;;
resume)
    start_server
    ;;
url)
    echo "$URL"
    ;;
*)
    echo "usage: $0 start|stop|pause|resume|url" >&2
    exit 2
    ;;
esac
