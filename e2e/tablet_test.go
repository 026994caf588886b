//go:build !wasm

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// tabletCheck measures the page as a tablet shows it. It is one JavaScript
// expression, with no driver-specific call, so the Firefox and WebKit
// drivers can evaluate the same check. It returns a tabletReport:
//
//   - viewport: the layout viewport's width and height in CSS pixels;
//   - scrollWidth, clientWidth: the document's, equal when nothing scrolls
//     sideways; wide: up to 10 elements reaching past the right edge;
//   - small: every visible control smaller than minTarget (44 px) in width
//     or height: buttons, links, inputs, selects, text areas, summaries
//     and focusable elements; for an input hidden behind its label (the
//     audio panel's file input), the label, which is its visible control;
//     not an element no pointer can reach (pointer-events: none: the
//     capture field);
//   - verdict, finding: the boxes of the verdict and of the first finding,
//     measured from the top of the document (null when not shown);
//   - scrollY: how far the page has scrolled by itself.
const tabletCheck = `(() => {
	const minTarget = 44;
	const de = document.documentElement;
	const round = x => Math.round(x * 10) / 10;
	const name = e => {
		let s = e.tagName.toLowerCase();
		if (e.id) s += '#' + e.id;
		if (typeof e.className === 'string' && e.className.trim()) s += '.' + e.className.trim().split(/\s+/).join('.');
		const text = (e.textContent || e.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
		return text ? s + ' "' + text.slice(0, 40) + '"' : s;
	};
	const shown = e => {
		if (e.getClientRects().length === 0) return false;
		const st = getComputedStyle(e);
		return st.visibility !== 'hidden' && st.display !== 'none';
	};
	const hiddenBehindLabel = e => {
		const r = e.getBoundingClientRect();
		return r.width <= 1 && r.height <= 1 && [...(e.labels || [])].some(shown);
	};
	const box = e => {
		if (!e || !shown(e)) return null;
		const r = e.getBoundingClientRect();
		return {top: round(r.top + scrollY), bottom: round(r.bottom + scrollY), left: round(r.left), right: round(r.right)};
	};
	const controls = 'a[href], button, input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
	const targets = new Set();
	for (const e of document.querySelectorAll(controls)) {
		if (!shown(e) || e.type === 'hidden' || getComputedStyle(e).pointerEvents === 'none') continue;
		if (hiddenBehindLabel(e)) [...e.labels].filter(shown).forEach(l => targets.add(l));
		else targets.add(e);
	}
	const small = [];
	for (const e of targets) {
		const r = e.getBoundingClientRect();
		if (r.width < minTarget || r.height < minTarget) small.push({element: name(e), width: round(r.width), height: round(r.height)});
	}
	const wide = [];
	for (const e of document.body.querySelectorAll('*')) {
		if (wide.length >= 10) break;
		const r = e.getBoundingClientRect();
		if (r.width > 0 && r.right > de.clientWidth + 0.5 && shown(e)) wide.push({element: name(e), right: round(r.right)});
	}
	return {
		viewport: {width: de.clientWidth, height: innerHeight},
		scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide: wide,
		small: small,
		verdict: box(document.querySelector('.verdict')),
		finding: box(document.querySelector('.finding')),
		scrollY: scrollY,
	};
})()`

// tabletReport is what tabletCheck returns.
type tabletReport struct {
	Viewport struct {
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
	} `json:"viewport"`
	ScrollWidth float64 `json:"scrollWidth"`
	ClientWidth float64 `json:"clientWidth"`
	Wide        []struct {
		Element string  `json:"element"`
		Right   float64 `json:"right"`
	} `json:"wide"`
	Small []struct {
		Element string  `json:"element"`
		Width   float64 `json:"width"`
		Height  float64 `json:"height"`
	} `json:"small"`
	Verdict *tabletBox `json:"verdict"`
	Finding *tabletBox `json:"finding"`
	ScrollY float64    `json:"scrollY"`
}

type tabletBox struct {
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
}

