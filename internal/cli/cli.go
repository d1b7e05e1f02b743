// Package cli implements the bydesign command line: one file per command,
// each parsing its flags into an options struct and calling a pure function.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/catalog"
)

// Exit codes, documented in the help text.
const (
	ExitOK       = 0 // success
	ExitFindings = 1 // the check ran and found failures (assess, probe)
	ExitUsage    = 2 // bad command line, bad input file or dataset
	ExitInternal = 3 // anything else: I/O, network setup, a bug
)

// Env is what a command runs with.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader // nil means the process's standard input
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists every command explicitly; help prints them in this order.
func commands() []command {
	return []command{
		{"report", "regenerate the IS3C report's tables: annex1, annex2, regions, consistency, questions, recommendations, claims", runReport},
		{"matrix", "coverage matrix of practices by document, jurisdiction, region or category", runMatrix},
		{"gaps", "practices a jurisdiction or region lacks; unmapped documents; missing categories", runGaps},
		{"compare", "two or more jurisdictions side by side, practice by practice", runCompare},
		{"chart", "write the regional distribution or the coverage heat map as SVG", runChart},
		{"provisions", "provisions of a document, or every provision bearing on a practice", runProvisions},
		{"markets", "market and label profiles; 'markets show ID' for one with its provisions, conditions and routes", runMarkets},
		{"crosswalk", "how two regimes (documents or profiles) relate, provision by provision", runCrosswalk},
		{"export", "write the catalog, profiles and crosswalks as OSCAL 1.2 JSON or as CSV", runExport},
		{"practices", "list the canonical practices", runPractices},
		{"documents", "list the documents in the catalog", runDocuments},
		{"jurisdictions", "list the jurisdictions", runJurisdictions},
		{"validate", "load and validate a dataset directory", runValidate},
		{"probe", "probe devices inside an explicit scope: services, default credentials, brute-force and flood resilience", runProbe},
		{"devicelab", "run simulated IoT devices on loopback addresses for tests, demos and benchmarks", runDevicelab},
		{"assess", "check a product declaration (and probe evidence) against markets and labels; --batch for many", runAssess},
		{"procure", "a tender's requirements checklist from markets and practices; --evaluate DIR scores vendors' declarations", runProcure},
		{"serve", "run the web UI and JSON API (SQLite by default, PostgreSQL with --db postgres://)", runServe},
		{"backup", "copy the server's SQLite database while it runs (PostgreSQL: prints pg_dump guidance)", runBackup},
		{"restore", "replace the server's SQLite database with a verified backup", runRestore},
		{"unlock", "lift a login lockout from an account, working on the database directly (the way back for a locked-out administrator)", runUnlock},
	}
}

// Run is the whole program: it returns the process exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return ExitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, "bydesign", Version)
		return ExitOK
	}
	var cmd *command
	all := commands()
	for i := range all {
		if all[i].name == args[0] {
			cmd = &all[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "bydesign: unknown command %q (valid: %s)\n", args[0], strings.Join(commandNames(all), ", "))
		return ExitUsage
	}
	err := cmd.run(ctx, env, args[1:])
	return exitCode(stderr, err)
}

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

func commandNames(all []command) []string {
	names := make([]string, len(all))
	for i, c := range all {
		names[i] = c.name
	}
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "bydesign: IoT security-by-design policy as data and checks")
	fmt.Fprintln(w, "\nUsage: bydesign COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nCommon flags: --format table|json|csv|md, --dataset DIR (use a dataset directory instead of the built-in one)")
	fmt.Fprintln(w, "Run 'bydesign COMMAND -h' for a command's flags.")
	fmt.Fprintln(w, "\nExit status: 0 success; 1 the check found failures; 2 bad usage or bad input; 3 other errors.")
}

// UsageError is a bad command line or input; its message is safe to show.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// errFindings tells Run to exit 1 after a command printed its results.
var errFindings = errors.New("findings")

var errHelp = errors.New("help shown")

func exitCode(stderr io.Writer, err error) int {
	var ue *UsageError
	var de *catalog.DataError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return ExitOK
	case errors.Is(err, errFindings):
		return ExitFindings
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "bydesign: %s\n", ue.Msg)
		return ExitUsage
	case errors.As(err, &de):
		fmt.Fprintf(stderr, "bydesign: invalid dataset:\n%s\n", indent(err.Error()))
		return ExitUsage
	default:
		fmt.Fprintf(stderr, "bydesign: %v\n", err)
		return ExitInternal
	}
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return strings.Join(lines, "\n")
}

func choices(s []string) string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return strings.Join(c, ", ")
}

// plural writes n and the noun, with an s unless n is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
