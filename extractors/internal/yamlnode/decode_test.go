package yamlnode

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors/extractortest"
)

// firstKeys names each decoded document by its first key and line.
type firstKey struct {
	Key  string
	Line int
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []firstKey
		wantLine int // 0: no error
		wantErr  string
	}{
		{name: "one document", in: "a: 1\n", want: []firstKey{{"a", 1}}},
		{name: "separated documents with comments and a trailing marker",
			in:   "# head\na: 1\n---\n# only a comment\n---\nb: 2\n---\n",
			want: []firstKey{{"a", 2}, {"b", 6}}},
		{name: "explicit document end", in: "a: 1\n...\n---\nb: 2\n",
			want: []firstKey{{"a", 1}, {"b", 4}}},
		{name: "broken middle document is skipped",
			in:       "a: 1\n---\nb: [1,\n---\nc: 3\n  d: 4\n---\ne: 5\n",
			want:     []firstKey{{"a", 1}, {"e", 8}},
			wantLine: 4,
			// Each broken document is reported at its own line.
			wantErr: "line 4: parse yaml: did not find expected node content\n" +
				"line 6: parse yaml: mapping values are not allowed in this context"},
		{name: "broken last document", in: "a: 1\n---\nb: c: d\n",
			want:     []firstKey{{"a", 1}},
			wantLine: 3, wantErr: "parse yaml: mapping values are not allowed in this context"},
		{name: "tab indentation", in: "a:\n\tb: 1\n---\nc: 1\n",
			want:     []firstKey{{"c", 4}},
			wantLine: 2, wantErr: "parse yaml: found character that cannot start any token"},
		{name: "unknown alias points at its use", in: "a: 1\n---\nb:\n  c: *nope\n",
			want:     []firstKey{{"a", 1}},
			wantLine: 4, wantErr: "parse yaml: unknown anchor 'nope' referenced"},
		{name: "marker with text after it starts a document", in: "a: 1\n--- \nb: 2\n",
			want: []firstKey{{"a", 1}, {"b", 3}}},
		{name: "parser errors count lines from one too",
			in:   "a:\n  b: {c: 1\n---\nd: 1\n",
			want: []firstKey{{"d", 4}}, wantLine: 2,
			wantErr: "parse yaml: did not find expected ',' or '}'"},
		{name: "empty", in: ""},
		{name: "unclosed quote at the end", in: "k: 'abc\n", wantLine: 2,
			wantErr: "parse yaml: found unexpected end of stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs Problems
			roots := Decode([]byte(tt.in), &probs)
			var got []firstKey
			for _, r := range roots {
				got = append(got, firstKey{r.Content[0].Value, r.Content[0].Line})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}

			err := probs.Err()
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want line %d", err, line, tt.wantLine)
			}
			if err != nil && errorMessage(err) != tt.wantErr {
				t.Errorf("error %q, want %q", errorMessage(err), tt.wantErr)
			}
		})
	}
}

func errorMessage(err error) string {
	type unwrapper interface{ Unwrap() error }
	if u, ok := err.(unwrapper); ok {
		return u.Unwrap().Error()
	}
	return err.Error()
}

func TestProblemsReportsEachAtItsLine(t *testing.T) {
	var p Problems
	if p.Err() != nil {
		t.Fatalf("empty Problems has error %v", p.Err())
	}
	p.Add(7, errString("first"))
	p.Add(2, errString("second"))
	if got, want := p.Err().Error(), "line 2: second\nline 7: first"; got != want {
		t.Errorf("Err() = %q, want %q", got, want)
	}
}

func TestProblemsCountsWhatItDoesNotList(t *testing.T) {
	var p Problems
	for line := 1; line <= maxProblems+5; line++ {
		p.Add(line, errString("broken"))
	}
	joined, ok := p.Err().(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Err() = %v, want joined errors", p.Err())
	}
	errs := joined.Unwrap()
	if len(errs) != maxProblems {
		t.Fatalf("%d errors, want %d", len(errs), maxProblems)
	}
	if got, want := errs[len(errs)-1].Error(), "line 20: broken (and 5 more problems)"; got != want {
		t.Errorf("last error %q, want %q", got, want)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
