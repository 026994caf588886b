package msr605

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The MSR605 Programmer's Manual's commands that change a card or the
// reader: write (w), raw write (n), erase (c), set leading zeros (z),
// select BPI (b), set BPC (o), set Hi-Co (x) and Lo-Co (y), and the LED
// commands (81h–85h). The sensor and RAM tests (86h, 87h) and the two
// setting queries (l, d) change nothing, but magcheck has no use for them.
var forbidden = []byte{'w', 'n', 'c', 'z', 'b', 'o', 'x', 'y', 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 'l', 'd'}

// allowed are the commands magcheck sends: reset, read ISO, read raw,
// firmware, model and the communication test.
var allowed = [][]byte{{0x1B, 'a'}, {0x1B, 'r'}, {0x1B, 'm'}, {0x1B, 'v'}, {0x1B, 't'}, {0x1B, 'e'}}

// TestOnlyReadCommands: every Command the package can hold, whatever its
// op, sends one of the read and query commands or nothing; none writes,
// erases or sets. The constructors give each allowed command, and nothing
// else in the package makes a Command.
func TestOnlyReadCommands(t *testing.T) {
	for op := range 256 {
		b := Command{uint8ToOp(op)}.Bytes()
		if b == nil {
			continue
		}
		if !slices.ContainsFunc(allowed, func(a []byte) bool { return slices.Equal(a, b) }) {
			t.Errorf("op %d sends % X, not a read or query command", op, b)
		}
		if len(b) != 2 || slices.Contains(forbidden, b[1]) {
			t.Errorf("op %d sends % X", op, b)
		}
	}
	var got [][]byte
	for _, c := range []Command{Reset(), ReadISO(), ReadRaw(), Firmware(), Model(), CommTest(), ReadCommand(ModeISO), ReadCommand(ModeRaw)} {
		got = append(got, c.Bytes())
	}
	for _, a := range allowed {
		if !slices.ContainsFunc(got, func(b []byte) bool { return slices.Equal(a, b) }) {
			t.Errorf("no constructor sends % X", a)
		}
	}
	if (Command{}).Bytes() != nil {
		t.Error("the zero Command sends bytes")
	}
	// Command literals with an op appear only in the constructors.
	constructors := []string{"Reset", "ReadISO", "ReadRaw", "Firmware", "Model", "CommTest"}
	for _, f := range sources(t, ".") {
		ast.Inspect(f.file, func(n ast.Node) bool {
			fd, ok := n.(*ast.FuncDecl)
			if !ok {
				return true
			}
			ast.Inspect(fd, func(n ast.Node) bool {
				if cl, ok := n.(*ast.CompositeLit); ok && isIdent(cl.Type, "Command") && len(cl.Elts) > 0 &&
					(fd.Recv != nil || !slices.Contains(constructors, fd.Name.Name)) {
					t.Errorf("%s: %s builds a Command", f.name, fd.Name.Name)
				}
				return true
			})
			return false
		})
	}
}

func uint8ToOp(i int) op { return op(i) }

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

type source struct {
	name string
	file *ast.File
}

// sources parses the non-test Go files of dir, whatever their build tags.
func sources(t *testing.T, dir string) []source {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []source
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, source{name, f})
	}
	if len(out) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return out
}

// TestBindingsSendOnlyCommands: in the browser bindings that reach an
// MSR605-family reader, the Web Serial binding here and webhid's, the
// browser calls that send bytes to a device ("write" on a serial port,
// "sendReport" and "sendFeatureReport" on a HID device) are made only by
// functions given a Command, which they send as its Bytes (webhid frames
// them in MSR605X packets), and by webhid's Feature, which refuses an
// MSR605X (TestFeatureRefusesMSR605X in webhid).
func TestBindingsSendOnlyCommands(t *testing.T) {
	sending := map[string]bool{"write": true, "sendReport": true, "sendFeatureReport": true}
	allowedFuncs := map[string]bool{"msr605.send": true, "webhid.sendMSR605": true, "webhid.Feature": true}
	found := map[string]bool{}
	for _, dir := range []string{".", filepath.Join("..", "webhid")} {
		for _, f := range sources(t, dir) {
			pkg := f.file.Name.Name
			for _, d := range f.file.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				ast.Inspect(fd, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok || len(call.Args) == 0 {
						return true
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					lit, isLit := call.Args[0].(*ast.BasicLit)
					if !ok || sel.Sel.Name != "Call" || !isLit || lit.Kind != token.STRING {
						return true
					}
					method, _ := strconv.Unquote(lit.Value)
					if !sending[method] {
						return true
					}
					name := pkg + "." + fd.Name.Name
					found[name] = true
					if !allowedFuncs[name] {
						t.Errorf("%s: %s calls %s", f.name, name, method)
					}
					if name != "webhid.Feature" && !takesCommand(fd) {
						t.Errorf("%s: %s calls %s without a Command parameter", f.name, name, method)
					}
					return true
				})
			}
		}
	}
	for name := range allowedFuncs {
		if !found[name] {
			t.Errorf("%s sends nothing: the test no longer looks where the bytes go", name)
		}
	}
}

// takesCommand reports whether fd has a parameter of type Command (or
// msr605.Command).
func takesCommand(fd *ast.FuncDecl) bool {
	for _, p := range fd.Type.Params.List {
		switch ty := p.Type.(type) {
		case *ast.Ident:
			if ty.Name == "Command" {
				return true
			}
		case *ast.SelectorExpr:
			if x, ok := ty.X.(*ast.Ident); ok && x.Name == "msr605" && ty.Sel.Name == "Command" {
				return true
			}
		}
	}
	return false
}
