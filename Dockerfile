# syntax=docker/dockerfile:1
# Duban: one image for every role (api, worker, the one-shot migration). See docker-compose.yml.
#
#   docker build -t duban .
#   docker run --rm -e DATABASE_URL=… -e REDIS_URL=… -e JWT_SECRET=… -e AUDIT_KEY=… -e ADMIN_PASSWORD=… -p 3000:3000 duban
#
# The secrets must be long and random (openssl rand -base64 32): NODE_ENV=production refuses placeholders.
#
# Debian slim (glibc) rather than Alpine: the native packages (argon2) run on their most-used builds.

ARG NODE_IMAGE=node:24-bookworm-slim

# ── build: all dependencies, compile TypeScript to dist/, bundle the console to web/dist/ ────
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json .swcrc ./
COPY src ./src
COPY migrations ./migrations
RUN npx nest build \
 && test -f dist/src/main.js && test -f dist/src/worker.js && test -f dist/src/database/run-migrations.js && test -f dist/src/migrate.js
COPY web ./web
RUN npm -w web run build && test -f web/dist/index.html

# ── prod-deps: production dependencies only, from the same lockfile ───────────────────────────
# (The console's packages are all devDependencies of web/: it is bundled, nothing of it runs in Node.)
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV CI=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --omit=dev && npm cache clean --force

# ── runtime: compiled code + production dependencies, as the unprivileged `node` user ─────────
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=prod-deps /app/package.json /app/package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The console, served at / by the API (src/console/serve-console.ts finds it beside package.json).
COPY --from=build /app/web/dist ./web/dist
# Files stay owned by root and read-only to the process; it writes nothing to its own directory.
USER node
EXPOSE 3000
# main.js applies pending migrations, then serves (APP_ROLE=api or all) or works (APP_ROLE=worker).
CMD ["node", "dist/src/main.js"]
