// Package composer extracts the dependencies of PHP projects: the packages
// a composer.json requires, and through the sibling composer.lock the
// version each resolves to, where Composer fetches it from, its dist
// checksum, and every package installed with them.
package composer
