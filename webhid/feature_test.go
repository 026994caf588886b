package webhid_test

import (
	"bytes"
	"errors"
	"testing"

	"magcheck/webhid"
)

// Request and response bytes from the MagTek manuals (webhid.md §1.5).
func TestMagTekRequests(t *testing.T) {
	setSerial, err := webhid.MagTekSetProperty(webhid.MagTekPropUSBSerial, []byte("123"))
	if err != nil {
		t.Fatal(err)
	}
	setKeyboard, err := webhid.MagTekSetProperty(webhid.MagTekPropInterfaceType, []byte{1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		got, want []byte
	}{
		{"get software ID", webhid.MagTekGetProperty(webhid.MagTekPropSoftwareID), []byte{0x00, 0x01, 0x00}},
		{"get polling interval", webhid.MagTekGetProperty(0x02), []byte{0x00, 0x01, 0x02}},
		{"get V5 track ID enable", webhid.MagTekGetProperty(webhid.MagTekPropV5TrackIDEnable), []byte{0x00, 0x01, 0x05}},
		{"get ISO track mask", webhid.MagTekGetProperty(0x07), []byte{0x00, 0x01, 0x07}},
		{"set serial", setSerial, []byte{0x01, 0x04, 0x01, 0x31, 0x32, 0x33}},
		{"set interface type keyboard", setKeyboard, []byte{0x01, 0x02, 0x10, 0x01}},
		{"reset", webhid.MagTekResetDevice(), []byte{0x02, 0x00}},
	} {
		if !bytes.Equal(tt.got, tt.want) {
			t.Errorf("%s: % X, want % X", tt.name, tt.got, tt.want)
		}
	}
	if _, err := webhid.MagTekSetProperty(webhid.MagTekPropUSBSerial, make([]byte, 22)); err == nil {
		t.Error("22-byte property value accepted")
	}
	if _, err := webhid.MagTekSetProperty(webhid.MagTekPropUSBSerial, make([]byte, 21)); err != nil {
		t.Errorf("21-byte property value: %v", err)
	}
}

func TestParseMagTekPropertyResponse(t *testing.T) {
	software := append([]byte{0x00, 0x0B}, "21042812D01"...)
	tests := []struct {
		name string
		resp []byte
		want []byte
		err  error
	}{
		{"software ID", software, []byte("21042812D01"), nil},
		{"software ID in a 24-byte report", append(software, make([]byte, 24-len(software))...), []byte("21042812D01"), nil},
		{"polling interval", []byte{0x00, 0x01, 0x0A}, []byte{0x0A}, nil},
		{"track ID enable", []byte{0x00, 0x01, 0x95}, []byte{0x95}, nil},
		{"ISO track mask", []byte{0x00, 0x06, 0x30, 0x34, 0x30, 0x34, 0x30, 0x59}, []byte("04040Y"), nil},
		{"set property done", []byte{0x00, 0x00}, []byte{}, nil},
		{"failure", []byte{0x01, 0x00}, nil, &webhid.MagTekResultError{Code: 1}},
		{"needs MAC", []byte{0x07, 0x00}, nil, &webhid.MagTekResultError{Code: 7}},
		{"empty", nil, nil, &webhid.ReportError{Field: "MagTek response", Reason: webhid.ReasonTruncated, Len: 0, Want: 2}},
		{"cut short", software[:8], nil, &webhid.ReportError{Field: "MagTek response", Reason: webhid.ReasonTruncated, Len: 8, Want: 13}},
	}
	for _, tt := range tests {
		got, err := webhid.ParseMagTekPropertyResponse(tt.resp)
		switch want := tt.err.(type) {
		case nil:
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Errorf("%s: % X, %v; want % X", tt.name, got, err, tt.want)
			}
		case *webhid.MagTekResultError:
			var re *webhid.MagTekResultError
			if !errors.As(err, &re) || *re != *want {
				t.Errorf("%s: error %v, want %v", tt.name, err, want)
			}
		case *webhid.ReportError:
			var re *webhid.ReportError
			if !errors.As(err, &re) || *re != *want {
				t.Errorf("%s: error %v, want %v", tt.name, err, want)
			}
		}
	}
	if got := (&webhid.MagTekResultError{Code: 2}).Error(); got != "webhid: MagTek result code 0x02 (bad parameter)" {
		t.Errorf("error text %q", got)
	}
	// The value is a copy: changing the response does not change it.
	resp := []byte{0x00, 0x01, 0x95}
	v, _ := webhid.ParseMagTekPropertyResponse(resp)
	resp[2] = 0
	if v[0] != 0x95 {
		t.Error("value shares the response buffer")
	}
}

func TestDecodeTrackIDEnable(t *testing.T) {
	const (
		off = webhid.TrackDisabled
		on  = webhid.TrackEnabled
		req = webhid.TrackRequired
	)
	for _, tt := range []struct {
		v      byte
		tracks [3]webhid.TrackSetting
		aamva  bool
	}{
		{0x95, [3]webhid.TrackSetting{on, on, on}, true}, // the default
		{0x15, [3]webhid.TrackSetting{on, on, on}, false},
		{0x08, [3]webhid.TrackSetting{off, req, off}, false},
		{0x86, [3]webhid.TrackSetting{req, on, off}, true},
		{0x03, [3]webhid.TrackSetting{3, off, off}, false},
	} {
		tracks, aamva := webhid.DecodeTrackIDEnable(tt.v)
		if tracks != tt.tracks || aamva != tt.aamva {
			t.Errorf("DecodeTrackIDEnable(%#02x) = %v, %v; want %v, %v", tt.v, tracks, aamva, tt.tracks, tt.aamva)
		}
	}
}
