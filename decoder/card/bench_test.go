package card

import "testing"

func BenchmarkFromTracks(b *testing.B) {
	for _, bm := range []struct {
		name       string
		t1, t2, t3 string
	}{
		{"payment", "B4123456789012349^PERSON/RANDOM.MR                ^18112019420244000001  199      ",
			"4123456789012349=18112019420244019901", ""},
		{"aamva", "FLDELRAY BEACH^DOE$JOHN$^4818 S FEDERAL BLVD^           ",
			"6360100462172082009=2101198799080=", "! 33435      I               1600                                   ECCECC00000"},
		{"private", "910012345", "6085719100260423=491212000000", ""},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if FromTracks(bm.t1, bm.t2, bm.t3) == nil {
					b.Fatal("nil card")
				}
			}
		})
	}
}
