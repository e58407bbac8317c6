package api

// requireToken refuses a request without a valid bearer token.