// layoutProblems lists what is wrong with the layout tabletCheck measured:
// a sideways scroll and targets too small to tap. Empty when none.
func (r tabletReport) layoutProblems() []string {
	var out []string
	if r.ScrollWidth > r.ClientWidth {
		out = append(out, fmt.Sprintf("scrolls sideways: scrollWidth %v > clientWidth %v; reaching past the edge: %+v",
			r.ScrollWidth, r.ClientWidth, r.Wide))
	}
	for _, s := range r.Small {
		out = append(out, fmt.Sprintf("tap target %.1f×%.1f px, under 44×44: %s", s.Width, s.Height, s.Element))
	}
	return out
}

// firstScreenProblems lists what of a result is not on the first screen:
// the verdict's or the first finding's top below the viewport, or the page
// scrolled by itself.
func (r tabletReport) firstScreenProblems() []string {
	var out []string
	if r.ScrollY != 0 {
		out = append(out, fmt.Sprintf("the page scrolled by itself to %v", r.ScrollY))
	}
	for _, b := range []struct {
		name string
		box  *tabletBox
	}{{"verdict", r.Verdict}, {"first finding", r.Finding}} {
		switch {
		case b.box == nil:
			out = append(out, "no "+b.name+" shown")
		case b.box.Top >= r.Viewport.Height:
			out = append(out, fmt.Sprintf("the %s starts at %v px, below the first screen (%v px)", b.name, b.box.Top, r.Viewport.Height))
		}
	}
	return out
}

// The page on Android tablets held upright (800×1280 and 600×1024 CSS px,
// touch, device scale factor 2) and held sideways (1280×800 and 1024×600),
// and on an iPad's screen (1024×1366): nothing scrolls sideways, every
// control is a 44 px tap target, and after a swipe the verdict and the
// first finding are on the first screen. Screenshots of that first screen,
// and of the whole page, go to e2e/out/.
func TestTabletLayout(t *testing.T) {
	for _, size := range []struct{ w, h int64 }{{800, 1280}, {600, 1024}, {1280, 800}, {1024, 600}, {1024, 1366}} {
		name := fmt.Sprintf("tablet-%dx%d", size.w, size.h)
		t.Run(name, func(t *testing.T) {
			p := newTestPage(t, pageTimings{})
			if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: size.w, Height: size.h, DeviceScaleFactor: 2, Mobile: true,
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(p.ctx, emulation.SetTouchEmulationEnabled,
				emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
				t.Fatal(err)
			}
			p.Reload()
			if !evalAs[bool](p, "matchMedia('(pointer: coarse)').matches") {
				t.Error("touch emulation is off: the page does not see a coarse pointer")
			}
			before := evalAs[tabletReport](p, tabletCheck)
			if before.Viewport.Width != float64(size.w) || before.Viewport.Height != float64(size.h) {
				t.Errorf("viewport %vx%v, want %dx%d", before.Viewport.Width, before.Viewport.Height, size.w, size.h)
			}
			for _, problem := range before.layoutProblems() {
				t.Error("before a swipe: " + problem)
			}

			swipe(p, vector(t, "msjs-credit-chip"), "us", false, 1)
			p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
			after := evalAs[tabletReport](p, tabletCheck)
			for _, problem := range append(after.layoutProblems(), after.firstScreenProblems()...) {
				t.Error("after a swipe: " + problem)
			}
			t.Logf("%s: verdict %+v, first finding %+v", name, after.Verdict, after.Finding)

			screen, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
			if err == nil {
				err = os.MkdirAll(outDir, 0o755)
			}
			if err == nil {
				err = os.WriteFile(filepath.Join(outDir, name+".png"), screen, 0o644)
			}
			if err != nil {
				t.Error(err)
			}
			p.Screenshot(name + "-full")
			if t.Failed() {
				t.Logf("see %s/%s.png; the whole page: %s-full.png", outDir, name, strings.TrimSuffix(name, ".png"))
			}
		})
	}
}
