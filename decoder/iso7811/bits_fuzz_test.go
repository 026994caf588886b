package iso7811

import (
	"bytes"
	"testing"
)

// FuzzBitStream feeds arbitrary bit streams to Decode: it must not panic,
// and whatever it decodes must be characters of the format it names, with
// error positions inside the text (or at its end, for the LRC).
func FuzzBitStream(f *testing.F) {
	for _, s := range []string{
		";4111111111111111=30121010000000000000?",
		"%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?",
		";0004048712?",
	} {
		format := Numeric
		if s[0] == '%' {
			format = Alpha
		}
		bits, err := Encode(s, format, 20, 20)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bits)
	}
	f.Add(bytes.Repeat([]byte{0}, 48))
	f.Fuzz(func(t *testing.T, raw []byte) {
		bits := make([]byte, len(raw))
		for i, b := range raw {
			bits[i] = b & 1
		}
		r, err := Decode(bits)
		if r == nil {
			if err == nil {
				t.Fatal("no result and no error")
			}
			return
		}
		for i := 0; i < len(r.Text); i++ {
			if !r.Format.Contains(r.Text[i]) {
				t.Fatalf("%q: character %q outside %s", r.Text, r.Text[i], r.Format)
			}
		}
		for _, e := range r.Errors {
			if e.Pos < 0 || e.Pos > len(r.Text) || e.Bit < 0 || e.Bit >= len(bits) {
				t.Fatalf("error %+v outside text %q / %d bits", e, r.Text, len(bits))
			}
		}
	})
}
