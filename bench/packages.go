//go:build !wasm

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"magcheck/internal/wasmbuild"
)

// PackageSize is the code one package, or one group of packages, puts in
// app.wasm (the bytes of its functions' bodies), and how much more that is
// than in the bare shell.
type PackageSize struct {
	Package string `json:"package"`
	Code    int    `json:"code"`
	Added   int    `json:"added"`
}

// The groups of packages the table does not show one by one.
const (
	groupGoApp  = "github.com/maxence-charriere/go-app/v10/..."
	groupStd    = "standard library, the rest"
	groupOther  = "other modules"
	groupUnowed = "runtime type functions and wrappers"
)

// stdShown is how much more code a standard package must put in app.wasm
// than in the shell to have a row of its own: what magcheck's use of the
// standard library adds.
const stdShown = 2000

// measurePackages builds app.wasm and the shell again as make wasm does
// (wasmbuild), keeping the function names (the code is the same), and sums
// the code of each by package.
func measurePackages(out string) ([]PackageSize, error) {
	app, std, err := packageCode(filepath.Join(out, "app-names.wasm"), "./cmd/wasm")
	if err != nil {
		return nil, err
	}
	shell, _, err := packageCode(filepath.Join(out, "shell-names.wasm"), "./bench/shell")
	if err != nil {
		return nil, err
	}
	return packageTable(app, shell, std), nil
}

// packageCode builds the main package main for js/wasm into path with its
// function names and sums its code by package; std tells the standard
// packages.
func packageCode(path, main string) (code map[string]int, std map[string]bool, err error) {
	build := wasmbuild.Command(".", path, main, true)
	if b, err := build.CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("building %s with its names: %v\n%s", main, err, b)
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	list := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", main)
	list.Env = build.Env
	var stderr bytes.Buffer
	list.Stderr = &stderr
	deps, err := list.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("go list %s: %v\n%s", main, err, stderr.Bytes())
	}
	funcs, err := wasmFunctions(wasm)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	std = map[string]bool{}
	var paths []string
	for _, line := range strings.Split(strings.TrimSpace(string(deps)), "\n") {
		path, isStd, _ := strings.Cut(line, " ")
		paths = append(paths, path)
		std[path] = isStd == "true"
	}
	return codeByPackage(funcs, paths), std, nil
}

// wasmFunction is one function a wasm module defines: its name, from the
// module's name section, and the size of its body.
type wasmFunction struct {
	Name string
	Size int
}

var errWasm = errors.New("not a wasm module with a name section")

// wasmFunctions reads the functions a wasm module defines (its imports
// left out), with their names.
func wasmFunctions(b []byte) ([]wasmFunction, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errWasm
	}
	r := &wasmReader{b: b, i: 8}
	imported := 0
	var sizes []int
	names := map[int]string{}
	for r.i < len(b) && r.err == nil {
		id := r.byte()
		sec := &wasmReader{b: r.bytes(int(r.uleb()))}
		switch id {
		case 2: // imports: count the functions, which the name section numbers first
			for range sec.uleb() {
				sec.bytes(int(sec.uleb())) // module
				sec.bytes(int(sec.uleb())) // name
				switch kind := sec.byte(); kind {
				case 0: // function: its type index
					sec.uleb()
					imported++
				case 1: // table: element type, limits
					sec.byte()
					sec.limits()
				case 2: // memory: limits
					sec.limits()
				case 3: // global: value type, mutability
					sec.bytes(2)
				default:
					sec.err = fmt.Errorf("import kind %d", kind)
				}
			}
		case 10: // code
			for range sec.uleb() {
				n := int(sec.uleb())
				sec.bytes(n)
				sizes = append(sizes, n)
			}
		case 0: // custom
			if string(sec.bytes(int(sec.uleb()))) != "name" {
				break
			}
			for sec.i < len(sec.b) && sec.err == nil {
				sub := sec.byte()
				part := &wasmReader{b: sec.bytes(int(sec.uleb()))}
				if sub != 1 { // function names
					continue
				}
				for range part.uleb() {
					idx := int(part.uleb())
					names[idx] = string(part.bytes(int(part.uleb())))
				}
				sec.err = part.err
			}
		}
		if r.err == nil {
			r.err = sec.err
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w: %v", errWasm, r.err)
	}
	if len(names) == 0 {
		return nil, errWasm
	}
	funcs := make([]wasmFunction, len(sizes))
	for i, n := range sizes {
		funcs[i] = wasmFunction{Name: names[imported+i], Size: n}
	}
	return funcs, nil
}

