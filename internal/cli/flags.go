package cli

import (
	"flag"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/bydesign-iot/bydesign/internal/catalog"
	"github.com/bydesign-iot/bydesign/internal/catalog/dataset"
	"github.com/bydesign-iot/bydesign/internal/render"
)

// common holds the flags every catalog command shares.
type common struct {
	format  string
	dataset string
}

func newFlags(name string, c *common, formats []render.Format) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c != nil {
		names := make([]string, len(formats))
		for i, f := range formats {
			names[i] = string(f)
		}
		fs.StringVar(&c.format, "format", string(formats[0]), "output format: "+strings.Join(names, ", "))
		fs.StringVar(&c.dataset, "dataset", "", "dataset directory (default: the built-in dataset)")
	}
	return fs
}

// parse parses flags that may come before, between or after positional
// arguments, and turns flag errors into usage errors. -h prints the flags.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				printFlags(fs, stdout)
				return nil, errHelp
			}
			if strings.HasPrefix(err.Error(), "flag provided but not defined") {
				return nil, usagef("%s: %v (valid: %s)", fs.Name(), err, flagNames(fs))
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagNames lists a command's flags for "valid choices" messages.
func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return strings.Join(names, ", ")
}

func printFlags(fs *flag.FlagSet, w io.Writer) {
	fs.SetOutput(w)
	io.WriteString(w, "Usage of bydesign "+fs.Name()+":\n")
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

func (c *common) formatIn(allowed []render.Format) (render.Format, error) {
	f, err := render.ParseFormat(c.format, allowed)
	if err != nil {
		return "", usagef("%v", err)
	}
	return f, nil
}

// open checks the format and loads the catalog, the prelude of every
// catalog command.
func (c *common) open(allowed []render.Format) (render.Format, *catalog.Catalog, error) {
	f, err := c.formatIn(allowed)
	if err != nil {
		return "", nil, err
	}
	cat, err := c.load()
	return f, cat, err
}

var builtin struct {
	once sync.Once
	cat  *catalog.Catalog
	err  error
}

// load returns the built-in catalog (loaded once) or the one in --dataset.
func (c *common) load() (*catalog.Catalog, error) {
	if c.dataset != "" {
		if st, err := os.Stat(c.dataset); err != nil || !st.IsDir() {
			return nil, usagef("--dataset %q is not a directory", c.dataset)
		}
		return catalog.Load(os.DirFS(c.dataset))
	}
	builtin.once.Do(func() { builtin.cat, builtin.err = catalog.Load(dataset.FS()) })
	return builtin.cat, builtin.err
}

// Builtin returns the built-in catalog for other packages (server, tests).
func Builtin() (*catalog.Catalog, error) { return (&common{}).load() }

// refuseEmpty fails when a flag was given with an empty value, where empty
// would silently mean its default (an unset shell variable, typically).
func refuseEmpty(fs *flag.FlagSet, name, want string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name && f.Value.String() == "" {
			err = usagef("%s: --%s is empty; give %s, or leave the flag out", fs.Name(), name, want)
		}
	})
	return err
}
