package main

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer that the progress goroutine and the test
// can use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func fakeTerminal(io.Writer) bool { return true }
func notTerminal(io.Writer) bool  { return false }

func files(n int64) func() int64 { return func() int64 { return n } }

// waitFor polls until the output contains want, so the test does not depend
// on how fast the progress goroutine is scheduled.
func waitFor(t *testing.T, out *lockedBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the output %q", want, out.String())
		}
		time.Sleep(time.Millisecond)
	}
}

func TestProgressOnATerminal(t *testing.T) {
	var out lockedBuffer
	p := startProgress(&out, files(12345), fakeTerminal, 0, time.Millisecond)
	waitFor(t, &out, eraseLine+"tms: scanning... 12,345 files")
	p.Stop()
	if got := out.String(); !strings.HasSuffix(got, "files"+eraseLine) {
		t.Errorf("the line is not cleared at the end: %q", got)
	}
	p.Stop()
}

func TestProgressStaysQuiet(t *testing.T) {
	t.Run("not a terminal", func(t *testing.T) {
		var out lockedBuffer
		p := startProgress(&out, files(5), notTerminal, 0, time.Millisecond)
		if p != nil {
			t.Fatal("a progress line was started on a writer that is not a terminal")
		}
		time.Sleep(10 * time.Millisecond)
		p.Stop()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		if p.logger(log) != log {
			t.Error("the logger was wrapped without a progress line")
		}
		if out.String() != "" {
			t.Errorf("wrote %q to a writer that is not a terminal", out.String())
		}
	})
	t.Run("a quick run", func(t *testing.T) {
		var out lockedBuffer
		p := startProgress(&out, files(5), fakeTerminal, time.Hour, time.Millisecond)
		p.Stop()
		if out.String() != "" {
			t.Errorf("a run shorter than the delay printed %q", out.String())
		}
	})
}

// TestProgressMakesRoomForLogs checks that a log record is printed on a
// line of its own, with the progress line drawn again after it.
func TestProgressMakesRoomForLogs(t *testing.T) {
	var out lockedBuffer
	p := startProgress(&out, files(7), fakeTerminal, 0, time.Hour)
	waitFor(t, &out, "7 files")
	log := p.logger(slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})))
	log.With("path", "x").Warn("careful")
	p.Stop()

	want := eraseLine + "tms: scanning... 7 files" + eraseLine +
		"level=WARN msg=careful path=x\n" + eraseLine + "tms: scanning... 7 files" + eraseLine
	if got := out.String(); got != want {
		t.Errorf("output\n got %q\nwant %q", got, want)
	}
}

func TestThousands(t *testing.T) {
	tests := map[int64]string{0: "0", 999: "999", 1000: "1,000", 12345: "12,345",
		1234567: "1,234,567", -1234: "-1,234"}
	for n, want := range tests {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
