package openapi

import (
	"net/netip"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// exposureOf ranks an operation by the servers that serve it: public when
// any has a public host, internal when every one is on a private network,
// unknown when a URL is relative or its host cannot be told.
func exposureOf(urls []string) extractors.Exposure {
	internal := 0
	for _, u := range urls {
		switch hostExposure(urlHost(u)) {
		case extractors.ExposurePublic:
			return extractors.ExposurePublic
		case extractors.ExposureInternal:
			internal++
		}
	}
	if len(urls) > 0 && internal == len(urls) {
		return extractors.ExposureInternal
	}
	return extractors.ExposureUnknown
}

// internalSuffixes are names that resolve only on a private network: the
// reserved .internal and .localhost, mDNS's .local, Kubernetes's .svc (and
// .svc.cluster.local) and home networks' .home.arpa.
var internalSuffixes = []string{".internal", ".local", ".localhost", ".svc", ".home.arpa"}

// cgnat is the shared address space carriers use behind NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

func hostExposure(host string) extractors.Exposure {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" || strings.ContainsAny(host, "{}") {
		return extractors.ExposureUnknown
	}

	if addr, err := netip.ParseAddr(host); err == nil {
		return addressExposure(addr.Unmap().WithZone(""))
	}
	if host == "localhost" {
		return extractors.ExposureInternal
	}
	for _, suffix := range internalSuffixes {
		if strings.HasSuffix(host, suffix) {
			return extractors.ExposureInternal
		}
	}
	// A single label such as "api" resolves only through a local search
	// domain or a container network, which the file does not show.
	if !strings.Contains(host, ".") {
		return extractors.ExposureUnknown
	}
	return extractors.ExposurePublic
}

func addressExposure(addr netip.Addr) extractors.Exposure {
	switch {
	case addr.IsLoopback(), addr.IsPrivate(), addr.IsLinkLocalUnicast(), cgnat.Contains(addr):
		return extractors.ExposureInternal
	case addr.IsGlobalUnicast():
		return extractors.ExposurePublic
	}
	return extractors.ExposureUnknown
}

// urlHost returns the host of an absolute or scheme-relative URL, without
// user information or port, and "" for a relative URL.
func urlHost(u string) string {
	rest, ok := afterScheme(u)
	if !ok {
		return ""
	}
	authority, _, _ := strings.Cut(cutQuery(rest), "/")
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority = authority[at+1:]
	}
	if strings.HasPrefix(authority, "[") {
		host, _, _ := strings.Cut(authority[1:], "]")
		return host
	}
	host, _, _ := strings.Cut(authority, ":")
	return host
}

// urlPath returns the path of a server URL: a relative URL is all path.
func urlPath(u string) string {
	rest, ok := afterScheme(u)
	if !ok {
		return cutQuery(u)
	}
	rest = cutQuery(rest)
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return rest[i:]
	}
	return ""
}

// afterScheme returns what follows "scheme://" or "//".
func afterScheme(u string) (string, bool) {
	if _, rest, ok := strings.Cut(u, "://"); ok {
		return rest, true
	}
	return strings.CutPrefix(u, "//")
}

func cutQuery(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i]
	}
	return u
}
