package decoder

import (
	"encoding/hex"
	"errors"
	"strconv"
	"strings"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/wav"
	"magcheck/decoder/iso7811"
	"magcheck/decoder/wedge"
	"magcheck/internal/device"
	"magcheck/internal/hexdigit"
	"magcheck/message"
	"magcheck/msr605"
	"magcheck/webhid"
)

// Explain words an error of any input magcheck reads (reader text, a bit
// stream, a recording, a HID report or reader) for the person who gave
// it. An error it does not know is shown as it is.
func Explain(err error) message.Message {
	if e, ok := errors.AsType[*webhid.LineError](err); ok {
		return message.New(message.InputLine, e.Line, Explain(e.Err))
	}
	switch {
	case err == nil:
		return message.Message{}
	case errors.Is(err, wedge.ErrEmpty):
		return message.New(message.InputEmpty)
	case errors.Is(err, wedge.ErrTooLarge):
		return message.New(message.InputTooLarge, wedge.MaxCapture>>10)
	case errors.Is(err, wedge.ErrBinary):
		return message.New(message.InputBinary)
	case errors.Is(err, iso7811.ErrNoData):
		return message.New(message.EvidenceNoBits)
	case errors.Is(err, audio.ErrTooLong):
		return message.New(message.AudioTooLong)
	case errors.Is(err, webhid.ErrUnknownDevice):
		return message.New(message.HIDUnknownDevice)
	case errors.Is(err, webhid.ErrUnknownReport):
		return message.New(message.HIDUnknownReport)
	case errors.Is(err, webhid.ErrNoReports):
		return message.New(message.HIDNoReports)
	case errors.Is(err, hex.ErrLength):
		return message.New(message.HexOdd)
	}
	if e, ok := errors.AsType[hex.InvalidByteError](err); ok {
		return message.New(message.HexBadChar, strconv.QuoteRune(rune(e)))
	}
	if e, ok := errors.AsType[*msr605.Error](err); ok {
		return msrProblem(e)
	}
	if e, ok := errors.AsType[*device.Error](err); ok {
		return message.New(linkWords(e))
	}
	if e, ok := errors.AsType[*iso7811.SyntaxError](err); ok {
		return message.New(message.BitsUnreadable, e.Offset, syntaxProblem(e))
	}
	if e, ok := errors.AsType[*iso7811.DecodeError](err); ok {
		return message.New(message.EvidenceNoStart, e.Attempts)
	}
	if e, ok := errors.AsType[*audio.DecodeError](err); ok {
		return audioProblem(e)
	}
	if _, ok := errors.AsType[wav.FormatError](err); ok {
		return message.New(message.AudioFile)
	}
	if _, ok := errors.AsType[wav.UnsupportedError](err); ok {
		return message.New(message.AudioFile)
	}
	if e, ok := errors.AsType[*webhid.ReportError](err); ok {
		if e.Reason == webhid.ReasonPacketOrder {
			return message.New(message.HIDPacketOrder)
		}
		return message.New(keyIn(reportReasons, e.Reason, message.HIDLayout), e.Len, e.Want)
	}
	if m, ok := recordError(err); ok {
		return m
	}
	return message.New(message.Verbatim, err.Error())
}

func syntaxProblem(e *iso7811.SyntaxError) message.Message {
	switch e.Kind {
	case iso7811.SyntaxBadCharacter:
		return message.New(message.BitsBadCharacter)
	case iso7811.SyntaxNoBits:
		return message.New(message.BitsNoBits)
	case iso7811.SyntaxUnusedByte:
		return message.New(message.BitsUnusedByte)
	case iso7811.SyntaxExpected:
		return message.New(message.BitsExpected, strconv.Quote(e.Want))
	case iso7811.SyntaxNumberTooLarge:
		return message.New(message.BitsNumberAbove)
	case iso7811.SyntaxNumber:
		return message.New(message.BitsNumber)
	case iso7811.SyntaxNoLabel:
		return message.New(message.BitsNoLabel)
	}
	return message.New(message.BitsTrailing)
}

