package routes

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// RailsExtractor reads Rails routes files. The zero value is ready to use
// and safe for concurrent use.
type RailsExtractor struct{}

// NewRails returns the extractor of routes drawn in config/routes.rb.
func NewRails() *RailsExtractor { return &RailsExtractor{} }

// Name implements extractors.Extractor.
func (*RailsExtractor) Name() string { return "routes-rails" }

// Match implements extractors.Extractor: config/routes.rb, and the files
// under config/routes/ that it draws.
func (*RailsExtractor) Match(p string) bool {
	return drawnFile(p) || p == "config/routes.rb" || strings.HasSuffix(p, "/config/routes.rb")
}

// drawnFile reports whether p is a file that routes.rb loads with draw, at
// a place in the routes that the file itself does not show.
func drawnFile(p string) bool {
	dir := path.Dir(p)
	return path.Ext(p) == ".rb" &&
		(dir == "config/routes" || strings.HasSuffix(dir, "/config/routes"))
}

// Extract implements extractors.Extractor.
func (*RailsExtractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	r := &railsFile{ts: lexRuby(f.Content), drawn: drawnFile(f.Path)}
	r.frames = []railsFrame{{}}
	r.scan()
	return toItems(f.Path, r.routes), r.unseen.err()
}

// railsFrame is an open do ... end block of the routes file.
type railsFrame struct {
	prefix     string // path of the routes drawn inside
	module     string // controller namespace, "admin/"
	member     string // in a resources block: the member path, /photos/:id
	collection string // in a resources block: the collection path, /photos
	resource   bool
	template   bool // a concern: its routes are drawn where it is used
}

// railsFile is the state of reading one routes file.
type railsFile struct {
	ts     toks
	drawn  bool
	frames []railsFrame
	routes []route
	unseen unseen
}

func (r *railsFile) top() railsFrame { return r.frames[len(r.frames)-1] }

// railsBlockKeywords open a block closed by end without a do.
var railsBlockKeywords = set("if", "unless", "while", "until", "case", "begin", "def",
	"class", "module")

func (r *railsFile) scan() {
	ts := r.ts
	for i := 0; i < len(ts); {
		switch {
		case ts.ident(i, "end"):
			if len(r.frames) > 1 {
				r.frames = r.frames[:len(r.frames)-1]
			}
			i++
		case ts.at(i).kind == tIdent && r.statementStart(i):
			i = r.statement(i)
		default:
			i++
		}
	}
}

// railsContinuations are the tokens after which a statement goes on to the
// next line.
var railsContinuations = set(",", "(", "[", "{", "=>", "\\", ".", "|", "&", "+", ":")

func (r *railsFile) statementStart(i int) bool {
	prev := r.ts.at(i - 1)
	if i == 0 || prev.kind == tPunct && prev.text == ";" || r.ts.ident(i-1, "do") {
		return true
	}
	return prev.line < r.ts[i].line && !(prev.kind == tPunct && railsContinuations[prev.text])
}

// statement reads the statement starting with the name at i and returns
// the index of the token after it, past the do that opens its block.
func (r *railsFile) statement(i int) int {
	ts := r.ts
	end, depth := i+1, 0
	for ; end < len(ts); end++ {
		t := ts[end]
		if depth == 0 && (ts.ident(end, "do") || ts.punct(end, ";") ||
			t.line > ts[end-1].line && !railsContinuation(ts[end-1])) {
			break
		}
		if t.kind == tPunct {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
		}
	}
	hasDo := ts.ident(end, "do")
	frame, opens := r.dispatch(i, r.arguments(i+1, end), hasDo)
	switch {
	case hasDo:
		r.frames = append(r.frames, frame)
		end++
	case opens:
		r.frames = append(r.frames, r.top())
	}
	return end
}

// rocket returns the index of the top-level => of an argument, -1 if none.
func (r *railsFile) rocket(p span) int {
	depth := 0
	for j := p.from; j < p.to; j++ {
		switch t := r.ts[j]; {
		case t.kind != tPunct:
		case t.text == "(" || t.text == "[" || t.text == "{":
			depth++
		case t.text == ")" || t.text == "]" || t.text == "}":
			depth--
		case t.text == "=>" && depth == 0:
			return j
		}
	}
	return -1
}

func railsContinuation(t tok) bool {
	return t.kind == tPunct && railsContinuations[t.text]
}

// railsArgs are a call's arguments: positional ones and options by key. A
// hash rocket after the first argument, as in get 'x' => 'c#a' or mount App
// => '/app', is kept as the option "=>".
type railsArgs struct {
	positional []span
	options    map[string]span
}

func (r *railsFile) arguments(from, to int) railsArgs {
	ts := r.ts
	if ts.punct(from, "(") && ts.closing(from) == to-1 {
		from, to = from+1, to-1
	}
	parts := ts.split(from, min(to, len(ts)))
	args := railsArgs{options: map[string]span{}}
	for _, p := range parts {
		rocket := r.rocket(p)
		switch {
		case ts.at(p.from).kind == tIdent && ts.punct(p.from+1, ":"):
			args.options[ts[p.from].text] = span{p.from + 2, p.to}
		case rocket == p.from+1 && ts[p.from].kind == tSymbol:
			args.options[ts[p.from].text] = span{rocket + 1, p.to}
		case rocket > p.from:
			args.positional = append(args.positional, span{p.from, rocket})
			args.options["=>"] = span{rocket + 1, p.to}
		default:
			args.positional = append(args.positional, p)
		}
	}
	return args
}
