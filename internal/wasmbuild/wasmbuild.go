// Package wasmbuild holds how the page's WebAssembly, app.wasm, is built:
// the go build flags that make wasm uses (TestMakefile checks that it does),
// so that the end-to-end tests and make bench build and measure the program
// a technician's browser runs, not a variant of it.
package wasmbuild

import (
	"os"
	"os/exec"
)

// Flags are go build's flags for app.wasm. names keeps the function names
// (the code is the same), for make bench's code by package.
//
//   - -trimpath: no path of the machine that built it.
//   - -ldflags -s -w: no symbol table or DWARF; the page never shows a trace.
//   - -X runtime.godebugDefault=clobberfree=1: the collector overwrites
//     each object it frees, so once Clear has run it, no freed string or
//     buffer keeps card data. The runtime reads this setting only from
//     the GODEBUG variable, which go-app's loader gives the page no way to
//     set, or from this default; //go:debug does not accept it.
//     TestPrivacyEveryInput fails if the setting is lost.
//   - -gcflags magcheck/...=-l except the audio and bit loops: everything
//     else runs once per swipe, key or answer; built without inlining, the
//     page is 26 KB (gzip) and 32 KB (brotli) smaller, within make bench's
//     speed budgets.
func Flags(names bool) []string {
	ldflags := "-ldflags=-s -w -X=runtime.godebugDefault=clobberfree=1"
	if names {
		ldflags = "-ldflags=-w -X=runtime.godebugDefault=clobberfree=1"
	}
	return []string{
		"-trimpath",
		ldflags,
		"-gcflags=magcheck/...=-l",
		"-gcflags=magcheck/decoder/audio=",
		"-gcflags=magcheck/decoder/iso7811=",
	}
}

// Command is go build for js/wasm of the main package main (such as
// ./cmd/wasm) into out, with Flags, run in the module root dir.
func Command(dir, out, main string, names bool) *exec.Cmd {
	args := append([]string{"build"}, Flags(names)...)
	cmd := exec.Command("go", append(args, "-o", out, main)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	return cmd
}
