// Package testvectors holds the reader-text test vectors of magcheck:
// captures of what magnetic-stripe readers send, taken from public
// projects, manuals and issue reports, each with its source and the meaning
// it is expected to have (card kind, tracks, faults).
//
// The vectors are testdata/wedge-text.json, kept byte for byte as they were
// collected and embedded in the package, so tests and benchmarks need no
// other file.
package testvectors

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

//go:embed testdata/wedge-text.json
var file []byte

// recordsFile holds the records encrypting readers type in keyboard mode
// (MagTek MagneSafe, ID TECH), from the vendors' manuals and published
// samples, and records built from their layouts: a file of its own, so
// that wedge-text.json stays as it was collected.
//
//go:embed testdata/keyboard-records.json
var recordsFile []byte

// KindKeyboardRecord is the Kind of the vectors Records returns.
const KindKeyboardRecord = "keyboard-record"

// Records returns the keyboard-record vectors, in the order of their file.
// The slice is the caller's own.
func Records() []Vector {
	vs, err := Parse(recordsFile)
	if err != nil {
		panic(err) // the embedded file is fixed: its test makes sure it parses
	}
	return vs
}

// KindRawBitstream is the Kind of a vector whose Input is a raw bit stream,
// in the bytes=[…];bits=N or 0/1 notation package iso7811 parses, rather
// than the text a keyboard-wedge reader types.
const KindRawBitstream = "raw-bitstream"

// A Vector is one capture.
type Vector struct {
	// ID names the vector uniquely, such as "jq-visa-t1".
	ID string `json:"id"`
	// Input is what the reader sent, as text (it may be empty), or a bit
	// stream when Kind is KindRawBitstream.
	Input string `json:"input"`
	// Source says where the capture was published.
	Source string `json:"source"`
	// Kind classifies the capture, such as "financial-track1",
	// "aamva-dl", "layout-mismatch" or KindRawBitstream.
	Kind string `json:"kind"`
	// Expect describes, in prose, what the capture means.
	Expect string `json:"expect"`
}

// embedded is the parsed embedded file and the index of each vector by ID.
var embedded = sync.OnceValues(func() ([]Vector, map[string]int) {
	vs, err := Parse(file)
	if err != nil {
		panic(err) // the embedded file is fixed: its test makes sure it parses
	}
	index := make(map[string]int, len(vs))
	for i, v := range vs {
		index[v.ID] = i
	}
	return vs, index
})

// All returns every embedded vector, in the order of the file. The slice is
// the caller's own.
func All() []Vector {
	vs, _ := embedded()
	return slices.Clone(vs)
}

// Lookup returns the embedded vector named id, and whether there is one.
func Lookup(id string) (Vector, bool) {
	vs, index := embedded()
	i, ok := index[id]
	if !ok {
		return Vector{}, false
	}
	return vs[i], true
}

// Parse parses vectors in the format of the embedded file: a JSON array of
// objects with the fields of Vector. Every vector must have an ID, and no
// two the same.
func Parse(b []byte) ([]Vector, error) {
	var vs []Vector
	if err := json.Unmarshal(b, &vs); err != nil {
		return nil, fmt.Errorf("testvectors: %w", err)
	}
	seen := make(map[string]bool, len(vs))
	for i, v := range vs {
		switch {
		case v.ID == "":
			return nil, fmt.Errorf("testvectors: vector %d has no id", i)
		case seen[v.ID]:
			return nil, fmt.Errorf("testvectors: vector %d: duplicate id %q", i, v.ID)
		}
		seen[v.ID] = true
	}
	return vs, nil
}
