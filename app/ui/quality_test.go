package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// TestTrackQuality shows an audio track's stripe grade on its row, with
// the grade's code for tests and styles.
func TestTrackQuality(t *testing.T) {
	q := &decoder.QualityView{Grade: "marginal", GradeText: "临界", BitVariationPct: 12.5, SubintervalVariationPct: 4,
		AmplitudeMinPct: 80, WeakRegions: []decoder.WeakRegionView{}, LeadingZeros: 20, TrailingZeros: 21,
		SpeedIPS: &decoder.SpeedRangeView{Min: 14, Max: 22}}
	html := app.HTMLString(trackRow(decoder.TrackView{Number: 2, Status: "ok", Quality: q}, message.Chinese))
	for _, want := range []string{`data-grade="marginal"`, "磁条质量: 临界：位间距 ±12.5 %", "速度 14.0–22.0 英寸/秒"} {
		if !strings.Contains(html, want) {
			t.Errorf("track row without %q:\n%s", want, html)
		}
	}
	if html := app.HTMLString(trackRow(decoder.TrackView{Number: 1, Status: "absent"}, message.Chinese)); strings.Contains(html, "track-quality") {
		t.Errorf("quality on a track without one:\n%s", html)
	}
}

// TestBandGrade puts the grade on the track's band of the stripe picture;
// a reason not to grade is too long for the band, which says "not graded"
// and keeps the reason as its tooltip.
func TestBandGrade(t *testing.T) {
	for _, tt := range []struct {
		q    decoder.QualityView
		want []string
		not  string
	}{
		{decoder.QualityView{Grade: "poor", GradeText: "poor"},
			[]string{`data-grade="poor"`, "read · poor"}, "<title"},
		{decoder.QualityView{Grade: "not_graded", GradeText: "not graded: the recording is too noisy to tell the stripe's faults from the noise"},
			[]string{`data-grade="not_graded"`, "<title>not graded: the recording is too noisy to tell the stripe&#39;s faults from the noise</title>", "read · not graded"}, "read · not graded: the"},
	} {
		var b strings.Builder
		for _, e := range band(decoder.TrackView{Number: 2, Status: "ok", StatusText: "read", Quality: &tt.q}, message.English) {
			b.WriteString(app.HTMLString(e))
		}
		html := b.String()
		for _, want := range tt.want {
			if !strings.Contains(html, want) {
				t.Errorf("%s: band without %q:\n%s", tt.q.Grade, want, html)
			}
		}
		if strings.Contains(html, tt.not) {
			t.Errorf("%s: band with %q:\n%s", tt.q.Grade, tt.not, html)
		}
	}
}
