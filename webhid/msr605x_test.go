package webhid

import (
	"bytes"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/iso7811"
	"magcheck/internal/device"
	"magcheck/internal/msrtest"
	"magcheck/msr605"
)

// Only MagTek's 0801:0003 with one 64-byte input report is an MSR605X: a
// MagTek reader on the same IDs declares larger reports, and without a
// descriptor the IDs do not say.
func TestIsMSR605X(t *testing.T) {
	for _, tc := range []struct {
		dev  Device
		want bool
	}{
		{Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{0: 64}}, true},
		{Device{VendorID: 0x0801, ProductID: 0x0003}, false},
		{Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{1: 887}}, false},
		{Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{0: 337}}, false},
		{Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{0: 64, 1: 64}}, false},
		{Device{VendorID: 0x0801, ProductID: 0x0011, ReportSizes: map[byte]int{0: 64}}, false},
		{Device{VendorID: 0x0ACD, ProductID: 0x0003, ReportSizes: map[byte]int{0: 64}}, false},
	} {
		if got := IsMSR605X(tc.dev); got != tc.want {
			t.Errorf("IsMSR605X(%04X:%04X %v) = %v", tc.dev.VendorID, tc.dev.ProductID, tc.dev.ReportSizes, got)
		}
		if err := featureAllowed(tc.dev); (err != nil) != tc.want {
			t.Errorf("%04X:%04X %v: feature reports allowed: %v", tc.dev.VendorID, tc.dev.ProductID, tc.dev.ReportSizes, err)
		}
	}
}

// TestFeatureRefusesMSR605X: the page's MagTek feature reports never go to
// an MSR605X (see msr605's TestBindingsSendOnlyCommands).
func TestFeatureRefusesMSR605X(t *testing.T) {
	err := featureAllowed(Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{0: 64}})
	if e, ok := errors.AsType[*device.Error](err); !ok || e.Code != device.CodeFeatureFailed {
		t.Errorf("feature report to an MSR605X: %v", err)
	}
}

// Commands go out in one packet each: header C2 (first, last, 2 bytes),
// ESC and the letter, zeros.
func TestMSR605XPackets(t *testing.T) {
	for _, c := range []msr605.Command{msr605.Reset(), msr605.ReadISO(), msr605.ReadRaw(), msr605.Firmware(), msr605.Model(), msr605.CommTest()} {
		ps := MSR605XPackets(c)
		want := msrtest.Packets(c.Bytes(), 0)
		if len(ps) != 1 || !bytes.Equal(ps[0], want[0]) || ps[0][0] != 0xC2 {
			t.Errorf("%s: packets % X, want % X", c, ps, want)
		}
	}
	if ps := MSR605XPackets(msr605.Command{}); len(ps) != 0 {
		t.Errorf("the zero Command: %d packets", len(ps))
	}
}

// Answers spanning packets join up, the padding (junk, as the device sends
// it) left out; a new first packet drops an unfinished message.
func TestAssembler(t *testing.T) {
	raw := msrtest.RawAnswer('0', msrtest.RawTrack(t, msrtest.Track1, iso7811.Alpha, 30, 30, nil),
		msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 30, 30, nil), msrtest.Track{})
	for _, msg := range [][]byte{msrtest.Manual(), raw, msrtest.FirmwareAnswer("REV?2.31"), bytes.Repeat([]byte{0x1B}, 63), bytes.Repeat([]byte{7}, 126)} {
		var a Assembler
		ps := msrtest.Packets(msg, 0x55)
		for i, p := range ps {
			got, err := a.Add(p)
			switch {
			case err != nil:
				t.Fatalf("packet %d: %v", i, err)
			case i < len(ps)-1 && got != nil:
				t.Fatalf("message after packet %d of %d", i+1, len(ps))
			case i == len(ps)-1 && !bytes.Equal(got, msg):
				t.Errorf("joined % X\nwant % X", got, msg)
			}
		}
	}
	var a Assembler
	first := msrtest.Packets(bytes.Repeat([]byte{1}, 100), 0)
	if _, err := a.Add(first[0]); err != nil {
		t.Fatal(err)
	}
	model := msrtest.Packets(msrtest.ModelAnswer("3"), 0x11)[0]
	if got, err := a.Add(model); err != nil || !bytes.Equal(got, msrtest.ModelAnswer("3")) {
		t.Errorf("a first packet after an unfinished message: % X, %v", got, err)
	}
}

