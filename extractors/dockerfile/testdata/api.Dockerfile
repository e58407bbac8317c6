# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
ARG BASE=gcr.io/distroless/static

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
WORKDIR /src
COPY . .
RUN go build \
      -o /out/api \
      ./cmd/api
RUN <<EOF
echo "EXPOSE 9999 is not an instruction here"
EOF

FROM golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS test
RUN go test ./...
EXPOSE 7000

FROM ${BASE} AS final
COPY --from=build /out/api /api
USER nonroot:nonroot
EXPOSE 8080 \
       9090/udp
EXPOSE 8000-8002 30000-32767/TCP ${DEBUG_PORT}
ENTRYPOINT ["/api"]
