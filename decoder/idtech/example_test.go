package idtech_test

import (
	"fmt"
	"strings"

	"magcheck/decoder/idtech"
)

func ExampleParse() {
	// An ID TECH SecuRED swipe as the reader types it in keyboard mode.
	r, err := idtech.Parse(bluefin + "\r")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("enhanced:", r.Enhanced, "typed as", r.Typing)
	fmt.Printf("length %d, LRC %02X (computed %02X), checksum %02X (computed %02X)\n", r.Length, r.LRC, r.LRCWant, r.Sum, r.SumWant)
	for _, t := range r.Report.Tracks {
		fmt.Printf("track %d: %s, %d encrypted bytes\n", t.Number, t.Status, t.EncryptedLength)
	}
	fmt.Println("serial", r.Report.SerialNumber, "KSN", r.Report.KSN)
	// Output:
	// enhanced: true typed as text-masked
	// length 412, LRC 6E (computed 6E), checksum 0A (computed 0A)
	// track 1: encrypted, 56 encrypted bytes
	// track 2: encrypted, 40 encrypted bytes
	// track 3: empty, 0 encrypted bytes
	// serial T134000064 KSN 629949960E0000A00072
}

func ExampleParse_damaged() {
	// A keystroke lost between the reader and the page.
	_, err := idtech.Parse(strings.Replace(bluefin, "C0A0EC", "C0AEC", 1))
	fmt.Println(err)
	// Output:
	// idtech: length does not match the characters typed (411, want 412) at offset 2
}
