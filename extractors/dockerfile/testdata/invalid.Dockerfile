FROM alpine:3 AS one two
FROM alpine:3
EXPOSE 80 http 70000 90-80 53/icmp 8443
