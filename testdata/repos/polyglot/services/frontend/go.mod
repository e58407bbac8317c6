module github.com/wayfarer-demo/wayfarer/services/frontend

go 1.25.0

require (
	github.com/google/uuid v1.6.0
	github.com/gorilla/mux v1.8.1
	github.com/wayfarer-demo/wayfarer/services/gen v0.0.0-00010101000000-000000000000
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20260928230214-8a89bd6388cc // indirect
)

// Generated gRPC stubs, built from ../../proto by `buf generate`.
replace github.com/wayfarer-demo/wayfarer/services/gen => ../gen
