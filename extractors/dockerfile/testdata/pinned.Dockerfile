FROM golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build
RUN go build -o /app .

FROM gcr.io/distroless/static@sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210
COPY --from=build /app /app
USER 65532
EXPOSE 8080/udp 1/tcp 8080
