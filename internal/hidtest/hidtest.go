// Package hidtest builds the input reports of USB HID magnetic-stripe
// readers, for testing package webhid and the code built on it, as
// net/http/httptest serves tests of net/http. No public capture exists of
// most layouts, so tests build them.
//
// The builders follow the layouts MagTek and ID TECH document, described in
// docs/hid-reports.md: MagTek's 337-byte SureSwipe report, which ID TECH
// also sends as its "other" structure (Report337); the MagneSafe V5 report
// of 856 or 887 bytes (V5Report); ID TECH's structure report, a header and
// the reader's formatted text (StructureReport); and ID TECH's STX frames,
// whose card data is in the original or the enhanced encryption format
// (STXFrame, EnhancedCard). They write the offsets from the manuals, not
// from webhid's constants, so that a test compares the two.
//
// Two public vectors come whole: V1, the MagneSafe V5 report of MagTek's
// manual, and V4, ID TECH's original-format frame. Their SHA-256 sums pin
// them to the published bytes: V1Report and V4Frame fail the test that asks
// for a vector whose bytes differ.
package hidtest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
)

// The tracks of V1: MagTek's test card, as its MagneSafe V5 manual reads it
// in HID mode (Appendix D, Example 3).
const (
	V1Track1 = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?"
	V1Track2 = ";5452300551227189=080432100000007250?"
	V1Track3 = ";5163499080020445=000000000000?"
)

// V1Report returns V1, the 856-byte MagneSafe V5 report of MagTek's test
// card at security level 2: clear tracks in both the encrypted and the
// masked fields, encryption status 00 02 (key injected). The manual lists
// only its non-zero bytes; V1Report fills in the rest.
func V1Report(t testing.TB) []byte {
	t.Helper()
	b := make([]byte, 856)
	copy(b[3:], []byte{0x3C, 0x25, 0x1F, 0x00})
	for _, at := range []int{7, 508} {
		copy(b[at:], V1Track1)
		copy(b[at+112:], V1Track2)
		copy(b[at+224:], V1Track3)
	}
	b[494] = 0x02
	copy(b[505:], []byte{0x3C, 0x25, 0x1F})
	copy(b[852:], []byte{0x3C, 0x25, 0x1F, 0x36})
	pin(t, "V1", b, "e7530dff079a4ae6a41f4c4f35685575e5d0bc0ce9b5f1fe2beca97a054876c8")
	return b
}

// V4Hex is V4, the 387-byte ID TECH frame in the original encryption format
// that the Unitech MS246 manual (an ID TECH SecureMag) prints on page 39,
// without the one extra 2A byte the printed listing has in track 1's mask:
// with it, the length, LRC and checksum do not add up.
const V4Hex = `
027D01003F48236B252A343236362A2A2A2A2A2A2A2A393939395E4255534820
4A522F47454F52474520572E4D525E2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A
2A2A2A2A2A2A2A2A2A2A2A2A2A2A3F2A3B343236362A2A2A2A2A2A2A2A393939
393D2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A3F2A3B333333333333333333333736
3736373630373037303737363736373633333333333333333333373637363736
3037303730373736373637363333333333333333333337363736373630373037
303737363736373633333333333333333333373637363736303730373F32863E
9E3DA28E455B28F7736B77E47A64EDDA3BF03A06E44F31D1818C0BCD7A353FB1
AD70EFD30FFC3DA08A4FBC9372E57E8B40848BAEAA3FE724B3550E2F4B223E6B
F264BEAE9E39142B648CDB51FB8DAF8EA5B63913D29419B67582FCCCE9B37266
0F03668CC453216D9449C6B67EF33418AC88F65E1DB7ED4D10973F99DFC8463F
F6DF113B6226C4898A9D355057ECAF11A5598F02CA3162994901190000000001
399F03`

// V4Frame returns the bytes of V4Hex.
func V4Frame(t testing.TB) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(V4Hex), ""))
	if err != nil {
		t.Fatal(err)
	}
	pin(t, "V4", b, "46f98a3b52ac8fc9ae9b082ddcd1d49aadb85c5d24df0218a02160cddfb27ccf")
	return b
}

