# One image for every app: APP selects which bundle runs (gateway, population, ...).
#   docker build -t terpadu .
#   docker run -e APP=population ... terpadu            (the service)
#   docker run -e APP=population ... terpadu migrate    (its migrations, then exit)
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --output-style=static && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production TZ=UTC
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY docker-entrypoint.sh /usr/local/bin/terpadu
USER node
ENTRYPOINT ["terpadu"]
CMD ["serve"]
