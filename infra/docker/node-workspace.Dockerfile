# syntax=docker/dockerfile:1
# Any workspace of the monorepo as an image: the npm dependencies of that workspace and of the
# root (tsx runs the TypeScript sources: there is no build step), the sources, and
# `npm start -w <workspace>` as the command. docker-compose.yml builds one image per service:
#   docker build -f infra/docker/node-workspace.Dockerfile --build-arg WORKSPACE=@fraud/payments-api .
# onnxruntime-node needs nothing extra: .npmrc skips its CUDA download and the CPU binaries
# ship inside the npm package, as lmdb's and DuckDB's do in their platform packages.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app

# Only the manifests (every package.json, the lockfile, .npmrc, patches/), so the dependency
# layer below is rebuilt when they change and not on every source edit. Found with `find`
# rather than listed, so a new workspace needs no change here.
FROM base AS manifests
COPY . /src
RUN mkdir -p /manifests \
 && cd /src \
 && find . -name node_modules -prune -o -name package.json -print \
    | while read -r manifest; do \
        mkdir -p "/manifests/$(dirname "$manifest")" && cp "$manifest" "/manifests/$manifest"; \
      done \
 && cp package-lock.json .npmrc /manifests/ \
 && if [ -d patches ]; then cp -r patches /manifests/; fi

FROM base AS deps
ARG WORKSPACE
RUN test -n "${WORKSPACE}" \
 || { echo 'build with --build-arg WORKSPACE=@fraud/<workspace>' >&2; exit 1; }
COPY --from=manifests /manifests/ ./
# The root's patches (see scripts/setup.mjs) are applied as `npm run setup` applies them.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --include-workspace-root --workspace "${WORKSPACE}" \
 && if [ -d patches ]; then npx --no-install patch-package --error-on-fail; fi

FROM deps AS app
ARG WORKSPACE
ENV WORKSPACE=${WORKSPACE}
# Every workspace's sources (a service imports @fraud/common, @fraud/schemas, ...); the
# node_modules installed above stay, the .dockerignore beside this file keeps the host's out.
COPY . .
# A workspace with a build step (alerts-api's dashboard, built with Vite) builds it here.
RUN npm run build --if-present -w "${WORKSPACE}"
# Volumes mounted under /data (state stores, the lake) start owned by the user that runs.
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["sh", "-c", "exec npm start -w \"$WORKSPACE\""]
