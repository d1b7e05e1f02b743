//go:build !race

package assess

const raceEnabled = false
