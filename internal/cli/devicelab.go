package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"

	"github.com/bydesign-iot/bydesign/internal/devicelab"
)

type devicelabOptions struct {
	profile, base string
	count         int
	verbose       bool
}

func runDevicelab(ctx context.Context, env *Env, args []string) error {
	var o devicelabOptions
	fs := newFlags("devicelab", nil, nil)
	fs.StringVar(&o.profile, "profile", "acme-cam", "built-in profile ("+strings.Join(devicelab.BuiltinProfiles(), ", ")+") or a profile file (YAML/JSON)")
	fs.StringVar(&o.base, "base", "127.0.1.1", "first loopback address of the fleet")
	fs.IntVar(&o.count, "count", 1, "number of devices, on consecutive loopback addresses")
	fs.BoolVar(&o.verbose, "v", false, "log to stderr")
	pos, err := parse(fs, args, env.Stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("devicelab: unexpected argument %q", pos[0])
	}
	p, err := devicelab.LoadProfile(o.profile)
	if err != nil {
		return usagef("%v", err)
	}
	base, err := netip.ParseAddr(o.base)
	if err != nil || !base.Is4() || !base.IsLoopback() {
		return usagef("devicelab: --base %q: want an IPv4 loopback address such as 127.0.1.1 (the lab never listens elsewhere)", o.base)
	}
	if o.count < 1 || o.count > 65000 {
		return usagef("devicelab: --count must be between 1 and 65000")
	}
	if _, err := devicelab.FleetAddrs(base, o.count); err != nil {
		return usagef("%v", err)
	}
	log := slog.New(slog.DiscardHandler)
	if o.verbose {
		log = slog.New(slog.NewTextHandler(env.Stderr, nil))
	}
	fleet, err := devicelab.StartFleet(ctx, base, o.count, p, log)
	if err != nil {
		return err // the package's errors already say devicelab
	}
	defer fleet.Close()
	first, last := fleet.Devices[0].Addr, fleet.Devices[len(fleet.Devices)-1].Addr
	fmt.Fprintf(env.Stdout, "devicelab: %d x %s on %s-%s; %s\n", o.count, p.Name, first, last, strings.Join(devicelab.Ports(p), " "))
	fmt.Fprintln(env.Stdout, "devicelab: running until interrupted")
	<-ctx.Done()
	return nil
}
