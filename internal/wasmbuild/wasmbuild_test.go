package wasmbuild

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestMakefile checks that make wasm builds app.wasm with Flags: what the
// tests and make bench build is what make run serves.
func TestMakefile(t *testing.T) {
	cmd := exec.Command("make", "-s", "-n", "wasm", "GO=go", "WASM=app.wasm")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("make -n wasm: %v", err)
	}
	want := append([]string{"GOOS=js", "GOARCH=wasm", "go", "build"}, Flags(false)...)
	want = append(want, "-o", "app.wasm", "./cmd/wasm")
	if got := shellWords(strings.TrimSpace(string(out))); !slices.Equal(got, want) {
		t.Errorf("make wasm runs\n\t%q\nwant\n\t%q", got, want)
	}
}

// shellWords splits a command line as sh would, for the single quotes
// and spaces a Makefile recipe uses.
func shellWords(line string) []string {
	var (
		words  []string
		word   strings.Builder
		inWord bool
		quoted bool
	)
	for _, r := range line {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

func TestShellWords(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"", nil},
		{"go build", []string{"go", "build"}},
		{"  a   b  ", []string{"a", "b"}},
		{"-ldflags='-s -w' -o x", []string{"-ldflags=-s -w", "-o", "x"}},
		{"''", []string{""}},
	} {
		if got := shellWords(tc.line); !slices.Equal(got, tc.want) {
			t.Errorf("shellWords(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}
