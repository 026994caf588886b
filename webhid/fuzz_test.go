package webhid_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"magcheck/internal/hidtest"
	"magcheck/webhid"
)

// FuzzParse feeds every layout's reports, seeded with the public vectors and
// built reports, under MagTek and ID TECH IDs and with and without a
// descriptor size (size 0 means none).
func FuzzParse(f *testing.F) {
	v4 := hidtest.V4Frame(f)
	lens := [3]int{3, 5, 0}
	enhanced := hidtest.STXFrame(hidtest.EnhancedCard(0x80, 0x3F, lens, 0x13, 0xDB, "%A?", ";123?", hidtest.Cipher(16), hidtest.Cipher(16), hidtest.Cipher(8), strings.Repeat("H", 40), "0123456789"))
	seeds := []struct {
		vid, pid uint16
		id       byte
		size     uint16
		data     []byte
	}{
		{webhid.VendorMagTek, 0x0002, 0, 0, hidtest.Report337(0, [3]byte{0, 1, 0}, [3]string{hidtest.V1Track1, "", hidtest.V1Track3})},
		{webhid.VendorMagTek, 0x0011, 0, 0, hidtest.V1Report(f)},
		{webhid.VendorMagTek, 0x0011, 0, 856, hidtest.V1Report(f)},
		{webhid.VendorMagTek, 0x0011, 0, 887, hidtest.V5Report{Size: 887, Tracks: [3]string{hidtest.Cipher(64), hidtest.Cipher(40)}, Masked: [3]string{v4Track1, v4Track2}, EncStatus: 6, KSN: v4KSN, Serial: "B0F1234", Version: "V05"}.Bytes()},
		{webhid.VendorMagTek, 0x001E, 1, 0, pad(hidtest.V5Report{Size: 887, Tracks: [3]string{hidtest.V1Track1}, EncStatus: 2}.Bytes(), 931)},
		{webhid.VendorMagTek, 0x0003, 0, 0, make([]byte, 64)},
		{webhid.VendorIDTech, 0x2010, 0, 0, v4},
		{webhid.VendorIDTech, 0x2010, 0, 560, pad(v4, 560)},
		{webhid.VendorIDTech, 0x2010, 0, 0, enhanced},
		{webhid.VendorIDTech, 0x2010, 0, 0, hidtest.STXFrame(append([]byte{0x01, 0x3F, 3, 0, 0}, "%A?"...))},
		{webhid.VendorIDTech, 0x2020, 0, 0, hidtest.Report337(4, [3]byte{}, [3]string{hidtest.Cipher(16)})},
		{webhid.VendorIDTech, 0x2010, 0, 0, hidtest.StructureReport(0, [3]byte{}, [3]byte{3, 5}, "%A?;123?\r")},
	}
	for _, s := range seeds {
		f.Add(s.vid, s.pid, s.id, s.size, s.data)
	}
	f.Fuzz(func(t *testing.T, vid, pid uint16, id byte, size uint16, data []byte) {
		dev := webhid.Device{VendorID: vid, ProductID: pid}
		if size != 0 {
			dev.ReportSizes = map[byte]int{id: int(size)}
		}
		orig := bytes.Clone(data)
		r, err := webhid.Parse(dev, id, data)
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse changed its input")
		}
		if err != nil {
			if r != nil || !typedError(err) {
				t.Fatalf("untyped error or report with error: %v", err)
			}
			return
		}
		if size != 0 && len(data) != int(size) {
			t.Fatalf("accepted %d bytes against a %d-byte descriptor", len(data), size)
		}
		checkInvariants(t, r, data)
	})
}

// FuzzParseHex checks that ParseHex never panics, fails only with
// encoding/hex's errors, and round-trips through Hex.
func FuzzParseHex(f *testing.F) {
	for _, s := range []string{"02 1F A0 03", "021fa003", "0x02, 0x1F", "0x", "", "02 1G", hidtest.V4Hex, "02\u00a01F"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := webhid.ParseHex(s)
		if err != nil {
			var ib hex.InvalidByteError
			if b != nil || !(errors.Is(err, hex.ErrLength) || errors.As(err, &ib)) {
				t.Fatalf("ParseHex(%q): % X, %v", s, b, err)
			}
		} else {
			if 2*len(b) > len(s) {
				t.Fatalf("ParseHex(%q) gave %d bytes", s, len(b))
			}
			if back, err := webhid.ParseHex(webhid.Hex(b)); err != nil || !bytes.Equal(back, b) {
				t.Fatalf("round trip of % X: % X, %v", b, back, err)
			}
		}
		// Any bytes survive Hex then ParseHex.
		raw := []byte(s)
		if back, err := webhid.ParseHex(webhid.Hex(raw)); err != nil || !bytes.Equal(back, raw) {
			t.Fatalf("round trip of % X: % X, %v", raw, back, err)
		}
	})
}

// FuzzMagTekProperties feeds arbitrary bytes as every property's response.
func FuzzMagTekProperties(f *testing.F) {
	for _, resp := range [][]byte{
		append([]byte{0x00, 0x0B}, "21042812D01"...),
		{0x00, 0x01, 0x95}, {0x00, 0x00}, {0x07, 0x00}, {0x00, 0x06, 0x30}, nil,
	} {
		f.Add(resp)
	}
	f.Fuzz(func(t *testing.T, resp []byte) {
		v, err := webhid.ParseMagTekPropertyResponse(resp)
		if err == nil && (len(v) != int(resp[1]) || !bytes.Equal(v, resp[2:2+len(v)])) {
			t.Fatalf("% X: value % X", resp, v)
		}
		p := webhid.ReadMagTekProperties(0x0011, func([]byte) ([]byte, error) { return resp, nil })
		if (err == nil) != (p.Failed[webhid.PropertySoftwareID] == nil) {
			t.Fatalf("% X: software ID error %v, response error %v", resp, p.Failed[webhid.PropertySoftwareID], err)
		}
	})
}
