# syntax=docker/dockerfile:1
ARG GH_TOKEN
FROM alpine:3.20 AS build
ADD --chown=1000 https://build:s3cr3t@example.com/tool.tgz?sig=FAKESIG /opt/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/pinned.tgz /opt/
RUN apk add curl && \
    curl -fsSL https://example.com/install.sh | sh
RUN curl -fsSL -o /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
RUN ["/bin/sh", "-c", "wget -qO- https://example.com/setup | sudo -E bash -s -- --yes"]
RUN curl -s https://api.example.com/v1 | python3 -m json.tool
ENV SIGNING_KEY_ID=abc \
    SIGNING_KEY=FAKEVALUE DEPLOY_PUBLIC_KEY=ssh-ed25519
ARG DB_PASSWORD=FAKEPASSWORD BUILD_DATE

FROM debian:12
ADD http://example.com/raw /raw
RUN bash -c "$(curl -fsSL https://example.com/get)"
RUN <<EOF
set -e
wget -O- https://example.com/a | bash
EOF
