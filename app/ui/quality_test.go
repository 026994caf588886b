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
