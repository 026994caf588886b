package main

import (
	"fmt"
	"slices"

	"magcheck/decoder"
	"magcheck/msr605"
	"magcheck/webhid"
)

// Devices --device names: HID devices whose capture files do not say which
// they are. The MSR605X has MagTek's USB IDs, 0801:0003, which a MagTek
// insert reader also has; in the page its report descriptor tells them
// apart, in a capture file nothing does.
const deviceMSR605X = "msr605x"

// Read modes --mode takes for reader-writers: auto finds it in the answer.
var msrModes = []string{"auto", "iso", "raw"}

// explained is an error whose words come from the message catalogue
// (decoder.Explain), in the report's language.
type explained struct{ err error }

func (e explained) Error() string { return e.err.Error() }
func (e explained) Unwrap() error { return e.err }

// decodeMSR605X reads a capture of an MSR605X's input reports, one a line
// of hex, joins them into its answers and decodes the card read among them.
func decodeMSR605X(data []byte, mode string, opt decoder.Options) (*decoder.Report, error) {
	msgs, err := webhid.ParseMSR605XLines(string(data))
	if err != nil {
		return nil, explained{err}
	}
	return decodeAnswers(msgs, msr605.LinkHID, mode, opt)
}

// decodeSerial reads what an MSR605 or MSR206 sent on its serial line, raw
// or in hex, and decodes the card read in it.
func decodeSerial(data []byte, mode string, opt decoder.Options) (*decoder.Report, error) {
	b, err := reportBytes(data)
	if err != nil {
		return nil, explained{err}
	}
	return decodeAnswers([][]byte{b}, msr605.LinkSerial, mode, opt)
}

// decodeAnswers reads a reader-writer's messages as msr605.ReadCapture
// does, in the mode --mode names (auto: the answer's), and decodes the
// one read among them.
func decodeAnswers(msgs [][]byte, link msr605.Link, mode string, opt decoder.Options) (*decoder.Report, error) {
	m := msr605.Mode(mode)
	if mode == "auto" {
		m = ""
	}
	r, dev, err := msr605.ReadCapture(msgs, link, m)
	if err != nil {
		return nil, explained{err}
	}
	return decoder.DecodeMSR605(r, dev, opt), nil
}

// checkMSRFlags refuses --device and --mode where they mean nothing.
func checkMSRFlags(input, device, mode string) error {
	if device != "" && device != deviceMSR605X {
		return fmt.Errorf("%w: -device %q: want %s", errUsage, device, deviceMSR605X)
	}
	if device != "" && input != "hid" {
		return fmt.Errorf("%w: -device applies to -input hid", errUsage)
	}
	if !slices.Contains(msrModes, mode) {
		return fmt.Errorf("%w: -mode %q: want auto, iso or raw", errUsage, mode)
	}
	return nil
}
