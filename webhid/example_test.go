package webhid_test

import (
	"errors"
	"fmt"

	"magcheck/webhid"
)

// A SureSwipe reader sends one 337-byte report per swipe: here track 1 failed
// to decode, track 2 was read and track 3 is blank.
func ExampleParse() {
	data := make([]byte, 337)
	track2 := ";5452300551227189=080432100000007250?"
	data[0] = 0x01 // track 1 decode status: error
	data[4] = byte(len(track2))
	copy(data[117:], track2)

	dev := webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0002}
	r, err := webhid.Parse(dev, 0, data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Vendor, r.Model, r.Format, r.CardEncodeType)
	for _, t := range r.Tracks {
		fmt.Printf("track %d: %v %q\n", t.Number, t.Status, t.Text)
	}
	for _, f := range r.Evidence {
		fmt.Printf("%+v\n", f)
	}
	// Output:
	// MagTek SureSwipe magtek-sureswipe-337 iso_aba
	// track 1: decode error ""
	// track 2: ok ";5452300551227189=080432100000007250?"
	// track 3: empty ""
	// {Kind:1 Track:0 Value:0 Other:0 Text:iso_aba}
	// {Kind:2 Track:1 Value:1 Other:0 Text:}
}

// An ID TECH reader at security level 3 sends an STX frame; this one (the
// enhanced format) carries track 2 masked and encrypted.
func ExampleParse_encrypted() {
	data, err := webhid.ParseHex(`
		02 40 00 80 12 00 17 00 02 82 3B 34 32 36 36 2A 2A 2A 2A 2A 2A 2A 2A 39
		39 39 39 3D 2A 2A 2A 2A 3F 91 C6 FB 30 65 9A CF 04 39 6E A3 D8 0D 42 77
		AC E1 16 4B 80 B5 EA 1F 54 62 99 49 01 19 00 00 00 00 01 A9 AD 03`)
	if err != nil {
		fmt.Println(err)
		return
	}
	dev := webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2010}
	r, err := webhid.Parse(dev, 0, data)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := r.Tracks[1]
	fmt.Println(r.Format, "encrypted:", r.Encrypted, "KSN:", r.KSN)
	fmt.Printf("track 2: %v, masked %q, %d encrypted bytes\n", t.Status, t.Text, t.EncryptedLength)
	// Output:
	// idtech-stx-enhanced encrypted: true KSN: 62994901190000000001
	// track 2: encrypted, masked ";4266********9999=****?", 24 encrypted bytes
}

// A report Parse cannot place is shown as it came, never guessed at.
func ExampleParse_unknownReport() {
	data := []byte{0xC5, 0x1B, 0x73}
	dev := webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0003}
	_, err := webhid.Parse(dev, 0, data)
	if errors.Is(err, webhid.ErrUnknownReport) {
		fmt.Printf("%d bytes: %s\n", len(data), webhid.Hex(data))
	}
	// Output:
	// 3 bytes: C5 1B 73
}

func ExampleDescribe() {
	vendor, model, mode := webhid.Describe(0x0801, 0x0001)
	fmt.Println(vendor, model, mode)
	// Output:
	// MagTek USB swipe reader keyboard
}

// Reading a MagTek property: the request is zero-filled to the feature report
// size, and the response is read back from the same feature report.
func ExampleMagTekGetProperty() {
	req := make([]byte, 24)
	copy(req, webhid.MagTekGetProperty(webhid.MagTekPropSoftwareID))
	fmt.Println(webhid.Hex(req[:4]))

	resp := []byte{0x00, 0x0B, '2', '1', '0', '4', '2', '8', '1', '2', 'D', '0', '1', 0x00, 0x00}
	value, err := webhid.ParseMagTekPropertyResponse(resp)
	fmt.Printf("%s %v\n", value, err)
	// Output:
	// 00 01 00 00
	// 21042812D01 <nil>
}

func ExampleDecodeTrackIDEnable() {
	tracks, aamva := webhid.DecodeTrackIDEnable(0x95)
	fmt.Println(tracks[0] == webhid.TrackEnabled, tracks[1] == webhid.TrackEnabled, tracks[2] == webhid.TrackEnabled, aamva)
	// Output:
	// true true true true
}

func ExampleParseHex() {
	b, err := webhid.ParseHex("0x02, 0x1F,\n021f")
	fmt.Println(webhid.Hex(b), err)
	// Output:
	// 02 1F 02 1F <nil>
}

// Asking a SureSwipe reader about itself. In the page, exchange is
// Reader.Feature with report ID 0; here it answers as the manual's examples.
func ExampleReadMagTekProperties() {
	answers := map[byte][]byte{
		webhid.MagTekPropSoftwareID:             append([]byte{0x00, 0x0B}, "21042812D01"...),
		webhid.MagTekPropUSBSerial:              {0x00, 0x00},
		webhid.MagTekPropInterfaceType:          {0x00, 0x01, 0x00},
		webhid.MagTekPropSureSwipeTrackIDEnable: {0x00, 0x01, 0x94},
	}
	p := webhid.ReadMagTekProperties(0x0002, func(req []byte) ([]byte, error) {
		return answers[req[2]], nil
	})
	tracks, _ := webhid.DecodeTrackIDEnable(p.TrackIDEnable)
	fmt.Printf("%s %q %d track 1 disabled: %v, failed: %d\n",
		p.SoftwareID, p.SerialNumber, p.InterfaceType, tracks[0] == webhid.TrackDisabled, len(p.Failed))
	// Output:
	// 21042812D01 "" 0 track 1 disabled: true, failed: 0
}
