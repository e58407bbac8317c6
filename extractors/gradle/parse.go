package gradle

// arg is one argument of a call in a build script.
type arg struct {
	name  string // the key of a named argument (group: 'x', group = "x"), else ""
	str   *token // a string literal
	ref   string // a name or dotted reference: libs.guava, junitVersion
	call  string // the function called: platform, kotlin, project
	inner []arg  // the arguments of call
	value *arg   // the value of a named argument
	line  int
	bad   bool // anything else: an expression the reader does not evaluate
}

// declared is a dependency notation found in a dependencies block, before
// its strings are resolved.
type declared struct {
	config string
	args   []arg
	line   int
}

// skippedBlocks hold notations that are not dependencies: version
// constraints, component metadata rules, module replacements.
var skippedBlocks = map[string]bool{
	"constraints": true, "components": true, "modules": true,
	"attributesSchema": true, "artifactTypes": true,
}

// notConfigurations are names that may start a statement in a dependencies
// block without declaring a dependency.
var notConfigurations = map[string]bool{
	"exclude": true, "because": true, "println": true, "print": true,
	"if": true, "else": true, "for": true, "while": true, "return": true,
	"def": true, "val": true, "var": true, "add": true, "project": true,
	"files": true, "fileTree": true, "platform": true, "enforcedPlatform": true,
	"kotlin": true, "testFixtures": true, "logger": true, "throw": true,
	"assert": true, "ext": true, "extra": true, "apply": true, "plugins": true,
	"dependencies": true, "constraints": true, "components": true, "modules": true,
}

// maxNesting bounds how deep blocks and calls are read. Build scripts nest
// a handful of levels; past the bound brackets are skipped whole, without
// recursion, so a hostile file cannot exhaust the stack.
const maxNesting = 64

// parser finds the dependencies blocks of a script and the declarations in
// them.
type parser struct {
	toks  []token
	pos   int
	depth int // blocks and argument lists being read
	found []declared
}

func parse(toks []token) []declared {
	p := &parser{toks: toks}
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		p.pos++
		if t.kind == tIdent && t.text == "dependencies" && p.at(tPunct, "{") {
			p.pos++
			p.block()
		}
	}
	return p.found
}

func (p *parser) at(kind tokenKind, text string) bool {
	return p.pos < len(p.toks) && p.toks[p.pos].kind == kind && p.toks[p.pos].text == text
}

func (p *parser) atKind(kind tokenKind) bool {
	return p.pos < len(p.toks) && p.toks[p.pos].kind == kind
}

// block reads statements up to the closing brace of the current block.
func (p *parser) block() {
	p.depth++
	defer func() { p.depth-- }()
	for p.pos < len(p.toks) {
		switch {
		case p.at(tPunct, "}"):
			p.pos++
			return
		case p.atKind(tNewline), p.at(tPunct, ";"):
			p.pos++
		default:
			p.statement()
		}
	}
}

func (p *parser) statement() {
	t := p.toks[p.pos]
	if t.kind == tIdent && skippedBlocks[t.text] {
		p.pos++
		if p.at(tPunct, "{") {
			p.skipBalanced()
			return
		}
	}
	if t.kind == tIdent && !notConfigurations[t.text] && p.startsArgs(p.pos+1) {
		p.pos++
		p.declaration(t)
		return
	}
	p.skipStatement()
}

// startsArgs reports whether the token at i can begin the arguments of a
// configuration call: implementation(…), implementation '…', implementation
// libs.x, implementation group: '…'.
func (p *parser) startsArgs(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	t := p.toks[i]
	return t.kind == tString || t.kind == tIdent || t.kind == tPunct && t.text == "("
}

func (p *parser) declaration(config token) {
	paren := p.at(tPunct, "(")
	if paren {
		p.pos++
	}
	args := p.args(paren)
	if p.at(tPunct, "{") {
		p.skipBalanced() // the closure configuring the dependency
	}
	if p.atKind(tNewline) || p.at(tPunct, ";") || p.at(tPunct, "}") || p.pos >= len(p.toks) {
		p.found = append(p.found, declared{config: config.text, args: args, line: config.line})
		return
	}
	// Something follows that no dependency notation has, such as an
	// assignment or an operator: this is not a declaration.
	p.skipStatement()
}

