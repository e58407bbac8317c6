FROM node:20-slim AS deps
FROM node:20 AS run
USER node