// audioProblem words why a swipe in a recording did not decode.
func audioProblem(e *audio.DecodeError) message.Message {
	switch e.Kind {
	case audio.FailRate:
		return message.New(message.EvidenceBadRate, int(e.Value))
	case audio.FailNoSwipe:
		return message.New(message.EvidenceNoSwipe)
	case audio.FailWeak:
		return message.New(message.EvidenceTooWeak)
	case audio.FailUndersampled:
		return message.New(message.EvidenceTooFewSamples, e.Value, audio.MinSamplesPerHalfCell)
	case audio.FailClipped:
		return message.New(message.EvidenceClipped)
	case audio.FailSNR:
		return message.New(message.EvidenceSNR, e.Value)
	case audio.FailMerged:
		return message.New(message.EvidencePulsesMerge, e.Value, audio.MinSamplesPerHalfCell)
	case audio.FailNoClock:
		return message.New(message.EvidenceNoClock)
	case audio.FailNoStart:
		return message.New(message.EvidenceNoStartFound)
	case audio.FailBlank:
		return message.New(message.EvidenceBlankStripe)
	case audio.FailCharacters:
		return message.New(message.EvidenceCharErrors, int(e.Value))
	case audio.FailNoise:
		return message.New(message.EvidenceNoisyTrack)
	}
	if e.Err != nil {
		return Explain(e.Err)
	}
	return message.New(message.EvidenceNoTrack)
}

// Fix is a likely cause of a failure with what fixes it: its words, and
// the commands to type, for a page to show as code.
type Fix struct {
	Reason   string // the cause: FixUdev, FixDialout, FixBusy, FixChromeOS
	Words    message.Message
	Commands []string
}

// The causes of a HID reader or a serial port that would not open.
const (
	FixUdev     = "udev"     // Linux: only root may open the device until a udev rule gives it to the user
	FixDialout  = "dialout"  // Linux: serial ports belong to the dialout group, and the user is not in it
	FixBusy     = "busy"     // another program (the POS software, a utility, another tab) has it open
	FixChromeOS = "chromeos" // ChromeOS: no rule to add; shared with Linux or Android apps, or a policy
)

// Fixes gives the likely causes of a HID reader or a serial port that
// would not open, most likely first, with their fix; none for any other
// error. The browser does not say why opening failed: the causes are those
// of the platform its user agent string names. On Linux the fix is a udev
// rule for the device's USB IDs and the commands that load it, and for a
// serial port the dialout group.
func Fixes(err error) []Fix {
	e, ok := errors.AsType[*device.Error](err)
	if !ok || e.Code != device.CodeOpenFailed {
		return nil
	}
	var fixes []Fix
	if e.Link == device.Serial {
		if linux(e.UserAgent) {
			fixes = append(fixes, Fix{FixDialout, message.New(message.SerialOpenDialout), []string{"sudo usermod -aG dialout $USER"}})
			if e.VendorID != 0 || e.ProductID != 0 {
				fixes = append(fixes, udevFix(message.SerialOpenUdev, `SUBSYSTEM=="tty"`, "serial", e.VendorID, e.ProductID))
			}
		}
		return hostFixes(fixes, e.UserAgent, message.SerialOpenChromeOS, message.SerialOpenBusy)
	}
	if linux(e.UserAgent) {
		fixes = append(fixes, udevFix(message.HIDOpenUdev, `KERNEL=="hidraw*"`, "hid", e.VendorID, e.ProductID))
	}
	return hostFixes(fixes, e.UserAgent, message.HIDOpenChromeOS, message.HIDOpenBusy)
}

// hostFixes adds, after the Linux fixes, ChromeOS's first where the user
// agent names it, and another program holding the device.
func hostFixes(fixes []Fix, ua string, chromeOS, busy message.Key) []Fix {
	if strings.Contains(ua, "CrOS") {
		fixes = append(fixes, Fix{Reason: FixChromeOS, Words: message.New(chromeOS)})
	}
	return append(fixes, Fix{Reason: FixBusy, Words: message.New(busy)})
}

// linux reports a user agent string of Linux, not Android or ChromeOS.
func linux(ua string) bool {
	return strings.Contains(ua, "Linux") && !strings.Contains(ua, "Android") && !strings.Contains(ua, "CrOS")
}

