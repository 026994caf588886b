package webhid_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoDecoderDependency keeps the dependency one way: webhid parses HID
// reports and msr605 a reader-writer's answers, and package decoder
// diagnoses them (decoder.DecodeHID, decoder.DecodeMSR605). Nothing of the
// decoder may be built into either, natively or in the page's WebAssembly
// build, where their browser bindings are compiled in.
func TestNoDecoderDependency(t *testing.T) {
	for _, build := range []struct {
		name string
		env  []string
	}{
		{"native", nil},
		{"js/wasm", []string{"GOOS=js", "GOARCH=wasm"}},
	} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "magcheck/webhid", "magcheck/msr605")
		cmd.Env = append(os.Environ(), build.env...)
		out, err := cmd.Output()
		if ee, ok := errors.AsType[*exec.ExitError](err); ok {
			t.Fatalf("%s: go list: %v\n%s", build.name, err, ee.Stderr)
		} else if err != nil {
			t.Fatalf("%s: go list: %v", build.name, err)
		}
		for _, pkg := range strings.Fields(string(out)) {
			if pkg == "magcheck/decoder" || strings.HasPrefix(pkg, "magcheck/decoder/") {
				t.Errorf("%s: webhid or msr605 depends on %s", build.name, pkg)
			}
		}
	}
}
