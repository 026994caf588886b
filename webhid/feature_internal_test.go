package webhid

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

func TestFeatureRequest(t *testing.T) {
	get := MagTekGetProperty(MagTekPropSoftwareID)
	tests := []struct {
		size int
		want []byte
		err  error
	}{
		{24, append([]byte{0x00, 0x01, 0x00}, make([]byte, 21)...), nil},
		{60, append([]byte{0x00, 0x01, 0x00}, make([]byte, 57)...), nil},
		{3, []byte{0x00, 0x01, 0x00}, nil},
		{2, nil, &ReportError{Field: "feature request", Reason: ReasonFieldOverflow, Len: 3, Want: 2}},
		{0, nil, ErrNoFeatureReport},
	}
	for _, tt := range tests {
		got, err := featureRequest(get, tt.size)
		if !bytes.Equal(got, tt.want) || !reflect.DeepEqual(err, tt.err) && !errors.Is(err, tt.err) {
			t.Errorf("size %d: % X, %v; want % X, %v", tt.size, got, err, tt.want, tt.err)
		}
	}
	if !bytes.Equal(get, []byte{0x00, 0x01, 0x00}) {
		t.Error("featureRequest changed the request")
	}
}

func TestFeatureResponse(t *testing.T) {
	resp := append([]byte{0x00, 0x01, 0x95}, make([]byte, 21)...) // 24 bytes
	withID := append([]byte{0x00}, resp...)
	tests := []struct {
		name string
		id   byte
		in   []byte
		size int
		want []byte
	}{
		{"report ID 0, declared size", 0, resp, 24, resp},
		{"report ID 0 left in front", 0, withID, 24, resp},
		{"one byte more, size unknown", 0, withID, 0, withID},
		{"one byte more, not a 0", 0, append([]byte{0x07}, resp...), 24, append([]byte{0x07}, resp...)},
		{"non-zero report ID is always stripped", 3, append([]byte{0x03}, resp...), 24, resp},
		{"empty", 3, nil, 24, nil},
	}
	for _, tt := range tests {
		if got := featureResponse(tt.id, tt.in, tt.size); !bytes.Equal(got, tt.want) {
			t.Errorf("%s: % X, want % X", tt.name, got, tt.want)
		}
	}
}
