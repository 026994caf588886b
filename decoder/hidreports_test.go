package decoder_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"magcheck/webhid"
)

// Reports for the HID adapter's tests, built as webhid's own tests build
// them (webhid/vectors_test.go, from the layouts in webhid.md): test files
// are not shared between packages. The SHA-256 sums pin the public vectors
// V1 and V4 to their published bytes.

var (
	sureSwipe = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0002}
	dynamag   = webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0011}
	secureMag = webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2010}
	idOther   = webhid.Device{VendorID: webhid.VendorIDTech, ProductID: 0x2020}
)

// The MagTek test card of MagneSafe V5 manual Appendix D, Example 3 (V1).
const (
	v1Track1 = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?"
	v1Track2 = ";5452300551227189=080432100000007250?"
	v1Track3 = ";5163499080020445=000000000000?"
)

// v1Report rebuilds the 856-byte Example 3 report from its sparse listing.
func v1Report(t testing.TB) []byte {
	b := make([]byte, 856)
	copy(b[3:], []byte{0x3C, 0x25, 0x1F, 0x00})
	for _, at := range []int{7, 508} {
		copy(b[at:], v1Track1)
		copy(b[at+112:], v1Track2)
		copy(b[at+224:], v1Track3)
	}
	b[494] = 0x02
	copy(b[505:], []byte{0x3C, 0x25, 0x1F})
	copy(b[852:], []byte{0x3C, 0x25, 0x1F, 0x36})
	const want = "e7530dff079a4ae6a41f4c4f35685575e5d0bc0ce9b5f1fe2beca97a054876c8"
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		t.Fatalf("V1 reconstruction: sha256 %x, want %s", sum, want)
	}
	return b
}

// v4Hex is the ID TECH original-encryption-format frame (S11 p.39, with the
// transcription artefact removed as webhid.md §4 V4 explains).
const v4Hex = `
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

func v4Frame(t testing.TB) []byte {
	b, err := hex.DecodeString(strings.Join(strings.Fields(v4Hex), ""))
	if err != nil {
		t.Fatal(err)
	}
	const want = "46f98a3b52ac8fc9ae9b082ddcd1d49aadb85c5d24df0218a02160cddfb27ccf"
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		t.Fatalf("V4: sha256 %x, want %s", sum, want)
	}
	return b
}

// tr is one track for the builders: the reader's status byte and its data.
type tr struct {
	status byte
	data   string
}

// report337 builds a SureSwipe / ID TECH "other" report (webhid.md §1.2).
func report337(encode byte, tracks [3]tr) []byte {
	b := make([]byte, 337)
	b[6] = encode
	for i, x := range tracks {
		b[i] = x.status
		b[3+i] = byte(len(x.data))
		copy(b[7+110*i:], x.data)
	}
	return b
}

// v5Report describes a MagneSafe V5 report (webhid.md §1.3): card encode
// type, card status and firmware version are left zero.
type v5Report struct {
	size       int       // 856 or 887
	tracks     [3]tr     // the "encrypted" track fields: clear at level 2
	masked     [3]string // masked track fields
	encStatus  uint16
	magnePrint uint32
	serial     string
	ksn        string // hex
}

func (v v5Report) bytes() []byte {
	b := make([]byte, v.size)
	for i, x := range v.tracks {
		b[i] = x.status
		b[3+i] = byte(len(x.data))
		copy(b[7+112*i:], x.data)
		b[505+i] = byte(len(v.masked[i]))
		copy(b[508+112*i:], v.masked[i])
	}
	binary.LittleEndian.PutUint32(b[344:], v.magnePrint)
	copy(b[477:493], v.serial)
	binary.BigEndian.PutUint16(b[493:], v.encStatus)
	ksn, err := hex.DecodeString(v.ksn)
	if err != nil {
		panic(err)
	}
	copy(b[495:505], ksn)
	return b
}

// cipher returns n stand-in ciphertext bytes.
func cipher(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0x80 + i*37)
	}
	return string(b)
}

// structureReport builds an "ID TECH structure" report with a 512-byte
// output field and a little-endian total output length.
func structureReport(encode byte, status, lens [3]byte, output string) []byte {
	b := make([]byte, 9+512)
	copy(b, status[:])
	copy(b[3:], lens[:])
	b[6] = encode
	binary.LittleEndian.PutUint16(b[7:], uint16(len(output)))
	copy(b[9:], output)
	return b
}
