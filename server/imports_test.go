package server

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// testOnly reports whether a standard package is for tests. httptest, for
// one, registers a command-line flag in any program that imports it.
func testOnly(pkg string) bool {
	return pkg == "testing" || strings.HasPrefix(pkg, "testing/") || pkg == "net/http/httptest"
}

// testSupport reports whether a package of the module exists for tests,
// which may import the testing packages.
func testSupport(pkg string) bool {
	return strings.HasSuffix(pkg, "test") || strings.Contains(pkg, "/internal/testvectors")
}

// goList runs go list in the module's root, for js/wasm if wasm is set,
// and returns its output lines.
func goList(t *testing.T, wasm bool, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = ".."
	cmd.Env = os.Environ()
	if wasm {
		cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
	}
	cmd.Stderr = new(strings.Builder)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, cmd.Stderr)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// thirdParty are the imports of test packages that the native program
// links through other modules. go-app's GenerateStaticWebsite, unused here, serves with
// httptest; magcheck parses its own flag sets, so the flag it adds is not
// one of magcheck's.
var thirdParty = map[string]string{
	"github.com/maxence-charriere/go-app/v10/pkg/app": "net/http/httptest",
}

// The programs built from the module, the WebAssembly page above all, link
// no testing package of their own making, and only test code imports one.
func TestNoTestingPackages(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const format = `{{.ImportPath}} {{join .Imports " "}}`
	for _, tt := range []struct {
		goos, cmd string
		wasm      bool
	}{
		{"native", "./cmd/magcheck", false},
		{"js/wasm", "./cmd/wasm", true},
	} {
		for _, line := range goList(t, tt.wasm, "-f", format, "./...") {
			pkg, imports, _ := strings.Cut(line, " ")
			if testSupport(pkg) {
				continue
			}
			for imp := range strings.FieldsSeq(imports) {
				if testOnly(imp) {
					t.Errorf("%s: %s imports %s outside its tests", tt.goos, pkg, imp)
				}
			}
		}
		for _, line := range goList(t, tt.wasm, "-deps", "-f", format, tt.cmd) {
			pkg, imports, _ := strings.Cut(line, " ")
			for imp := range strings.FieldsSeq(imports) {
				if testOnly(imp) && !testOnly(pkg) && (tt.wasm || thirdParty[pkg] != imp) {
					t.Errorf("%s: %s links %s, imported by %s", tt.goos, tt.cmd, imp, pkg)
				}
			}
		}
	}
}
