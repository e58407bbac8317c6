// Package forgetest serves fake GitHub and GitLab REST APIs on a local port
// for the tests of package forge and of the commands that use it. The fakes
// keep comments and issues in memory and refuse any request the real API
// would refuse for its method, path, token, content type or body.
package forgetest
