#!/bin/sh
# Runs once, when the compose PostgreSQL initialises an empty data volume (docker-entrypoint-initdb.d).
# For a volume created before this script existed, run it by hand once:
#   docker compose exec -e POSTGRES_APP_PASSWORD postgres sh /docker-entrypoint-initdb.d/10-app-role.sh
#
# Two roles: `duban` (POSTGRES_USER) owns the schema and is used only by the `migrate` one-shot;
# `duban_app` is what the api and worker connect as. duban_app is no superuser and owns no table, so
# it can neither alter a table nor disable the events table's append-only triggers (only an owner or
# a superuser can), nor TRUNCATE (not granted): the audit trail stays append-only for the service.
set -eu
: "${POSTGRES_APP_PASSWORD:?POSTGRES_APP_PASSWORD must be set (see .env.example)}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$POSTGRES_APP_PASSWORD" -v owner="$POSTGRES_USER" -v db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE ROLE duban_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', :'app_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'duban_app') \gexec
ALTER ROLE duban_app PASSWORD :'app_password';
GRANT CONNECT ON DATABASE :"db" TO duban_app;
-- Reads and writes rows; creates nothing in the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO duban_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO duban_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO duban_app;
-- Tables and sequences the migrations create later (as the owner) get the same grants.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO duban_app;
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO duban_app;
SQL
