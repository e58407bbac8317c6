package routes

// classBodies tracks the class bodies open at a point of a Java, Kotlin or
// C# file, so that a declaration is read as a member of the class whose
// body directly holds it, not of one further out, nor inside a method.
type classBodies[C any] struct {
	depth    int
	awaiting *C // a class declared, its body not yet open
	open     []openBody[C]
}

type openBody[C any] struct {
	class *C
	depth int
}

// declare records a class whose body opens at the next brace.
func (b *classBodies[C]) declare(c *C) { b.awaiting = c }

func (b *classBodies[C]) openBrace() {
	b.depth++
	if b.awaiting != nil {
		b.open = append(b.open, openBody[C]{b.awaiting, b.depth})
		b.awaiting = nil
	}
}

func (b *classBodies[C]) closeBrace() {
	if n := len(b.open); n > 0 && b.open[n-1].depth == b.depth {
		b.open = b.open[:n-1]
	}
	b.depth--
}

// current returns the class whose members are being read, nil between
// classes or inside a method body.
func (b *classBodies[C]) current() *C {
	n := len(b.open)
	if n == 0 || b.open[n-1].depth != b.depth {
		return nil
	}
	return b.open[n-1].class
}
