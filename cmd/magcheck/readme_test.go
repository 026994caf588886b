package main

import (
	"os"
	"strings"
	"testing"
)

// TestLicencesListed keeps the README's dependency table complete: every
// module go.mod requires is named there, with its version.
func TestLicencesListed(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(readme), "## Dependencies and licences")
	if !ok {
		t.Fatal("README has no dependency section")
	}
	inRequire := false
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "require" && f[1] == "(":
			inRequire = true
			continue
		case len(f) == 1 && f[0] == ")":
			inRequire = false
			continue
		case len(f) >= 3 && f[0] == "require":
			f = f[1:]
		case !inRequire || len(f) < 2:
			continue
		}
		path, version := f[0], f[1]
		name := path
		if rest, ok := strings.CutPrefix(path, "golang.org/"); ok {
			name = rest // listed together as golang.org/x/tools, x/mod, …
		}
		if !strings.Contains(table, name) {
			t.Errorf("README does not list %s", path)
		}
		if !strings.HasPrefix(path, "golang.org/x/") && !strings.Contains(table, "| "+version+" |") {
			t.Errorf("README does not give %s's version %s", path, version)
		}
	}
}