// udevFix is the udev rule that gives the user at the computer the device
// match (a hidraw node, a tty) with these USB IDs, written to a rules file
// of magcheck's whose name sorts before 73 (73-seat-late.rules applies
// the uaccess tag), and the commands that load it.
func udevFix(k message.Key, match, kind string, vendor, product uint16) Fix {
	id := hexdigit.USBID(vendor, product)
	// sysfs writes the IDs in lower case, and udev matches them as text.
	sysfs := strings.ToLower(id)
	rule := match + `, ATTRS{idVendor}=="` + sysfs[:4] + `", ATTRS{idProduct}=="` + sysfs[5:] + `", MODE="0660", TAG+="uaccess"`
	return Fix{FixUdev, message.New(k, id), []string{
		"echo '" + rule + "' | sudo tee /etc/udev/rules.d/60-magcheck-" + kind + ".rules",
		"sudo udevadm control --reload-rules && sudo udevadm trigger",
	}}
}

// linkWords is the message of a link's failure: the words of its link's
// table, else of serialErrors, whose reader-writer codes (no answer, no
// swipe) an MSR605X on HID shares; a code neither knows is a device that
// would not open.
func linkWords(e *device.Error) message.Key {
	own, fallback := serialErrors, message.SerialOpenFailed
	if e.Link == device.HID {
		own, fallback = hidErrors, message.HIDOpenFailed
	}
	return keyIn(own, e.Code, keyIn(serialErrors, e.Code, fallback))
}

// hidErrors word the WebHID failures.
var hidErrors = []named[device.Code]{
	{device.CodeNoWebHID, message.HIDNoWebHID}, {device.CodeInsecure, message.HIDInsecure},
	{device.CodeCancelled, message.HIDCancelled}, {device.CodeDenied, message.HIDDenied},
	{device.CodeUnplugged, message.HIDUnplugged}, {device.CodeFeatureFailed, message.HIDFeatureFailed},
	{device.CodeOpenFailed, message.HIDOpenFailed},
}

// reportReasons word what is wrong in a HID report.
var reportReasons = []named[string]{
	{webhid.ReasonTruncated, message.HIDTruncated}, {webhid.ReasonOversized, message.HIDOversized},
	{webhid.ReasonFieldOverflow, message.HIDFieldOverflow}, {webhid.ReasonBadLRC, message.HIDBadLRC},
	{webhid.ReasonBadChecksum, message.HIDBadChecksum}, {webhid.ReasonBadETX, message.HIDBadETX},
	{webhid.ReasonTrailingData, message.HIDTrailing}, {webhid.ReasonLayout, message.HIDLayout},
}

// serialErrors word the failures of Web Serial and of a reader-writer's
// conversation.
var serialErrors = []named[device.Code]{
	{device.CodeNoSerial, message.SerialNoSerial}, {device.CodeInsecure, message.SerialInsecure},
	{device.CodeCancelled, message.SerialCancelled}, {device.CodeDenied, message.SerialDenied},
	{device.CodeOpenFailed, message.SerialOpenFailed}, {device.CodeUnplugged, message.SerialUnplugged},
	{device.CodeSendFailed, message.SerialSendFailed}, {device.CodeNoAnswer, message.SerialNoAnswer},
	{device.CodeNoSwipe, message.SerialNoSwipe},
}

// msrProblems word what is wrong with a reader-writer's answer; at says
// the words name the byte where it was found.
var msrProblems = []struct {
	r  msr605.Reason
	k  message.Key
	at bool
}{
	{msr605.ReasonEmpty, message.MSREmpty, false}, {msr605.ReasonNoESC, message.MSRNoESC, false},
	{msr605.ReasonNotRead, message.MSRNotRead, false}, {msr605.ReasonTag, message.MSRTag, true},
	{msr605.ReasonEscape, message.MSREscape, true}, {msr605.ReasonTrailing, message.MSRTrailing, true},
	{msr605.ReasonText, message.MSRText, true}, {msr605.ReasonTruncated, message.MSRTruncated, true},
}

// msrProblem words what is wrong with a reader-writer's answer.
func msrProblem(e *msr605.Error) message.Message {
	switch {
	case e.Reason == msr605.ReasonTooLong:
		return message.New(message.MSRTooLong, e.Len, e.Max)
	case e.Reason == msr605.ReasonCount && e.Len == 0:
		return message.New(message.MSRNoRead)
	case e.Reason == msr605.ReasonCount:
		return message.New(message.MSRCount, e.Len)
	}
	for _, p := range msrProblems {
		if p.r == e.Reason && p.at {
			return message.New(p.k, e.Offset)
		}
		if p.r == e.Reason {
			return message.New(p.k)
		}
	}
	return message.New(message.MSRTruncated, e.Offset)
}
