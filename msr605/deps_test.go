package msr605_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoDecoderDependency: msr605 speaks the protocol and the decoder
// diagnoses its reads (decoder.DecodeMSR605); nothing of the decoder is
// built into msr605, natively or in the page's WebAssembly.
func TestNoDecoderDependency(t *testing.T) {
	for _, build := range []struct {
		name string
		env  []string
	}{
		{"native", nil},
		{"js/wasm", []string{"GOOS=js", "GOARCH=wasm"}},
	} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "magcheck/msr605")
		cmd.Env = append(os.Environ(), build.env...)
		out, err := cmd.Output()
		if ee, ok := errors.AsType[*exec.ExitError](err); ok {
			t.Fatalf("%s: go list: %v\n%s", build.name, err, ee.Stderr)
		} else if err != nil {
			t.Fatalf("%s: go list: %v", build.name, err)
		}
		for _, pkg := range strings.Fields(string(out)) {
			if pkg != "magcheck/msr605" && pkg != "magcheck/internal/promise" {
				t.Errorf("%s: msr605 depends on %s", build.name, pkg)
			}
		}
	}
}
