package iso7811

import (
	"errors"
	"slices"
	"testing"
)

func TestParseBits(t *testing.T) {
	tests := []struct {
		in   string
		want string // as "0101…"; empty when an error is expected
		at   int    // the SyntaxError's offset
	}{
		{"0", "0", 0},
		{"0101 1101", "01011101", 0},
		{" 11010\n\t00001\r\n11111 ", "110100000111111", 0},
		{"bytes=[255];bits=8", "11111111", 0},
		{"bytes=[151];bits=1", "1", 0},
		{"bytes=[151,1];bits=16", "1001011100000001", 0},
		{" bytes = [ 151 , 3 ] ; bits = 10 \n", "1001011100", 0},
		{"bytes=[0,0,0,0,0,0];bits=48", "000000000000000000000000000000000000000000000000", 0},
		{"", "", 0},
		{" \n ", "", 3},
		{"0102", "", 3},
		{"0b0101", "", 1},
		{"bytes=[255];bits=9", "", 17},
		{"bytes=[255,255];bits=8", "", 21},
		{"bytes=[255];bits=0", "", 17},
		{"bytes=[];bits=0", "", 14},
		{"bytes=[256];bits=8", "", 7},
		{"bytes=[-1];bits=8", "", 7},
		{"bytes=[1,];bits=8", "", 9},
		{"bytes=[1 2];bits=8", "", 9},
		{"bytes=[1];bits=8;", "", 16},
		{"bytes=[1];bits=8 1", "", 17},
		{"bytes=[1]bits=8", "", 9},
		{"bytes=1;bits=8", "", 6},
		{"bytes=[1];bits=", "", 15},
		{"bytes=[1];bits=99999999999999999999999", "", 15},
		{"bytes[1];bits=8", "", 5},
		{"BYTES=[1];bits=8", "", 0},
	}
	for _, tt := range tests {
		got, err := ParseBits(tt.in)
		if tt.want != "" {
			if err != nil || bitString(got) != tt.want {
				t.Errorf("ParseBits(%q) = %s, %v; want %s", tt.in, bitString(got), err, tt.want)
			}
			continue
		}
		var se *SyntaxError
		if got != nil || !errors.As(err, &se) || se.Offset != tt.at {
			t.Errorf("ParseBits(%q) = %v, %v; want a SyntaxError at %d", tt.in, got, err, tt.at)
		}
	}
}

func TestParseBitsVector(t *testing.T) {
	got, err := ParseBits(rsRawTrack2Inverted)
	if err != nil {
		t.Fatal(err)
	}
	// 25 leading ones (inverted clocking zeros), then the inverted ';'.
	want := append(slices.Repeat([]byte{1}, 25), 0, 0, 1, 0, 1)
	if len(got) != 130 || !slices.Equal(got[:30], want) || got[128] != 1 || got[129] != 1 {
		t.Errorf("ParseBits(rs-raw-track2-inverted) = %s", bitString(got))
	}
}

// ParseTracks reads a dump of several tracks, labelled or in order, each
// line either way; a single stream, wrapped or not, is left to ParseBits.
func TestParseTracks(t *testing.T) {
	enc := func(text string, f Format) string {
		b, err := Encode(text, f, 10, 10)
		if err != nil {
			t.Fatal(err)
		}
		return bitString(b)
	}
	reversed := func(s string) string {
		b := []byte(s)
		slices.Reverse(b)
		return string(b)
	}
	t1 := enc("%B4111111111111111^TEST/CARD^3012101?", Alpha)
	t2 := enc(";4111111111111111=3012101?", Numeric)
	t3 := enc(";0112345678901234=724?", Numeric)
	tests := []struct {
		name   string
		in     string
		want   [3]string // "" for a track not read
		single bool      // one stream: ok false
		at     int       // a SyntaxError's offset; -1 for none
	}{
		{"two lines", t1 + "\n" + t2, [3]string{t1, t2, ""}, false, -1},
		{"three lines, CRLF", t1 + "\r\n" + t2 + "\r\n" + t3 + "\r\n", [3]string{t1, t2, t3}, false, -1},
		{"no track 2", t1 + "\n\n" + t3, [3]string{t1, "", t3}, false, -1},
		{"a line reversed", t1 + "\n" + reversed(t2), [3]string{t1, reversed(t2), ""}, false, -1},
		{"labels", "T2: " + t2 + "\nT1: " + t1, [3]string{t1, t2, ""}, false, -1},
		{"word labels", "Track 1: " + t1 + "\ntrack3=" + t3 + "\nTK2 " + t2, [3]string{t1, t2, t3}, false, -1},
		{"a label's line wrapped", "T1:" + t1[:50] + "\n" + t1[50:] + "\nT2:" + t2, [3]string{t1, t2, ""}, false, -1},
		{"spaces in lines", "1: " + t1[:40] + " " + t1[40:] + "\n2= " + t2, [3]string{t1, t2, ""}, false, -1},
		{"one line", t2, [3]string{}, true, -1},
		{"one stream wrapped", t1[:80] + "\n" + t1[80:160] + "\n" + t1[160:], [3]string{}, true, -1},
		{"packed", "bytes=[255];bits=8", [3]string{}, true, -1},
		{"a bad character", "T1: " + t1 + "\nT2: 01x1", [3]string{}, false, len(t1) + 11},
		{"bits before a label", "0110\nT1: " + t1, [3]string{}, false, 0},
	}
	for _, tt := range tests {
		got, ok, err := ParseTracks(tt.in)
		if tt.at >= 0 {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset != tt.at {
				t.Errorf("%s: err %v, want a SyntaxError at %d", tt.name, err, tt.at)
			}
			continue
		}
		if err != nil || ok == tt.single {
			t.Errorf("%s: ok %v, err %v; want ok %v", tt.name, ok, err, !tt.single)
			continue
		}
		for i := range got {
			if bitString(got[i]) != tt.want[i] {
				t.Errorf("%s: track %d = %s, want %s", tt.name, i+1, bitString(got[i]), tt.want[i])
			}
		}
	}
}
