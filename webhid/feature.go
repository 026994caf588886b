package webhid

import (
	"errors"

	"magcheck/internal/hexdigit"
)

// MagTek property IDs (docs/hid-reports.md). SureSwipe readers and MagneSafe V5
// readers number some properties differently; the names say which family.
const (
	MagTekPropSoftwareID             = 0x00 // ASCII software part number and version
	MagTekPropUSBSerial              = 0x01 // ASCII USB serial-number string, 0–15 characters
	MagTekPropV5DeviceSerial         = 0x03 // MagneSafe V5: ASCII device serial number
	MagTekPropSureSwipeTrackIDEnable = 0x04 // SureSwipe: one byte, see DecodeTrackIDEnable
	MagTekPropV5TrackIDEnable        = 0x05 // MagneSafe V5: one byte, see DecodeTrackIDEnable
	MagTekPropInterfaceType          = 0x10 // one byte: 0 HID, 1 keyboard; applies after a reset
)

// MagTek feature-report commands.
const (
	magTekGetProperty = 0x00
	magTekSetProperty = 0x01
	magTekReset       = 0x02
)

// magTekMaxValue is the longest property value that fits the smallest (24-byte)
// feature report after the command, length and property-ID bytes.
const magTekMaxValue = 24 - 3

// MagTekGetProperty builds a Get Property request. Like the other request
// builders it returns the request bytes only: the caller zero-fills them to
// the device's feature report size (24 bytes for SureSwipe and keyboard-mode
// readers, 60 for MagneSafe V5 in HID mode; the descriptor says which), sends
// them with report ID 0, then reads the response feature report.
func MagTekGetProperty(id byte) []byte {
	return []byte{magTekGetProperty, 1, id}
}

// MagTekSetProperty builds a Set Property request. value may hold at most 21
// bytes.
func MagTekSetProperty(id byte, value []byte) ([]byte, error) {
	if len(value) > magTekMaxValue {
		return nil, &ReportError{Field: "property value", Reason: ReasonFieldOverflow, Len: len(value), Want: magTekMaxValue}
	}
	return append([]byte{magTekSetProperty, byte(1 + len(value)), id}, value...), nil
}

// MagTekResetDevice builds a Reset Device request. The reader re-enumerates,
// with a new product ID if its interface type changed.
func MagTekResetDevice() []byte {
	return []byte{magTekReset, 0}
}

// A MagTekResultError is a non-zero result code in a command response.
type MagTekResultError struct {
	Code byte
}

func (e *MagTekResultError) Error() string {
	meaning := "command-specific failure"
	switch e.Code {
	case 1:
		meaning = "failure"
	case 2:
		meaning = "bad parameter"
	case 7:
		meaning = "not allowed at this security level without a MAC"
	}
	return "webhid: MagTek result code 0x" + hexdigit.Uint(uint64(e.Code), 2) + " (" + meaning + ")"
}

// ParseMagTekPropertyResponse reads a command response feature report
// (without a report-ID byte): result code, data length, data. It returns the
// data (empty for Set Property and Reset) or a *MagTekResultError, or a
// *ReportError when the response is shorter than its length byte says.
func ParseMagTekPropertyResponse(b []byte) (value []byte, err error) {
	if len(b) < 2 {
		return nil, sizeError("", "MagTek response", len(b), 2)
	}
	if b[0] != 0 {
		return nil, &MagTekResultError{Code: b[0]}
	}
	n := 2 + int(b[1])
	if n > len(b) {
		return nil, sizeError("", "MagTek response", len(b), n)
	}
	return append([]byte(nil), b[2:n]...), nil
}

// TrackSetting is one track's part of a MagTek Track ID Enable property.
type TrackSetting byte

// Track settings; the fourth value (3) is reserved.
const (
	TrackDisabled TrackSetting = iota
	TrackEnabled
	TrackRequired // enabled, and a swipe without this track is an error
)

