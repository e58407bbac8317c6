// Package forge talks to the code hosts tms reports to: the GitHub REST API
// and the GitLab REST API (v4). It owns the few calls tms needs, keeping one
// report comment on a pull or merge request and opening issues, and reads
// the CI environment for where to post and with which token.
package forge
