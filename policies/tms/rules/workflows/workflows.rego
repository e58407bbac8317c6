# METADATA
# title: CI workflows
# description: |
#   CI runs with the repository's secrets and a token that can write to it,
#   on events that outsiders can raise. These rules flag the patterns that
#   let an outsider's code or text run with those privileges, the third-party
#   code CI trusts without pinning it, and the workflows that can publish.
package tms.rules.workflows

import data.tms.lib

_workflows := {item.id: item |
	some item in input.surface
	item.kind == "ci.workflow"
}

_jobs := {item.id: item |
	some item in input.surface
	item.kind == "ci.job"
}

# Events that run a workflow with the base repository's secrets and a write
# token although a fork's pull request, or a run it started, triggered them.
_privileged_triggers := {"pull_request_target", "workflow_run"}

# Events anyone with a GitHub account can raise on a public repository.
_public_triggers := {
	"pull_request", "pull_request_target", "pull_request_review",
	"pull_request_review_comment", "issue_comment", "issues", "discussion",
	"discussion_comment", "fork", "watch", "workflow_run",
}

# Scopes whose write access lets a token publish: push code or tags, publish
# packages, create deployments, or mint a cloud identity token.
_publish_scopes := {"contents", "packages", "deployments", "id-token"}

_holds_privilege(job) if job.attributes.writes

_holds_privilege(job) if count(job.attributes.secrets) > 0

_holds_privilege(job) if job.attributes.inherits_secrets

# A finding about a job is answered by a mitigation or acceptance naming the
# job or its whole workflow.
_job_answered(meta, job) if lib.answered(meta, job.id)

_job_answered(meta, job) if lib.answered(meta, job.attributes.workflow)

_triggers_in(workflow, wanted) := [t | some t in workflow.attributes.triggers; t in wanted]

# METADATA
# title: Privileged workflow runs pull request code
# description: |
#   A job of a workflow triggered by pull_request_target or workflow_run
#   checks out the pull request's head (or fetches its ref), or, on
#   workflow_run, downloads the artifacts of the run that triggered it,
#   while it holds secrets or a token that can write. Those events run with
#   the base repository's privileges even for a fork's pull request, so the
#   fork's build scripts, test hooks, package manifests or poisoned
#   artifacts run with them: a "pwn request". Always critical.
# related_resources:
#   - ref: https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
#     description: "GitHub Security Lab: Preventing pwn requests"
#   - ref: https://cwe.mitre.org/data/definitions/829.html
#     description: "CWE-829: Inclusion of Functionality from Untrusted Control Sphere"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-04-Poisoned-Pipeline-Execution
#     description: "OWASP CI/CD Top 10, CICD-SEC-4: Poisoned Pipeline Execution"
# custom:
#   id: TMS-CI-001
#   severity: critical
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Build and test pull requests in a pull_request workflow, which has no
#     secrets and a read-only token. If the privileged workflow must look at
#     the code, check out the base branch, treat the pull request's files as
#     data, and keep secrets and write permissions out of that job. Treat a
#     triggering run's artifacts as untrusted data too: unpack them in a job
#     without secrets or write permissions, never execute them, and check
#     what they contain before a privileged job uses it.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": job.id,
	"subject": job.id,
	"message": sprintf(
		"%s %s while it holds secrets or a write token",
		[job.name, concat(" and ", [way | some [_, way] in ways])],
	),
	"location": lib.fact_location(job, [fact | some [fact, _] in ways]),
}) if {
	some job in input.surface
	job.kind == "ci.job"
	workflow := _workflows[job.attributes.workflow]
	ways := _pr_code_ways(job, workflow)
	count(ways) > 0
	_holds_privilege(job)
	not _job_answered(rego.metadata.rule(), job)
}

# The ways a privileged job brings in code that a pull request chose, each
# as the fact that states it and as it reads in a finding.
_pr_code_ways(job, workflow) := {["checks_out_pr_head", way] |
	job.attributes.checks_out_pr_head
	triggers := _triggers_in(workflow, _privileged_triggers)
	count(triggers) > 0
	way := sprintf("checks out pull request code on %s", [concat(", ", triggers)])
} | {["run_artifact_steps", way] |
	steps := job.attributes.run_artifact_steps
	count(steps) > 0
	"workflow_run" in workflow.attributes.triggers
	quoted := [sprintf("%q", [s]) | some s in steps]
	way := sprintf("downloads the triggering run's artifacts on workflow_run (step %s)", [concat(", ", quoted)])
}

