module example.com/app

go 1.22

require (
	github.com/google/uuid v1.6.0
	golang.org/x/text v0.14.0 // indirect
	example.com/internal/lib v0.0.0-00010101000000-000000000000
	example.com/forked v1.2.0
	example.com/outside v0.1.0
	example.com/versioned v1.0.0 // indirect
)

require github.com/pkg/errors v0.9.1

replace example.com/internal/lib => ./lib

replace (
	example.com/forked => github.com/someone/forked v1.2.1
	example.com/outside => ../outside
	example.com/versioned v0.9.0 => ./old
	example.com/versioned v1.0.0 => example.com/versioned-fix v1.0.1
)
