package dockerfile

import (
	"errors"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/tms-dev/tms/extractors"
)

// stage is one FROM section of a Dockerfile.
type stage struct {
	index    int
	name     string // lower case, as BuildKit compares stage names
	image    string // the FROM argument as written
	fromLine int
	parent   *stage // the earlier stage this one is built FROM, if any
	users    []instruction
	exposes  []instruction
}

// instruction is the argument list of a USER or EXPOSE line.
type instruction struct {
	args []string
	line int
}

// label is how items refer to a stage: its name, or its index as COPY --from
// accepts it.
func (s *stage) label() string {
	if s.name != "" {
		return s.name
	}
	return strconv.Itoa(s.index)
}

// readStages groups the instructions under their FROM. Instructions before
// the first FROM may only be ARGs, which tms never resolves, so they are
// skipped. A malformed FROM is reported and its stage left out.
func readStages(root *parser.Node) ([]*stage, error) {
	var stages []*stage
	var problem error
	for _, n := range root.Children {
		switch strings.ToLower(n.Value) {
		case "from":
			s, err := newStage(n, stages)
			if err != nil {
				problem = firstError(problem, err)
				continue
			}
			stages = append(stages, s)
		case "user":
			addTo(stages, func(s *stage) { s.users = append(s.users, newInstruction(n)) })
		case "expose":
			addTo(stages, func(s *stage) { s.exposes = append(s.exposes, newInstruction(n)) })
		}
	}
	return stages, problem
}

func addTo(stages []*stage, add func(*stage)) {
	if len(stages) > 0 {
		add(stages[len(stages)-1])
	}
}

func newInstruction(n *parser.Node) instruction {
	var args []string
	for a := n.Next; a != nil; a = a.Next {
		args = append(args, a.Value)
	}
	return instruction{args: args, line: n.StartLine}
}

// newStage reads `FROM [--platform=...] image [AS name]`. BuildKit puts the
// flags aside, so only the image and the optional alias remain.
func newStage(n *parser.Node, earlier []*stage) (*stage, error) {
	args := newInstruction(n).args
	switch {
	case len(args) == 1:
	case len(args) == 3 && strings.EqualFold(args[1], "as"):
	default:
		return nil, extractors.AtLine(n.StartLine,
			errors.New("FROM needs an image and an optional AS name"))
	}

	s := &stage{index: len(earlier), image: args[0], fromLine: n.StartLine}
	if len(args) == 3 {
		s.name = strings.ToLower(args[2])
	}
	s.parent = findStage(earlier, args[0])
	return s, nil
}

// findStage returns the earlier stage that image names. A later stage of the
// same name does not count: BuildKit would pull an image of that name.
func findStage(earlier []*stage, image string) *stage {
	image = strings.ToLower(image)
	for i := len(earlier) - 1; i >= 0; i-- {
		if earlier[i].name != "" && earlier[i].name == image {
			return earlier[i]
		}
	}
	return nil
}

// root follows FROM references to earlier stages down to the stage built on
// an image, whose image the final filesystem really starts from.
func (s *stage) root() *stage {
	for s.parent != nil {
		s = s.parent
	}
	return s
}

// effectiveUser is the last USER of the stage or, failing that, of the stages
// it is built on, because an image inherits its parent's user.
func (s *stage) effectiveUser() (string, bool) {
	for ; s != nil; s = s.parent {
		if n := len(s.users); n > 0 {
			return strings.Join(s.users[n-1].args, " "), true
		}
	}
	return "", false
}
