package hexdigit

import "testing"

func TestValue(t *testing.T) {
	for c, want := range map[byte]int{'0': 0, '9': 9, 'A': 10, 'f': 15, 'F': 15, 'g': -1, ' ': -1, 'G': -1, 0xFF: -1} {
		if got := Value(c); got != want {
			t.Errorf("Value(%q) = %d, want %d", c, got, want)
		}
	}
}

func TestWrite(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Bytes([]byte{0x02, 0x1F, 0xA0}, ' '), "02 1F A0"},
		{Bytes([]byte{0x02, 0x1F, 0xA0}, 0), "021FA0"},
		{Bytes(nil, ' '), ""},
		{Uint(0x1F, 4), "001F"},
		{Uint(0xABCDEF, 2), "EF"},
		{Uint(0x000005A1, 8), "000005A1"},
		{USBID(0x067B, 0x2303), "067B:2303"},
		{USBID(0x0801, 0x0011), "0801:0011"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	for v := range 256 {
		b := Bytes([]byte{byte(v)}, 0)
		if Value(b[0])<<4|Value(b[1]) != v || Uint(uint64(v), 2) != b {
			t.Errorf("%d written %q", v, b)
		}
	}
}
