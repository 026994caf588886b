package webhid_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"magcheck/internal/msrtest"
	"magcheck/msr605"
	"magcheck/webhid"
)

// FuzzMSR605X reads any text as a capture of MSR605X reports, one a line,
// and any bytes as a run of 64-byte packets: messages join up within
// msr605.MaxAnswer, and what is not a capture is refused with a typed
// error, never a panic.
func FuzzMSR605X(f *testing.F) {
	lines := func(ps [][]byte) string {
		var s []string
		for _, p := range ps {
			s = append(s, hex.EncodeToString(p))
		}
		return strings.Join(s, "\n")
	}
	read := msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2), msrtest.ISO(msrtest.Track3))
	for _, ps := range [][][]byte{
		msrtest.Packets(read, 0x5A), msrtest.Packets(msrtest.FirmwareAnswer("REV?2.31"), 0),
		msrtest.Packets(msrtest.Manual(), 0)[:1], msrtest.Packets(bytes.Repeat([]byte{1}, 200), 3)[1:],
	} {
		f.Add(lines(ps), bytes.Join(ps, nil))
	}
	f.Add("00"+lines(msrtest.Packets(msrtest.Manual(), 0)), []byte{0xC0})
	f.Add("c2 1b\n0x41", []byte{})
	f.Fuzz(func(t *testing.T, text string, packets []byte) {
		msgs, err := webhid.ParseMSR605XLines(text)
		if err != nil {
			var le *webhid.LineError
			if msgs != nil || !errors.Is(err, webhid.ErrNoReports) && !errors.As(err, &le) {
				t.Fatalf("untyped error or messages with error: %v", err)
			}
		}
		for _, m := range msgs {
			if len(m) > msr605.MaxAnswer {
				t.Fatalf("a message of %d bytes", len(m))
			}
		}
		var a webhid.Assembler
		for len(packets) > 0 {
			n := min(len(packets), webhid.MSR605XPacket)
			p := bytes.Clone(packets[:n])
			packets = packets[n:]
			msg, err := a.Add(p)
			if err != nil {
				if _, ok := errors.AsType[*webhid.ReportError](err); !ok || msg != nil {
					t.Fatalf("untyped error or message with error: %v", err)
				}
			}
			if len(msg) > msr605.MaxAnswer {
				t.Fatalf("a message of %d bytes", len(msg))
			}
		}
	})
}
