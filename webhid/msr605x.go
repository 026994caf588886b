package webhid

import (
	"bufio"
	"errors"
	"strconv"
	"strings"
	"sync"

	"magcheck/internal/device"
	"magcheck/msr605"
)

// The MSR605X is an MSR605-family reader-writer on USB HID. It speaks the
// MSR605's command protocol (package msr605), carried in 64-byte packets in
// both directions: the first byte is a header, bit 7 set on the first
// packet of a message, bit 6 on the last, bits 0–5 the payload length (at
// most 63); the payload follows and the rest is padding, which the device
// fills with leftovers rather than zeros. Commands go out as feature
// reports with report ID 0; answers come back as input reports.
//
// It uses MagTek's USB IDs, 0801:0003, which a MagTek insert reader also
// has. The report descriptor tells them apart: the MSR605X declares one
// 64-byte input report and no report IDs (and a 64-byte feature or output
// report for commands), where MagTek's readers declare reports of hundreds
// of bytes. Without a descriptor (a capture file), the caller must say
// which device it is.
const (
	MSR605XPacket    = 64
	msrxPayload      = 63
	msrxFirst        = 0x80
	msrxLast         = 0x40
	msrxLengthMask   = 0x3F
	msr605XProductID = 0x0003
)

// FormatMSR605X names the MSR605X's layout, for messages about its packets.
const FormatMSR605X = "msr605x"

// ReasonPacketOrder: a packet that continues a message arrived without its
// first packet.
const ReasonPacketOrder = "packet out of order"

// IsMSR605X reports whether dev is an MSR605X: MagTek's IDs 0801:0003 with
// a descriptor that declares only 64-byte input reports with report ID 0.
// Without a descriptor it is false: the IDs alone do not say.
func IsMSR605X(dev Device) bool {
	if dev.VendorID != VendorMagTek || dev.ProductID != msr605XProductID || len(dev.ReportSizes) != 1 {
		return false
	}
	n, ok := dev.ReportSizes[0]
	return ok && n == MSR605XPacket
}

// MSR605XPackets frames command c as the MSR605X takes it: 64-byte packets,
// the padding zeros. These are the only packets magcheck sends an MSR605X.
func MSR605XPackets(c msr605.Command) [][]byte {
	b := c.Bytes()
	var out [][]byte
	for i := 0; i < len(b); i += msrxPayload {
		n := min(msrxPayload, len(b)-i)
		p := make([]byte, MSR605XPacket)
		p[0] = byte(n)
		if i == 0 {
			p[0] |= msrxFirst
		}
		if i+n == len(b) {
			p[0] |= msrxLast
		}
		copy(p[1:], b[i:i+n])
		out = append(out, p)
	}
	return out
}

// featureAllowed refuses feature reports to an MSR605X, which takes nothing
// but MSR605's commands (Reader.MSR605): MagTek's feature commands are
// not for it.
func featureAllowed(dev Device) error {
	if IsMSR605X(dev) {
		return linkError(device.CodeFeatureFailed, "an MSR605X takes only MSR605 commands")
	}
	return nil
}

// An Assembler joins an MSR605X's input reports into its messages.
type Assembler struct {
	buf     []byte
	started bool
}

// Add takes one input report (64 bytes, no report-ID byte). It returns the
// message when the report was its last packet, else nil. A first packet
// drops an unfinished message. A report of another size, a packet that
// continues a message never begun, or a message longer than
// msr605.MaxAnswer is a *ReportError, and the message so far is dropped.
func (a *Assembler) Add(report []byte) ([]byte, error) {
	if len(report) != MSR605XPacket {
		a.Reset()
		return nil, sizeError(FormatMSR605X, "packet", len(report), MSR605XPacket)
	}
	h := report[0]
	if h&msrxFirst != 0 {
		a.Reset()
		a.started = true
	}
	if !a.started {
		return nil, &ReportError{Format: FormatMSR605X, Field: "packet", Reason: ReasonPacketOrder, Len: int(h), Want: msrxFirst}
	}
	n := int(h & msrxLengthMask)
	if n > msrxPayload {
		n = msrxPayload
	}
	if len(a.buf)+n > msr605.MaxAnswer {
		a.Reset()
		return nil, &ReportError{Format: FormatMSR605X, Field: "message", Reason: ReasonOversized, Len: len(a.buf) + n, Want: msr605.MaxAnswer}
	}
	a.buf = append(a.buf, report[1:1+n]...)
	if h&msrxLast == 0 {
		return nil, nil
	}
	msg := a.buf
	a.buf, a.started = nil, false
	return msg, nil
}

// Reset drops an unfinished message, zeroing it.
func (a *Assembler) Reset() {
	clear(a.buf)
	a.buf, a.started = a.buf[:0], false
}

// ErrNoReports: a capture holds no report.
var ErrNoReports = errors.New("webhid: no report in the capture")

// A LineError is a report of a capture that cannot be read: Line counts
// from 1, Err is encoding/hex's error, or a *ReportError for its size.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string {
	return "webhid: line " + strconv.Itoa(e.Line) + ": " + e.Err.Error()
}

func (e *LineError) Unwrap() error { return e.Err }

// ParseMSR605XLines reads a capture of MSR605X input reports, one a line in
// hex (as ParseHex reads it; blank lines are skipped), and joins them into
// the reader's messages. A line of 65 bytes whose first is 0 is taken as
// report ID 0 and the report, as hidapi captures them. A message left
// unfinished at the end is dropped; a line that is not hex or not a
// 64-byte report is a *LineError.
func ParseMSR605XLines(text string) ([][]byte, error) {
	var a Assembler
	var msgs [][]byte
	n, reports := 0, 0
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		b, err := ParseHex(line)
		if err != nil {
			return nil, &LineError{n, err}
		}
		if len(b) == MSR605XPacket+1 && b[0] == 0 {
			b = b[1:]
		}
		reports++
		msg, err := a.Add(b)
		if err != nil {
			return nil, &LineError{n, err}
		}
		if msg != nil {
			msgs = append(msgs, msg)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &LineError{n + 1, err}
	}
	if reports == 0 {
		return nil, ErrNoReports
	}
	return msgs, nil
}

// answers collects an open MSR605X's messages for MSR605 to wait on: the
// input-report listener adds packets, which must never block.
type answers struct {
	a    Assembler
	ch   chan answer
	gone chan struct{} // closed when the reader is unplugged
	once sync.Once
}

type answer struct {
	msg []byte
	err error
}

func newAnswers() *answers { return &answers{ch: make(chan answer, 1), gone: make(chan struct{})} }

// unplugged ends every wait for an answer.
func (l *answers) unplugged() { l.once.Do(func() { close(l.gone) }) }

// packet takes one input report; a finished message (or a framing error)
// replaces one not yet taken.
func (l *answers) packet(report []byte) {
	msg, err := l.a.Add(report)
	clear(report)
	if msg == nil && err == nil {
		return
	}
	for {
		select {
		case l.ch <- answer{msg, err}:
			return
		default:
		}
		select {
		case old := <-l.ch:
			clear(old.msg)
		default:
		}
	}
}

// drop empties the channel before a command, so its answer is the next.
func (l *answers) drop() {
	for {
		select {
		case old := <-l.ch:
			clear(old.msg)
		default:
			return
		}
	}
}
