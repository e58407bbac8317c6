// Package githubactions extracts the CI surface of GitHub Actions: each
// workflow with its triggers and token permissions, each job with the runner,
// secrets and untrusted event data it touches, and each action it runs.
//
// Workflows are read with actionlint's parser, which knows every form of the
// workflow syntax and keeps positions; composite actions are read with yaml.v3.
package githubactions
