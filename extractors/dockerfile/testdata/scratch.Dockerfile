FROM registry.example.com:5000/team/builder AS builder
RUN make

FROM scratch
COPY --from=builder /app /app
USER 0:0
