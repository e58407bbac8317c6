// Package npm extracts the dependencies of npm packages: the direct ones a
// package.json declares, and through the lockfile beside it (or, for a
// workspace member, the workspace root's) the version each resolves to and
// every transitive package installed with them. The lockfile is npm's (npm-shrinkwrap.json or package-lock.json), yarn's
// (yarn.lock, classic v1 or Berry) or pnpm's (pnpm-lock.yaml v6 or v9).
//
// encoding/json keeps no positions, so a small token stream tracks the line
// of every key; it reads a lockfile in one linear pass. Yarn's classic
// format is not YAML and has no Go parser, so it is read line by line;
// Berry and pnpm lockfiles are YAML, read with yaml.v3's node API.
package npm
