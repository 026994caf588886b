package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/wedge"
	"magcheck/message"
)

// decodeInputs names the --input kinds and how much each may read. Every
// capture, be it reader text, a bit stream or a HID report (raw, or hex
// text about three times its size; the largest report is under 1 KiB), is
// read up to wedge.MaxCapture, the limit wedge itself puts on reader text;
// only a recording is larger.
var decodeInputs = map[string]int64{
	"wedge": wedge.MaxCapture,
	"bits":  wedge.MaxCapture,
	"hid":   wedge.MaxCapture,
	"audio": audio.MaxFileSize,
	// What an MSR605 or MSR206 sent: its answers are under 1 KiB.
	"serial": wedge.MaxCapture,
}

// errUsage marks a decode failure that is the caller's flags, not the input.
var errUsage = errors.New("usage")

func runDecode(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	reveal := fs.Bool("reveal", false, "show PAN, name and discretionary data in clear")
	nowFlag := fs.String("now", "", "check expiry against this date (YYYY-MM-DD) instead of today")
	langFlag := fs.String("lang", "en", "report language: en or zh")
	input := fs.String("input", "wedge", "what FILE holds: wedge (reader text), bits (raw bit stream), hid (one HID input report, raw or hex; with -device msr605x, the reader's reports, one a line of hex), serial (what an MSR605 or MSR206 sent on its serial line, raw or hex), audio (a WAV or MP3 recording: one report per swipe, a JSON array with -json)")
	hid := newHIDFlags()
	fs.Var(&hid.vid, "vid", "with -input hid: the reader's USB vendor ID, hex")
	fs.Var(&hid.pid, "pid", "with -input hid: the reader's USB product ID, hex")
	fs.Var(&hid.reportID, "report-id", "with -input hid: the report ID (0 when the reader uses none), hex")
	device := fs.String("device", "", "with -input hid: msr605x for an MSR605X reader-writer (its USB IDs, 0801:0003, are also a MagTek reader's, and a capture holds no descriptor to tell them apart)")
	mode := fs.String("mode", "auto", "with -input serial or -device msr605x: the read's mode, iso or raw (auto: from the answer)")
	saidFlag := fs.String("terminal-said", "", "what the POS terminal showed, read beside the swipe: "+message.TerminalCodes(", "))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: magcheck decode [flags] [FILE|-]\n\nReads one capture (standard input when FILE is - or missing) and prints a report.\nExit status: 0 decoded, 1 bad input (empty, binary, too large), 2 bad flags.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "magcheck decode: give one FILE (or - for standard input)")
		return 2
	}
	var opt decoder.Options
	if *nowFlag != "" {
		t, err := time.ParseInLocation("2006-01-02", *nowFlag, time.Local)
		if err != nil {
			fmt.Fprintf(stderr, "magcheck decode: -now %q: want YYYY-MM-DD\n", *nowFlag)
			return 2
		}
		opt.Now = t
	}
	lang := message.Lang(*langFlag)
	if !slices.Contains(message.Langs(), lang) {
		fmt.Fprintf(stderr, "magcheck decode: -lang %q: want en or zh\n", *langFlag)
		return 2
	}
	said, ok := decoder.ParseTerminalSaid(*saidFlag)
	if !ok && *saidFlag != "" {
		fmt.Fprintf(stderr, "magcheck decode: -terminal-said %q: want one of %s\n", *saidFlag, message.TerminalCodes(", "))
		return 2
	}
	limit, ok := decodeInputs[*input]
	if !ok {
		fmt.Fprintf(stderr, "magcheck decode: -input %q: want wedge, bits, hid, serial or audio\n", *input)
		return 2
	}
	if err := checkMSRFlags(*input, *device, *mode); err != nil {
		fmt.Fprintf(stderr, "magcheck decode: %v\n", err)
		return 2
	}
	name := fs.Arg(0)
	data, err := readInput(name, stdin, limit)
	if err != nil {
		fmt.Fprintf(stderr, "magcheck decode: %v\n", err)
		return 1
	}
	if *input == "audio" && len(data) > 0 {
		return runAudio(data, opt, said, lang, *reveal, *asJSON, stdout, stderr)
	}
	if len(data) == 0 || *input != "hid" && *input != "serial" && len(bytes.TrimSpace(bytes.Trim(data, "\x00"))) == 0 {
		fmt.Fprintln(stderr, "magcheck decode: the input is empty: nothing to decode (swipe into a file, or pipe the reader's text)")
		return 1
	}
	r, err := decodeAs(*input, data, opt, hid, *device, *mode)
	if err != nil {
		msg := err.Error()
		if _, ok := errors.AsType[explained](err); ok {
			msg = decoder.Explain(err).In(lang)
		}
		fmt.Fprintf(stderr, "magcheck decode: %s\n", msg)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	v := r.Told(said).View(lang, *reveal)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(stderr, "magcheck decode: %v\n", err)
			return 1
		}
		return 0
	}
	fmt.Fprint(stdout, v.Text())
	return 0
}

// readInput reads FILE (or standard input for "" and "-"), refusing more
// than limit bytes with a clear message rather than reading it all.
func readInput(name string, stdin io.Reader, limit int64) ([]byte, error) {
	r := stdin
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		if limit >= 1<<20 {
			return nil, fmt.Errorf("input is larger than %d MiB: not a single recording", limit>>20)
		}
		return nil, fmt.Errorf("input is larger than %d KiB: not a single capture", limit>>10)
	}
	return data, nil
}

func decodeAs(input string, data []byte, opt decoder.Options, hid *hidFlags, device, mode string) (*decoder.Report, error) {
	switch {
	case input == "bits":
		return decoder.DecodeBits(string(data), opt)
	case input == "hid" && device == deviceMSR605X:
		return decodeMSR605X(data, mode, opt)
	case input == "hid":
		return hid.decode(data, opt)
	case input == "serial":
		return decodeSerial(data, mode, opt)
	}
	return decoder.DecodeText(string(data), opt)
}
