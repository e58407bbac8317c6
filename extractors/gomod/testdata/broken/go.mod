module example.com/broken

require (
	github.com/google/uuid
)
