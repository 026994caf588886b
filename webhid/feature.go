package webhid

import "fmt"

// MagTek property IDs (webhid.md §1.5). SureSwipe readers and MagneSafe V5
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
	return fmt.Sprintf("webhid: MagTek result code 0x%02X (%s)", e.Code, meaning)
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
