# One image for the API and the worker (docker-compose picks the command).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PERKFLOW_SKIP_TEMPORAL_INSTALL=1
COPY package.json package-lock.json ./
COPY scripts/pinned-venv.js scripts/install-temporal.js scripts/install-pg-client.js scripts/install-schemathesis.js scripts/build-console.js scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# The console's static build (console/dist), served by the API at /console; install had no sources to build yet.
RUN npm run build:console
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
