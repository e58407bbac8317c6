// Package gradle extracts the dependencies Gradle build scripts declare,
// build.gradle (Groovy) and build.gradle.kts (Kotlin) alike, read
// statically: nothing is evaluated. Version catalog references resolve
// through gradle/libs.versions.toml, and gradle.lockfile gives the resolved
// versions and the transitive dependencies.
//
// No Go library parses both script languages, so a small lexer that knows
// their comments and strings finds the dependencies blocks; only the
// notations Gradle documents are taken for dependencies.
package gradle
