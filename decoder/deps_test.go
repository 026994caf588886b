package decoder

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStandardLibraryOnly keeps the core decoder free of dependencies: every
// decoder package but the two that read MP3 files builds from the standard
// library and our own packages alone: the other decoder packages, webhid,
// whose reports DecodeHID diagnoses, msr605, whose reads DecodeMSR605
// diagnoses, internal/device, whose link errors Explain words,
// internal/hexdigit, the one reader and writer of hex digits, and message,
// which words the View.
func TestStandardLibraryOnly(t *testing.T) {
	mp3Readers := map[string]bool{"magcheck/decoder/audio/mp3": true, "magcheck/decoder/audio/recording": true}
	// ours lists the packages outside magcheck/decoder/... the decoder may use.
	ours := map[string]bool{"magcheck/webhid": true, "magcheck/message": true, "magcheck/msr605": true, "magcheck/internal/device": true,
		"magcheck/internal/hexdigit": true}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}", "magcheck/decoder/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if mp3Readers[pkg] {
			continue
		}
		deps, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range strings.Fields(string(deps)) {
			if !strings.HasPrefix(d, "magcheck/decoder/") && d != "magcheck/decoder" && !ours[d] || mp3Readers[d] {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
}