# METADATA
# title: Untrusted event data in a CI script
# description: |
#   A run: script (or an actions/github-script script) expands an expression
#   such as github.event.issue.title or github.head_ref that whoever opens
#   the issue, comment or pull request writes. GitHub substitutes it into
#   the script before the shell parses it, so a crafted title runs commands
#   with the job's token and secrets. High.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use#good-practices-for-mitigating-script-injection-attacks
#     description: "GitHub Docs: mitigating script injection attacks"
#   - ref: https://cwe.mitre.org/data/definitions/78.html
#     description: "CWE-78: OS Command Injection"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-04-Poisoned-Pipeline-Execution
#     description: "OWASP CI/CD Top 10, CICD-SEC-4: Poisoned Pipeline Execution"
# custom:
#   id: TMS-CI-002
#   severity: high
#   stride:
#     - tampering
#   remediation: |
#     Pass the value through an environment variable (env: TITLE: ${{
#     github.event.issue.title }}) and use "$TITLE", quoted, in the script.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": job.id,
	"subject": job.id,
	"message": sprintf("%s expands untrusted event data into a script: %s", [job.name, concat(", ", job.attributes.untrusted_expressions)]),
	"location": lib.fact_location(job, ["untrusted_expressions"]),
}) if {
	some job in input.surface
	job.kind == "ci.job"
	count(job.attributes.untrusted_expressions) > 0
	not _job_answered(rego.metadata.rule(), job)
}

# METADATA
# title: Third-party CI action not pinned
# description: |
#   A workflow uses a third-party action, reusable workflow or docker://
#   image by a tag or branch, which its owner (or whoever takes over the
#   account) can move to new code at any time. Only a full commit SHA, or an
#   image digest, fixes what runs. Actions published by GitHub (actions/*,
#   github/*) and local actions are not reported. Medium; low when the job
#   is known to hold neither secrets nor a write token.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use#using-third-party-actions
#     description: "GitHub Docs: using third-party actions"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#     description: "OWASP CI/CD Top 10, CICD-SEC-3: Dependency Chain Abuse"
# custom:
#   id: TMS-CI-003
#   severity: medium
#   stride:
#     - tampering
#   remediation: |
#     Pin the action to the full commit SHA of the release you reviewed, with
#     the tag in a comment (uses: owner/repo@<sha> # v1.2.3), and let a bot
#     such as Dependabot propose updates.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, _action_impact(item)),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s is used at %q, which is not a full commit SHA or digest", [item.attributes.action, item.attributes.ref]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "ci.action"
	not item.attributes.pinned
	not item.attributes.first_party
	not item.attributes.local
	not lib.answered(rego.metadata.rule(), item.id)
}

# The impact of code swapped into a job: high when the job holds secrets
# or a write token, medium otherwise. An action is code brought in, one step
# lower in the severity model, so the finding is medium or low.
_action_impact(item) := "medium" if {
	job := _jobs[item.attributes.job]
	not _holds_privilege(job)
} else := "high"

# METADATA
# title: Self-hosted runner on a public trigger
# description: |
#   A job that may run on a self-hosted runner belongs to a workflow that
#   events from outsiders start (pull requests, issues, comments). On a
#   public repository their code then runs on a machine inside your network
#   that keeps state between jobs. A runner tms cannot identify as
#   GitHub-hosted counts as self-hosted. High.
# related_resources:
#   - ref: https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security
#     description: "GitHub Docs: self-hosted runner security"
#   - ref: https://cwe.mitre.org/data/definitions/250.html
#     description: "CWE-250: Execution with Unnecessary Privileges"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-07-Insecure-System-Configuration
#     description: "OWASP CI/CD Top 10, CICD-SEC-7: Insecure System Configuration"
# custom:
#   id: TMS-CI-004
#   severity: high
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Run jobs that outsiders can trigger on GitHub-hosted runners, or on
#     ephemeral, isolated self-hosted runners in a group restricted to this
#     repository, and require approval before workflows from forks run.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": job.id,
	"subject": job.id,
	"message": sprintf("%s may run on a self-hosted runner (%s) and starts on %s", [job.name, concat(", ", job.attributes.runs_on), concat(", ", _triggers_in(workflow, _public_triggers))]),
	"location": lib.fact_location(job, ["self_hosted"]),
}) if {
	some job in input.surface
	job.kind == "ci.job"
	job.attributes.self_hosted
	workflow := _workflows[job.attributes.workflow]
	count(_triggers_in(workflow, _public_triggers)) > 0
	not _job_answered(rego.metadata.rule(), job)
}

