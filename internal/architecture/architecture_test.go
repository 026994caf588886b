// Package architecture holds the test that keeps docs/ARCHITECTURE.md
// true: its table of packages says what each may import, and go list says
// what each does.
package architecture

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "magcheck"

// row is one row of the packages table: the packages it names and what
// they may import.
type row struct {
	line     int
	packages []string // import paths
	allowed  []string // import paths; one ending in /... stands for its tree
	std      bool     // the standard library
}

var code = regexp.MustCompile("`([^`]+)`")

// table reads the packages table of docs/ARCHITECTURE.md: the first
// table after "## Packages", whose first column names packages and whose
// third says what they may import, each package and import in backquotes
// (a path ending in /... for a tree), "the standard library" for it,
// "each other" for the row's own and "any of the module's packages".
func table(t *testing.T) []row {
	b, err := os.ReadFile("../../docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []row
	in := false
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == "## Packages"
			continue
		case !in || !strings.HasPrefix(line, "| `"):
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 3 {
			t.Fatalf("ARCHITECTURE.md:%d: %d cells, want 3", i+1, len(cells))
		}
		r := row{line: i + 1, std: strings.Contains(cells[2], "the standard library")}
		for _, m := range code.FindAllStringSubmatch(cells[0], -1) {
			r.packages = append(r.packages, path(m[1]))
		}
		for _, m := range code.FindAllStringSubmatch(cells[2], -1) {
			r.allowed = append(r.allowed, path(m[1]))
		}
		if strings.Contains(cells[2], "each other") {
			r.allowed = append(r.allowed, r.packages...)
		}
		if strings.Contains(cells[2], "any of the module's packages") {
			r.allowed = append(r.allowed, module+"/...")
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatal("ARCHITECTURE.md has no packages table")
	}
	return rows
}

// path makes a package named in the table an import path: the module's
// own are named from its root.
func path(name string) string {
	if strings.Contains(strings.SplitN(name, "/", 2)[0], ".") {
		return name
	}
	return module + "/" + name
}

func (r row) allows(imp string) bool {
	for _, a := range r.allowed {
		if a == imp || strings.HasSuffix(a, "/...") && strings.HasPrefix(imp, strings.TrimSuffix(a, "...")) {
			return true
		}
	}
	return false
}

// TestImportTable checks every row of the table against go list, for the
// command's build and the page's (js/wasm): each package imports only what
// its row allows, and every package of the module has a row.
func TestImportTable(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	rows := table(t)
	rowOf := map[string]row{}
	for _, r := range rows {
		for _, p := range r.packages {
			if _, twice := rowOf[p]; twice {
				t.Errorf("ARCHITECTURE.md:%d: %s has another row too", r.line, p)
			}
			rowOf[p] = r
		}
	}
	for _, build := range []struct{ name, goos, goarch string }{{"native", "", ""}, {"js/wasm", "js", "wasm"}} {
		cmd := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}} {{.Standard}} {{join .Imports " "}}`, module+"/...")
		cmd.Dir = "../.."
		cmd.Env = os.Environ()
		if build.goos != "" {
			cmd.Env = append(cmd.Env, "GOOS="+build.goos, "GOARCH="+build.goarch)
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: go list: %v", build.name, err)
		}
		std := map[string]bool{}
		list := exec.Command("go", "list", "std")
		list.Env = cmd.Env
		stdList, err := list.Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Fields(string(stdList)) {
			std[p] = true
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			pkg, imports := f[0], f[2:]
			r, ok := rowOf[pkg]
			if !ok {
				t.Errorf("%s: %s has no row in ARCHITECTURE.md's packages table", build.name, pkg)
				continue
			}
			for _, imp := range imports {
				switch {
				case std[imp] && (r.std || slices.Contains(r.allowed, imp)):
				case std[imp]:
					t.Errorf("%s: %s imports %s; ARCHITECTURE.md:%d allows no standard package", build.name, pkg, imp, r.line)
				case !r.allows(imp):
					t.Errorf("%s: %s imports %s, which ARCHITECTURE.md:%d does not allow", build.name, pkg, imp, r.line)
				}
			}
		}
	}
}
