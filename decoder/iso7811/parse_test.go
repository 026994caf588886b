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
