package cli

import (
	"context"
	"fmt"
)

func runValidate(ctx context.Context, env *Env, args []string) error {
	var o common
	fs := newFlags("validate", nil, nil)
	fs.StringVar(&o.dataset, "dataset", "", "dataset directory to validate (default: the built-in dataset)")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) == 1 && o.dataset == "" {
		o.dataset = pos[0]
	} else if len(pos) > 0 {
		return usagef("validate: unexpected argument %q", pos[len(pos)-1])
	}
	c, err := o.load()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "ok: %d documents, %d provisions, %d practices, %d mappings, %d profiles, %d claims\n",
		len(c.Documents), len(c.Provisions), len(c.Practices), len(c.Mappings), len(c.Profiles), len(c.Claims))
	return nil
}
