package idtech_test

import (
	"strings"
	"testing"

	"magcheck/internal/hidtest"
)

// bluefin is an ID TECH SecuRED / SREDKey swipe as the reader types it in
// keyboard mode, published as the sample payload of a payment gateway's
// developer documentation (Bluefin Decryptx, "IDTech SecuRed"): the
// enhanced format, masked tracks 1 and 2 typed as text, everything else in
// hex, the length (0x019C = 412) counting the card data's characters and
// CheckLRC (6E) and CheckSum (0A) computed over them.
const bluefin = "029C01801F322400839B" +
	"%*4124********9990^TEST/BLUEFIN^****************?*" +
	";4124********9990=****************?*" +
	"C0A0ECE0C2E62E4542D3B823D9C2CDFBB3073350C5BF3D7471A40FF723EF092DD98C8E2E8D4D7C3FC369D5B64E99B1E92CD09168EC61FF08" +
	"1F3806B393B01CC4F440AB941B79AE28152B301FFC24B1CE560EE3F24E80FAF8515CFE9C7CC66DE9" +
	"0000000000000000000000000000000000000000000000000000000000000000000000000000000054313334303030303634" +
	"629949960E0000A00072" +
	"6E0A03"

// typedFrame types ID TECH card data as a reader in keyboard mode does:
// "02", the length, the header in hex, the masked tracks (at the given
// offsets and lengths of card) as text, the rest in hex, then CheckLRC,
// CheckSum and "03". With chars the length and checks count the typed
// characters, else the bytes; with allHex the masked tracks are hex too.
func typedFrame(card []byte, masked [][2]int, chars, allHex bool) string {
	var body strings.Builder
	for i := 0; i < len(card); {
		if !allHex && len(masked) > 0 && i == masked[0][0] {
			body.Write(card[i : i+masked[0][1]])
			i += masked[0][1]
			masked = masked[1:]
			continue
		}
		body.WriteString(hex2(card[i]))
		i++
	}
	var lrc, sum byte
	n := len(card)
	if chars {
		n = body.Len()
		for _, c := range []byte(body.String()) {
			lrc ^= c
			sum += c
		}
	} else {
		for _, c := range card {
			lrc ^= c
			sum += c
		}
	}
	return "02" + hex2(byte(n)) + hex2(byte(n>>8)) + body.String() + hex2(lrc) + hex2(sum) + "03"
}

func hex2(b byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[b>>4], digits[b&15]})
}

// v4Card is the card data of V4, ID TECH's original-format frame (the
// SecureMag manual's decryption example, as the Unitech MS246 manual
// prints it): masked tracks 1 and 2 and a clear track 3 at offset 5, of
// 72, 35 and 107 characters.
func v4Card(t testing.TB) ([]byte, [][2]int) {
	f := hidtest.V4Frame(t)
	return f[3 : len(f)-3], [][2]int{{5, 72}, {77, 35}, {112, 107}}
}