// DecodeTrackIDEnable splits a Track ID Enable value (default 0x95): bits 1–0
// track 1, 3–2 track 2, 5–4 track 3, bit 7 decode AAMVA and 7-bit cards too.
func DecodeTrackIDEnable(v byte) (tracks [3]TrackSetting, aamva bool) {
	for i := range tracks {
		tracks[i] = TrackSetting(v >> (2 * i) & 3)
	}
	return tracks, v&0x80 != 0
}

// ErrNoFeatureReport is returned by Reader.Feature for a reader whose report
// descriptor declares no feature report with the ID asked for.
var ErrNoFeatureReport = errors.New("webhid: the reader declares no such feature report")

// featureRequest zero-fills req to size, the feature report's length from
// the descriptor, since readers expect the whole report as it declares it.
func featureRequest(req []byte, size int) ([]byte, error) {
	if size <= 0 {
		return nil, ErrNoFeatureReport
	}
	if len(req) > size {
		return nil, &ReportError{Field: "feature request", Reason: ReasonFieldOverflow, Len: len(req), Want: size}
	}
	b := make([]byte, size)
	copy(b, req)
	return b, nil
}

// featureResponse removes the report-ID byte the browser may leave at the
// start of a received feature report: always for a non-zero reportID (as
// MagTek's own demo does), and for report ID 0 only when the response is one
// byte longer than the declared size and starts with that 0.
func featureResponse(reportID byte, resp []byte, size int) []byte {
	if len(resp) > 0 && (reportID != 0 || size > 0 && len(resp) == size+1 && resp[0] == 0) {
		return resp[1:]
	}
	return resp
}

// Names of the MagTek properties ReadMagTekProperties reads, the keys of
// MagTekProperties.Failed.
const (
	PropertySoftwareID  = "software_id"
	PropertySerial      = "serial"
	PropertyInterface   = "interface_type"
	PropertyTrackEnable = "track_enable"
)

// MagTekProperties are a MagTek reader's answers about itself. A property
// that could not be read is zero here and listed in Failed with the reason.
type MagTekProperties struct {
	SoftwareID string // part number and version
	// SerialNumber is the device serial (MagneSafe V5) or the USB serial
	// string (SureSwipe, often empty).
	SerialNumber string
	// InterfaceType is 0 for HID, 1 for keyboard (V5 also 2 UART, 3 BulleT);
	// a change applies after the reader's next reset.
	InterfaceType byte
	TrackIDEnable byte // decode with DecodeTrackIDEnable
	Failed        map[string]error
}

// ReadMagTekProperties asks a MagTek reader with product ID pid for its
// software ID, serial number, interface type and Track ID Enable setting, one
// Get Property command at a time through exchange, which sends a request and
// returns the response (Reader.Feature with report ID 0). The property IDs
// are the SureSwipe ones for PID 0x0002 and the MagneSafe V5 ones otherwise.
// A failed property does not stop the others.
func ReadMagTekProperties(pid uint16, exchange func(request []byte) ([]byte, error)) *MagTekProperties {
	serial, tracks := byte(MagTekPropV5DeviceSerial), byte(MagTekPropV5TrackIDEnable)
	if pid == 0x0002 {
		serial, tracks = MagTekPropUSBSerial, MagTekPropSureSwipeTrackIDEnable
	}
	p := &MagTekProperties{}
	get := func(name string, id byte, size int) []byte {
		resp, err := exchange(MagTekGetProperty(id))
		var v []byte
		if err == nil {
			v, err = ParseMagTekPropertyResponse(resp)
		}
		if err == nil && size > 0 && len(v) != size {
			err = sizeError("", name, len(v), size)
		}
		if err != nil {
			if p.Failed == nil {
				p.Failed = map[string]error{}
			}
			p.Failed[name] = err
			return nil
		}
		return v
	}
	p.SoftwareID = printable(get(PropertySoftwareID, MagTekPropSoftwareID, 0))
	p.SerialNumber = printable(get(PropertySerial, serial, 0))
	if v := get(PropertyInterface, MagTekPropInterfaceType, 1); v != nil {
		p.InterfaceType = v[0]
	}
	if v := get(PropertyTrackEnable, tracks, 1); v != nil {
		p.TrackIDEnable = v[0]
	}
	return p
}
