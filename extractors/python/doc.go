// Package python extracts the dependencies of Python projects: what
// requirements files, pyproject.toml (PEP 621, PEP 735 groups, Poetry and
// uv settings) and Pipfile declare, and through poetry.lock, uv.lock or
// Pipfile.lock the version each resolves to, its hashes, and every package
// installed with them.
//
// Requirement strings follow PEP 508 and names are normalised per PEP 503,
// so one package has one id however a file spells it.
package python