// args reads a comma-separated argument list, up to and including the
// closing parenthesis when paren is set, else to the end of the line.
func (p *parser) args(paren bool) []arg {
	var args []arg
	for p.pos < len(p.toks) {
		if paren {
			p.skipNewlines()
		}
		if paren && p.at(tPunct, ")") {
			p.pos++
			return args
		}
		if !paren && p.endsCommand() {
			return args
		}
		args = append(args, p.arg())
		if paren {
			p.skipNewlines()
		}
		switch {
		case p.at(tPunct, ","):
			p.pos++
			p.skipNewlines()
		case paren && p.at(tPunct, ")"):
		case !paren && p.endsCommand():
		default:
			args[len(args)-1].bad = true
			p.skipToArgEnd(paren)
			if p.at(tPunct, ",") {
				p.pos++
			}
		}
	}
	return args
}

func (p *parser) endsCommand() bool {
	return p.pos >= len(p.toks) || p.atKind(tNewline) || p.at(tPunct, ";") ||
		p.at(tPunct, "}") || p.at(tPunct, "{")
}

func (p *parser) arg() arg {
	t := p.toks[p.pos]
	a := arg{line: t.line}
	switch {
	case t.kind == tIdent && p.namedArg():
		a.name = t.text
		p.pos += 2
		p.skipNewlines()
		if p.pos < len(p.toks) && p.depth < maxNesting {
			p.depth++
			v := p.arg()
			p.depth--
			a.value = &v
		}
	case t.kind == tString:
		p.pos++
		a.str = &p.toks[p.pos-1]
	case t.kind == tIdent:
		p.reference(&a)
	default:
		a.bad = true
		p.pos++
	}
	return a
}

// namedArg reports whether the identifier at pos is a key: followed by ':'
// (Groovy) or by '=' that is not part of '=='.
func (p *parser) namedArg() bool {
	if p.pos+1 >= len(p.toks) {
		return false
	}
	n := p.toks[p.pos+1]
	if n.kind != tPunct || n.text != ":" && n.text != "=" {
		return false
	}
	return n.text == ":" || p.pos+2 >= len(p.toks) || p.toks[p.pos+2].text != "="
}

// reference reads a dotted name, a call, or a dotted name ending in get().
func (p *parser) reference(a *arg) {
	ref := p.toks[p.pos].text
	p.pos++
	for p.at(tPunct, ".") && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == tIdent {
		ref += "." + p.toks[p.pos+1].text
		p.pos += 2
	}
	if !p.at(tPunct, "(") {
		a.ref = ref
		return
	}
	if p.depth >= maxNesting {
		p.skipBalanced()
		a.bad = true
		return
	}
	p.depth++
	p.pos++
	inner := p.args(true)
	p.depth--
	if base, ok := cutSuffix(ref, ".get"); ok && len(inner) == 0 {
		a.ref = base
		return
	}
	a.call, a.inner = ref, inner
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) > len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

func (p *parser) skipNewlines() {
	for p.atKind(tNewline) {
		p.pos++
	}
}

// skipToArgEnd skips what follows an argument up to the next comma or the
// end of the argument list, nested brackets included.
func (p *parser) skipToArgEnd(paren bool) {
	for p.pos < len(p.toks) {
		switch {
		case p.at(tPunct, ","), paren && p.at(tPunct, ")"), !paren && p.endsCommand():
			return
		case p.at(tPunct, "("), p.at(tPunct, "["), p.at(tPunct, "{"):
			p.skipBalanced()
		default:
			p.pos++
		}
	}
}

// skipBalanced skips from an opening bracket to just past its match.
func (p *parser) skipBalanced() {
	depth := 0
	for p.pos < len(p.toks) {
		switch p.toks[p.pos].text {
		case "(", "[", "{":
			if p.toks[p.pos].kind == tPunct {
				depth++
			}
		case ")", "]", "}":
			if p.toks[p.pos].kind == tPunct {
				depth--
			}
		}
		p.pos++
		if depth <= 0 {
			return
		}
	}
}

// skipStatement skips a statement that declares nothing. A block it opens,
// such as the body of an if, is read as part of the dependencies block;
// brackets are skipped whole.
func (p *parser) skipStatement() {
	for p.pos < len(p.toks) {
		switch {
		case p.atKind(tNewline), p.at(tPunct, ";"), p.at(tPunct, "}"):
			return
		case p.at(tPunct, "{") && p.depth < maxNesting:
			p.pos++
			p.block()
			return
		case p.at(tPunct, "("), p.at(tPunct, "["), p.at(tPunct, "{"):
			p.skipBalanced()
		default:
			p.pos++
		}
	}
}