// pin fails t unless b has the given SHA-256 sum.
func pin(t testing.TB, name string, b []byte, sum string) {
	t.Helper()
	if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
		t.Fatalf("%s: sha256 %x, want %s", name, got, sum)
	}
}

// Report337 builds a 337-byte SureSwipe report, or an ID TECH report in its
// MagTek-compatible "other" structure: status[i] is track i+1's decode
// status (bit 0 set: error), tracks[i] its data, in a 110-byte field.
func Report337(encode byte, status [3]byte, tracks [3]string) []byte {
	b := make([]byte, 337)
	b[6] = encode
	for i, data := range tracks {
		b[i] = status[i]
		b[3+i] = byte(len(data))
		copy(b[7+110*i:], data)
	}
	return b
}

// V5Report describes a MagneSafe V5 report. Fields left zero stay zero in
// the report, as the reader leaves fields it does not use.
type V5Report struct {
	Size       int // 856 or 887; a size above 887 leaves the rest zero
	Encode     byte
	Status     [3]byte   // decode status of each track
	Tracks     [3]string // the "encrypted" track fields: clear at security level 2
	Masked     [3]string // the masked track fields
	CardStatus byte
	MagnePrint uint32 // MagnePrint status
	Serial     string // device serial number, up to 15 characters
	EncStatus  uint16 // reader encryption status
	KSN        string // DUKPT key serial number in hex, 10 bytes
	Version    string // MagneSafe version, 887-byte reports only
}

// Bytes builds the report. It panics if KSN is not hex.
func (v V5Report) Bytes() []byte {
	b := make([]byte, v.Size)
	b[6] = v.Encode
	for i, data := range v.Tracks {
		b[i] = v.Status[i]
		b[3+i] = byte(len(data))
		copy(b[7+112*i:], data)
		b[505+i] = byte(len(v.Masked[i]))
		copy(b[508+112*i:], v.Masked[i])
	}
	b[343] = v.CardStatus
	binary.LittleEndian.PutUint32(b[344:], v.MagnePrint)
	copy(b[477:493], v.Serial)
	binary.BigEndian.PutUint16(b[493:], v.EncStatus)
	ksn, err := hex.DecodeString(v.KSN)
	if err != nil {
		panic("hidtest: V5Report.KSN: " + err.Error())
	}
	copy(b[495:505], ksn)
	if v.Size >= 887 {
		copy(b[859:867], v.Version)
	}
	return b
}

// StructureReport builds an "ID TECH structure" report: decode status and
// length of each track, the card encode type, a little-endian total output
// length, then output, the reader's formatted text, in a 512-byte field.
func StructureReport(encode byte, status, lens [3]byte, output string) []byte {
	b := make([]byte, 9+512)
	copy(b, status[:])
	copy(b[3:], lens[:])
	b[6] = encode
	binary.LittleEndian.PutUint16(b[7:], uint16(len(output)))
	copy(b[9:], output)
	return b
}

// STXFrame wraps ID TECH card data as the encrypting readers send it: STX,
// the data's little-endian length, the data, its LRC (XOR) and checksum
// (sum), and ETX.
func STXFrame(card []byte) []byte {
	var lrc, sum byte
	for _, c := range card {
		lrc ^= c
		sum += c
	}
	b := []byte{0x02, byte(len(card)), byte(len(card) >> 8)}
	b = append(b, card...)
	return append(b, lrc, sum, 0x03)
}

// EnhancedCard builds card data in ID TECH's enhanced encryption format:
// card encode type, track status, the three clear lengths, fields 8 (which
// clear or masked data follow) and 9 (which encrypted data, hashes and KSN
// follow), then fields in the order given.
func EnhancedCard(encode, status byte, lens [3]int, f8, f9 byte, fields ...string) []byte {
	b := []byte{encode, status, byte(lens[0]), byte(lens[1]), byte(lens[2]), f8, f9}
	for _, f := range fields {
		b = append(b, f...)
	}
	return b
}

// Cipher returns n bytes that stand in for ciphertext: not text, and not
// all alike.
func Cipher(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0x80 + i*37)
	}
	return string(b)
}