# METADATA
# title: CI token with default or write-all permissions
# description: |
#   A workflow sets no permissions and one of its jobs sets none either, so
#   that job gets the repository's default token (write to most scopes on
#   older repositories and organisations), or the workflow, or one of its
#   jobs, asks for write-all. Any step that is compromised,
#   an action or a dependency, can then push code or releases. Low: it only
#   matters together with another weakness, but it widens every one of them.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token
#     description: "GitHub Docs: modifying the permissions for the GITHUB_TOKEN"
#   - ref: https://cwe.mitre.org/data/definitions/272.html
#     description: "CWE-272: Least Privilege Violation"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-05-Insufficient-PBAC
#     description: "OWASP CI/CD Top 10, CICD-SEC-5: Insufficient PBAC"
# custom:
#   id: TMS-CI-005
#   severity: low
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Add permissions: {} (or contents: read) at the top of the workflow and
#     grant each job only the scopes it needs.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s runs with %s token permissions", [item.name, item.attributes.permissions]),
	"location": item.location,
}) if {
	some item in input.surface
	_broad_token(item)
	not lib.answered(rego.metadata.rule(), item.id)
}

_broad_token(item) if {
	item.kind in {"ci.workflow", "ci.job"}
	item.attributes.permissions == "write-all"
}

# Default permissions matter only while some job still inherits them: a
# workflow whose every job sets its own permissions never hands them out.
_broad_token(item) if {
	item.kind == "ci.workflow"
	item.attributes.permissions == "default"
	item.id in _inheriting_workflows
}

_inheriting_workflows contains job.attributes.workflow if {
	some job in _jobs
	job.attributes.permissions == "inherited"
}

# METADATA
# title: Remote CI include not pinned
# description: |
#   A GitLab pipeline includes configuration from a URL, another project or
#   the CI/CD catalog at a branch or tag, so whoever can change that source
#   changes what this pipeline runs, with its variables and runners. Only a
#   commit SHA fixes it. Templates that ship with the GitLab instance are
#   not reported. A high impact, as for an action in a job that holds
#   secrets, one step lower as code brought in: medium.
# related_resources:
#   - ref: https://docs.gitlab.com/ci/yaml/includes/
#     description: "GitLab Docs: use CI/CD configuration from other files"
#   - ref: https://cwe.mitre.org/data/definitions/829.html
#     description: "CWE-829: Inclusion of Functionality from Untrusted Control Sphere"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#     description: "OWASP CI/CD Top 10, CICD-SEC-3: Dependency Chain Abuse"
# custom:
#   id: TMS-CI-006
#   severity: medium
#   stride:
#     - tampering
#   remediation: |
#     Include the configuration at a commit SHA (ref: <sha> for a project,
#     @<sha> for a component), or copy it into the repository and include it
#     with local:.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "high"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s include %s is not pinned to a commit", [item.attributes.type, item.attributes.location]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "ci.include"
	item.attributes.type in {"remote", "project", "component"}
	not item.attributes.pinned
	not lib.answered(rego.metadata.rule(), item.id)
}

# METADATA
# title: CI workflow that can publish
# description: |
#   A workflow or job is granted write access to contents, packages,
#   deployments or id-token (or write-all): it can push code and tags,
#   publish packages, deploy or obtain cloud credentials. Who changed such a
#   workflow, and what each run published, must be traceable. This is
#   information for the threat model rather than a flaw: record how changes
#   to the workflow are reviewed (CODEOWNERS, branch protection) and where
#   its runs are audited, and cover it with that mitigation.
# related_resources:
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-10-Insufficient-Logging-And-Visibility
#     description: "OWASP CI/CD Top 10, CICD-SEC-10: Insufficient Logging and Visibility"
#   - ref: https://cwe.mitre.org/data/definitions/778.html
#     description: "CWE-778: Insufficient Logging"
#   - ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
#     description: "GitHub Docs: about code owners"
# custom:
#   id: TMS-CI-007
#   severity: info
#   stride:
#     - repudiation
#   remediation: |
#     Require code owner review for .github/workflows, protect the branches
#     and environments it deploys from, keep the audit log, and list that as
#     a mitigation covering this item in the threat model.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s can publish (%s); changes to it must be reviewed and its runs audited", [item.name, concat(", ", _publish_grants(item))]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind in {"ci.workflow", "ci.job"}
	count(_publish_grants(item)) > 0
	not lib.answered(rego.metadata.rule(), item.id)
}

_publish_grants(item) := ["write-all"] if {
	item.attributes.permissions == "write-all"
} else := [sprintf("%s: write", [scope]) |
	is_object(item.attributes.permissions)
	some scope in sort(_publish_scopes)
	item.attributes.permissions[scope] == "write"
]
