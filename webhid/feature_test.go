package webhid_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"magcheck/internal/device"
	"magcheck/webhid"
)

// Request and response bytes as the worked examples of the SureSwipe and
// MagneSafe V5 manuals give them (docs/hid-reports.md).
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

// fakeMagTek answers Get Property requests as the manuals' examples do
// (result code, length, value, zero-filled to size); a property missing from
// props is answered with result code 2 (bad parameter).
func fakeMagTek(props map[byte][]byte, size int, requests *[][]byte) func([]byte) ([]byte, error) {
	return func(req []byte) ([]byte, error) {
		*requests = append(*requests, req)
		resp := make([]byte, size)
		if v, ok := props[req[2]]; ok && req[0] == 0x00 && req[1] == 1 {
			resp[1] = byte(len(v))
			copy(resp[2:], v)
		} else {
			resp[0] = 2
		}
		return resp, nil
	}
}

func TestReadMagTekProperties(t *testing.T) {
	v5 := map[byte][]byte{0x00: []byte("21042840G01"), 0x03: []byte("B0F1234"), 0x10: {0}, 0x05: {0x94}}
	sureSwipe := map[byte][]byte{0x00: []byte("21042812D01"), 0x01: {}, 0x10: {1}, 0x04: {0x95}}
	badParam := &webhid.MagTekResultError{Code: 2}
	tests := []struct {
		name     string
		pid      uint16
		props    map[byte][]byte
		size     int
		requests []byte // property IDs asked for, in order
		want     webhid.MagTekProperties
	}{
		{"MagneSafe V5, track 1 disabled", 0x0011, v5, 60, []byte{0x00, 0x03, 0x10, 0x05},
			webhid.MagTekProperties{SoftwareID: "21042840G01", SerialNumber: "B0F1234", InterfaceType: 0, TrackIDEnable: 0x94}},
		{"SureSwipe, keyboard after reset, empty serial", 0x0002, sureSwipe, 24, []byte{0x00, 0x01, 0x10, 0x04},
			webhid.MagTekProperties{SoftwareID: "21042812D01", InterfaceType: 1, TrackIDEnable: 0x95}},
		// The V5 numbering asked of a SureSwipe table: serial and tracks fail, the rest is read.
		{"wrong family", 0x0011, sureSwipe, 24, []byte{0x00, 0x03, 0x10, 0x05},
			webhid.MagTekProperties{SoftwareID: "21042812D01", InterfaceType: 1,
				Failed: map[string]error{webhid.PropertySerial: badParam, webhid.PropertyTrackEnable: badParam}}},
	}
	for _, tt := range tests {
		var reqs [][]byte
		got := webhid.ReadMagTekProperties(tt.pid, fakeMagTek(tt.props, tt.size, &reqs))
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, *got, tt.want)
		}
		var ids []byte
		for _, r := range reqs {
			ids = append(ids, r[2])
		}
		if !bytes.Equal(ids, tt.requests) {
			t.Errorf("%s: asked for properties % X, want % X", tt.name, ids, tt.requests)
		}
	}
}

// A transport failure or a malformed answer fails that property only.
func TestReadMagTekPropertiesFailures(t *testing.T) {
	refused := &device.Error{Link: device.HID, Code: device.CodeFeatureFailed, Detail: "NotAllowedError: blocked"}
	answers := map[byte][]byte{
		0x00: append([]byte{0x00, 0x0B}, "2104"...),     // cut short
		0x03: nil,                                       // refused by the browser
		0x10: {0x00, 0x02, 0x00, 0x01},                  // two bytes for a one-byte property
		0x05: append([]byte{0x00, 0x01, 0x15}, 0, 0, 0), // fine
	}
	got := webhid.ReadMagTekProperties(0x0011, func(req []byte) ([]byte, error) {
		if a := answers[req[2]]; a != nil {
			return a, nil
		}
		return nil, refused
	})
	want := webhid.MagTekProperties{TrackIDEnable: 0x15, Failed: map[string]error{
		webhid.PropertySoftwareID: &webhid.ReportError{Field: "MagTek response", Reason: webhid.ReasonTruncated, Len: 6, Want: 13},
		webhid.PropertySerial:     refused,
		webhid.PropertyInterface:  &webhid.ReportError{Field: webhid.PropertyInterface, Reason: webhid.ReasonOversized, Len: 2, Want: 1},
	}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("%+v\nwant %+v", *got, want)
	}
}
