package webhid_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoDecoderDependency keeps the dependency one way: webhid parses
// reports, and package decoder diagnoses them (decoder.DecodeHID). Nothing
// of the decoder may be built into webhid, natively or in the page's
// WebAssembly build, where the browser binding is compiled in.
func TestNoDecoderDependency(t *testing.T) {
	for _, build := range []struct {
		name string
		env  []string
	}{
		{"native", nil},
		{"js/wasm", []string{"GOOS=js", "GOARCH=wasm"}},
	} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "magcheck/webhid")
		cmd.Env = append(os.Environ(), build.env...)
		out, err := cmd.Output()
		if ee, ok := errors.AsType[*exec.ExitError](err); ok {
			t.Fatalf("%s: go list: %v\n%s", build.name, err, ee.Stderr)
		} else if err != nil {
			t.Fatalf("%s: go list: %v", build.name, err)
		}
		for _, pkg := range strings.Fields(string(out)) {
			if pkg == "magcheck/decoder" || strings.HasPrefix(pkg, "magcheck/decoder/") {
				t.Errorf("%s: webhid depends on %s", build.name, pkg)
			}
		}
	}
}
