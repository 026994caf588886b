package hidtest_test

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"magcheck/internal/hidtest"
)

// The builders give the public vectors back: V5Report the V1 report but for
// its absolute lengths, which it does not write, and STXFrame V4's frame
// around V4's card data, with the published LRC and checksum.
func TestBuildersMatchVectors(t *testing.T) {
	v1 := hidtest.V1Report(t)
	v5 := hidtest.V5Report{Size: 856,
		Tracks:    [3]string{hidtest.V1Track1, hidtest.V1Track2, hidtest.V1Track3},
		Masked:    [3]string{hidtest.V1Track1, hidtest.V1Track2, hidtest.V1Track3},
		EncStatus: 0x0002,
	}.Bytes()
	copy(v5[852:], []byte{0x3C, 0x25, 0x1F, 0x36})
	v4 := hidtest.V4Frame(t)
	for _, tt := range []struct {
		name      string
		got, want []byte
	}{
		{"V5Report as V1", v5, v1},
		{"STXFrame of V4's card data", hidtest.STXFrame(v4[3 : len(v4)-3]), v4},
	} {
		if !bytes.Equal(tt.got, tt.want) {
			t.Errorf("%s:\n got % X\nwant % X", tt.name, tt.got, tt.want)
		}
	}
}

// The hex listing of V1 that the command's tests and the browser tests read
// holds V1's bytes.
func TestV1Listing(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "cmd", "magcheck", "testdata", "v1-dynamag-856.hex"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := hex.DecodeString(strings.Join(strings.Fields(string(text)), ""))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, hidtest.V1Report(t)) {
		t.Error("cmd/magcheck/testdata/v1-dynamag-856.hex is not V1")
	}
}
