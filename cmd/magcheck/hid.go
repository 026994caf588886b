package main

import (
	"fmt"
	"strconv"
	"strings"

	"magcheck/decoder"
	"magcheck/internal/hexdigit"
	"magcheck/webhid"
)

// hexID is a USB ID or report ID flag, written in hex with or without 0x.
type hexID struct {
	v    uint64
	bits int
}

func (h *hexID) String() string { return "0x" + hexdigit.Uint(h.v, 4) }

func (h *hexID) Set(s string) error {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	v, err := strconv.ParseUint(t, 16, h.bits)
	if err != nil {
		return fmt.Errorf("want hex, at most %d bits, e.g. 0x0801", h.bits)
	}
	h.v = v
	return nil
}

// hidFlags are the decode flags for --input hid.
type hidFlags struct {
	vid, pid, reportID hexID
}

func newHIDFlags() *hidFlags {
	return &hidFlags{
		vid:      hexID{webhid.VendorMagTek, 16},
		pid:      hexID{0x0011, 16},
		reportID: hexID{0, 8},
	}
}

// reportBytes reads a report file: hex text when every byte could be part
// of hex written out (digits, white space, commas, 0x), raw bytes otherwise.
func reportBytes(data []byte) ([]byte, error) {
	for _, c := range data {
		if !strings.ContainsRune("0123456789abcdefABCDEFxX, \t\r\n", rune(c)) {
			return data, nil
		}
	}
	b, err := webhid.ParseHex(string(data))
	if err != nil {
		return nil, fmt.Errorf("the input looks like hex but is not: %w", err)
	}
	return b, nil
}

// decode parses one input report of the device the flags name. A report
// Parse cannot decode is described by its length and first bytes, so the
// reader's actual layout can be looked up.
func (f *hidFlags) decode(data []byte, opt decoder.Options) (*decoder.Report, error) {
	data, err := reportBytes(data)
	if err != nil {
		return nil, err
	}
	dev := webhid.Device{VendorID: uint16(f.vid.v), ProductID: uint16(f.pid.v)}
	r, err := webhid.Parse(dev, byte(f.reportID.v), data)
	if err != nil {
		head := data[:min(len(data), 16)]
		more := ""
		if len(head) < len(data) {
			more = " …"
		}
		hint := ""
		if dev.VendorID == webhid.VendorMagTek && dev.ProductID == 0x0003 {
			hint = "; an MSR605X has these IDs too: add -device msr605x"
		}
		return nil, fmt.Errorf("%w (device %s, report ID %d, %d bytes: %s%s)%s",
			err, hexdigit.USBID(dev.VendorID, dev.ProductID), f.reportID.v, len(data), webhid.Hex(head), more, hint)
	}
	return decoder.DecodeHID(r, nil, opt), nil
}
