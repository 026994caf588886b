package ui

import "testing"

// A first visit's worker is the page's own version; only a cache of
// another version is an update.
func TestIsUpdate(t *testing.T) {
	for _, c := range []struct {
		name    string
		caches  []string
		version string
		want    bool
	}{
		{"first visit, own cache", []string{"app-abc"}, "abc", false},
		{"new version cached beside the old", []string{"app-abc", "app-def"}, "abc", true},
		{"old cache already gone", []string{"app-def"}, "abc", true},
		{"another origin's own caches do not count", []string{"app-abc", "other"}, "abc", false},
		{"no caches to go by", nil, "abc", true},
		{"no version to go by", []string{"app-abc"}, "", true},
	} {
		if got := isUpdate(c.caches, c.version); got != c.want {
			t.Errorf("%s: isUpdate(%q, %q) = %v, want %v", c.name, c.caches, c.version, got, c.want)
		}
	}
}
