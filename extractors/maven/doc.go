// Package maven extracts the dependencies a pom.xml declares, those of its
// dependencyManagement section included, and notes the parent pom it
// inherits from when that is fetched from outside the repository.
//
// encoding/xml reads the file token by token so that every dependency keeps
// the line of its element; versions given as ${properties} are resolved from
// the pom and its parent poms in the repository, and kept as written when
// they cannot be.
package maven
