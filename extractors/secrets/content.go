package secrets

import (
	"bytes"
	"regexp"
)

// pemLabel matches the armour line of a PEM block and captures its label.
var pemLabel = regexp.MustCompile(`-----BEGIN ([A-Z0-9 ]+)-----`)

// publicLabels name PEM blocks that hold nothing secret.
var publicLabels = map[string]bool{
	"CERTIFICATE": true, "TRUSTED CERTIFICATE": true, "X509 CRL": true,
	"CERTIFICATE REQUEST": true, "NEW CERTIFICATE REQUEST": true,
	"PUBLIC KEY": true, "RSA PUBLIC KEY": true, "PGP PUBLIC KEY BLOCK": true,
	"SSH2 PUBLIC KEY": true, "DH PARAMETERS": true, "EC PARAMETERS": true,
}

// notOnlyPublic holds for a file named like a key unless its content shows
// that it holds only certificates or public keys. A key tms cannot read,
// such as one in a format it does not know, still counts as a key.
func notOnlyPublic(content []byte) (int, bool) {
	if line, ok := privateKeyBlock(content); ok {
		return line, true
	}
	blocks := pemLabel.FindAllSubmatchIndex(content, -1)
	if len(blocks) == 0 {
		return 1, true
	}
	for _, loc := range blocks {
		if !publicLabels[string(content[loc[2]:loc[3]])] {
			return lineAt(content, loc[0]), true
		}
	}
	return 0, false
}

// privateKeyBlock finds the first PEM block holding a private key (PKCS#1,
// PKCS#8, encrypted, EC, OpenSSH, PGP).
func privateKeyBlock(content []byte) (int, bool) {
	for _, loc := range pemLabel.FindAllSubmatchIndex(content, -1) {
		label := content[loc[2]:loc[3]]
		if bytes.Contains(label, []byte("PRIVATE KEY")) {
			return lineAt(content, loc[0]), true
		}
	}
	return 0, false
}

// Credential lines whose value is given in the file, not taken from the
// environment with ${VAR}.
var (
	npmAuthLine = regexp.MustCompile(
		`(?m)^[ \t]*[^#;\s][^\n]*_(?:authToken|auth|password)[ \t]*=[ \t]*[^\s$]`)
	pypiLine   = regexp.MustCompile(`(?m)^[ \t]*password[ \t]*[=:][ \t]*[^\s$%]`)
	netrcLine  = regexp.MustCompile(`(?m)(?:^|\s)password\s+\S`)
	dockerLine = regexp.MustCompile(`"(?:auth|identitytoken)"\s*:\s*"[^"]`)
	kindConfig = regexp.MustCompile(`(?m)^kind:[ \t]*["']?Config["']?[ \t]*(?:#.*)?$`)
	usersKey   = regexp.MustCompile(`(?m)^users:`)
	gcpType    = regexp.MustCompile(
		`"type"\s*:\s*"(?:service_account|authorized_user|external_account)"`)
	iniSection = regexp.MustCompile(`(?m)^[ \t]*\[[^\]\n]+\][ \t]*\r?$`)
	awsKeyLine = regexp.MustCompile(`(?mi)^[ \t]*aws_access_key_id[ \t]*=[ \t]*[^\s$]`)
)

// awsCredentials recognises the AWS shared credentials format: an access
// key id given under an INI [section]. It returns the key id's line.
func awsCredentials(content []byte) (int, bool) {
	section := iniSection.FindIndex(content)
	if section == nil {
		return 0, false
	}
	line, ok := firstMatch(awsKeyLine, content[section[1]:])
	if !ok {
		return 0, false
	}
	// The section header's line ends where the rest was searched from.
	return lineAt(content, section[1]) + line - 1, true
}

func npmToken(content []byte) (int, bool)     { return firstMatch(npmAuthLine, content) }
func pypiPassword(content []byte) (int, bool) { return firstMatch(pypiLine, content) }
func netrcPassword(content []byte) (int, bool) {
	return firstMatch(netrcLine, content)
}
func dockerAuth(content []byte) (int, bool) { return firstMatch(dockerLine, content) }
func googleCredentials(content []byte) (int, bool) {
	return firstMatch(gcpType, content)
}

// kubeconfigContent recognises a kubeconfig by its kind and its users.
func kubeconfigContent(content []byte) (int, bool) {
	if !bytes.Contains(content, []byte("kind:")) || !bytes.Contains(content, []byte("users:")) {
		return 0, false
	}
	if _, ok := firstMatch(usersKey, content); !ok {
		return 0, false
	}
	return firstMatch(kindConfig, content)
}

func firstMatch(re *regexp.Regexp, content []byte) (int, bool) {
	loc := re.FindIndex(content)
	if loc == nil {
		return 0, false
	}
	start := loc[0]
	// A match that begins with the whitespace before the key belongs to
	// the key's line.
	for start < loc[1] && (content[start] == '\n' || content[start] == '\r') {
		start++
	}
	return lineAt(content, start), true
}

func lineAt(content []byte, offset int) int {
	return bytes.Count(content[:offset], []byte("\n")) + 1
}
