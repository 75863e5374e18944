# syntax=docker/dockerfile:1.7
# One image per Genoa service: docker build --build-arg SERVICE=gate --build-arg SERVICE_PORT=8084 .
# The build stage bundles the service (and everything it imports) into one file with esbuild; the
# runtime stage holds Node and that bundle only — no node_modules, so no dev dependency can ship.
# Expected size ≈ 165 MB uncompressed (the node:22-alpine base ≈ 160 MB; a service bundle ≈ 3 MB,
# deck adds its ≈ 0.4 MB SPA). Runs as the unprivileged `node` user and writes nothing to its root
# filesystem, so it works with readOnlyRootFilesystem.

ARG NODE_IMAGE=node:22-alpine

FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "$SERVICE" || (echo "--build-arg SERVICE=<deck|gate|orca|clouddriver|igor|echo|front50> is required" && exit 1)
RUN npm install --global pnpm@12.4.2 --no-fund --no-audit
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile --filter "@genoa/${SERVICE}..." --filter genoa
# Every service's bundle lands in /out/server/main.js; deck's SPA in /out/dist (deck's server
# finds it at ../dist from its own file).
RUN pnpm --filter "@genoa/${SERVICE}" run build \
 && mkdir -p /out/server \
 && if [ "$SERVICE" = deck ]; then \
      cp -r services/deck/dist /out/dist && cp services/deck/dist-server/main.js* /out/server/; \
    else \
      cp services/${SERVICE}/dist/main.js* /out/server/; \
    fi

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG SERVICE_PORT
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=${SERVICE_PORT}
WORKDIR /app
COPY --from=build --chown=root:root /out/ /app/
USER node
EXPOSE ${SERVICE_PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/liveness').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "/app/server/main.js"]
