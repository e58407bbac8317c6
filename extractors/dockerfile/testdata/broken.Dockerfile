FROM alpine

RUN <<EOT
echo never closed
