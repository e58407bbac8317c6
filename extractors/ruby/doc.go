// Package ruby extracts the dependencies of Ruby projects: the gems a
// Gemfile (or gems.rb) declares, with their groups and sources, and through
// Gemfile.lock (or gems.locked) the version each resolves to, its checksum,
// and every gem installed with them.
//
// No maintained Go library reads either file. Gemfile.lock is a simple
// indented format read line by line; a Gemfile is Ruby, of which the common
// declarations (gem, group, source, git, path and github blocks) are read
// and anything else is left to the lockfile, which records every gem.
package ruby
