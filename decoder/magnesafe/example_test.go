package magnesafe_test

import (
	"errors"
	"fmt"
	"strings"

	"magcheck/decoder/magnesafe"
)

func ExampleParse() {
	// Example 12 of MagTek's MagneSafe V5 manual: a keyboard reader at
	// security level 3.
	r, err := magnesafe.Parse(example12)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("status %04X, encrypting %v\n", r.Status, r.Encrypting())
	fmt.Println("encrypted tracks:", r.Tracks[0].Encrypted, r.Tracks[1].Encrypted, r.Tracks[2].Encrypted, "bytes")
	fmt.Printf("MagnePrint status %08X, %d bytes\n", r.MagnePrintStatus, r.MagnePrint)
	fmt.Println("KSN", r.KSN, "format code", r.FormatCode)
	fmt.Printf("CRC %04X, computed %04X, matches %v\n", r.CRC, r.CRCWant, r.CRCOK())
	// Output:
	// status 0006, encrypting true
	// encrypted tracks: 64 40 32 bytes
	// MagnePrint status 000005A1, 56 bytes
	// KSN FFFF9876543210E00008 format code 0000
	// CRC 8FB7, computed 8FB7, matches true
}

func ExampleParse_damaged() {
	// A keystroke lost on the way: the record's track 1 field has an odd
	// number of hex digits. The masked tracks are still there.
	r, err := magnesafe.Parse(strings.Replace(example12, "C25C", "C5C", 1))
	var se *magnesafe.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Field+":", se.Kind, "at", se.Offset)
	}
	fmt.Println(len(r.Masked), "characters of masked tracks")
	// Output:
	// track 1 encrypted data: odd number of hex digits at 134
	// 128 characters of masked tracks
}

func ExampleCRC16() {
	// The check value of CRC-16/CCITT with initial value FFFF.
	fmt.Printf("%04X\n", magnesafe.CRC16("123456789"))
	// Output: 29B1
}
