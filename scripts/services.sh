#!/usr/bin/env bash
# Starts the PostgreSQL and Redis that `make test-pg` runs against, on 127.0.0.1, unless
# they already answer. Debian's packages: postgresql (cluster 15/main) and redis-server.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    echo "Starting PostgreSQL"
    cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
    if [ -z "$cluster" ]; then
        echo "No PostgreSQL cluster found: install Debian's postgresql package" >&2
        exit 1
    fi
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start
    for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
    pg_isready -h "$PGHOST" -p "$PGPORT"
fi

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "Starting Redis"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no
    for _ in $(seq 30); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.2; done
    redis-cli -p "$REDIS_PORT" ping
fi