func TestAssemblerErrors(t *testing.T) {
	reasonOf := func(err error) string {
		if e, ok := errors.AsType[*ReportError](err); ok {
			return e.Reason
		}
		return ""
	}
	var a Assembler
	if _, err := a.Add(make([]byte, 63)); reasonOf(err) != ReasonTruncated {
		t.Errorf("63 bytes: %v", err)
	}
	if _, err := a.Add(make([]byte, 65)); reasonOf(err) != ReasonOversized {
		t.Errorf("65 bytes: %v", err)
	}
	middle := msrtest.Packets(bytes.Repeat([]byte{1}, 200), 0)[1]
	if _, err := a.Add(middle); reasonOf(err) != ReasonPacketOrder {
		t.Errorf("a middle packet first: %v", err)
	}
	// An answer that never ends is refused at msr605.MaxAnswer.
	p := make([]byte, 64)
	p[0] = 0x80 | 63
	if _, err := a.Add(p); err != nil {
		t.Fatal(err)
	}
	p[0] = 63
	var err error
	for i := 0; i < 20 && err == nil; i++ {
		_, err = a.Add(p)
	}
	if reasonOf(err) != ReasonOversized {
		t.Errorf("endless answer: %v", err)
	}
}

func hexLines(ps [][]byte) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, hex.EncodeToString(p))
	}
	return strings.Join(lines, "\n")
}

// A capture of reports, one a line: hex as ParseHex reads it, 65-byte lines
// from hidapi (report ID 0 first), blank lines; bad lines are named.
func TestParseMSR605XLines(t *testing.T) {
	fw, read := msrtest.FirmwareAnswer("REV?2.31"), msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2), msrtest.ISO(msrtest.Track3))
	ps := append(msrtest.Packets(fw, 0x20), msrtest.Packets(read, 0x33)...)
	text := hexLines(ps[:1]) + "\n\n00" + hexLines(ps[1:2]) + "\n" + strings.ToUpper(hexLines(ps[2:])) + "\n"
	msgs, err := ParseMSR605XLines(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || !bytes.Equal(msgs[0], fw) || !bytes.Equal(msgs[1], read) {
		t.Errorf("messages % X", msgs)
	}
	if len(ps) < 3 {
		t.Fatalf("the read should span packets: %d", len(ps))
	}
	good := hexLines(ps[:1])
	for _, tc := range []struct {
		name, text string
		line       int
		want       error
	}{
		{"odd hex", good + "\nc2" + strings.Repeat("00", 63) + "0", 2, hex.ErrLength},
		{"not hex", good + "\n" + strings.Repeat("zz", 64), 2, hex.InvalidByteError('z')},
		{"short report", strings.Repeat("00", 63), 1, nil},
		{"long report", strings.Repeat("01", 65), 1, nil},
		{"out of order", hexLines(ps[2:3]), 1, nil},
	} {
		_, err := ParseMSR605XLines(tc.text)
		le, ok := errors.AsType[*LineError](err)
		if !ok || le.Line != tc.line || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want line %d (%v)", tc.name, err, tc.line, tc.want)
		}
	}
	if _, err := ParseMSR605XLines("\n \n"); !errors.Is(err, ErrNoReports) {
		t.Errorf("no reports: %v", err)
	}
	// A message left unfinished is dropped.
	if msgs, err := ParseMSR605XLines(hexLines(ps[1:2])); err != nil || len(msgs) != 0 {
		t.Errorf("a first packet alone: %q, %v", msgs, err)
	}
}

// The listener's side: a finished message waits for MSR605, a newer one
// replaces it, and drop clears it before the next command.
func TestAnswers(t *testing.T) {
	l := newAnswers()
	l.packet(msrtest.Packets(msrtest.ModelAnswer("1"), 0)[0])
	l.packet(msrtest.Packets(msrtest.ModelAnswer("2"), 0)[0])
	if a := <-l.ch; !bytes.Equal(a.msg, msrtest.ModelAnswer("2")) || a.err != nil {
		t.Errorf("answer % X, %v", a.msg, a.err)
	}
	l.packet(make([]byte, 10))
	l.drop()
	select {
	case a := <-l.ch:
		t.Errorf("answer after drop: %v", a)
	default:
	}
	p := msrtest.Packets(msrtest.Manual(), 0x40)[0]
	l.packet(p)
	if !slices.Equal(p, make([]byte, 64)) {
		t.Error("the report was not zeroed")
	}
	l.unplugged()
	l.unplugged()
	select {
	case <-l.gone:
	default:
		t.Error("unplugging ends no wait")
	}
}
