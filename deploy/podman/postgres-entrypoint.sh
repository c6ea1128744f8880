#!/bin/sh
# Entry point of localhost/addongrains-postgres (scripts/container-images.sh): PostgreSQL 15 from Debian's package.
# First start: a new cluster in $PGDATA with POSTGRES_USER (default postgres) / POSTGRES_PASSWORD (required) and the
# database POSTGRES_DB, password (scram-sha-256) logins from any address. Then the server runs in the foreground.
set -eu
bin=/usr/lib/postgresql/15/bin
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
user="${POSTGRES_USER:-postgres}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set for a new database}"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  db="${POSTGRES_DB:-$user}"
  if [ "$db" != postgres ]; then
    "$bin/pg_ctl" -D "$PGDATA" -w -o "-c listen_addresses='' -k /tmp" start >/dev/null
    "$bin/psql" -h /tmp -U "$user" -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE \"$db\""
    "$bin/pg_ctl" -D "$PGDATA" -w stop >/dev/null
  fi
  echo "postgres-entrypoint: new database cluster in $PGDATA"
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -k /tmp
