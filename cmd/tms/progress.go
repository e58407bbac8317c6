package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressDelay is how long a run goes quietly before the progress line
// appears: a quick run shows none. progressEvery is how often it updates.
const (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
)

// eraseLine returns the cursor to the start of the line and clears it.
const eraseLine = "\r\x1b[K"

// progressLine keeps one line on a terminal's stderr up to date with how
// many files a scan has found, so a person knows a long run is alive. It is
// nil, and every method a no-op, when stderr is not a terminal: a CI log
// gets no control characters.
type progressLine struct {
	w     io.Writer
	files func() int64
	mu    sync.Mutex
	shown bool
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
}

// startProgress starts the line after delay, updating it every period.
func startProgress(w io.Writer, files func() int64, isTerminal func(io.Writer) bool,
	delay, period time.Duration) *progressLine {
	if !isTerminal(w) {
		return nil
	}
	p := &progressLine{w: w, files: files, stop: make(chan struct{}), done: make(chan struct{})}
	go p.run(delay, period)
	return p
}

func (p *progressLine) run(delay, period time.Duration) {
	defer close(p.done)
	wait := time.NewTimer(delay)
	defer wait.Stop()
	select {
	case <-p.stop:
		return
	case <-wait.C:
	}

	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		p.mu.Lock()
		p.draw()
		p.mu.Unlock()
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

// draw writes the line; the caller holds mu.
func (p *progressLine) draw() {
	fmt.Fprintf(p.w, "%stms: scanning... %s files", eraseLine, thousands(p.files()))
	p.shown = true
}

// Stop ends the updates and clears the line, before a report is written.
// Calling it again does nothing.
func (p *progressLine) Stop() {
	if p == nil {
		return
	}
	p.once.Do(func() { close(p.stop) })
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		io.WriteString(p.w, eraseLine)
		p.shown = false
	}
}

// interrupt clears the line for write, which prints whole lines to the same
// terminal, and draws it again after.
func (p *progressLine) interrupt(write func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.shown {
		write()
		return
	}
	io.WriteString(p.w, eraseLine)
	write()
	p.draw()
}

// logger returns log, with its messages printed around the line.
func (p *progressLine) logger(log *slog.Logger) *slog.Logger {
	if p == nil || log == nil {
		return log
	}
	return slog.New(progressHandler{Handler: log.Handler(), line: p})
}

// progressHandler writes each log record on its own line, not after the
// progress text.
type progressHandler struct {
	slog.Handler
	line *progressLine
}

func (h progressHandler) Handle(ctx context.Context, r slog.Record) error {
	var err error
	h.line.interrupt(func() { err = h.Handler.Handle(ctx, r) })
	return err
}

func (h progressHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return progressHandler{Handler: h.Handler.WithAttrs(attrs), line: h.line}
}

func (h progressHandler) WithGroup(name string) slog.Handler {
	return progressHandler{Handler: h.Handler.WithGroup(name), line: h.line}
}

// isTerminal reports whether w is a terminal that can redraw a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && os.Getenv("TERM") != "dumb" && term.IsTerminal(int(f.Fd()))
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
