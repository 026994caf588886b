package audio_test

import (
	"slices"
	"testing"
	"magcheck/decoder/iso7811"
)

func TestDebug3(t *testing.T) {
	bits, _ := iso7811.Encode(`%\13<]H=9^J&,I4;?`, iso7811.Alpha, 21, 8)
	slices.Reverse(bits)
	t.Log(bits)
	r, err := iso7811.Decode(bits)
	t.Logf("rev %+v %v", r, err)
	r, err = iso7811.DecodeFormat(bits[3:], iso7811.Alpha)
	t.Logf("rev %+v %v", r, err)
}
