// Package npm extracts the dependencies of npm packages: the direct ones a
// package.json declares, and through the sibling package-lock.json (or
// npm-shrinkwrap.json) the version each resolves to and every transitive
// package installed with them.
//
// encoding/json keeps no positions, so a small token stream tracks the line
// of every key; it reads a lockfile in one linear pass.
package npm
