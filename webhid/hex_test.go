package webhid_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"magcheck/internal/hidtest"
	"magcheck/webhid"
)

func TestHex(t *testing.T) {
	for _, tt := range []struct {
		in   []byte
		want string
	}{
		{nil, ""},
		{[]byte{0x02}, "02"},
		{[]byte{0x02, 0x7D, 0x01, 0xAB, 0xFF}, "02 7D 01 AB FF"},
	} {
		if got := webhid.Hex(tt.in); got != tt.want {
			t.Errorf("Hex(% x) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseHex(t *testing.T) {
	frame := []byte{0x02, 0x1F, 0xA0, 0x03}
	for _, tt := range []struct {
		in   string
		want []byte
		err  error
	}{
		{"02 1F A0 03", frame, nil},
		{"021fa003", frame, nil},
		{"0x02 0x1F 0xa0 0X03", frame, nil},
		{"0x02, 0x1F, 0xA0, 0x03", frame, nil},
		{"0x021FA003", frame, nil},
		{"\t02 1F\r\n A0\n03\n", frame, nil},
		{"02\u00a01F A0 03", frame, nil}, // no-break space from a copied web page
		{"", []byte{}, nil},
		{"  \n", []byte{}, nil},
		{"02 1F A", nil, hex.ErrLength},
		{"02 1G", nil, hex.InvalidByteError('G')},
		{"0x", nil, hex.InvalidByteError('x')},
		{"02-1F", nil, hex.InvalidByteError('-')},
		{"10x2", nil, hex.InvalidByteError('x')},
	} {
		got, err := webhid.ParseHex(tt.in)
		if !errors.Is(err, tt.err) || !bytes.Equal(got, tt.want) {
			t.Errorf("ParseHex(%q) = % X, %v; want % X, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestHexRoundTrip(t *testing.T) {
	v4 := hidtest.V4Frame(t)
	got, err := webhid.ParseHex(webhid.Hex(v4))
	if err != nil || !bytes.Equal(got, v4) {
		t.Fatalf("ParseHex(Hex(V4)): %v", err)
	}
	got, err = webhid.ParseHex(hidtest.V4Hex)
	if err != nil || !bytes.Equal(got, v4) {
		t.Fatalf("ParseHex(V4 listing): %v", err)
	}
}
