package dockerfile

import (
	"strconv"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// builder turns the stages of one Dockerfile into surface items.
type builder struct {
	path   string
	stages []*stage
	facts  fileFacts
}

func (b *builder) items() ([]extractors.Item, error) {
	final := b.stages[len(b.stages)-1]
	items := []extractors.Item{b.image(final)}
	items = append(items, b.bases()...)
	ports, err := b.ports(final)
	return append(items, ports...), err
}

func (b *builder) location(line int) extractors.Location {
	return extractors.Location{Path: b.path, Line: line}
}

// image describes what the file builds. The user and base image are those the
// final image really has, following FROM references to earlier stages.
func (b *builder) image(final *stage) extractors.Item {
	user, _ := final.effectiveUser()
	attrs := map[string]any{
		"base_image":   parseImage(final.root().image).name,
		"stages":       len(b.stages),
		"user":         user,
		"runs_as_root": runsAsRoot(user),
	}
	b.facts.attributes(attrs)
	return extractors.Item{
		ID:         "container.image:" + b.path,
		Kind:       "container.image",
		Name:       "image built by " + b.path,
		Exposure:   extractors.ExposureUnknown,
		Attributes: attrs,
		Location:   b.location(final.fromLine),
	}
}

// runsAsRoot is true unless the user is known not to be root. A user given by
// a build argument is unknown, and unknown counts as root until a person
// reviews it, as unknown exposure counts as public.
func runsAsRoot(user string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(user), ":")
	if name == "" || strings.Contains(name, "$") {
		return true
	}
	if uid, err := strconv.ParseUint(name, 10, 32); err == nil {
		return uid == 0
	}
	return name == "root" || strings.EqualFold(name, "ContainerAdministrator")
}

// bases lists each image the file pulls, once. When stages pull one image in
// several ways, the item describes the least pinned, since that is the one a
// registry could swap.
func (b *builder) bases() []extractors.Item {
	var items []extractors.Item
	index := map[string]int{}
	for _, s := range b.stages {
		if s.parent != nil || strings.EqualFold(s.image, "scratch") {
			continue
		}
		it := b.base(s)
		i, seen := index[it.ID]
		switch {
		case !seen:
			index[it.ID] = len(items)
			items = append(items, it)
		case items[i].Attributes["pinned"] == true && it.Attributes["pinned"] == false:
			items[i] = it
		}
	}
	return items
}

func (b *builder) base(s *stage) extractors.Item {
	ref := parseImage(s.image)
	attrs := map[string]any{
		"image":      ref.name,
		"tag":        ref.tag,
		"digest":     ref.digest,
		"pinned":     ref.digest != "" && !ref.unresolved,
		"stage":      s.label(),
		"unresolved": ref.unresolved,
	}
	return extractors.Item{
		ID:         "container.base:" + b.path + "#" + ref.name,
		Kind:       "container.base",
		Name:       ref.name,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   b.location(s.fromLine),
	}
}