// wasmReader reads a wasm module's bytes; the first error stops it.
type wasmReader struct {
	b   []byte
	i   int
	err error
}

func (r *wasmReader) byte() byte {
	if r.err != nil || r.i >= len(r.b) {
		r.fail()
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *wasmReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || r.i+n > len(r.b) {
		r.fail()
		return nil
	}
	r.i += n
	return r.b[r.i-n : r.i]
}

func (r *wasmReader) uleb() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := r.byte()
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.fail()
	return 0
}

func (r *wasmReader) limits() {
	if r.byte()&1 == 1 {
		r.uleb()
	}
	r.uleb()
}

func (r *wasmReader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("cut short at byte %d", r.i)
	}
}

// wasmName is how Go's linker names a symbol in a wasm name section:
// every character but letters, digits, _ and . becomes _.
var wasmName = regexp.MustCompile(`[^\w.]`)

// codeByPackage sums the functions by the package they belong to: the
// longest of the import paths whose name, as the linker writes it, starts
// the function's; groupUnowed for those of none.
func codeByPackage(funcs []wasmFunction, paths []string) map[string]int {
	type pkg struct{ prefix, path string }
	pkgs := make([]pkg, len(paths))
	for i, p := range paths {
		pkgs[i] = pkg{wasmName.ReplaceAllString(p, "_") + ".", p}
	}
	// Longest first, so that a package is not taken for its parent.
	slices.SortFunc(pkgs, func(a, b pkg) int { return len(b.prefix) - len(a.prefix) })
	sums := map[string]int{}
	for _, f := range funcs {
		owner := groupUnowed
		for _, p := range pkgs {
			if strings.HasPrefix(f.Name, p.prefix) {
				owner = p.path
				break
			}
		}
		sums[owner] += f.Size
	}
	return sums
}

// packageTable sets app's code by package beside the shell's: a row for
// each of magcheck's packages, biggest first; then one for each standard
// package app.wasm holds stdShown bytes more of than the shell, the rest
// of the standard library, go-app, other modules and what belongs to no
// package, biggest first.
func packageTable(app, shell map[string]int, std map[string]bool) []PackageSize {
	rows := map[string]*PackageSize{}
	add := func(row string, code, added int) {
		r := rows[row]
		if r == nil {
			r = &PackageSize{Package: row}
			rows[row] = r
		}
		r.Code += code
		r.Added += added
	}
	seen := map[string]bool{}
	for _, m := range []map[string]int{app, shell} {
		for path := range m {
			if seen[path] {
				continue
			}
			seen[path] = true
			code, added := app[path], app[path]-shell[path]
			switch {
			case path == "magcheck" || strings.HasPrefix(path, "magcheck/"), path == groupUnowed:
				add(path, code, added)
			case strings.HasPrefix(path, "github.com/maxence-charriere/go-app/"):
				add(groupGoApp, code, added)
			case std[path] && added >= stdShown:
				add(path, code, added)
			case std[path] || path == "runtime" || !strings.Contains(path, "."):
				add(groupStd, code, added)
			default:
				add(groupOther, code, added)
			}
		}
	}
	var ours, theirs []PackageSize
	for _, r := range rows {
		if strings.HasPrefix(r.Package, "magcheck") {
			ours = append(ours, *r)
		} else {
			theirs = append(theirs, *r)
		}
	}
	bySize := func(a, b PackageSize) int {
		if a.Code != b.Code {
			return b.Code - a.Code
		}
		return strings.Compare(a.Package, b.Package)
	}
	slices.SortFunc(ours, bySize)
	slices.SortFunc(theirs, bySize)
	return append(ours, theirs...)
}
