package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/recording"
	"magcheck/decoder/audio/wav"
	"magcheck/message"
)

// runAudio decodes a recording and prints one report for each swipe in it:
// in JSON, an array of reports.
func runAudio(data []byte, opt decoder.Options, said decoder.TerminalSaid, lang message.Lang, reveal, asJSON bool, stdout, stderr io.Writer) int {
	s, err := recording.Read(data)
	if errors.Is(err, wav.ErrTruncated) && len(s.Data) > 0 {
		fmt.Fprintf(stderr, "magcheck decode: %v: decoding the %d samples before the end\n", err, len(s.Data))
	} else if err != nil {
		fmt.Fprintf(stderr, "magcheck decode: reading the recording: %v\n", err)
		return 1
	}
	swipes := decoder.DecodeAudio(s, opt)
	if len(swipes) == 0 {
		fmt.Fprintf(stderr, "magcheck decode: %s (%s s at %d Hz)\n", lang.Format(message.AudioNoSwipeLevel, audio.Loudness(s)),
			strconv.FormatFloat(float64(len(s.Data))/float64(max(s.Rate, 1)), 'f', 1, 64), s.Rate)
		return 1
	}
	views := make([]decoder.View, len(swipes))
	for i, sw := range swipes {
		views[i] = sw.Report.Told(said).View(lang, reveal)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(views); err != nil {
			fmt.Fprintf(stderr, "magcheck decode: %v\n", err)
			return 1
		}
		return 0
	}
	for i, sw := range swipes {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		sec := func(n int) string { return strconv.FormatFloat(float64(n)/float64(s.Rate), 'f', 2, 64) }
		fmt.Fprintln(stdout, lang.Format(message.AudioSwipeHeading, i+1, len(swipes), sec(sw.Swipe.Start), sec(sw.Swipe.End)))
		fmt.Fprint(stdout, views[i].Text())
	}
	return 0
}
