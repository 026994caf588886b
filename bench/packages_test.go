//go:build !wasm

package main

import (
	"errors"
	"maps"
	"slices"
	"testing"
)

// module is a wasm module with one imported function, three functions of
// the given body sizes and a name section naming them.
func module(names []string, sizes []int) []byte {
	uleb := func(n int) []byte {
		var b []byte
		for {
			c := byte(n & 0x7f)
			n >>= 7
			if n == 0 {
				return append(b, c)
			}
			b = append(b, c|0x80)
		}
	}
	str := func(s string) []byte { return append(uleb(len(s)), s...) }
	section := func(id byte, body []byte) []byte { return append(append([]byte{id}, uleb(len(body))...), body...) }
	imports := append(uleb(2), str("go")...)
	imports = append(imports, str("debug")...)
	imports = append(imports, 0, 0) // a function of type 0
	imports = append(imports, str("go")...)
	imports = append(imports, str("mem")...)
	imports = append(imports, 2, 1, 1, 2) // a memory with limits 1–2
	code := uleb(len(sizes))
	for _, n := range sizes {
		code = append(code, uleb(n)...)
		code = append(code, make([]byte, n)...)
	}
	fnames := uleb(len(names) + 1)
	fnames = append(append(fnames, uleb(0)...), str("go.debug")...)
	for i, n := range names {
		fnames = append(append(fnames, uleb(i+1)...), str(n)...)
	}
	custom := append(str("name"), section(1, fnames)...)
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, section(2, imports)...)
	b = append(b, section(10, code)...)
	return append(b, section(0, custom)...)
}

func TestWasmFunctions(t *testing.T) {
	names := []string{"magcheck_app_ui.__Page_.Render", "magcheck_decoder.Codes", "runtime.gc"}
	got, err := wasmFunctions(module(names, []int{300, 2, 129}))
	if err != nil {
		t.Fatal(err)
	}
	want := []wasmFunction{{names[0], 300}, {names[1], 2}, {names[2], 129}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	m := module(names, []int{300, 2, 129})
	for _, bad := range [][]byte{nil, []byte("\x7fELF"), m[:len(m)-5], module(nil, nil)[:30]} {
		if _, err := wasmFunctions(bad); !errors.Is(err, errWasm) {
			t.Errorf("%d bytes: err %v, want errWasm", len(bad), err)
		}
	}
}

func TestCodeByPackage(t *testing.T) {
	paths := []string{"runtime", "fmt", "magcheck/decoder", "magcheck/decoder/audio",
		"github.com/maxence-charriere/go-app/v10/pkg/app", "github.com/hajimehoshi/go-mp3", "magcheck/app/ui"}
	funcs := []wasmFunction{
		{"magcheck_decoder.Codes", 10}, {"magcheck_decoder_audio.Decode", 30}, {"magcheck_decoder.__Report_.View", 5},
		{"github.com_maxence_charriere_go_app_v10_pkg_app.Div", 7}, {"github.com_hajimehoshi_go_mp3.NewDecoder", 3},
		{"runtime.gc", 20}, {"fmt.Sprintf", 9000}, {"type_.eq.magcheck_decoder.Finding", 4}, {"magcheck_app_ui.__Page_.Render", 15},
	}
	got := codeByPackage(funcs, paths)
	want := map[string]int{"magcheck/decoder": 15, "magcheck/decoder/audio": 30, "magcheck/app/ui": 15, "runtime": 20, "fmt": 9000,
		"github.com/maxence-charriere/go-app/v10/pkg/app": 7, "github.com/hajimehoshi/go-mp3": 3, groupUnowed: 4}
	if !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}

	shell := map[string]int{"runtime": 18, "fmt": 2000, "github.com/maxence-charriere/go-app/v10/pkg/app": 7, groupUnowed: 3, "strconv": 50}
	std := map[string]bool{"runtime": true, "fmt": true, "strconv": true}
	table := []PackageSize{{"magcheck/decoder/audio", 30, 30}, {"magcheck/app/ui", 15, 15}, {"magcheck/decoder", 15, 15},
		{"fmt", 9000, 7000}, {groupStd, 20, -48}, {groupGoApp, 7, 0}, {groupUnowed, 4, 1}, {groupOther, 3, 3}}
	if got := packageTable(got, shell, std); !slices.Equal(got, table) {
		t.Errorf("table\n got %+v\nwant %+v", got, table)
	}
}
