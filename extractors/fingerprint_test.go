package extractors_test

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
)

// A finding's line moves when a comment is added above a setting; the
// review of the item must not lapse for that.
func TestFingerprintIgnoresTheLinesOfFacts(t *testing.T) {
	at := func(lines map[string]any) extractors.Item {
		return extractors.Item{
			ID: "k8s.workload:k8s/pod.yaml#lab/Pod/debug", Kind: "k8s.workload",
			Exposure:   extractors.ExposureUnknown,
			Attributes: map[string]any{"privileged": true, "lines": lines},
		}
	}
	moved := at(map[string]any{"privileged": 14}).SecurityFingerprint()
	if at(map[string]any{"privileged": 13}).SecurityFingerprint() != moved {
		t.Error("moving privileged: true one line down changed the fingerprint")
	}

	unprivileged := at(map[string]any{"privileged": 13})
	unprivileged.Attributes["privileged"] = false
	if unprivileged.SecurityFingerprint() == moved {
		t.Error("dropping privileged kept the fingerprint")
	}
}
